"""Issue 10: a meeting's calendar identity belongs to the request (the pair), not to a row a re-run replaces.

A re-run of the scheduler deletes and re-creates the board's unpinned meetings. Publishing again
must then send nothing for a meeting that kept its slot and table, one update for one that moved,
and a CANCEL only for one that no longer exists.
"""

import icalendar
import pytest

from events.core.errors import ConflictError
from events.meetings import services
from events.meetings.models import Meeting
from events.notifications.models import OutboundEmail
from tests.meetings.conftest import MeetingDay

pytestmark = pytest.mark.django_db


@pytest.fixture
def day(organiser):
    return MeetingDay(organiser)


def run_scheduler(day):
    run = services.start_run(day.grid, acting_user=day.organiser)
    return services.execute_run(run.pk)


def publish(day):
    return services.publish_schedule(day.grid, acting_user=day.organiser)


def invitation_mail():
    return list(OutboundEmail.objects.filter(kind__startswith="invitation.").order_by("pk"))


def test_a_rerun_with_nothing_new_publishes_nothing_new(day, django_capture_on_commit_callbacks):
    for n in range(3):
        day.accepted(n, n)
    run_scheduler(day)
    publish(day)
    first = invitation_mail()

    run_scheduler(day)
    # The rerun kept every meeting where it was: publishing it is refused as a version that changes nothing.
    with pytest.raises(ConflictError, match="Nothing changed since version 1"):
        publish(day)

    assert len(first) == 6  # both sides of three meetings
    assert invitation_mail() == first


def test_a_meeting_keeps_its_uid_through_a_rerun(day):
    request = day.accepted(0, 0)
    run_scheduler(day)
    before = Meeting.objects.get(request=request, working=True).uid

    run_scheduler(day)

    assert Meeting.objects.get(request=request, working=True).uid == before == request.uid


def test_a_meeting_moved_after_a_rerun_is_one_update_of_the_same_uid(day):
    request = day.accepted(0, 0)
    run_scheduler(day)
    publish(day)
    (invite, _) = invitation_mail()
    uid = icalendar.Calendar.from_ical(invite.calendar).walk("VEVENT")[0]["UID"]
    meeting = Meeting.objects.get(request=request, working=True)
    free_slot = next(slot for slot in day.slots if slot.pk != meeting.slot_id)

    services.move_meeting(meeting, acting_user=day.organiser, slot=free_slot, table=meeting.table)
    publish(day)

    updates = OutboundEmail.objects.filter(kind="invitation.update")
    assert updates.count() == 2
    for row in updates:
        (event,) = icalendar.Calendar.from_ical(row.calendar).walk("VEVENT")
        assert (str(event["UID"]), event["SEQUENCE"]) == (str(uid), 1)
    assert OutboundEmail.objects.filter(kind="invitation.cancel").count() == 0


def test_a_rerun_keeps_meetings_moved_by_hand_where_the_organiser_put_them(day):
    for n in range(3):
        day.accepted(n, n)
    run_scheduler(day)
    publish(day)
    moved = []
    for meeting in Meeting.objects.filter(grid=day.grid, working=True).order_by("pk")[:2]:
        taken = set(Meeting.objects.filter(grid=day.grid, working=True).values_list("slot_id", "table_id"))
        free = next((s, t) for s in day.slots[6:] for t in day.tables if (s.pk, t.pk) not in taken)
        services.move_meeting(meeting, acting_user=day.organiser, slot=free[0], table=free[1])
        moved.append((meeting.request_id, free[0].pk, free[1].pk))
    day.accepted(0, 1)  # something new to place

    run_scheduler(day)

    after = {m.request_id: (m.slot_id, m.table_id) for m in Meeting.objects.filter(grid=day.grid, working=True)}
    assert [(request, *after[request]) for request, _, _ in moved] == moved
    assert len(after) == 4


def test_a_rerun_keeps_published_meetings_and_places_the_new_one_around_them(day):
    for n in range(3):
        day.accepted(n, n)
    run_scheduler(day)
    publish(day)
    published = {m.request_id: (m.slot_id, m.table_id) for m in Meeting.objects.filter(grid=day.grid, working=True)}
    day.accepted(1, 2)

    run_scheduler(day)
    publish(day)

    after = {m.request_id: (m.slot_id, m.table_id) for m in Meeting.objects.filter(grid=day.grid, working=True)}
    assert {request: after[request] for request in published} == published
    assert len(after) == 4
    assert OutboundEmail.objects.filter(kind="invitation.cancel").count() == 0
    assert OutboundEmail.objects.filter(kind="invitation.update").count() == 0


def test_a_kept_meeting_whose_person_became_unavailable_is_placed_again(day):
    request = day.accepted(0, 0)
    run_scheduler(day)
    publish(day)
    meeting = Meeting.objects.get(grid=day.grid, working=True)
    services.block_period(
        day.company(0),
        acting_user=day.organiser,
        starts_at=meeting.slot.starts_at,
        ends_at=meeting.slot.ends_at,
    )

    run_scheduler(day)

    again = Meeting.objects.get(grid=day.grid, working=True, request=request)
    assert again.slot_id != meeting.slot_id


def test_reoptimising_may_move_what_was_published(day):
    for n in range(3):
        day.accepted(n, n)
    run_scheduler(day)
    run = services.start_run(day.grid, acting_user=day.organiser, reoptimise=True)

    done = services.execute_run(run.pk)

    assert (done.status, done.reoptimise) == ("done", True)


def test_the_board_shows_what_publishing_would_change_and_publishing_tells_only_those(client, day):
    first, second = day.accepted(0, 0), day.accepted(1, 1)
    run_scheduler(day)
    publish(day)
    moving = Meeting.objects.get(grid=day.grid, working=True, request=second)
    taken = set(Meeting.objects.filter(grid=day.grid, working=True).values_list("slot_id", "table_id"))
    slot, table = next((s, t) for s in day.slots[8:] for t in day.tables if (s.pk, t.pk) not in taken)
    services.move_meeting(moving, acting_user=day.organiser, slot=slot, table=table)
    added = services.book_meeting(day.accepted(2, 2), acting_user=day.organiser, slot=day.slots[10], table=table)
    client.force_login(day.organiser)
    last_before = OutboundEmail.objects.order_by("-pk").values_list("pk", flat=True).first()

    board = client.get(f"/api/v1/meeting-grids/{day.grid.pk}/board/").json()["diff"]
    page = client.get(f"/manage/sessions/{day.session.pk}/board/").content.decode()
    publish(day)

    kept = Meeting.objects.get(grid=day.grid, working=True, request=first)
    assert board == {"kept": [kept.pk], "moved": [moving.pk], "added": [added.pk], "dropped": [], "people_told": 4}
    assert "1 kept, 1 moved, 1 added, 0 dropped. Publishing writes to 4 people." in page
    mailed = OutboundEmail.objects.filter(kind__startswith="invitation.", pk__gt=last_before)
    assert sorted(mailed.values_list("to", flat=True)) == sorted(
        [day.companies[n].user.email for n in (1, 2)] + [day.delegates[n].user.email for n in (1, 2)]
    )


def test_the_runs_quality_says_how_many_published_meetings_it_moved(day):
    for n in range(3):
        day.accepted(n, n)
    run_scheduler(day)
    publish(day)
    day.accepted(1, 2)

    done = run_scheduler(day)

    assert (done.quality["published_kept"], done.quality["published_moved"]) == (3, 0)


def test_reoptimising_keeps_published_meetings_where_they_can_stay_and_says_so(client, day):
    for n in range(3):
        day.accepted(n, n)
    run_scheduler(day)
    publish(day)
    published = {m.request_id: (m.slot_id, m.table_id) for m in Meeting.objects.filter(grid=day.grid, working=True)}
    day.accepted(1, 2)
    run = services.start_run(day.grid, acting_user=day.organiser, reoptimise=True)

    done = services.execute_run(run.pk)

    after = {m.request_id: (m.slot_id, m.table_id) for m in Meeting.objects.filter(grid=day.grid, working=True)}
    assert {request: after[request] for request in published} == published
    assert (done.quality["published_kept"], done.quality["published_moved"]) == (3, 0)
    client.force_login(day.organiser)
    board = client.get(f"/manage/sessions/{day.grid.session_id}/board/").content.decode()
    assert "Published meetings: 3 kept in place, 0 moved." in board


def test_a_pinned_meeting_whose_person_became_unavailable_is_placed_again_not_a_failed_run(day):
    request = day.accepted(0, 0)
    meeting = services.book_meeting(request, acting_user=day.organiser, slot=day.slots[0], table=day.tables[0])
    services.pin_meeting(meeting, acting_user=day.organiser, pinned=True)
    services.block_period(
        day.company(0), acting_user=day.organiser, starts_at=meeting.slot.starts_at, ends_at=meeting.slot.ends_at
    )

    done = run_scheduler(day)

    again = Meeting.objects.get(grid=day.grid, working=True, request=request)
    assert done.status == "done"
    assert again.slot_id != meeting.slot_id


def test_the_board_counts_the_people_publishing_writes_to_not_the_companies(client, organiser):
    """A helper's company registered two attendees for the B2B day: the board said "Publishing writes to 9
    participants" and publishing mailed 10 people. The count is of the people each side's mail goes to, as
    publishing finds them (selectors.people_speaking_for): a company's attendees, a delegate's address."""
    from events.registrations.models import Attendee, Registration

    day = MeetingDay(organiser)
    registration = Registration.objects.get(session=day.session, organization=day.companies[0].organization)
    Attendee.objects.create(registration=registration, full_name="Second", email="second@company0.example")
    services.book_meeting(day.accepted(0, 1), acting_user=organiser, slot=day.slots[0], table=day.tables[0])
    client.force_login(organiser)
    last_before = OutboundEmail.objects.order_by("-pk").values_list("pk", flat=True).first()

    page = client.get(f"/manage/sessions/{day.session.pk}/board/").content.decode()
    services.publish_schedule(day.grid, acting_user=organiser)

    mailed = OutboundEmail.objects.filter(kind__startswith="invitation.", pk__gt=last_before)
    assert len(set(mailed.values_list("to", flat=True))) == 3
    assert "publishing invites to 1 meetings and writes to 3 people." in page


def test_the_board_says_when_it_has_changed_since_the_run_and_a_version_keeps_what_it_published(client, organiser):
    """A helper declined, withdrew and moved meetings after a run: the board still said "Draft: placed 13
    meetings … Companies with a meeting: 7 of 7", and publishing stored that figure on the new version. The
    board now says what it holds when that differs from the run, and a version records its own counts."""
    day = MeetingDay(organiser)
    for company in range(3):
        day.accepted(company, company)
    run = services.execute_run(services.start_run(day.grid, acting_user=organiser).pk)
    assert run.status == "done", run.error
    assert run.quality["meetings"] == 3
    services.cancel_meeting(Meeting.objects.filter(grid=day.grid, working=True).first(), acting_user=organiser)
    client.force_login(organiser)

    page = client.get(f"/manage/sessions/{day.session.pk}/board/").content.decode()
    version = services.publish_schedule(day.grid, acting_user=organiser)

    assert "The board has changed since this run: 2 meetings on it now, 2 companies with a meeting." in page
    assert (version.quality["meetings"], version.quality["companies_with_meeting"]) == (2, 2)
