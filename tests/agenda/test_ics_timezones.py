"""Time zones of the iCalendar writer, checked against zoneinfo by two readers that share no code with it.

1. vobject 0.9.9, which turns each VTIMEZONE into a tzinfo (dateutil's tzical): every event's
   DTSTART/DTEND, read as TZID wall time, must be the instant the event was created with.
2. A small evaluator below that reads the observances as RFC 5545 defines them: every hour of the
   window (and the second either side of each onset) must have zoneinfo's UTC offset.
"""

import bisect
import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
import vobject

from events.agenda.ics import CalendarEvent, render_calendar

MODIFIED = datetime(2026, 12, 1, 12, 0, tzinfo=UTC)
US_HOURS = (time(1, 30), time(2, 30), time(3, 0), time(9, 0))  # 02:30 does not exist on the spring-forward day
US_CHANGES = ((date(2027, 3, 10), date(2027, 3, 16)), (date(2027, 11, 3), date(2027, 11, 9)))
# Morocco's clocks go back to +00 for Ramadan. The 2025 and 2026 changes are settled in every tzdata;
# 2027 and 2028 are predictions, which tzdata 2026f (the pip tzdata 2026.6) replaces with permanent +00
# from September 2026. The comparisons hold whichever database zoneinfo reads.
CASABLANCA_HOURS = (time(0, 30), time(2, 30), time(3, 0), time(9, 0), time(23, 30))
CASABLANCA_RAMADANS = (
    (date(2025, 2, 16), date(2025, 4, 13)),  # Ramadan 1446: 1 March - 30 March 2025
    (date(2026, 2, 8), date(2026, 3, 29)),  # Ramadan 1447: 18 February - 19 March 2026
    (date(2027, 1, 31), date(2027, 3, 21)),  # Ramadan 1448: about 8 February - 9 March 2027
    (date(2028, 1, 16), date(2028, 3, 12)),  # Ramadan 1449: about 28 January - 26 February 2028
)

SCENARIOS = {
    "chicago": ("America/Chicago", US_CHANGES, US_HOURS),
    "los_angeles": ("America/Los_Angeles", US_CHANGES, US_HOURS),
    "new_york": ("America/New_York", US_CHANGES, US_HOURS),
    "casablanca": ("Africa/Casablanca", CASABLANCA_RAMADANS, CASABLANCA_HOURS),
    "paris": (
        "Europe/Paris",
        ((date(2027, 3, 24), date(2027, 4, 1)), (date(2027, 10, 27), date(2027, 11, 4))),
        US_HOURS,
    ),
    "utc": ("UTC", ((date(2027, 3, 10), date(2027, 3, 16)),), (time(0, 0), time(9, 0), time(23, 30))),
}


def _events(zone_name, periods, hours):
    """An event every day of every period at every hour, lasting 90 real minutes."""
    zone = ZoneInfo(zone_name)
    events = []
    for first, last in periods:
        for day in range((last - first).days + 1):
            for hour in hours:
                start = datetime.combine(first + timedelta(days=day), hour, tzinfo=zone)
                end = (start.astimezone(UTC) + timedelta(minutes=90)).astimezone(zone)
                events.append(_event(f"{zone_name}-{start:%Y%m%dT%H%M}", start, end, zone_name))
    return events


def _event(uid, start, end, zone_name):
    return CalendarEvent(uid=uid, start=start, end=end, zone=zone_name, summary=uid, last_modified=MODIFIED)


def _vobject_instants(data):
    """{uid: (start, end)} in UTC, each wall time resolved through this calendar's own VTIMEZONE."""
    calendar = vobject.readOne(data.decode("utf-8"))
    # vobject keeps one process-wide TZID registry where the first VTIMEZONE ever read wins (and an
    # unknown TZID falls back to pytz), so the tzinfos are taken from this calendar's VTIMEZONEs.
    zones = {vtimezone.tzid.value: vtimezone.gettzinfo() for vtimezone in calendar.contents.get("vtimezone", [])}
    return {
        vevent.uid.value: (_instant(vevent.dtstart, zones), _instant(vevent.dtend, zones))
        for vevent in calendar.vevent_list
    }


def _instant(line, zones):
    tzid = (line.params.get("TZID") or line.params.get("X-VOBJ-ORIGINAL-TZID") or [None])[0]
    if tzid is None:
        assert line.value.utcoffset() == timedelta(0)
        return line.value.astimezone(UTC)
    # RFC 5545 3.3.5: a wall time that occurs twice is its first occurrence (fold=0).
    return line.value.replace(tzinfo=zones[tzid], fold=0).astimezone(UTC)


@dataclass(frozen=True)
class _Observance:
    kind: str
    onset: datetime  # UTC
    offset_from: timedelta
    offset_to: timedelta
    name: str


def _vtimezones(data):
    """{tzid: [observance, ...]} from the raw text, understanding exactly what RFC 5545 3.6.5 says."""
    zones, observances, current = {}, None, None
    for line in data.decode("utf-8").replace("\r\n ", "").split("\r\n"):
        name, _, value = line.partition(":")
        if line == "BEGIN:VTIMEZONE":
            observances = []
        elif line == "END:VTIMEZONE":
            observances = None
        elif line in ("BEGIN:STANDARD", "BEGIN:DAYLIGHT"):
            current = {"kind": value}
        elif line in ("END:STANDARD", "END:DAYLIGHT"):
            # No RRULE or RDATE: each observance is one onset, which is all this evaluator reads.
            assert set(current) == {"kind", "DTSTART", "TZOFFSETFROM", "TZOFFSETTO", "TZNAME"}
            offset_from = _offset(current["TZOFFSETFROM"])
            local_onset = datetime.strptime(current["DTSTART"], "%Y%m%dT%H%M%S")
            onset = (local_onset - offset_from).replace(tzinfo=UTC)  # DTSTART is in the offset before
            observances.append(
                _Observance(current["kind"], onset, offset_from, _offset(current["TZOFFSETTO"]), current["TZNAME"])
            )
            current = None
        elif current is not None:
            current[name] = value
        elif observances is not None and name == "TZID":
            zones[value] = observances
    return zones


def _offset(value):
    sign, hours, minutes, seconds = re.fullmatch(r"([+-])(\d\d)(\d\d)(\d\d)?", value).groups()
    size = timedelta(hours=int(hours), minutes=int(minutes), seconds=int(seconds or 0))
    return -size if sign == "-" else size


def _offset_at(observances, instant):
    onsets = [observance.onset for observance in observances]
    assert onsets == sorted(onsets)
    index = bisect.bisect_right(onsets, instant) - 1
    return observances[0].offset_from if index < 0 else observances[index].offset_to


def _hours(start, end):
    moment = start
    while moment < end:
        yield moment
        moment += timedelta(hours=1)


@pytest.mark.parametrize("scenario", SCENARIOS)
def test_event_instants_read_by_vobject_equal_the_instants_created(scenario):
    events = _events(*SCENARIOS[scenario])

    instants = _vobject_instants(render_calendar(events, name=scenario))

    expected = {event.uid: (event.start.astimezone(UTC), event.end.astimezone(UTC)) for event in events}
    assert instants == expected
    assert len(instants) == len(events)


@pytest.mark.parametrize("scenario", SCENARIOS)
def test_vtimezone_offsets_equal_zoneinfo_every_hour_of_the_window(scenario):
    zone_name, periods, hours = SCENARIOS[scenario]
    zone = ZoneInfo(zone_name)
    data = render_calendar(_events(zone_name, periods, hours), name=scenario)

    observances = _vtimezones(data)[zone_name]

    # The window: 1 January (local) of the year before the first event, to the end of the year after the last.
    window_start = datetime(periods[0][0].year - 1, 1, 1, tzinfo=zone).astimezone(UTC)
    window_end = datetime(periods[-1][1].year + 2, 1, 1, tzinfo=zone).astimezone(UTC)
    assert observances[0].onset == window_start
    wrong = [
        moment
        for moment in _hours(window_start, window_end)
        if _offset_at(observances, moment) != moment.astimezone(zone).utcoffset()
    ]
    assert wrong == []
    for observance in observances[1:]:
        for moment in (observance.onset - timedelta(seconds=1), observance.onset):
            assert _offset_at(observances, moment) == moment.astimezone(zone).utcoffset()
        assert observance.offset_from != observance.offset_to or observance.name != observances[0].name
    assert observances[-1].onset < window_end


@pytest.mark.parametrize("scenario", SCENARIOS)
def test_vtimezone_names_and_kinds_follow_zoneinfo(scenario):
    zone_name, periods, hours = SCENARIOS[scenario]
    zone = ZoneInfo(zone_name)

    observances = _vtimezones(render_calendar(_events(zone_name, periods, hours), name=scenario))[zone_name]

    for observance in observances:
        local = observance.onset.astimezone(zone)
        assert observance.name == local.tzname()
        assert observance.kind == ("DAYLIGHT" if local.dst() else "STANDARD")


@pytest.mark.parametrize("scenario", SCENARIOS)
def test_vobject_tzinfo_reads_every_wall_time_of_the_window_as_zoneinfo_does(scenario):
    zone_name, periods, hours = SCENARIOS[scenario]
    zone = ZoneInfo(zone_name)
    data = render_calendar(_events(zone_name, periods, hours), name=scenario)

    tzinfo = vobject.readOne(data.decode("utf-8")).vtimezone.gettzinfo()

    # Wall time (with fold) to offset: the direction a calendar takes from DTSTART;TZID to an instant.
    # Not UTC to wall time: dateutil's fromutc() assumes DST is never negative, so in the hour around
    # each Casablanca change it returns a wrong wall time (2025-02-23T02:00Z comes out as 02:00+01:00).
    start = datetime(periods[0][0].year, 1, 1, tzinfo=UTC)
    end = datetime(periods[-1][1].year + 1, 1, 1, tzinfo=UTC)
    wrong = []
    for moment in _hours(start, end):
        local = moment.astimezone(zone)
        if local.replace(tzinfo=tzinfo).utcoffset() != local.utcoffset():
            wrong.append(moment)
    assert wrong == []


def test_casablanca_ramadan_2026_is_plus_zero_between_two_plus_one_periods():
    # Guards against the comparisons above passing vacuously: the transitions really are there.
    events = _events("Africa/Casablanca", CASABLANCA_RAMADANS[1:2], (time(9, 0),))

    observances = _vtimezones(render_calendar(events, name="Dakhla"))["Africa/Casablanca"]

    moments = [datetime(2026, month, day, 12, tzinfo=UTC) for month, day in ((1, 15), (3, 1), (4, 15))]
    assert [_offset_at(observances, moment) for moment in moments] == [
        timedelta(hours=1),
        timedelta(0),
        timedelta(hours=1),
    ]
    ramadan = [observance for observance in observances if observance.onset.year == 2026]
    assert [(o.kind, o.name) for o in ramadan[:2]] == [("DAYLIGHT", "+00"), ("STANDARD", "+01")]


def test_zone_without_transitions_gets_one_standard_observance():
    events = _events("UTC", ((date(2027, 6, 1), date(2027, 6, 1)),), (time(9, 0),))

    observances = _vtimezones(render_calendar(events, name="UTC"))["UTC"]

    assert observances == [
        _Observance("STANDARD", datetime(2026, 1, 1, tzinfo=UTC), timedelta(0), timedelta(0), "UTC"),
    ]


def test_vtimezone_for_each_tzid_used_and_none_other():
    events = [
        event
        for zone_name, periods, hours in SCENARIOS.values()
        for event in _events(zone_name, periods[:1], hours[:1])
    ]

    data = render_calendar(events, name="Everywhere")

    used = set(re.findall(r";TZID=([^:;]+):", data.decode("utf-8")))
    assert set(_vtimezones(data)) == used == {zone_name for zone_name, _, _ in SCENARIOS.values()}
    assert data.count(b"BEGIN:VTIMEZONE") == len(used)
    assert _vobject_instants(data) == {
        event.uid: (event.start.astimezone(UTC), event.end.astimezone(UTC)) for event in events
    }


def test_window_spans_all_events_of_the_zone():
    chicago = ZoneInfo("America/Chicago")
    early = datetime(2027, 2, 13, 9, tzinfo=chicago)
    late = datetime(2029, 7, 1, 9, tzinfo=chicago)
    events = [
        _event("early", early, early + timedelta(hours=1), "America/Chicago"),
        _event("late", late, late + timedelta(hours=1), "America/Chicago"),
    ]

    observances = _vtimezones(render_calendar(events, name="Long"))["America/Chicago"]

    assert observances[0].onset == datetime(2026, 1, 1, 6, tzinfo=UTC)
    assert {observance.onset.year for observance in observances} == {2026, 2027, 2028, 2029, 2030}


def test_second_pass_of_a_repeated_hour_is_written_in_utc():
    chicago = ZoneInfo("America/Chicago")
    second_pass = datetime(2027, 11, 7, 1, 30, fold=1, tzinfo=chicago)  # 07:30 UTC; the first pass is 06:30
    events = [
        _event("first", datetime(2027, 11, 7, 1, 30, tzinfo=chicago), second_pass, "America/Chicago"),
        _event("second", second_pass, second_pass + timedelta(hours=2), "America/Chicago"),
    ]

    data = render_calendar(events, name="Fall back")

    assert b"DTEND:20271107T073000Z\r\n" in data
    assert b"DTSTART:20271107T073000Z\r\n" in data
    assert _vobject_instants(data) == {
        "first": (datetime(2027, 11, 7, 6, 30, tzinfo=UTC), datetime(2027, 11, 7, 7, 30, tzinfo=UTC)),
        "second": (datetime(2027, 11, 7, 7, 30, tzinfo=UTC), datetime(2027, 11, 7, 9, 30, tzinfo=UTC)),
    }


def test_wall_time_inside_a_spring_forward_gap_is_written_as_the_real_time():
    chicago = ZoneInfo("America/Chicago")
    start = datetime(2027, 3, 14, 2, 30, tzinfo=chicago)  # does not exist; zoneinfo reads it as 02:30 CST

    data = render_calendar([_event("gap", start, start + timedelta(hours=2), "America/Chicago")], name="Gap")

    assert b"DTSTART;TZID=America/Chicago:20270314T033000\r\n" in data
    assert _vobject_instants(data)["gap"][0] == datetime(2027, 3, 14, 8, 30, tzinfo=UTC)
