"""What is planned on a place's clock follows that clock: a new zone for a stop, a new time for a meeting session.

A. The wall clock is the truth (DESIGN.md): a stop moved to another zone keeps every local time planned
   there (sessions, slots, breaks); their UTC instants are derived again in the new zone, and each
   calendar gets one update per entry, carrying the same local time under the new TZID.
B. A one-to-one meeting session moved in time takes its grid with it: slots and breaks shift by the same
   wall-clock offset, published meetings move with their slots, and each side hears of it once.
"""

import datetime as dt
import re
from zoneinfo import ZoneInfo

import icalendar
import pytest

from events.agenda.models import Invitation
from events.meetings import services as meetings
from events.meetings.models import Break, Meeting, Slot
from events.missions.models import Session, Stop
from events.missions.services import update_session
from events.notifications.models import OutboundEmail
from events.registrations.services import register_company
from tests.factories import RepresentativeFactory, SessionFactory, StopFactory
from tests.meetings.conftest import MeetingDay

pytestmark = pytest.mark.django_db

CHICAGO, DENVER = ZoneInfo("America/Chicago"), ZoneInfo("America/Denver")
ANA = "ana@example.com"


def local(zone, hour, minute=0):
    return dt.datetime(2099, 2, 13, hour, minute, tzinfo=zone)


def clock(instant, zone):
    return instant.astimezone(zone).strftime("%H:%M")


def updates():
    return list(OutboundEmail.objects.filter(kind="invitation.update").order_by("to", "pk"))


def event_of(row):
    (event,) = icalendar.Calendar.from_ical(row.calendar).walk("VEVENT")
    return event


def entries_updated():
    return sorted((row.to, str(event_of(row)["UID"]).split("-")[0]) for row in updates())


def pending_reminders(to, uid_prefix=""):
    """When `to` is to be reminded (of the entries whose UID starts with `uid_prefix`)."""
    invitations = Invitation.objects.filter(email=to, uid__startswith=uid_prefix)
    rows = OutboundEmail.objects.filter(
        kind="reminder",
        status=OutboundEmail.Status.PENDING,
        reference__in=[f"reminder:{pk}" for pk in invitations.values_list("pk", flat=True)],
    )
    return sorted(rows.values_list("due_at", flat=True))


@pytest.fixture
def afternoon(organiser):
    """Austin: meetings 13:30–17:30 (Company 0 meets Delegate 1 at 13:30, published), a reception at 18:30."""
    day = MeetingDay(organiser)
    day.reception = SessionFactory(
        stop=day.stop,
        title="Welcome reception",
        registration_mode="open",
        capacity=50,
        starts_at=local(CHICAGO, 18, 30),
        ends_at=local(CHICAGO, 20),
    )
    representative = RepresentativeFactory()
    register_company(
        day.reception,
        acting_user=representative.user,
        organization=representative.organization,
        attendees=[{"full_name": "Ana Ruiz", "email": ANA}],
    )
    day.meeting = meetings.book_meeting(
        day.accepted(0, 1), acting_user=organiser, slot=day.slots[0], table=day.tables[0]
    )
    meetings.publish_schedule(day.grid, acting_user=organiser)
    return day


# A. A stop moved to another zone.


def test_a_new_zone_keeps_every_local_time_planned_at_the_stop(api_client, afternoon, organiser):
    before = {slot.pk: clock(slot.starts_at, CHICAGO) for slot in afternoon.slots}
    api_client.force_authenticate(organiser)

    response = api_client.patch(f"/api/v1/stops/{afternoon.stop.pk}/", {"time_zone": "America/Denver"}, format="json")

    assert response.status_code == 200, response.json()
    reception = Session.objects.get(pk=afternoon.reception.pk)
    assert (reception.starts_at, reception.ends_at) == (local(DENVER, 18, 30), local(DENVER, 20))
    assert reception.wall_clock["zone"] == "America/Denver"
    assert Session.objects.get(pk=afternoon.session.pk).starts_at == local(DENVER, 13, 30)
    slots = Slot.objects.filter(grid=afternoon.grid)
    assert {slot.pk: clock(slot.starts_at, DENVER) for slot in slots} == before
    assert slots.get(pk=afternoon.slots[0].pk).starts_at == local(DENVER, 13, 30)
    (pause,) = Break.objects.filter(grid=afternoon.grid)
    assert (pause.starts_at, pause.ends_at) == (local(DENVER, 15, 30), local(DENVER, 15, 50))


def test_a_new_zone_sends_one_update_per_entry_with_the_same_local_time_in_the_new_zone(afternoon, organiser):
    from events.missions.services import update_stop

    update_stop(afternoon.stop, acting_user=organiser, time_zone="America/Denver")

    company, delegate = afternoon.companies[0].user.email, afternoon.delegates[1].user.email
    assert entries_updated() == sorted([(ANA, "session"), (company, "meeting"), (delegate, "meeting")])
    for row in updates():
        event = event_of(row)
        assert event["DTSTART"].params["TZID"] == "America/Denver"
        expected = local(DENVER, 18, 30) if row.to == ANA else local(DENVER, 13, 30)
        assert event.decoded("DTSTART") == expected
        assert event.decoded("DTSTART").astimezone(dt.UTC) == expected.astimezone(dt.UTC)
        assert event["SEQUENCE"] >= 1
        assert "BEGIN:VTIMEZONE" in row.calendar
        assert "TZID:America/Denver" in row.calendar
    assert pending_reminders(ANA) == [
        local(DENVER, 18, 30) - dt.timedelta(days=1),
        local(DENVER, 18, 30) - dt.timedelta(hours=1),
    ]
    assert pending_reminders(company, "meeting-") == [
        local(DENVER, 13, 30) - dt.timedelta(days=1),
        local(DENVER, 13, 30) - dt.timedelta(hours=1),
    ]


@pytest.mark.parametrize("through", ["api", "service"])
def test_a_meeting_session_moved_to_a_stop_in_another_zone_takes_its_grid_at_the_same_local_times(
    api_client, afternoon, organiser, through
):
    """A helper moved a B2B session from Dakhla to Paris: the session kept 14:00, but its slots, breaks and
    meetings kept their instants, so each side was mailed the meeting at 15:00 Paris, new empty slots appeared at
    14:00, and one grid held slots read in two zones."""
    denver = StopFactory(
        mission=afternoon.stop.mission,
        city="Denver",
        time_zone="America/Denver",
        start_date=afternoon.stop.start_date,
        end_date=afternoon.stop.end_date,
    )
    before = [clock(slot.starts_at, CHICAGO) for slot in Slot.objects.filter(grid=afternoon.grid).order_by("index")]

    if through == "api":
        api_client.force_authenticate(organiser)
        assert api_client.patch(f"/api/v1/sessions/{afternoon.session.pk}/", {"stop": denver.pk}).status_code == 200
    else:
        update_session(afternoon.session, acting_user=organiser, stop=denver)

    slots = Slot.objects.filter(grid=afternoon.grid).order_by("index")
    assert [clock(slot.starts_at, DENVER) for slot in slots] == before
    (pause,) = Break.objects.filter(grid=afternoon.grid)
    assert clock(pause.starts_at, DENVER) == "15:30"
    company, delegate = afternoon.companies[0].user.email, afternoon.delegates[1].user.email
    meeting_updates = [row for row in updates() if row.to in (company, delegate)]
    assert sorted(row.to for row in meeting_updates) == sorted([company, delegate])
    for row in meeting_updates:
        assert event_of(row).decoded("DTSTART") == local(DENVER, 13, 30)


def test_a_new_zone_and_dates_that_leave_a_session_outside_are_refused_whole(api_client, afternoon, organiser):
    api_client.force_authenticate(organiser)

    response = api_client.patch(
        f"/api/v1/stops/{afternoon.stop.pk}/",
        {"time_zone": "America/Denver", "end_date": "2099-02-12"},
        format="json",
    )

    assert response.status_code == 400
    assert "end_date" in response.json()
    assert Stop.objects.get(pk=afternoon.stop.pk).time_zone == "America/Chicago"
    assert Session.objects.get(pk=afternoon.reception.pk).starts_at == local(CHICAGO, 18, 30)
    assert Slot.objects.get(pk=afternoon.slots[0].pk).starts_at == local(CHICAGO, 13, 30)
    assert updates() == []


# B. A meeting session moved in time.


def move_session(api_client, day, starts_at, ends_at):
    api_client.force_authenticate(day.organiser)
    return api_client.patch(
        f"/api/v1/sessions/{day.session.pk}/", {"starts_at": starts_at, "ends_at": ends_at}, format="json"
    )


def feed_body(client, user):
    client.force_login(user)
    client.post("/agenda/feed/")
    page = client.get("/agenda/").content.decode()
    url = re.search(r'<textarea id="feed-link"[^>]*>http://testserver(/agenda/feed/[\w-]+\.ics)</textarea>', page)
    return page, client.get(url.group(1)).content


def test_a_meeting_session_moved_by_ninety_minutes_takes_its_slots_and_meetings(api_client, afternoon):
    before = [(slot.starts_at, slot.ends_at) for slot in afternoon.slots]

    response = move_session(api_client, afternoon, "2099-02-13T15:00:00", "2099-02-13T19:00:00")

    assert response.status_code == 200, response.json()
    shift = dt.timedelta(minutes=90)
    slots = list(Slot.objects.filter(grid=afternoon.grid).order_by("index"))
    assert [(slot.starts_at, slot.ends_at) for slot in slots] == [(start + shift, end + shift) for start, end in before]
    assert slots[0].wall_clock["starts_at"] == "2099-02-13T15:00:00"
    (pause,) = Break.objects.filter(grid=afternoon.grid)
    assert (pause.starts_at, pause.ends_at) == (local(CHICAGO, 17), local(CHICAGO, 17, 20))
    session = Session.objects.get(pk=afternoon.session.pk)
    assert all(session.starts_at <= slot.starts_at and slot.ends_at <= session.ends_at for slot in slots)
    assert set(Meeting.objects.filter(uid=afternoon.meeting.uid).values_list("slot_id", flat=True)) == {slots[0].pk}


def test_each_side_gets_one_update_and_sees_the_new_time_everywhere(api_client, client, afternoon):
    move_session(api_client, afternoon, "2099-02-13T15:00:00", "2099-02-13T19:00:00")

    company, delegate = afternoon.companies[0].user, afternoon.delegates[1].user
    assert entries_updated() == sorted([(company.email, "meeting"), (delegate.email, "meeting")])
    for row in updates():
        event = event_of(row)
        assert str(event["UID"]) == f"meeting-{afternoon.meeting.uid}@trade-missions.events"
        assert event["SEQUENCE"] == 1
        assert event.decoded("DTSTART") == local(CHICAGO, 15)
        assert event["DTSTART"].params["TZID"] == "America/Chicago"
        assert row.subject.startswith("Updated: ")
    for person in (company, delegate):
        assert pending_reminders(person.email, "meeting-") == [
            local(CHICAGO, 15) - dt.timedelta(days=1),
            local(CHICAGO, 15) - dt.timedelta(hours=1),
        ]
        client.force_login(person)
        meetings_page = client.get("/meetings/").content.decode()
        assert "15:00–15:20" in meetings_page
        assert "13:30–13:50" not in meetings_page
        agenda_page, feed = feed_body(client, person)
        assert "15:00" in agenda_page
        assert "13:30" not in agenda_page
        (meeting,) = [e for e in icalendar.Calendar.from_ical(feed).walk("VEVENT") if "meeting-" in str(e["UID"])]
        assert meeting.decoded("DTSTART") == local(CHICAGO, 15)


def test_a_longer_session_gets_new_slots_at_its_end(afternoon, organiser):
    count = len(afternoon.slots)

    update_session(afternoon.session, acting_user=organiser, ends_at=local(CHICAGO, 18, 30))

    slots = list(Slot.objects.filter(grid=afternoon.grid).order_by("index"))
    assert slots[0].starts_at == local(CHICAGO, 13, 30)
    assert [clock(slot.starts_at, CHICAGO) for slot in slots[count:]] == ["17:30", "17:50", "18:10"]
    assert updates() == []


def test_a_shorter_session_that_would_leave_meetings_outside_is_refused_and_nothing_is_written(api_client, afternoon):
    for company, delegate, slot in ((1, 0, 6), (2, 2, 8)):
        meetings.book_meeting(
            afternoon.accepted(company, delegate),
            acting_user=afternoon.organiser,
            slot=afternoon.slots[slot],
            table=afternoon.tables[0],
        )
    before = list(Slot.objects.filter(grid=afternoon.grid).order_by("index").values_list("starts_at", flat=True))
    mail = OutboundEmail.objects.count()

    response = move_session(api_client, afternoon, "2099-02-13T13:30:00", "2099-02-13T16:00:00")

    assert response.status_code == 400
    assert response.json()["ends_at"] == [
        "2 meetings would fall outside the session at these times; move or cancel them first."
    ]
    session = Session.objects.get(pk=afternoon.session.pk)
    assert (session.starts_at, session.ends_at, session.sequence) == (local(CHICAGO, 13, 30), local(CHICAGO, 17, 30), 0)
    assert (
        list(Slot.objects.filter(grid=afternoon.grid).order_by("index").values_list("starts_at", flat=True)) == before
    )
    assert OutboundEmail.objects.count() == mail


def test_a_meeting_cancelled_and_published_no_longer_holds_the_session_to_its_old_end(afternoon, organiser):
    """A helper cancelled a meeting on the board and published the cancellation: shortening the session was still
    refused for "1 meeting", the copies kept in the older versions, and nothing the organiser could do cleared it."""
    meeting = meetings.book_meeting(
        afternoon.accepted(1, 0), acting_user=organiser, slot=afternoon.slots[8], table=afternoon.tables[0]
    )
    meetings.publish_schedule(afternoon.grid, acting_user=organiser)
    meetings.cancel_meeting(meeting, acting_user=organiser)
    meetings.publish_schedule(afternoon.grid, acting_user=organiser)

    update_session(afternoon.session, acting_user=organiser, ends_at=local(CHICAGO, 15, 30))

    slots = Slot.objects.filter(grid=afternoon.grid).order_by("index")
    assert [clock(slot.starts_at, CHICAGO) for slot in slots][-1] == "15:10"


def test_a_shorter_session_drops_the_empty_slots_it_leaves_outside(afternoon, organiser):
    update_session(afternoon.session, acting_user=organiser, ends_at=local(CHICAGO, 15, 30))

    slots = Slot.objects.filter(grid=afternoon.grid).order_by("index")
    assert [clock(slot.starts_at, CHICAGO) for slot in slots] == ["13:30", "13:50", "14:10", "14:30", "14:50", "15:10"]
    assert updates() == []


@pytest.mark.parametrize("short_end", [(15, 30), (15, 40)], ids=["before-the-break", "within-the-break"])
def test_a_session_shortened_then_grown_back_has_its_break_again(afternoon, organiser, client, short_end):
    """A helper's walk: the break (15:30–15:50) was cut, or dropped, with the session shortened past it, and stayed
    so when the session grew back: a slot stood at 15:30, in what the organiser had planned as the break."""
    before = [clock(slot.starts_at, CHICAGO) for slot in Slot.objects.filter(grid=afternoon.grid).order_by("index")]

    update_session(afternoon.session, acting_user=organiser, ends_at=local(CHICAGO, *short_end))
    client.force_login(organiser)
    short_board = client.get(f"/manage/sessions/{afternoon.session.pk}/board/").content.decode()
    update_session(afternoon.session, acting_user=organiser, ends_at=local(CHICAGO, 17, 30))

    (pause,) = Break.objects.filter(grid=afternoon.grid)
    assert (clock(pause.starts_at, CHICAGO), clock(pause.ends_at, CHICAGO)) == ("15:30", "15:50")
    assert [clock(slot.starts_at, CHICAGO) for slot in Slot.objects.filter(grid=afternoon.grid).order_by("index")] == (
        before
    )
    # While the session ended first, the board showed the break only where it met the session.
    assert short_board.count('<tr class="break">') == (1 if short_end == (15, 40) else 0)


# A session resized at its start only is not moved: the grid keeps its times, cut or extended at that end,
# as one resized at its end is. Only when both ends move does the grid move with the start.


def slot_times(grid):
    return [(slot.pk, clock(slot.starts_at, CHICAGO)) for slot in Slot.objects.filter(grid=grid).order_by("index")]


def test_an_earlier_start_alone_adds_slots_before_the_first_and_moves_no_meeting(api_client, afternoon):
    before = slot_times(afternoon.grid)

    response = move_session(api_client, afternoon, "2099-02-13T12:50:00", "2099-02-13T17:30:00")

    assert response.status_code == 200, response.json()
    after = slot_times(afternoon.grid)
    assert [time for _, time in after[:2]] == ["12:50", "13:10"]
    assert after[2:] == before  # the same slots, at the same times, still in time order
    assert Meeting.objects.filter(uid=afternoon.meeting.uid).values_list("slot_id", flat=True).distinct().get() == (
        afternoon.slots[0].pk
    )
    (pause,) = Break.objects.filter(grid=afternoon.grid)
    assert (pause.starts_at, pause.ends_at) == (local(CHICAGO, 15, 30), local(CHICAGO, 15, 50))
    assert updates() == []


def test_a_later_start_alone_drops_the_empty_slots_before_it_and_moves_no_meeting(api_client, organiser):
    day = MeetingDay(organiser)
    meetings.book_meeting(day.accepted(0, 1), acting_user=organiser, slot=day.slots[3], table=day.tables[0])
    meetings.publish_schedule(day.grid, acting_user=organiser)
    before = slot_times(day.grid)

    response = move_session(api_client, day, "2099-02-13T14:10:00", "2099-02-13T17:30:00")

    assert response.status_code == 200, response.json()
    assert slot_times(day.grid) == before[2:]
    assert set(Meeting.objects.values_list("slot_id", flat=True)) == {day.slots[3].pk}
    assert clock(Slot.objects.get(pk=day.slots[3].pk).starts_at, CHICAGO) == "14:30"
    assert updates() == []


def test_a_later_start_alone_that_would_leave_a_meeting_before_it_is_refused_on_the_start(api_client, afternoon):
    before = slot_times(afternoon.grid)
    mail = OutboundEmail.objects.count()

    response = move_session(api_client, afternoon, "2099-02-13T13:50:00", "2099-02-13T17:30:00")

    assert response.status_code == 400
    assert response.json() == {
        "starts_at": ["1 meeting would fall outside the session at these times; move or cancel it first."]
    }
    session = Session.objects.get(pk=afternoon.session.pk)
    assert (session.starts_at, session.sequence) == (local(CHICAGO, 13, 30), 0)
    assert slot_times(afternoon.grid) == before
    assert OutboundEmail.objects.count() == mail


def test_slots_gained_at_the_start_keep_in_step_with_the_grid(api_client, afternoon):
    response = move_session(api_client, afternoon, "2099-02-13T12:55:00", "2099-02-13T17:30:00")

    assert response.status_code == 200, response.json()
    times = [time for _, time in slot_times(afternoon.grid)]
    assert times[:3] == ["13:10", "13:30", "13:50"]
    assert [slot.index for slot in Slot.objects.filter(grid=afternoon.grid).order_by("starts_at")] == list(
        range(len(times))
    )


def test_a_session_widened_at_both_ends_keeps_every_meeting_where_it_is(api_client, afternoon):
    """A tester widened a session by 40 minutes at each end: all its meetings moved 40 minutes earlier and each
    side got an update. Only a session whose two ends move together moves its grid."""
    before = slot_times(afternoon.grid)

    response = move_session(api_client, afternoon, "2099-02-13T12:50:00", "2099-02-13T18:10:00")

    assert response.status_code == 200, response.json()
    after = slot_times(afternoon.grid)
    assert [time for _, time in after[:2]] == ["12:50", "13:10"]
    assert after[2 : 2 + len(before)] == before
    assert [time for _, time in after[2 + len(before) :]] == ["17:30", "17:50"]
    assert updates() == []


def test_a_session_moved_and_resized_at_once_keeps_its_meetings_and_is_refused_if_they_fall_outside(
    api_client, afternoon
):
    """A mistyped day corrected in one go (another day, another length) is no move of the grid: its meetings stay
    at their times, so the change is refused while one would fall outside."""
    response = move_session(api_client, afternoon, "2099-02-14T13:30:00", "2099-02-14T17:00:00")

    assert response.status_code == 400
    assert response.json() == {
        "starts_at": ["1 meeting would fall outside the session at these times; move or cancel it first."]
    }
    assert slot_times(afternoon.grid)[0][1] == "13:30"
    assert Session.objects.get(pk=afternoon.session.pk).starts_at == local(CHICAGO, 13, 30)


def test_a_session_cut_too_short_for_a_single_slot_is_refused_and_keeps_its_grid(api_client, organiser):
    """A tester typed a start ten minutes before the end of an empty grid: its slots and its break were gone,
    and typing the old start back cut a new grid from it, out of step with the old one."""
    day = MeetingDay(organiser)
    before = slot_times(day.grid)

    response = move_session(api_client, day, "2099-02-13T17:20:00", "2099-02-13T17:30:00")

    assert response.status_code == 400
    assert response.json() == {
        "starts_at": ["The session would be too short for a single slot of 20 minutes: its grid needs one."]
    }
    assert slot_times(day.grid) == before
    assert Break.objects.filter(grid=day.grid).count() == 1


def test_a_meeting_session_runs_within_one_day(api_client, afternoon):
    """A tester typed the day before as the start of an afternoon of meetings: it became a 30-hour session with
    72 slots through the night. A grid of one-to-ones is a day's; two days are two sessions."""
    response = move_session(api_client, afternoon, "2099-02-12T13:30:00", "2099-02-13T17:30:00")

    assert response.status_code == 400
    assert response.json() == {
        "ends_at": ["One-to-one meetings end on the day they start (local time): make a session for each day."]
    }
    assert Session.objects.get(pk=afternoon.session.pk).starts_at == local(CHICAGO, 13, 30)


def test_a_new_zone_leaves_what_already_happened_where_it_was_and_mails_nobody_about_it(afternoon, organiser):
    """A helper corrected the zone of a stop whose training had ended two weeks before: 42 mails went out
    ("Updated: … Will you attend? Yes/No") about sessions and meetings long over, and the arrivals export then
    read everyone 50 minutes late, against a session moved an hour. What happened keeps its instants, as a tz
    data upgrade keeps them (rederive_instants): only what is still to come follows the new zone."""
    import time_machine

    from events.missions.services import update_stop

    later = SessionFactory(
        stop=afternoon.stop,
        title="Closing dinner",
        registration_mode="open",
        capacity=50,
        starts_at=dt.datetime(2099, 2, 14, 19, 0, tzinfo=CHICAGO),
        ends_at=dt.datetime(2099, 2, 14, 22, 0, tzinfo=CHICAGO),
    )
    register_company(
        later,
        acting_user=afternoon.companies[0].user,
        organization=afternoon.companies[0].organization,
        attendees=[{"full_name": "Company 0", "email": afternoon.companies[0].user.email}],
    )
    past = {
        (type(row), row.pk): (row.starts_at, row.ends_at)
        for row in [afternoon.reception, afternoon.session, *Slot.objects.filter(grid=afternoon.grid)]
    }
    sent = OutboundEmail.objects.order_by("pk").last().pk

    with time_machine.travel(dt.datetime(2099, 2, 14, 9, 0, tzinfo=CHICAGO)):  # the evening before is over
        update_stop(afternoon.stop, acting_user=organiser, time_zone="America/Denver")

    for (model, pk), was in past.items():
        row = model.objects.get(pk=pk)
        assert (row.starts_at, row.ends_at) == was, row
    later.refresh_from_db()
    assert later.starts_at == dt.datetime(2099, 2, 14, 19, 0, tzinfo=DENVER)
    mailed = OutboundEmail.objects.filter(pk__gt=sent)
    assert {str(event_of(row)["UID"]).split("@")[0] for row in mailed if row.calendar} == {f"session-{later.pk}"}


def test_a_new_zone_keeps_the_pass_of_a_repeated_hour_the_old_zone_repeated_too(api_client, organiser):
    """A helper corrected a stop from America/Chicago to America/Denver: a session planned at the second 01:30 of 7
    November 2027 (both zones repeat that hour) was refused, "01:30 ... happens twice ... Give the UTC offset",
    though the stop's form has no offset to give and the pass had been chosen. A pass chosen where the old zone
    repeated the time holds in the new one; one the old zone did not repeat is still asked for."""
    stop = StopFactory(time_zone="America/Chicago", start_date=dt.date(2027, 11, 6), end_date=dt.date(2027, 11, 8))
    stop.mission.organisers.add(organiser)
    stop.mission.start_date, stop.mission.end_date = dt.date(2027, 11, 1), dt.date(2027, 11, 30)
    stop.mission.save()
    second_pass = SessionFactory(
        stop=stop,
        title="Night market tour",
        starts_at=dt.datetime(2027, 11, 7, 1, 30, fold=1, tzinfo=CHICAGO),
        ends_at=dt.datetime(2027, 11, 7, 3, 0, tzinfo=CHICAGO),
    )
    api_client.force_authenticate(organiser)

    response = api_client.patch(f"/api/v1/stops/{stop.pk}/", {"time_zone": "America/Denver"}, format="json")

    assert response.status_code == 200, response.json()
    second_pass.refresh_from_db()
    # 01:30 MST (08:30 UTC), the second pass in Denver too, not 01:30 MDT (07:30 UTC).
    assert second_pass.starts_at == dt.datetime(2027, 11, 7, 1, 30, fold=1, tzinfo=DENVER).astimezone(dt.UTC)


def test_a_new_zone_still_asks_which_pass_of_a_time_the_old_zone_did_not_repeat(api_client, organiser):
    stop = StopFactory(time_zone="Asia/Tokyo", start_date=dt.date(2027, 11, 6), end_date=dt.date(2027, 11, 8))
    stop.mission.organisers.add(organiser)
    stop.mission.start_date, stop.mission.end_date = dt.date(2027, 11, 1), dt.date(2027, 11, 30)
    stop.mission.save()
    tokyo = ZoneInfo("Asia/Tokyo")
    SessionFactory(
        stop=stop,
        title="Night market tour",
        starts_at=dt.datetime(2027, 11, 7, 1, 30, tzinfo=tokyo),
        ends_at=dt.datetime(2027, 11, 7, 3, 0, tzinfo=tokyo),
    )
    api_client.force_authenticate(organiser)

    response = api_client.patch(f"/api/v1/stops/{stop.pk}/", {"time_zone": "America/Denver"}, format="json")

    assert response.status_code == 400
    assert "happens twice" in response.json()["time_zone"][0]
