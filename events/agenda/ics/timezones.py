"""VTIMEZONE components read off the IANA database through zoneinfo, one observance per transition.

Why not RRULEs: Africa/Casablanca leaves +01 for +00 around Ramadan, on dates set by the lunar
calendar that no RRULE can express, and every zone's rules change by law from time to time. Listing
each transition of the window as its own observance is exact for all of them, and it is the
simplest form for a parser. Why not icalendar's Timezone.from_tzinfo: it infers RDATE groups and,
in 7.3, drops Casablanca's 2027 Ramadan transitions (842 wrong hours over 2026-2028).
"""

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from functools import lru_cache
from zoneinfo import ZoneInfo

from events.agenda.ics.content import content_line, local_datetime, text, utc_offset

# zoneinfo has no public list of transitions, so the window is sampled and each change is pinned
# down to the second by bisection. A day is safe: since 1970 no zone has had two transitions less
# than 6.9 days apart (America/Cambridge_Bay, 2000; checked in tzdata 2025b and 2026f), so no
# change and its reversal can hide between two samples.
_SCAN_STEP = 86_400


@dataclass(frozen=True)
class _State:
    """What zoneinfo says is in force at an instant; a change in any part is a transition."""

    offset: timedelta
    dst: timedelta
    name: str


@dataclass(frozen=True)
class Observance:
    """A STANDARD or DAYLIGHT sub-component: from `onset` on, `offset_to` is in force."""

    onset: datetime  # UTC
    offset_from: timedelta
    offset_to: timedelta
    name: str
    daylight: bool

    @property
    def local_onset(self) -> datetime:
        # RFC 5545 3.6.5: an observance's DTSTART is local time in the offset in force before it.
        return (self.onset + self.offset_from).replace(tzinfo=None)


def _state(zone: ZoneInfo, timestamp: int) -> _State:
    local = datetime.fromtimestamp(timestamp, tz=zone)
    return _State(local.utcoffset(), local.dst(), local.tzname())


def _first_second_of_change(zone: ZoneInfo, before: int, after: int, state: _State) -> int:
    """Bisect to the first second whose state differs from `state` (tzdata transitions fall on whole seconds)."""
    while after - before > 1:
        middle = (before + after) // 2
        if _state(zone, middle) == state:
            before = middle
        else:
            after = middle
    return after


@lru_cache(maxsize=512)
def observances(zone_name: str, first_year: int, last_year: int) -> tuple[Observance, ...]:
    """The state in force on 1 January of `first_year` (local), then every transition until 1 January after `last_year`.

    Whether an observance is DAYLIGHT is zoneinfo's dst() being non-zero, with no further judgement.
    For Africa/Casablanca that makes +01 STANDARD and the Ramadan +00 DAYLIGHT (a negative DST,
    as in tzdata since 2018), and "daylight" then carries the smaller offset: odd but consistent.
    """
    zone = ZoneInfo(zone_name)
    start = int(datetime(first_year, 1, 1, tzinfo=zone).timestamp())
    end = int(datetime(last_year + 1, 1, 1, tzinfo=zone).timestamp())

    state = _state(zone, start)
    found = [_observance(start, state, state)]
    moment = start
    while moment < end:
        sample = min(moment + _SCAN_STEP, end)
        if _state(zone, sample) == state:
            moment = sample
            continue
        onset = _first_second_of_change(zone, moment, sample, state)
        new_state = _state(zone, onset)
        found.append(_observance(onset, state, new_state))
        state, moment = new_state, onset
    return tuple(found)


def _observance(timestamp: int, before: _State, after: _State) -> Observance:
    return Observance(
        onset=datetime.fromtimestamp(timestamp, tz=UTC),
        offset_from=before.offset,
        offset_to=after.offset,
        name=after.name,
        daylight=bool(after.dst),
    )


@lru_cache(maxsize=512)
def vtimezone_lines(zone_name: str, first_year: int, last_year: int) -> tuple[str, ...]:
    """A whole VTIMEZONE; cached, since every feed of a mission repeats the same few."""
    lines = ["BEGIN:VTIMEZONE", content_line("TZID", zone_name)]
    for observance in observances(zone_name, first_year, last_year):
        kind = "DAYLIGHT" if observance.daylight else "STANDARD"
        lines += [
            f"BEGIN:{kind}",
            content_line("DTSTART", local_datetime(observance.local_onset)),
            content_line("TZOFFSETFROM", utc_offset(observance.offset_from)),
            content_line("TZOFFSETTO", utc_offset(observance.offset_to)),
            content_line("TZNAME", text(observance.name)),
            f"END:{kind}",
        ]
    lines.append("END:VTIMEZONE")
    return tuple(lines)
