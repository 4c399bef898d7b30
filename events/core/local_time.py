"""A place's local time and the instant it names: times the clocks skip or repeat are refused, not guessed.

zoneinfo quietly resolves 02:30 on the night clocks go forward to some instant nobody typed; here
such a time is an error that names the transition, and a repeated one needs its offset.
"""

import datetime as dt
from zoneinfo import ZoneInfo

from django.core.exceptions import ValidationError
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _


def validate_to_the_minute(value: dt.datetime | None) -> None:
    """A time planned at a place is given to the minute, as every page, mail and form shows it: one at 09:00:00.5
    read 09:00 everywhere, and the next save of a form (which writes minutes) moved it, one revision up and an
    update to everyone for nothing they could see."""
    if value is not None and (value.second or value.microsecond):
        raise ValidationError(_("Give the time to the minute, without seconds."), code="seconds")


def said_with_offset(moment: dt.datetime, said: str) -> str:
    """`said` (a time of `moment`'s day) with its UTC offset when the clocks repeat that time ("01:30 (UTC−06:00)",
    the second 01:30 of the night they go back): read alone, a reader takes the first and comes an hour early."""
    if moment.tzinfo is None or moment.utcoffset() == moment.replace(fold=1 - moment.fold).utcoffset():
        return said
    offset = moment.strftime("%z")
    return f"{said} (UTC{offset[0].replace('-', '−')}{offset[1:3]}:{offset[3:5]})"


def clock_at(instant: dt.datetime, time_zone) -> str:
    """ "13:30" on the clock of `time_zone` (a name or a ZoneInfo), with said_with_offset's offset in a repeated
    hour: how a message written in Python names a slot or a period, as the pages do."""
    zone = ZoneInfo(time_zone) if isinstance(time_zone, str) else time_zone
    moment = instant.astimezone(zone)
    return said_with_offset(moment, f"{moment:%H:%M}")


class WallClockError(ValidationError):
    """A local time that cannot name one instant at a place: it is skipped or repeated by the clocks."""


def _transition(wall: dt.datetime, zone: ZoneInfo) -> tuple[dt.datetime, dt.datetime]:
    """The wall clock just before and just after the transition around `wall` (a gap or an overlap)."""
    before, after = wall.replace(tzinfo=zone, fold=0).utcoffset(), wall.replace(tzinfo=zone, fold=1).utcoffset()
    low, high = (wall - max(before, after)).replace(tzinfo=dt.UTC), (wall - min(before, after)).replace(tzinfo=dt.UTC)
    # The transition instant lies between the two readings of `wall`: the last second on the old offset.
    while high - low > dt.timedelta(seconds=1):
        middle = low + (high - low) / 2
        if middle.astimezone(zone).utcoffset() == low.astimezone(zone).utcoffset():
            low = middle
        else:
            high = middle
    return (high + low.astimezone(zone).utcoffset()).replace(tzinfo=None), (
        high + high.astimezone(zone).utcoffset()
    ).replace(tzinfo=None)


def _clock(value: dt.datetime) -> str:
    return value.strftime("%H:%M")


def _out_of_range(value) -> WallClockError:
    return WallClockError(
        _("%(value)s is too far in the past or the future to be planned here."),
        code="out_of_range",
        params={"value": value.isoformat()},
    )


def instant_at(wall: dt.datetime, time_zone: str, *, fold: int | None = None) -> dt.datetime:
    """The aware instant a wall-clock time names at a place, refusing times the clocks skip or repeat.

    `wall` is naive. A time in the hour skipped when the clocks go forward does not exist
    (02:30 on 14 March 2027 in America/Chicago); one in the hour repeated when they go back happens
    twice, and is accepted only with `fold` saying which (0 the first, 1 the second, as PEP 495).
    Raises WallClockError with a message that names the transition.
    """
    try:
        return _instant_at(wall, time_zone, fold=fold)
    except OverflowError as error:
        raise _out_of_range(wall) from error


def instants_at(wall: dt.datetime, zone: ZoneInfo) -> list[dt.datetime]:
    """The instants (in UTC) a naive local time names in `zone`: none in the hour the clocks skip, two in the hour
    they repeat (the first pass first), else one. OverflowError beyond year 9999 in UTC."""
    found = []
    for fold in (0, 1):
        instant = wall.replace(tzinfo=zone, fold=fold).astimezone(dt.UTC)
        if instant.astimezone(zone).replace(tzinfo=None) == wall and instant not in found:
            found.append(instant)
    return found


def _instant_at(wall: dt.datetime, time_zone: str, *, fold: int | None = None) -> dt.datetime:
    zone = ZoneInfo(time_zone)
    # Returned in UTC: an aware time in a repeated hour never equals one in another zone (PEP 495).
    instants = instants_at(wall, zone)
    if len(instants) == 1:
        return instants[0]
    day = date_format(wall.date(), "j F Y")
    old, new = _transition(wall, zone)
    if not instants:
        raise WallClockError(
            _("%(time)s on %(day)s does not exist in %(zone)s: clocks go from %(old)s to %(new)s."),
            code="nonexistent_local_time",
            params={"time": _clock(wall), "day": day, "zone": time_zone, "old": _clock(old), "new": _clock(new)},
        )
    if fold is None:
        first, second = (instant.astimezone(zone) for instant in instants)
        raise WallClockError(
            _(
                "%(time)s on %(day)s happens twice in %(zone)s: clocks go back from %(old)s to %(new)s. "
                "Give the UTC offset to say which: %(first)s or %(second)s."
            ),
            code="ambiguous_local_time",
            params={
                "time": _clock(wall),
                "day": day,
                "zone": time_zone,
                "old": _clock(old),
                "new": _clock(new),
                "first": first.isoformat(),
                "second": second.isoformat(),
            },
        )
    return instants[fold]


def place_instant(value: dt.datetime, time_zone: str) -> dt.datetime:
    """An input time at a place: a naive one is its wall clock (checked), an aware one names its instant.

    An offset says which of two repeated times is meant, so an aware value is taken as given.
    """
    if value.tzinfo is not None and value.utcoffset() is not None:
        try:
            value.astimezone(dt.UTC).astimezone(ZoneInfo(time_zone))
        except OverflowError as error:
            raise _out_of_range(value) from error
        return value
    return instant_at(value, time_zone)
