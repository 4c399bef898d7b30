"""A meeting grid laid over a night the clocks change: every slot lasts its length, none overlaps another.

Found cutting a grid over the night Chicago's clocks go back (7 November 2027, 02:00 CDT becomes 01:00 CST):
steps taken on the wall clock read the repeated hour once, and the slot before 02:00 ran from 01:30 CDT to
02:00 CST, 90 minutes booked as 30. On the night they go forward, 45-minute slots overlapped (01:30 CST until
03:15 CDT, then 03:00 CDT). A break in the repeated hour could not be typed on the set-up page at all: the form
asked for an offset its lines had no way to say, and showed its own breaks back without one.
"""

import datetime as dt
import re
from zoneinfo import ZoneInfo

import pytest

from events.meetings import services
from events.meetings.models import Break, MeetingGrid
from tests.factories import MissionFactory, SessionFactory, StopFactory
from tests.meetings.test_set_up_page import set_up

pytestmark = pytest.mark.django_db

CHICAGO = ZoneInfo("America/Chicago")


def night_session(organiser, starts, ends, zone=CHICAGO):
    mission = MissionFactory(start_date=dt.date(2027, 3, 1), end_date=dt.date(2027, 11, 30))
    mission.organisers.add(organiser)
    stop = StopFactory(mission=mission, time_zone=zone.key)
    return SessionFactory(
        stop=stop,
        kind="b2b_meetings",
        title="Night owls B2B",
        starts_at=starts.replace(tzinfo=zone),
        ends_at=ends.replace(tzinfo=zone),
        registration_mode="open",
    )


def said(instant):
    local = instant.astimezone(CHICAGO)
    return f"{local:%H:%M %Z}"


def assert_each_slot_lasts(times, minutes):
    lengths = {end - start for start, end in times}
    assert lengths == {dt.timedelta(minutes=minutes)}
    assert all(first[1] <= second[0] for first, second in zip(times, times[1:], strict=False))


def test_the_hour_the_clocks_repeat_is_cut_twice_and_no_slot_runs_long(organiser):
    # 00:00 CDT to 03:00 CST is four hours in the room.
    session = night_session(organiser, dt.datetime(2027, 11, 7, 0, 0), dt.datetime(2027, 11, 7, 3, 0))

    times = services.grids.local_slot_times(session, 30, [])

    assert_each_slot_lasts(times, 30)
    assert [said(start) for start, _ in times] == [
        "00:00 CDT",
        "00:30 CDT",
        "01:00 CDT",
        "01:30 CDT",
        "01:00 CST",
        "01:30 CST",
        "02:00 CST",
        "02:30 CST",
    ]


def test_slots_that_do_not_divide_the_hour_do_not_overlap_across_the_hour_the_clocks_skip(organiser):
    session = night_session(organiser, dt.datetime(2027, 3, 14, 0, 0), dt.datetime(2027, 3, 14, 5, 0))

    times = services.grids.local_slot_times(session, 45, [])

    # Four hours in the room: five slots of 45 minutes, the third across the change.
    assert_each_slot_lasts(times, 45)
    assert [said(start) for start, _ in times] == ["00:00 CST", "00:45 CST", "01:30 CST", "03:15 CDT", "04:00 CDT"]


def test_a_grid_set_up_over_the_night_the_clocks_go_back_books_every_slot_for_its_length(client, organiser):
    session = night_session(organiser, dt.datetime(2027, 11, 7, 0, 0), dt.datetime(2027, 11, 7, 3, 0))
    client.force_login(organiser)

    response = set_up(client, session, slot_minutes=30, breaks="")

    assert response.status_code == 302
    grid = MeetingGrid.objects.get(session=session)
    assert_each_slot_lasts([(slot.starts_at, slot.ends_at) for slot in grid.slots.order_by("index")], 30)
    assert grid.slots.count() == 8


def test_a_break_in_the_repeated_hour_is_typed_with_the_offset_the_pages_show(client, organiser):
    session = night_session(organiser, dt.datetime(2027, 11, 7, 0, 0), dt.datetime(2027, 11, 7, 3, 0))
    client.force_login(organiser)

    response = set_up(client, session, slot_minutes=30, breaks="01:00 (UTC−06:00)–01:30 (UTC−06:00) Coffee")

    assert response.status_code == 302
    (pause,) = Break.objects.filter(grid__session=session)
    assert (said(pause.starts_at), said(pause.ends_at), pause.label) == ("01:00 CST", "01:30 CST", "Coffee")
    grid = MeetingGrid.objects.get(session=session)
    assert "01:00 CST" not in [said(slot.starts_at) for slot in grid.slots.all()]
    assert "01:00 CDT" in [said(slot.starts_at) for slot in grid.slots.all()]
    # Shown back as typed, so that saving the form again changes nothing.
    page = client.get(f"/manage/sessions/{session.pk}/meetings/").content.decode()
    assert "01:00 (UTC−06:00)–01:30 (UTC−06:00) Coffee" in page
    again = set_up(client, session, slot_minutes=30, breaks="01:00 (UTC−06:00)–01:30 (UTC−06:00) Coffee")
    assert again.status_code == 302
    assert Break.objects.get(grid__session=session).pk == pause.pk


def test_a_break_in_the_repeated_hour_without_its_offset_is_refused_saying_how_to_write_it(client, organiser):
    session = night_session(organiser, dt.datetime(2027, 11, 7, 0, 0), dt.datetime(2027, 11, 7, 3, 0))
    client.force_login(organiser)

    response = set_up(client, session, slot_minutes=30, breaks="00:00–00:30 Early\n01:00–01:30 Coffee")

    page = response.content.decode()
    assert response.status_code == 400
    assert "Line 2: 01:00 happens twice" in page
    assert "01:00 (UTC−05:00)" in page
    assert "01:00 (UTC−06:00)" in page
    assert not MeetingGrid.objects.filter(session=session).exists()


def test_an_offset_the_stop_never_has_that_day_is_refused(client, organiser):
    session = night_session(organiser, dt.datetime(2027, 11, 7, 0, 0), dt.datetime(2027, 11, 7, 3, 0))
    client.force_login(organiser)

    response = set_up(client, session, slot_minutes=30, breaks="01:00 (UTC+02:00)–01:30 (UTC+02:00) Coffee")

    assert response.status_code == 400
    assert "Line 1: 01:00 (UTC+02:00) is not a time at" in response.content.decode()
    assert not MeetingGrid.objects.filter(session=session).exists()


def test_a_break_after_midnight_in_a_session_over_midnight_is_read_on_the_next_day(client, organiser):
    session = night_session(organiser, dt.datetime(2027, 6, 10, 22, 0), dt.datetime(2027, 6, 11, 2, 0))
    client.force_login(organiser)

    response = set_up(client, session, slot_minutes=30, breaks="23:45–00:15 Midnight snack")

    assert response.status_code == 302
    pause = Break.objects.get(grid__session=session)
    assert (pause.starts_at.astimezone(CHICAGO), pause.ends_at.astimezone(CHICAGO)) == (
        dt.datetime(2027, 6, 10, 23, 45, tzinfo=CHICAGO),
        dt.datetime(2027, 6, 11, 0, 15, tzinfo=CHICAGO),
    )


@pytest.mark.parametrize("night", [dt.date(2027, 11, 7), dt.date(2027, 3, 14)], ids=["clocks back", "clocks forward"])
def test_a_grid_moved_onto_a_clock_change_night_keeps_each_slot_its_length_and_none_overlaps(organiser, night):
    from events.missions.services import update_session

    session = night_session(organiser, dt.datetime(2027, 6, 10, 0, 0), dt.datetime(2027, 6, 10, 4, 0))
    services.set_up_grid(session, acting_user=organiser, slot_minutes=45, tables=["Table 1"])

    update_session(
        session,
        acting_user=organiser,
        starts_at=dt.datetime.combine(night, dt.time(0, 0), tzinfo=CHICAGO),
        ends_at=dt.datetime.combine(night, dt.time(4, 0), tzinfo=CHICAGO),
    )

    session.refresh_from_db()
    slots = list(MeetingGrid.objects.get(session=session).slots.order_by("index"))
    assert_each_slot_lasts([(slot.starts_at, slot.ends_at) for slot in slots], 45)
    assert all(session.starts_at <= slot.starts_at and slot.ends_at <= session.ends_at for slot in slots)


def test_the_board_names_each_pass_of_the_repeated_hour_by_its_offset(client, organiser):
    session = night_session(organiser, dt.datetime(2027, 11, 7, 0, 0), dt.datetime(2027, 11, 7, 3, 0))
    services.set_up_grid(session, acting_user=organiser, slot_minutes=30, tables=["Table 1"])
    client.force_login(organiser)

    page = client.get(f"/manage/sessions/{session.pk}/board/").content.decode()

    rows = re.findall(r'<th scope="row"><time datetime="[^"]+">([^<]+)</time></th>', page)
    assert rows[:8] == [
        "00:00",
        "00:30",
        "01:00 (UTC−05:00)",
        "01:30 (UTC−05:00)",
        "01:00 (UTC−06:00)",
        "01:30 (UTC−06:00)",
        "02:00",
        "02:30",
    ]


def test_a_refused_booking_says_which_pass_of_the_repeated_hour_it_means(organiser):
    from events.core.errors import ConflictError
    from events.meetings.models import MeetingRequest, Participant
    from tests.factories import DelegateFactory, DelegationFactory, RepresentativeFactory, UserFactory

    session = night_session(organiser, dt.datetime(2027, 11, 7, 0, 0), dt.datetime(2027, 11, 7, 3, 0))
    grid = services.set_up_grid(session, acting_user=organiser, slot_minutes=30, tables=["Table 1", "Table 2"])
    delegation = DelegationFactory(mission=session.stop.mission)
    delegates = [DelegateFactory(delegation=delegation, user=UserFactory()) for _ in range(2)]
    company = RepresentativeFactory(organization__name="Lone Star")
    services.sync_participants(grid)
    seat = Participant.objects.create(grid=grid, organization=company.organization)
    requests = [
        MeetingRequest.objects.create(
            grid=grid, requester=seat, receiver=Participant.objects.get(delegate=delegate), status="accepted"
        )
        for delegate in delegates
    ]
    second_pass = next(slot for slot in grid.slots.order_by("index") if said(slot.starts_at) == "01:00 CST")
    tables = list(grid.tables.order_by("position"))
    services.book_meeting(requests[0], acting_user=organiser, slot=second_pass, table=tables[0])

    with pytest.raises(ConflictError) as refused:
        services.book_meeting(requests[1], acting_user=organiser, slot=second_pass, table=tables[0])

    assert "01:00 (UTC−06:00)" in str(refused.value.message)


def test_a_meeting_the_move_would_put_in_the_skipped_hour_is_refused_saying_so(organiser):
    """A helper moved a B2B afternoon onto the night the clocks go forward, its 02:40 meeting with it: refused with
    "1 meeting would fall outside the session", for a meeting well inside it. The refusal names the skipped hour."""
    from django.core.exceptions import ValidationError

    from events.missions.services import update_session
    from tests.meetings.test_set_up_page import accepted_request

    session = night_session(organiser, dt.datetime(2027, 6, 10, 0, 0), dt.datetime(2027, 6, 10, 4, 0))
    grid = services.set_up_grid(session, acting_user=organiser, slot_minutes=20, tables=["Table 1"])
    request, _company = accepted_request(grid)
    at_two_forty = next(slot for slot in grid.slots.all() if said(slot.starts_at) == "02:40 CDT")
    services.book_meeting(request, acting_user=organiser, slot=at_two_forty, table=grid.tables.get())

    with pytest.raises(ValidationError) as refused:
        update_session(
            session,
            acting_user=organiser,
            starts_at=dt.datetime(2027, 3, 14, 0, 0, tzinfo=CHICAGO),
            ends_at=dt.datetime(2027, 3, 14, 4, 0, tzinfo=CHICAGO),
        )

    (message,) = refused.value.message_dict["starts_at"]
    assert message.startswith("1 meeting would be at a time the clocks skip: 02:40 on 14 March 2027 does not exist")
    assert message.endswith("Move or cancel it first.")


def test_a_stop_corrected_to_a_zone_that_repeats_an_hour_that_night_keeps_each_slot_its_length(organiser):
    """Regina keeps its clocks all year; corrected to Chicago, whose clocks go back that night, the grid was refused
    ("Give the UTC offset", which nobody can give for a slot), and its 01:00 slot would have lasted two hours."""
    from events.missions.services import update_stop

    session = night_session(organiser, dt.datetime(2027, 11, 7, 0, 0), dt.datetime(2027, 11, 7, 3, 0))
    stop = session.stop
    update_stop(stop, acting_user=organiser, time_zone="America/Regina")
    services.set_up_grid(session, acting_user=organiser, slot_minutes=60, tables=["Table 1"])

    update_stop(stop, acting_user=organiser, time_zone="America/Chicago")

    slots = list(MeetingGrid.objects.get(session=session).slots.order_by("index"))
    assert_each_slot_lasts([(slot.starts_at, slot.ends_at) for slot in slots], 60)
    # Each keeps the local time it was cut at, the one at 01:00 on the first pass of the repeated hour; the
    # session gained the second pass, which is cut as a grid set up that night has it.
    assert [said(slot.starts_at) for slot in slots] == ["00:00 CDT", "01:00 CDT", "01:00 CST", "02:00 CST"]


def _casablanca_night(organiser, starts, ends, slot_minutes=60):
    casablanca = ZoneInfo("Africa/Casablanca")
    mission = MissionFactory(start_date=dt.date(2027, 2, 1), end_date=dt.date(2027, 3, 31))
    mission.organisers.add(organiser)
    session = SessionFactory(
        stop=StopFactory(mission=mission, time_zone="Africa/Casablanca"),
        kind="b2b_meetings",
        starts_at=starts.replace(tzinfo=casablanca),
        ends_at=ends.replace(tzinfo=casablanca),
        registration_mode="open",
    )
    return services.set_up_grid(session, acting_user=organiser, slot_minutes=slot_minutes, tables=["Table 1"])


def local_starts(grid):
    casablanca = ZoneInfo("Africa/Casablanca")
    slots = list(grid.slots.order_by("starts_at"))
    assert all(first.ends_at <= second.starts_at for first, second in zip(slots, slots[1:], strict=False))
    return [(f"{slot.starts_at.astimezone(casablanca):%H:%M}", slot.ends_at - slot.starts_at) for slot in slots]


HOUR = dt.timedelta(hours=1)


def test_a_tz_upgrade_that_drops_a_clock_change_keeps_each_slot_its_length(organiser, releases):
    """Morocco (tz 2025b) puts its clocks forward an hour on 14 March 2027 at 02:00; from 2026f it keeps +00 all
    year. A slot cut across that change under 2025b, 01:30 to 03:30 local, is an hour long: read again end by end
    under 2026f it lasted two, in every calendar and on the board."""
    from django.core.management import call_command

    releases("2025b")
    grid = _casablanca_night(organiser, dt.datetime(2027, 3, 14, 1, 30), dt.datetime(2027, 3, 14, 4, 30))
    assert local_starts(grid) == [("01:30", HOUR), ("03:30", HOUR)]
    releases("2026f")

    call_command("rederive_instants")

    assert local_starts(grid) == [("01:30", HOUR), ("03:30", HOUR)]


def test_a_tz_upgrade_that_drops_a_repeated_hour_leaves_no_two_slots_on_one_time(organiser, releases):
    """Under 2025b Morocco repeats 02:00-03:00 on 7 February 2027, and a grid over that night has a slot on each
    pass of 02:30. Under 2026f the hour happens once: the second pass has no time of its own left, and the slot an
    organiser had not booked goes, as one a session no longer holds does."""
    from django.core.management import call_command

    releases("2025b")
    grid = _casablanca_night(organiser, dt.datetime(2027, 2, 7, 1, 30), dt.datetime(2027, 2, 7, 4, 30))
    assert [start for start, _ in local_starts(grid)] == ["01:30", "02:30", "02:30", "03:30"]
    releases("2026f")

    call_command("rederive_instants")

    assert local_starts(grid) == [("01:30", HOUR), ("02:30", HOUR), ("03:30", HOUR)]


def test_a_meeting_booked_on_the_repeated_hour_a_tz_upgrade_drops_keeps_its_grid_where_it_was(organiser, releases):
    from django.core.management import call_command

    from tests.meetings.test_set_up_page import accepted_request

    releases("2025b")
    grid = _casablanca_night(organiser, dt.datetime(2027, 2, 7, 1, 30), dt.datetime(2027, 2, 7, 4, 30))
    request, _company = accepted_request(grid)
    second_pass = list(grid.slots.order_by("starts_at"))[2]
    services.book_meeting(request, acting_user=organiser, slot=second_pass, table=grid.tables.get())
    before = list(grid.slots.order_by("starts_at").values_list("starts_at", "ends_at"))
    releases("2026f")

    call_command("rederive_instants")

    # Nobody can be asked during an upgrade: the meeting stays at the instant both sides were sent.
    assert list(grid.slots.order_by("starts_at").values_list("starts_at", "ends_at")) == before


def test_a_stop_corrected_to_a_zone_with_the_offset_of_one_pass_keeps_one_slot_a_time(organiser):
    """A helper corrected a Denver stop to Phoenix (always UTC-7, the offset of the repeated hour's second pass)
    with a grid over the night Denver's clocks go back: a 500, the slot that fell on another's time removed and then
    saved again."""
    from events.missions.services import update_stop

    denver = ZoneInfo("America/Denver")
    session = night_session(organiser, dt.datetime(2027, 11, 7, 0, 0), dt.datetime(2027, 11, 7, 3, 0), denver)
    services.set_up_grid(session, acting_user=organiser, slot_minutes=30, tables=["Table 1"])

    update_stop(session.stop, acting_user=organiser, time_zone="America/Phoenix")

    slots = list(MeetingGrid.objects.get(session=session).slots.order_by("starts_at"))
    assert_each_slot_lasts([(slot.starts_at, slot.ends_at) for slot in slots], 30)
    phoenix = ZoneInfo("America/Phoenix")
    assert [f"{slot.starts_at.astimezone(phoenix):%H:%M}" for slot in slots] == [
        "00:00",
        "00:30",
        "01:00",
        "01:30",
        "02:00",
        "02:30",
    ]


def test_a_grid_moved_onto_the_night_the_clocks_skip_and_back_is_whole_again(organiser):
    """A session moved onto 14 March 2027 by mistake, then back: the slots the skipped hour dropped came back only at
    the grid's ends, so the corrected session kept a hole from 02:00 to 03:00 nobody could book."""
    from events.missions.services import update_session

    session = night_session(organiser, dt.datetime(2027, 6, 10, 0, 0), dt.datetime(2027, 6, 10, 4, 0))
    grid = services.set_up_grid(session, acting_user=organiser, slot_minutes=30, tables=["Table 1"])
    planned = [said(slot.starts_at) for slot in grid.slots.order_by("index")]

    for day in (dt.date(2027, 3, 14), dt.date(2027, 6, 10)):
        update_session(
            session,
            acting_user=organiser,
            starts_at=dt.datetime.combine(day, dt.time(0, 0), tzinfo=CHICAGO),
            ends_at=dt.datetime.combine(day, dt.time(4, 0), tzinfo=CHICAGO),
        )

    slots = list(grid.slots.order_by("index"))
    assert [said(slot.starts_at) for slot in slots] == planned
    assert [slot.index for slot in slots] == list(range(len(planned)))


def _at(day, hour_minute):
    return dt.datetime.combine(day, dt.time(*hour_minute), tzinfo=CHICAGO)


@pytest.mark.parametrize(
    "planned",
    [((1, 30), (2, 0)), ((1, 30), (3, 30)), ((3, 0), (3, 30))],
    ids=["ends in the skipped hour", "across the skipped hour", "after it"],
)
def test_a_break_moved_onto_the_night_the_clocks_skip_and_back_keeps_its_planned_time(organiser, planned):
    """A break of 01:30-02:00, moved with its session onto 14 March and back, came back as 01:30-03:00 (its end
    recorded as read after the gap) and took the slots of 02:00 and 02:30 with it. The local time planned for a
    break is kept while it names its instant; that night the break ends when the clocks jump."""
    from events.missions.services import update_session

    at = _at
    june, march = dt.date(2027, 6, 10), dt.date(2027, 3, 14)
    session = night_session(organiser, dt.datetime(2027, 6, 10, 0, 0), dt.datetime(2027, 6, 10, 4, 0))
    grid = services.set_up_grid(
        session,
        acting_user=organiser,
        slot_minutes=30,
        tables=["Table 1"],
        breaks=[(at(june, planned[0]), at(june, planned[1]))],
    )
    slots_planned = [said(slot.starts_at) for slot in grid.slots.order_by("index")]
    pause = grid.breaks.get()

    update_session(session, acting_user=organiser, starts_at=at(march, (0, 0)), ends_at=at(march, (4, 0)))

    pause.refresh_from_db()
    assert pause.starts_at < pause.ends_at
    slots = list(grid.slots.order_by("index"))
    assert not [slot for slot in slots if slot.starts_at < pause.ends_at and pause.starts_at < slot.ends_at]

    update_session(session, acting_user=organiser, starts_at=at(june, (0, 0)), ends_at=at(june, (4, 0)))

    pause.refresh_from_db()
    assert (pause.starts_at, pause.ends_at) == (at(june, planned[0]), at(june, planned[1]))
    assert [said(slot.starts_at) for slot in grid.slots.order_by("index")] == slots_planned


@pytest.mark.parametrize("starts", [(2, 0), (2, 30)])
def test_a_move_that_puts_a_break_at_a_time_the_clocks_skip_is_refused_saying_so(organiser, starts):
    """A break of 02:30-03:00, moved onto 14 March, began at 03:30 and ended before it began (a 500); one of
    02:00-02:30 lay over the 03:00 slot, bookable in the break."""
    from django.core.exceptions import ValidationError

    from events.missions.services import update_session

    june, march = dt.date(2027, 6, 10), dt.date(2027, 3, 14)
    session = night_session(organiser, dt.datetime(2027, 6, 10, 0, 0), dt.datetime(2027, 6, 10, 4, 0))
    ends = divmod(starts[0] * 60 + starts[1] + 30, 60)
    grid = services.set_up_grid(
        session,
        acting_user=organiser,
        slot_minutes=30,
        tables=["Table 1"],
        breaks=[(_at(june, starts), _at(june, ends))],
    )
    before = [(slot.starts_at, slot.ends_at) for slot in grid.slots.order_by("index")]

    with pytest.raises(ValidationError) as refused:
        update_session(session, acting_user=organiser, starts_at=_at(march, (0, 0)), ends_at=_at(march, (4, 0)))

    (message,) = refused.value.message_dict["starts_at"]
    assert message.startswith(f"The break {starts[0]:02d}:{starts[1]:02d}–")
    assert "would start at a time the clocks skip" in message
    assert "does not exist" in message
    session.refresh_from_db()
    assert session.starts_at == _at(june, (0, 0))
    assert [(slot.starts_at, slot.ends_at) for slot in grid.slots.order_by("index")] == before
