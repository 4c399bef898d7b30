"""Issue 10, case 1: participants follow registrations and the delegation's roster, in both directions."""

import pytest

from events.meetings import services
from events.meetings.models import Meeting, MeetingRequest, Participant
from events.missions.services import add_delegate, update_delegate
from events.notifications.models import OutboundEmail
from events.registrations.models import Registration
from events.registrations.services import cancel_registration, register_company
from tests.factories import DelegationFactory, RepresentativeFactory
from tests.meetings.conftest import MeetingDay

pytestmark = pytest.mark.django_db


@pytest.fixture
def day(organiser):
    return MeetingDay(organiser)


def test_a_company_confirmed_after_the_grid_was_set_up_can_ask_at_once(day):
    newcomer = RepresentativeFactory(organization__name="Newcomer")

    register_company(
        day.session,
        acting_user=newcomer.user,
        organization=newcomer.organization,
        attendees=[{"full_name": "New", "email": newcomer.user.email}],
    )
    participant = Participant.objects.get(grid=day.grid, organization=newcomer.organization)
    request = services.request_meeting(
        day.grid, acting_user=newcomer.user, requester=participant, receiver=day.delegate(0), priority=2
    )

    assert request.status == MeetingRequest.Status.PENDING


def test_a_cancelled_company_leaves_with_its_requests_and_its_meetings(day):
    services.book_meeting(day.accepted(0, 1), acting_user=day.organiser, slot=day.slots[0], table=day.tables[0])
    services.publish_schedule(day.grid, acting_user=day.organiser)
    registration = Registration.objects.get(session=day.session, organization=day.companies[0].organization)

    cancel_registration(registration, acting_user=day.organiser)

    assert not Participant.objects.filter(grid=day.grid, organization=day.companies[0].organization).exists()
    assert MeetingRequest.objects.filter(grid=day.grid).count() == 0
    cancels = OutboundEmail.objects.filter(kind="invitation.cancel").values_list("to", flat=True)
    assert sorted(cancels) == sorted([day.companies[0].user.email, day.delegates[1].user.email])


def test_a_delegate_added_to_the_mission_takes_part_at_once(day):
    delegation = DelegationFactory(mission=day.stop.mission)

    delegate = add_delegate(delegation, acting_user=day.organiser, full_name="Late arrival", email="late@example.com")

    assert Participant.objects.filter(grid=day.grid, delegate=delegate).exists()


def test_a_delegate_who_becomes_the_interpreter_leaves_the_meetings_and_both_sides_are_told(day):
    """A helper made a delegate the delegation's interpreter: only heads and members meet companies, yet he kept
    his published meetings through re-runs, and nobody was told."""
    services.book_meeting(day.accepted(0, 1), acting_user=day.organiser, slot=day.slots[0], table=day.tables[0])
    services.publish_schedule(day.grid, acting_user=day.organiser)

    update_delegate(day.delegates[1], acting_user=day.organiser, role="interpreter", cancel_meetings=True)

    assert not Participant.objects.filter(grid=day.grid, delegate=day.delegates[1]).exists()
    cancels = OutboundEmail.objects.filter(kind="invitation.cancel").values_list("to", flat=True)
    assert sorted(cancels) == sorted([day.companies[0].user.email, day.delegates[1].user.email])
    # A member again: he takes part again, with no meeting.
    update_delegate(day.delegates[1], acting_user=day.organiser, role="member")
    assert Participant.objects.filter(grid=day.grid, delegate=day.delegates[1]).exists()


def test_a_role_that_meets_no_company_is_refused_while_the_delegate_has_meetings_unless_they_are_cancelled(day):
    """A helper made a delegate with booked meetings the interpreter: his meetings and requests were deleted and the
    companies mailed cancellations, and the organiser's form had said nothing of it. The change is refused, saying
    what it would cancel, until the organiser asks for the cancellations."""
    from django.core.exceptions import ValidationError

    services.book_meeting(day.accepted(0, 1), acting_user=day.organiser, slot=day.slots[0], table=day.tables[0])
    services.publish_schedule(day.grid, acting_user=day.organiser)
    services.request_meeting(
        day.grid, acting_user=day.companies[2].user, requester=day.company(2), receiver=day.delegate(1), priority=1
    )
    mail_before = OutboundEmail.objects.count()

    with pytest.raises(ValidationError) as refused:
        update_delegate(day.delegates[1], acting_user=day.organiser, role="staff")

    assert refused.value.message_dict == {
        "role": [
            "Delegate 1 has 1 meeting and 1 open request at One-to-one meetings. A staff member meets no company: "
            "changing the role cancels them for both sides. Confirm the cancellations to change it."
        ]
    }
    day.delegates[1].refresh_from_db()
    assert day.delegates[1].role == "member"
    assert Meeting.objects.filter(request__receiver=day.delegate(1)).exists()
    assert OutboundEmail.objects.count() == mail_before
    # Without meetings or requests, nothing is lost: the change goes through as asked.
    update_delegate(day.delegates[2], acting_user=day.organiser, role="interpreter")
    assert not Participant.objects.filter(grid=day.grid, delegate=day.delegates[2]).exists()


def test_the_api_and_the_admin_ask_to_confirm_the_cancellations(api_client, client, day):
    from django.contrib.auth.models import Permission

    from tests.missions.test_admin import posted_back

    services.book_meeting(day.accepted(0, 1), acting_user=day.organiser, slot=day.slots[0], table=day.tables[0])
    delegate = day.delegates[1]
    api_client.force_authenticate(day.organiser)

    refused = api_client.patch(f"/api/v1/delegates/{delegate.pk}/", {"role": "interpreter"}, format="json")

    assert refused.status_code == 400
    assert list(refused.json()) == ["role"]
    assert "1 meeting" in refused.json()["role"][0]
    day.organiser.is_staff = True
    day.organiser.save()
    day.organiser.user_permissions.add(*Permission.objects.filter(codename__in=["change_delegate", "view_delegate"]))
    client.force_login(day.organiser)
    url = f"/admin/missions/delegate/{delegate.pk}/change/"
    page = client.post(url, posted_back(client, url, role="interpreter"))
    assert page.status_code == 200
    assert "Confirm the cancellations to change it." in page.content.decode()
    delegate.refresh_from_db()
    assert delegate.role == "member"

    confirmed = client.post(url, posted_back(client, url, role="interpreter", cancel_meetings="on"))

    assert confirmed.status_code == 302
    delegate.refresh_from_db()
    assert delegate.role == "interpreter"
    assert not Meeting.objects.filter(request__receiver__delegate=delegate).exists()
    accepted = api_client.patch(
        f"/api/v1/delegates/{day.delegates[0].pk}/", {"role": "staff", "cancel_meetings": True}, format="json"
    )
    assert accepted.status_code == 200, accepted.json()


def test_the_meetings_page_says_why_a_company_cannot_ask_yet(client, organiser):
    from events.registrations.services import register_company as register
    from tests.factories import SessionFactory

    day = MeetingDay(organiser)
    approval = SessionFactory(
        stop=day.stop, kind="b2b_meetings", title="Investors' afternoon", registration_mode="approval"
    )
    representative = day.companies[0]
    register(
        approval,
        acting_user=representative.user,
        organization=representative.organization,
        attendees=[{"full_name": "Ana", "email": representative.user.email}],
    )
    client.force_login(representative.user)

    page = client.get("/meetings/").content.decode()

    assert "Investors&#x27; afternoon" in page
    assert "You can ask for meetings once the organisers approve your registration." in page
    assert "Companies ask the delegates for a meeting; each delegate accepts or declines." in page


def test_a_pinned_meeting_a_run_must_move_stays_pinned_where_it_lands(day):
    """A helper pinned a meeting, then blocked the delegate's time: the run moved it, as it must, but as a new,
    unpinned meeting, so the organiser's pin was silently lost."""
    meeting = services.book_meeting(
        day.accepted(0, 0), acting_user=day.organiser, slot=day.slots[2], table=day.tables[0]
    )
    services.pin_meeting(meeting, acting_user=day.organiser, pinned=True)
    slot = day.slots[2]
    services.block_period(day.delegate(0), acting_user=day.organiser, starts_at=slot.starts_at, ends_at=slot.ends_at)

    run = services.start_run(day.grid, acting_user=day.organiser)
    assert services.execute_run(run.pk).status == "done"

    moved = Meeting.objects.get(request=meeting.request, working=True)
    assert moved.slot != slot
    assert moved.pinned is True


def test_a_run_that_moved_a_pinned_meeting_says_so_on_the_board(client, day):
    """The run kept the pin (above) but its result said nothing of the move: the organiser who pinned the meeting
    read "Draft: placed 1 meetings" and no word that their pinned meeting now stands elsewhere."""
    meeting = services.book_meeting(
        day.accepted(0, 0), acting_user=day.organiser, slot=day.slots[2], table=day.tables[0]
    )
    services.pin_meeting(meeting, acting_user=day.organiser, pinned=True)
    services.book_meeting(day.accepted(1, 1), acting_user=day.organiser, slot=day.slots[3], table=day.tables[0])
    slot = day.slots[2]
    services.block_period(day.delegate(0), acting_user=day.organiser, starts_at=slot.starts_at, ends_at=slot.ends_at)

    run = services.execute_run(services.start_run(day.grid, acting_user=day.organiser).pk)

    assert run.quality["pinned_moved"] == 1
    client.force_login(day.organiser)
    page = client.get(f"/manage/sessions/{day.session.pk}/board/").content.decode()
    assert "1 pinned meeting had to move: one of its people is no longer free at its pinned time." in page


def test_a_run_that_moved_no_pinned_meeting_says_nothing_of_pins(client, day):
    meeting = services.book_meeting(
        day.accepted(0, 0), acting_user=day.organiser, slot=day.slots[2], table=day.tables[0]
    )
    services.pin_meeting(meeting, acting_user=day.organiser, pinned=True)

    run = services.execute_run(services.start_run(day.grid, acting_user=day.organiser).pk)

    assert run.quality["pinned_moved"] == 0
    client.force_login(day.organiser)
    assert "pinned meeting" not in client.get(f"/manage/sessions/{day.session.pk}/board/").content.decode()


def test_a_pinned_meeting_with_no_time_left_is_said_lost_not_moved(client, day):
    meeting = services.book_meeting(
        day.accepted(0, 0), acting_user=day.organiser, slot=day.slots[2], table=day.tables[0]
    )
    services.pin_meeting(meeting, acting_user=day.organiser, pinned=True)
    services.block_period(
        day.delegate(0),
        acting_user=day.organiser,
        starts_at=day.session.starts_at,
        ends_at=day.session.ends_at,
    )

    run = services.execute_run(services.start_run(day.grid, acting_user=day.organiser).pk)

    assert (run.quality["pinned_moved"], run.quality["pinned_unplaced"]) == (0, 1)
    client.force_login(day.organiser)
    page = client.get(f"/manage/sessions/{day.session.pk}/board/").content.decode()
    assert "1 pinned meeting could not be placed again: see the requests not placed." in page


def test_the_other_side_of_an_open_request_is_told_when_one_side_leaves_the_meetings(day):
    """A helper made a delegate staff, confirming the cancellations: the company's open request to him vanished
    from its page, and nobody told the company, while the delegate kept the "asks to meet you" mail. The side
    that stays is told its open request ended, and why; a booked meeting is told by its calendar CANCEL instead."""
    asked = services.request_meeting(
        day.grid, acting_user=day.companies[2].user, requester=day.company(2), receiver=day.delegate(1), priority=1
    )
    services.request_meeting(
        day.grid, acting_user=day.companies[0].user, requester=day.company(0), receiver=day.delegate(0), priority=1
    )

    update_delegate(day.delegates[1], acting_user=day.organiser, role="staff", cancel_meetings=True)
    cancel_registration(
        Registration.objects.get(organization=day.companies[0].organization), acting_user=day.companies[0].user
    )

    ended = {row.to: row.subject for row in OutboundEmail.objects.filter(kind="meeting_request.ended")}
    assert ended == {
        day.companies[2].user.email: "Delegate 1 no longer takes part: One-to-one meetings",
        day.delegates[0].user.email: "Company 0 no longer takes part: One-to-one meetings",
    }
    assert not MeetingRequest.objects.filter(pk=asked.pk).exists()
