"""Issue 13: meetings that happened. Either side marks a published meeting held from its start; an
organiser confirms no-shows once it is over; the figures count held / no-show / unknown per company."""

import datetime as dt

import pytest

from events.core.errors import ConflictError, PermissionDeniedError
from events.meetings import selectors, services
from events.meetings.models import Meeting, MeetingOutcome
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def published(day):
    """Two published meetings: Company 0 with Delegate 0 in the first slot, Company 1 with Delegate 1 in the third."""
    services.book_meeting(day.accepted(0, 0), acting_user=day.organiser, slot=day.slots[0], table=day.tables[0])
    services.book_meeting(day.accepted(1, 1), acting_user=day.organiser, slot=day.slots[2], table=day.tables[1])
    services.publish_schedule(day.grid, acting_user=day.organiser)
    first, third = Meeting.objects.filter(version__isnull=False).order_by("slot__starts_at")
    return first, third


def test_either_side_marks_a_meeting_held_once_its_slot_started_and_the_first_time_stands(day, published):
    first, _ = published
    during = first.slot.starts_at + dt.timedelta(minutes=5)

    with pytest.raises(ConflictError):
        services.mark_held(first, acting_user=day.companies[0].user, now=first.slot.starts_at - dt.timedelta(minutes=1))
    outcome = services.mark_held(first, acting_user=day.delegates[0].user, now=during)
    again = services.mark_held(first, acting_user=day.companies[0].user, now=during + dt.timedelta(minutes=3))

    assert (outcome.held_at, again.held_at) == (during, during)
    assert again.marked_by == day.delegates[0].user


def test_nobody_else_marks_it(day, published):
    first, _ = published

    for outsider in (day.companies[1].user, day.delegates[1].user, UserFactory()):
        with pytest.raises(PermissionDeniedError):
            services.mark_held(first, acting_user=outsider, now=first.slot.ends_at)
    assert not MeetingOutcome.objects.exists()


def test_an_ended_meeting_unmarked_is_a_no_show_candidate_the_organiser_confirms(day, published):
    first, third = published
    after_both = third.slot.ends_at + dt.timedelta(minutes=1)
    services.mark_held(first, acting_user=day.companies[0].user, now=first.slot.ends_at)

    outcomes = selectors.meeting_outcomes(day.grid, now=after_both)
    assert outcomes.no_show_candidates == [third]
    with pytest.raises(ConflictError):
        services.confirm_no_show(third, acting_user=day.organiser, now=third.slot.starts_at)
    with pytest.raises(PermissionDeniedError):
        services.confirm_no_show(third, acting_user=day.companies[1].user, now=after_both)
    with pytest.raises(ConflictError):
        services.confirm_no_show(first, acting_user=day.organiser, now=after_both)
    services.confirm_no_show(third, acting_user=day.organiser, now=after_both)

    outcomes = selectors.meeting_outcomes(day.grid, now=after_both)
    assert outcomes.session == {"held": 1, "no_show": 1, "unknown": 0}
    assert outcomes.by_company == {
        "Company 0": {"held": 1, "no_show": 0, "unknown": 0},
        "Company 1": {"held": 0, "no_show": 1, "unknown": 0},
    }
    assert outcomes.no_show_candidates == []


def test_a_late_we_met_takes_back_a_no_show(day, published):
    _, third = published
    after = third.slot.ends_at + dt.timedelta(minutes=10)
    services.confirm_no_show(third, acting_user=day.organiser, now=after)

    outcome = services.mark_held(third, acting_user=day.companies[1].user, now=after + dt.timedelta(minutes=1))

    assert outcome.no_show_at is None
    assert outcome.held_at == after + dt.timedelta(minutes=1)


def test_the_mark_outlives_a_new_publication(day, published):
    first, _ = published
    services.mark_held(first, acting_user=day.companies[0].user, now=first.slot.ends_at)
    # Another meeting booked, then version 2, which copies the first one with its mark.
    services.book_meeting(day.accepted(2, 2), acting_user=day.organiser, slot=day.slots[1], table=day.tables[2])
    services.publish_schedule(day.grid, acting_user=day.organiser)

    outcomes = selectors.meeting_outcomes(day.grid, now=first.slot.ends_at)

    assert outcomes.session["held"] == 1


def test_the_api_lets_a_side_say_we_met_and_organisers_read_the_figures(api_client, day, published, settings):
    first, _ = published
    from django.utils import timezone

    # Published meetings in 2099: a "now" after them is needed for the service; the API uses the clock,
    # so move this meeting's slot into the past for the test.
    first.slot.starts_at = timezone.now() - dt.timedelta(minutes=10)
    first.slot.save(update_fields=["starts_at"])
    api_client.force_authenticate(day.companies[0].user)

    response = api_client.post(f"/api/v1/meetings/{first.pk}/held/")
    outsider = api_client.post(f"/api/v1/meetings/{published[1].pk}/held/")

    assert response.status_code == 200, response.json()
    assert response.json()["held_at"] is not None
    assert outsider.status_code == 404
    api_client.force_authenticate(day.organiser)
    figures = api_client.get(f"/api/v1/meeting-grids/{day.grid.pk}/outcomes/").json()
    assert figures["session"]["held"] == 1


def test_the_meetings_page_offers_we_met_once_the_meeting_started_and_then_says_held(client, day, published):
    from django.utils import timezone

    first, third = published
    first.slot.starts_at = timezone.now() - dt.timedelta(minutes=10)
    first.slot.save(update_fields=["starts_at"])
    client.force_login(day.companies[0].user)

    page = client.get("/meetings/").content.decode()
    assert page.count(">We met<") == 1  # the started meeting only, not one in the future
    response = client.post(f"/meetings/{first.pk}/held/", follow=True)

    text = response.content.decode()
    assert "Noted: your meeting with Delegate 0 took place." in text
    assert "Held (marked at " in text
    assert ">We met<" not in text
    assert client.post(f"/meetings/{third.pk}/held/").status_code == 404  # not this company's meeting


def test_scanning_the_other_sides_badge_at_the_table_marks_the_meeting_of_the_moment_held(day, published):
    from events.checkin.meetings import mark_met_by_scan
    from events.checkin.services import issue_badges

    first, third = published
    badges = issue_badges(day.session.stop.mission)
    delegate_badge = badges[day.delegates[0].calendar_address]
    during = first.slot.starts_at + dt.timedelta(minutes=3)

    with pytest.raises(ConflictError):  # Delegate 1 is across the table from Company 1, not Company 0
        mark_met_by_scan(
            acting_user=day.companies[0].user, secret=badges[day.delegates[1].calendar_address].secret, now=during
        )
    with pytest.raises(ConflictError):  # the right person, at another time
        mark_met_by_scan(acting_user=day.companies[0].user, secret=delegate_badge.secret, now=third.slot.starts_at)
    meeting, outcome = mark_met_by_scan(acting_user=day.companies[0].user, secret=delegate_badge.secret, now=during)

    assert meeting.pk == first.pk
    assert outcome.held_at == during
    company_badge = badges[day.companies[1].user.email.lower()]
    _, late = mark_met_by_scan(acting_user=day.delegates[1].user, secret=company_badge.secret, now=third.slot.starts_at)
    assert late.held_at == third.slot.starts_at


def test_the_api_takes_a_badge_scan_at_the_table(api_client, day, published):
    from django.utils import timezone

    from events.checkin.services import issue_badges

    first, _ = published
    first.slot.starts_at = timezone.now() - dt.timedelta(minutes=5)
    first.slot.ends_at = timezone.now() + dt.timedelta(minutes=15)
    first.slot.save(update_fields=["starts_at", "ends_at"])
    secret = issue_badges(day.session.stop.mission)[day.delegates[0].calendar_address].secret
    api_client.force_authenticate(day.companies[0].user)

    response = api_client.post("/api/v1/meeting-scans/", {"secret": secret}, format="json")
    nobody = api_client.post("/api/v1/meeting-scans/", {"secret": "A" * 32}, format="json")

    assert response.status_code == 200, response.json()
    assert response.json()["meeting"] == first.pk
    assert nobody.status_code == 409


def test_the_board_counts_outcomes_per_company_and_confirms_a_no_show(client, day, published):
    from django.utils import timezone

    first, third = published
    for meeting, minutes in ((first, 120), (third, 60)):
        meeting.slot.starts_at = timezone.now() - dt.timedelta(minutes=minutes)
        meeting.slot.ends_at = meeting.slot.starts_at + dt.timedelta(minutes=20)
        meeting.slot.save(update_fields=["starts_at", "ends_at"])
    services.mark_held(first, acting_user=day.companies[0].user)
    client.force_login(day.organiser)

    board = client.get(f"/manage/sessions/{day.session.pk}/board/").content.decode()
    assert "Held: 1 · no-show: 0 · not known: 1" in board
    assert "Confirm no-show" in board
    client.post(f"/manage/meetings/{third.pk}/no-show/")

    board = client.get(f"/manage/sessions/{day.session.pk}/board/").content.decode()
    assert "Held: 1 · no-show: 1 · not known: 0" in board
    assert "Confirm no-show" not in board
    client.force_login(day.companies[1].user)
    assert client.post(f"/manage/meetings/{third.pk}/no-show/").status_code == 404


@pytest.fixture
def colleague(day):
    """Company 0's attendee at the meetings: a colleague with an account of her own, who represents no company."""
    from events.registrations.models import Attendee
    from events.registrations.services import change_attendee_email

    marie = UserFactory(email="marie@company0.example", full_name="Marie Curie")
    attendee = Attendee.objects.get(registration__organization=day.companies[0].organization)
    change_attendee_email(attendee, acting_user=day.organiser, email=marie.email)
    return marie


def test_the_colleague_at_the_table_finds_the_meeting_on_her_meetings_page_and_says_we_met(
    client, day, published, colleague
):
    """A company's named attendee who is no representative had the meeting on her agenda and in her feed, and her
    meetings page said "No meeting is scheduled for you yet". She is the one at the table: she sees it there and
    marks it held, by the button or by scanning the delegate's badge."""
    from django.utils import timezone

    first, third = published
    first.slot.starts_at = timezone.now() - dt.timedelta(minutes=10)
    first.slot.save(update_fields=["starts_at"])
    client.force_login(colleague)

    page = client.get("/meetings/").content.decode()

    assert f'data-meeting="{first.pk}"' in page
    assert f'data-meeting="{third.pk}"' not in page
    assert "No meeting is scheduled for you yet" not in page
    response = client.post(f"/meetings/{first.pk}/held/", follow=True)
    assert "Noted: your meeting with Delegate 0 took place." in response.content.decode()
    assert MeetingOutcome.objects.get(request=first.request).marked_by == colleague


def test_the_colleague_at_the_table_finds_the_meeting_in_the_api_too(api_client, published, colleague):
    first, third = published
    api_client.force_authenticate(colleague)

    listed = api_client.get("/api/v1/meetings/").json()

    assert [meeting["id"] for meeting in listed["results"]] == [first.pk]


def test_the_colleague_at_the_table_scans_the_delegates_badge(day, published, colleague):
    from events.checkin.meetings import mark_met_by_scan
    from events.checkin.services import issue_badges

    first, _ = published
    badges = issue_badges(day.session.stop.mission)
    during = first.slot.starts_at + dt.timedelta(minutes=3)

    meeting, outcome = mark_met_by_scan(
        acting_user=colleague, secret=badges[day.delegates[0].calendar_address].secret, now=during
    )

    assert (meeting.pk, outcome.held_at) == (first.pk, during)
