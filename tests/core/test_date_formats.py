"""Dates and times are written with named formats (config/formats, one module per language), so that each
language punctuates its own: Arabic separates the date from the time with its own comma (،), as Django's
Arabic formats do, where a literal format in a template wrote a Latin one in every language."""

import datetime as dt
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.utils import translation
from django.utils.formats import date_format

from events.notifications.models import OutboundEmail
from events.registrations import services as registrations
from tests.factories import RepresentativeFactory, briefing_factory
from tests.support.outbox import sent

BASE = Path(settings.BASE_DIR)
LITERAL_WITH_PUNCTUATION = re.compile(r"""\|date:(["'])(?P<format>[^"']*[,،][^"']*)\1""")


def test_no_template_writes_a_date_format_with_punctuation_of_its_own():
    offenders = [
        f"{path.relative_to(BASE)}: {match.group('format')}"
        for path in sorted((BASE / "templates").rglob("*.*"))
        for match in LITERAL_WITH_PUNCTUATION.finditer(path.read_text())
    ]
    assert offenders == []


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("en", "Tuesday 9 March 2027, 14:30"),
        ("fr", "mardi 9 mars 2027, 14:30"),
        ("ar", "الثلاثاء 9 مارس 2027، 14:30"),
    ],
)
def test_the_long_date_and_time_reads_in_each_language(language, expected):
    with translation.override(language):
        assert date_format(dt.datetime(2027, 3, 9, 14, 30), "DATETIME_FORMAT") == expected


@pytest.mark.parametrize("language", ["en", "fr", "ar"])
def test_a_day_and_a_time_alone_read_as_in_the_long_format(language):
    """A tester read "Feb. 10, 2027, 6:30 p.m.–20:30" and "4:30 م–18:00": Django's own defaults beside ours."""
    moment = dt.datetime(2027, 3, 9, 18, 30)
    with translation.override(language):
        long = date_format(moment, "DATETIME_FORMAT")
        assert long.startswith(date_format(moment, "l") + " " + date_format(moment, "DATE_FORMAT"))
        assert long.endswith(date_format(moment, "TIME_FORMAT"))
        assert date_format(moment, "TIME_FORMAT") == "18:30"


@pytest.mark.django_db
def test_an_arabic_confirmation_separates_the_date_from_the_time_with_the_arabic_comma():
    representative = RepresentativeFactory(user__language="ar")

    registration = registrations.register_company(
        briefing_factory(),
        acting_user=representative.user,
        organization=representative.organization,
        attendees=[{"full_name": "عمر التازي", "email": "omar@dakhla.example"}],
    )

    mail = sent(OutboundEmail.objects.get(reference=f"registration:{registration.pk}"))
    # The times are isolated left to right (U+2066 ... U+2069) in an Arabic line: tests/core/test_time_ranges.py.
    assert re.search(r"\d{4}، \u2066?\d{2}:\d{2}", mail.body_text), mail.body_text
    assert not re.search(r"\d{4}, \u2066?\d{2}:\d{2}", mail.body_text)


def test_french_short_dates_never_leave_june_and_july_alike():
    with translation.override("fr"):
        june, july = (date_format(dt.datetime(2027, month, 1, 9, 0), "SHORT_DATETIME_FORMAT") for month in (6, 7))
    assert (june, july) == ("1 juin 2027, 09:00", "1 juillet 2027, 09:00")
