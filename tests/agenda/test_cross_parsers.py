"""The cross-parser check (issue 9): everything the demo writes as iCalendar, read by three parsers.

Each person's feed, each public programme, each item download and each invitation mail as sent
(REQUESTs, an update after a session moved, a CANCEL after a registration was cancelled) is read by
ical.js, libical and vobject, which share no code with our writer nor with each other. Each must read
every VEVENT's start and end, through the calendar's own VTIMEZONE, as the same wall time read
through the pinned tzdata wheel (IANA 2026f), whichever tz files the machine has. Locally a parser
this machine lacks is skipped with the reason; CI sets REQUIRE_CALENDAR_PARSERS=1 and installs them.
"""

import re
from collections import Counter
from datetime import datetime, timedelta

import pytest
from django.core.cache import cache
from django.db import transaction

from tests.support import calendar_parsers as parsers
from tests.support.demo_calendars import ARABIC_ATTENDEE, ARABIC_TITLE, MOROCCO, demo_calendars

# The calendars are written once for the module (below); the mark is what has pytest-django set up
# the test database for it.
pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def calendars(django_db_setup, django_db_blocker):
    """Written once for the module, in a transaction rolled back afterwards."""
    with django_db_blocker.unblock(), transaction.atomic():
        written = demo_calendars()
        transaction.set_rollback(True)
    cache.clear()  # feeds keep their rendered bytes in the cache: they describe rows that are gone
    return written


@pytest.fixture(scope="module")
def files(calendars, tmp_path_factory):
    directory = tmp_path_factory.mktemp("calendars")
    paths = [directory / f"{number:04d}-{calendar.kind}.ics" for number, calendar in enumerate(calendars)]
    for path, calendar in zip(paths, calendars, strict=True):
        path.write_bytes(calendar.data)
    return paths


@pytest.fixture(scope="module")
def libical_reader(tmp_path_factory):
    return parsers.build_libical_reader(tmp_path_factory.mktemp("libical"))


def read(parser, paths, request):
    lacks = parsers.missing(parser)
    if lacks:
        reason = f"the cross-parser check cannot run {parser} here: it needs {', '.join(lacks)}"
        if parsers.required():
            pytest.fail(f"{reason} (REQUIRE_CALENDAR_PARSERS=1 refuses to skip the cross-parser check)")
        pytest.skip(reason)
    if parser == "ical.js":
        return parsers.read_with_icaljs(paths)
    if parser == "libical":
        return parsers.read_with_libical(request.getfixturevalue("libical_reader"), paths)
    return [parsers.read_with_vobject(path.read_bytes()) for path in paths]


def report(problems):
    shown = "\n".join(problems[:40])
    return f"{len(problems)} problems:\n{shown}" + ("\n..." if len(problems) > 40 else "")


def test_the_check_covers_feeds_downloads_invitations_an_update_and_a_cancel(calendars):
    kinds = Counter(calendar.kind for calendar in calendars)
    requests = [parsers.expected_events(c.data)[0] for c in calendars if c.kind == "REQUEST"]
    moroccan = [c for c in calendars if f"TZID={MOROCCO}".encode() in c.data]

    assert set(kinds) == {"feed", "programme", "download", "REQUEST", "CANCEL"}
    assert {request.sequence for request in requests} >= {0, 1}  # invitations, and updates
    assert {c.kind for c in moroccan} == set(kinds)
    # Both kinds of CANCEL (RFC 5546 3.2.5): people uninvited from an event that goes on, and an event cancelled.
    cancels = [c.data for c in calendars if c.kind == "CANCEL"]
    assert {b"STATUS:CANCELLED" in data for data in cancels} == {True, False}


def test_every_calendar_is_well_formed(calendars):
    problems = [problem for calendar in calendars for problem in parsers.format_problems(calendar.label, calendar.data)]

    assert not problems, report(problems)


@pytest.mark.parametrize(
    ("change", "problem"),
    [
        ((b"METHOD:REQUEST\r\n", b"METHOD:REQUEST\r\nX-WR-CALNAME:Invitation\r\n"), "carries X-WR-CALNAME"),
        ((b"SEQUENCE:", b"X-LONG:" + b"x" * 80 + b"\r\nSEQUENCE:"), "has 87 octets"),
        ((b"SEQUENCE:", b"X-SEQUENCE:"), "a VEVENT has 0 SEQUENCE"),
        ((b"END:VEVENT\r\n", b"END:VEVENT\r\nBEGIN:VEVENT\r\nEND:VEVENT\r\n"), "carries 2 VEVENTs"),
        ((b"BEGIN:VTIMEZONE\r\nTZID:", b"BEGIN:VTIMEZONE\r\nTZID:X"), "without its VTIMEZONE"),
        ((b"\r\nEND:VCALENDAR", b"\nEND:VCALENDAR"), "does not end in CRLF"),
    ],
)
def test_the_format_check_sees_what_it_looks_for(calendars, change, problem):
    invitation = next(calendar for calendar in calendars if calendar.kind == "REQUEST")

    problems = parsers.format_problems("changed", invitation.data.replace(*change, 1))

    assert any(problem in found for found in problems), problems


def test_the_expectation_reads_the_pinned_wheel_not_the_machine():
    # Since 2026f Morocco stays on +00 from September 2026; 2025b (Debian 12's files) has it back on +01.
    december = datetime(2026, 12, 21, 9, 30)

    offset = parsers.pinned_zone(MOROCCO).utcoffset(december)

    assert parsers.TZDATA_VERSION >= "2026f"
    assert offset == timedelta(0)


@pytest.mark.parametrize("parser", parsers.PARSERS)
def test_each_parser_reads_every_instant_as_the_pinned_tz_database(parser, calendars, files, request):
    readings = read(parser, files, request)

    problems = []
    for calendar, reading in zip(calendars, readings, strict=True):
        problems += parsers.disagreements(parser, calendar.label, reading, parsers.expected_events(calendar.data))
    assert sum(len(reading.events) for reading in readings) == sum(
        len(parsers.expected_events(calendar.data)) for calendar in calendars
    )
    assert not problems, report(problems)


@pytest.mark.parametrize("parser", parsers.PARSERS)
def test_each_parser_reads_summaries_and_names_as_written_arabic_included(parser, calendars, files, request):
    readings = read(parser, files, request)

    problems = []
    for calendar, reading in zip(calendars, readings, strict=True):
        problems += parsers.text_disagreements(parser, calendar.label, reading, parsers.expected_events(calendar.data))
    assert not problems, report(problems)
    # Not vacuous: an Arabic SUMMARY and an Arabic CN were among what was read.
    read_back = [event for reading in readings for event in reading.events]
    assert any(event.summary and ARABIC_TITLE in event.summary for event in read_back)
    assert any(ARABIC_ATTENDEE in event.names for event in read_back)


def without_last_observance(data, zone):
    """The calendar with the last observance of `zone`'s VTIMEZONE cut: its clock never changes again."""
    text = data.decode()
    vtimezone = re.search(rf"BEGIN:VTIMEZONE\r\nTZID:{zone}\r\n.*?END:VTIMEZONE\r\n", text, re.S)
    last = list(re.finditer(r"BEGIN:(STANDARD|DAYLIGHT)\r\n.*?END:\1\r\n", vtimezone[0], re.S))[-1]
    cut = vtimezone[0][: last.start()] + vtimezone[0][last.end() :]
    return (text[: vtimezone.start()] + cut + text[vtimezone.end() :]).encode()


@pytest.mark.parametrize("parser", parsers.PARSERS)
def test_each_parser_sees_a_vtimezone_that_tzdata_disagrees_with(parser, calendars, tmp_path, request):
    # The negative control: Morocco's last change (to +00 for good in September 2026, in 2026f) cut
    # from a programme, as a writer reading an older tz database would leave it. The one programme in Morocco
    # in 2026 (Dakhla's training, weeks before the demo's day) lies after that change.
    (calendar,) = [c for c in calendars if c.kind == "programme" and f"TZID={MOROCCO}:2026".encode() in c.data]
    path = tmp_path / "tampered.ics"
    path.write_bytes(without_last_observance(calendar.data, MOROCCO))
    (reading,) = read(parser, [path], request)

    problems = parsers.disagreements(parser, "tampered", reading, parsers.expected_events(calendar.data))

    after_the_change = [problem for problem in problems if f"TZID={MOROCCO}:2026" in problem]
    assert after_the_change
    assert all("(-60 min)" in problem for problem in after_the_change)


def test_libical_checks_the_itip_rules_of_each_method(calendars, tmp_path, request):
    cancel = next(calendar for calendar in calendars if calendar.kind == "CANCEL")
    path = tmp_path / "no-organizer.ics"
    path.write_bytes(re.sub(rb"ORGANIZER[^\r]*\r\n(?: [^\r]*\r\n)*", b"", cancel.data))  # with its folds
    (reading,) = read("libical", [path], request)

    problems = parsers.disagreements("libical", "changed", reading, parsers.expected_events(cancel.data))

    assert problems == [
        "libical: changed: Failed iTIP restrictions for ORGANIZER property."
        " Expected 1 instances of the property and got 0"
    ]
