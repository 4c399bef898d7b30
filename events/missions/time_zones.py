"""IANA time zones: validation and conversion between a place's local time and UTC."""

import datetime as dt
from functools import lru_cache
from zoneinfo import ZoneInfo, available_timezones

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _


@lru_cache(maxsize=1)
def known_time_zones():
    return frozenset(available_timezones())


def validate_time_zone(value):
    if value not in known_time_zones():
        raise ValidationError(
            _("“%(value)s” is not an IANA time zone; use a name such as America/Chicago or Africa/Casablanca."),
            code="unknown_time_zone",
            params={"value": value},
        )


def local_date(instant, time_zone):
    """The calendar date of an aware instant at a place."""
    return instant.astimezone(ZoneInfo(time_zone)).date()


def make_local(day: dt.date, time: dt.time, time_zone) -> dt.datetime:
    """An aware datetime for a wall-clock time at a place."""
    return dt.datetime.combine(day, time, tzinfo=ZoneInfo(time_zone))
