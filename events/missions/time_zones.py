"""IANA time zones: validation and conversion between a place's local time and UTC."""

import datetime as dt
from functools import lru_cache
from zoneinfo import ZoneInfo, available_timezones

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _


@lru_cache(maxsize=1)
def known_time_zones():
    return frozenset(available_timezones())


# The areas of the IANA names that are places (Area/Location). The others are no place: "Factory" (a placeholder
# whose abbreviation is "-00"), "Etc/GMT+5" (which is UTC−5), "EST5EDT", "posixrules". UTC stays, for what happens
# nowhere in particular.
PLACE_AREAS = frozenset(
    {"Africa", "America", "Antarctica", "Arctic", "Asia", "Atlantic", "Australia", "Europe", "Indian", "Pacific"}
)


def validate_time_zone(value):
    """An IANA zone of a place (PLACE_AREAS) or UTC; ValidationError otherwise, saying which."""
    if value not in known_time_zones():
        raise ValidationError(
            _("“%(value)s” is not an IANA time zone; use a name such as America/Chicago or Africa/Casablanca."),
            code="unknown_time_zone",
            params={"value": value},
        )
    if value != "UTC" and value.partition("/")[0] not in PLACE_AREAS:
        raise ValidationError(
            _("“%(value)s” is not the time zone of a place; use a name such as America/Chicago or Africa/Casablanca."),
            code="not_a_place",
            params={"value": value},
        )


def local_date(instant, time_zone):
    """The calendar date of an aware instant at a place."""
    return instant.astimezone(ZoneInfo(time_zone)).date()


def make_local(day: dt.date, time: dt.time, time_zone) -> dt.datetime:
    """An aware datetime for a wall-clock time at a place."""
    return dt.datetime.combine(day, time, tzinfo=ZoneInfo(time_zone))
