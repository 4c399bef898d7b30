"""A real invitation and its cancellation as the relay received them, read as mail clients read them.

A company registers an attendee for a session through the public services, then cancels; the mail
goes through Django's SMTP backend to the fake relay, byte for byte. The attendee's REQUEST and
CANCEL are each read by two MIME parsers that share no code, Python's `email` (policy=default) and
postal-mime, and their calendars by two iCalendar parsers, icalendar and ical.js. Both must find the
RFC 6047 shape, the method and a single charset in the calendar part's Content-Type, invite.ics with
the same calendar, and the same event in both messages: the session's UID, a SEQUENCE the CANCEL does
not lower, the non-ASCII title intact and the session's start. Without node or the npm packages the
postal-mime and ical.js checks skip and say why; CI sets REQUIRE_CALENDAR_PARSERS=1 and refuses to.
"""

import email
import re
from email import policy

import icalendar
import pytest

from events.notifications.models import OutboundEmail
from events.notifications.services import OUTBOX_HEADER
from events.registrations.services import cancel_registration, register_company
from tests.factories import RepresentativeFactory, briefing_factory
from tests.support import calendar_parsers as parsers

pytestmark = pytest.mark.django_db

TITLE = "Réunion B2B – Dakhla"
ATTENDEE = "Omar Tazi\u2011Benani"  # a non-breaking hyphen
ADDRESS = "omar.tazi@dakhla.example"
METHODS = ("REQUEST", "CANCEL")
SHAPE = [
    ("multipart/mixed", None),
    ("multipart/alternative", None),
    ("text/plain", None),
    ("text/html", None),
    ("text/calendar", None),
    ("application/ics", "invite.ics"),
]
# A Content-Type header with its folds, anywhere in the message (no body line here starts so).
CONTENT_TYPE = re.compile(rb"^Content-Type:.*?\r\n(?![ \t])", re.I | re.M | re.S)


@pytest.fixture
def sent(relay_backend, django_capture_on_commit_callbacks):
    """The session, and every message the attendee received, in order, as the relay took them."""
    session = briefing_factory(title=TITLE, capacity=5, attendees_per_company=1)
    representative = RepresentativeFactory()
    with django_capture_on_commit_callbacks(execute=True):
        registration = register_company(
            session,
            acting_user=representative.user,
            organization=representative.organization,
            attendees=[{"full_name": ATTENDEE, "email": ADDRESS}],
        )
    with django_capture_on_commit_callbacks(execute=True):
        cancel_registration(registration, acting_user=representative.user)
    return session, relay_backend.accepted_for(ADDRESS)


def received(sent, method):
    """The one message the attendee received whose calendar part has `method`."""
    _session, messages = sent
    (accepted,) = [accepted for accepted in messages if calendar_methods(accepted.message) == [method]]
    return accepted


def calendar_methods(message) -> list[str]:
    return [part.get_param("method") for part in message.walk() if part.get_content_type() == "text/calendar"]


def written_calendar(accepted) -> str:
    """The calendar the outbox row holds: what was written before anything was sent."""
    return OutboundEmail.objects.get(pk=accepted.header(OUTBOX_HEADER)).calendar


def parameter_values(header_line: str, name: str) -> list[str]:
    """Every value given to parameter `name` in a raw Content-Type line, repeats included."""
    return re.findall(rf';\s*{name}\s*=\s*"?([^";\s]*)"?', header_line, re.I)


def read_with_postal_mime(accepted_messages, directory):
    lacks = parsers.missing("postal-mime")
    if lacks:
        reason = f"postal-mime and ical.js cannot run here: they need {', '.join(lacks)}"
        if parsers.required():
            pytest.fail(f"{reason} (REQUIRE_CALENDAR_PARSERS=1 refuses to skip them)")
        pytest.skip(reason)
    paths = []
    for number, accepted in enumerate(accepted_messages):
        paths.append(directory / f"{number}.eml")
        paths[-1].write_bytes(accepted.raw)
    return parsers.read_with_postal_mime(paths)


def same_text(text: str) -> str:
    """The text without the line ends postal-mime reads differently in an 8bit part.

    It decodes an 8bit part line by line: LF ends, and the CRLF before the boundary, which belongs
    to the delimiter (RFC 2046 5.1.1), kept as a trailing empty line. A base64 part keeps its CRLF.
    """
    return text.replace("\r\n", "\n").rstrip("\n")


def test_the_attendee_receives_a_request_then_a_cancel(sent):
    _session, messages = sent

    assert [calendar_methods(accepted.message) for accepted in messages] == [["REQUEST"], ["CANCEL"]]
    # The session goes on: the attendee whose registration was cancelled is uninvited, it is not cancelled.
    assert [accepted.subject for accepted in messages] == [
        f"Invitation: {TITLE}",
        f"No longer in your calendar: {TITLE}",
    ]


@pytest.mark.parametrize("method", METHODS)
def test_the_raw_calendar_content_type_names_the_method_and_the_charset_once(sent, method):
    accepted = received(sent, method)

    unfolded = [
        re.sub(rb"\r\n[ \t]", b" ", line).rstrip().decode("ascii") for line in CONTENT_TYPE.findall(accepted.raw)
    ]
    (line,) = [line for line in unfolded if re.match(r"content-type:\s*text/calendar\b", line, re.I)]
    assert parameter_values(line, "method") == [method]
    assert [value.lower() for value in parameter_values(line, "charset")] == ["utf-8"]


@pytest.mark.parametrize("method", METHODS)
def test_python_email_reads_the_rfc_6047_shape(sent, method):
    accepted = received(sent, method)

    message = email.message_from_bytes(accepted.raw, policy=policy.default)
    parts = list(message.walk())
    calendar = parts[4]
    invite = parts[5]
    assert [(part.get_content_type(), part.get_filename()) for part in parts] == SHAPE
    assert calendar.get_params() == [("text/calendar", ""), ("method", method), ("charset", "utf-8")]
    # get_params() keeps one of a repeated parameter: the header as written says whether it repeats.
    (raw_content_type,) = [value for name, value in calendar.raw_items() if name.lower() == "content-type"]
    assert parameter_values(raw_content_type, "method") == [method]
    assert [value.lower() for value in parameter_values(raw_content_type, "charset")] == ["utf-8"]
    assert invite.get_content_disposition() == "attachment"
    assert invite.get_params() == [("application/ics", ""), ("method", method)]
    assert calendar.get_content() == invite.get_content().decode("utf-8") == written_calendar(accepted)
    assert TITLE in parts[2].get_content()
    assert TITLE in parts[3].get_content()


@pytest.mark.parametrize("method", METHODS)
def test_postal_mime_reads_the_rfc_6047_shape(sent, method, tmp_path):
    accepted = received(sent, method)

    (reading,) = read_with_postal_mime([accepted], tmp_path)
    calendar, invite = reading.parts[4], reading.parts[5]
    assert reading.errors == ()
    assert reading.subject == accepted.subject
    assert [(part.mime_type, part.filename) for part in reading.parts] == SHAPE
    assert [part.depth for part in reading.parts] == [0, 1, 2, 2, 2, 1]
    assert calendar.parameters == {"method": method, "charset": "utf-8"}
    # As with get_params(), a repeated parameter shows once in `parameters`; the line as written tells.
    (line,) = calendar.content_type_lines
    assert parameter_values(line, "method") == [method]
    assert [value.lower() for value in parameter_values(line, "charset")] == ["utf-8"]
    assert (calendar.disposition, invite.disposition) == (None, "attachment")
    assert invite.parameters == {"method": method}
    assert same_text(calendar.text) == same_text(invite.text) == same_text(written_calendar(accepted))
    assert TITLE in reading.text
    # What a client built on postal-mime is handed: the calendar alternative and the file.
    assert [(item.mime_type, item.disposition, item.filename, item.method) for item in reading.attachments] == [
        ("text/calendar", None, None, method),
        ("application/ics", "attachment", "invite.ics", method),
    ]
    assert len({same_text(item.text) for item in reading.attachments}) == 1


def test_icalendar_reads_one_event_that_the_cancel_keeps(sent):
    session, _messages = sent

    events = {}
    for method in METHODS:
        message = received(sent, method).message
        (text,) = [part.get_content() for part in message.walk() if part.get_content_type() == "text/calendar"]
        calendar = icalendar.Calendar.from_ical(text)
        (events[method],) = calendar.walk("VEVENT")
        assert str(calendar["METHOD"]) == method
    request, cancel = events["REQUEST"], events["CANCEL"]
    assert str(request["UID"]) == str(cancel["UID"]) == f"session-{session.pk}@trade-missions.events"
    assert cancel["SEQUENCE"] >= request["SEQUENCE"]
    assert str(request["SUMMARY"]) == str(cancel["SUMMARY"]) == TITLE
    assert request.decoded("DTSTART") == cancel.decoded("DTSTART") == session.starts_at
    assert [attendee.params["CN"] for attendee in (request["ATTENDEE"], cancel["ATTENDEE"])] == [ATTENDEE, ATTENDEE]


def test_icaljs_reads_one_event_that_the_cancel_keeps(sent, tmp_path):
    session, _messages = sent
    messages = [received(sent, method) for method in METHODS]

    readings = read_with_postal_mime(messages, tmp_path)
    calendars = {}
    for method, reading in zip(METHODS, readings, strict=True):
        inline, attached = reading.parts[4].calendar, reading.parts[5].calendar
        assert inline == attached
        assert inline.errors == ()
        assert inline.method == method
        (calendars[method],) = inline.events
    request, cancel = calendars["REQUEST"], calendars["CANCEL"]
    assert request.uid == cancel.uid == f"session-{session.pk}@trade-missions.events"
    assert cancel.sequence >= request.sequence
    assert request.summary == cancel.summary == TITLE
    assert request.start == cancel.start == session.starts_at
    assert request.start_tzid == cancel.start_tzid == session.stop.time_zone
    assert request.attendees == cancel.attendees == ((f"mailto:{ADDRESS}", ATTENDEE),)
