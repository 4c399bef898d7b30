"""The iCalendar writer's text: properties, escaping of user text, iTIP methods, validation, speed.

Output is read back by icalendar 7.3 and by vobject 0.9.9, which share no parsing code.
"""

import re
import subprocess
import sys
import time
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import icalendar
import pytest
import vobject

from events.agenda.ics import CalendarEvent, render_calendar, timezones

AUSTIN = ZoneInfo("America/Chicago")
MODIFIED = datetime(2027, 1, 20, 16, 45, 12, tzinfo=UTC)
NOW = datetime(2027, 1, 21, 8, 0, tzinfo=UTC)
FEED_PROPERTIES = ["VERSION", "PRODID", "CALSCALE", "NAME", "X-WR-CALNAME", "REFRESH-INTERVAL", "X-PUBLISHED-TTL"]
EVENT_PROPERTIES = [
    "UID", "DTSTAMP", "SEQUENCE", "LAST-MODIFIED", "DTSTART", "DTEND",
    "SUMMARY", "DESCRIPTION", "LOCATION", "URL", "CATEGORIES", "STATUS",
]  # fmt: skip

# dur-value of RFC 5545 3.3.6, written out: weeks alone, or days and/or a time part where an hour
# may be followed only by minutes and minutes only by seconds.
_TIME = r"T(?:\d+H(?:\d+M(?:\d+S)?)?|\d+M(?:\d+S)?|\d+S)"
RFC_5545_DURATION = re.compile(rf"[+-]?P(?:\d+W|\d+D(?:{_TIME})?|{_TIME})")

# (typed by a user, what any calendar can hold of it). TEXT has one line break and no control characters.
NASTY = [
    ("Dinner, drinks; talks", "Dinner, drinks; talks"),
    ("C:\\Nouveau dossier\\new \\, \\; \\\\ ends \\", "C:\\Nouveau dossier\\new \\, \\; \\\\ ends \\"),
    ("line one\nline two", "line one\nline two"),
    ("windows\r\nline\rmac", "windows\nline\nmac"),
    ("Briefing\nEND:VEVENT\nBEGIN:VEVENT\nUID:evil\nSUMMARY:injected", None),
    ("Briefing\r\nEND:VEVENT\r\nBEGIN:VEVENT\r\nUID:evil2", "Briefing\nEND:VEVENT\nBEGIN:VEVENT\nUID:evil2"),
    ("\r\n END:VCALENDAR\r\n\tBEGIN:VTODO", "\n END:VCALENDAR\n\tBEGIN:VTODO"),
    ('DESCRIPTION;ALTREP="cid:x":value', None),
    ("quote \" colon : semicolon ; caret ^ ^n ^'", None),
    ("Tab\there, bell\x07, nul\x00, escape\x1b, vertical\x0btab", "Tab\there, bell, nul, escape, verticaltab"),
    ("unicode\u2028END:VEVENT\u2029next\x85line", "unicode\nEND:VEVENT\nnext\nline"),
    ("Réunion à Dakhla — الداخلة 🇲🇦 " * 12, None),
]
NASTY = [(typed, typed if kept is None else kept) for typed, kept in NASTY]


def _event(uid="briefing-1@missions", **changes):
    start = datetime(2027, 2, 13, 9, 0, tzinfo=AUSTIN)
    fields = {
        "uid": uid,
        "start": start,
        "end": start + timedelta(hours=2),
        "zone": "America/Chicago",
        "summary": "Business briefing: Morocco digital economy",
        "description": "Hear the delegation's procurement priorities, then meet delegates one-to-one.",
        "location": "AT&T Conference Center, 1900 University Ave, Austin, TX",
        "url": "https://missions.example/briefings/1",
        "last_modified": MODIFIED,
        "sequence": 2,
        "categories": ("Briefing", "Digital economy"),
        "organizer": ("organiser@agency.example", "USTDA Organiser"),
        "attendees": (("delegate@mdt.example", "Delegate One"), ("ceo@company.example", "Company CEO")),
    }
    return CalendarEvent(**(fields | changes))


def _physical_lines(data):
    assert data.endswith(b"\r\n")
    return data[:-2].split(b"\r\n")


def _logical_lines(data):
    return data.decode("utf-8").replace("\r\n ", "").split("\r\n")[:-1]


def _rfc_6868_decoded(value):
    # vobject predates RFC 6868 and leaves ^', ^n and ^^ in parameter values as written.
    return re.sub(r"\^([\^n'])", lambda match: {"^": "^", "n": "\n", "'": '"'}[match.group(1)], value)


def test_feed_has_calendar_properties_and_no_method():
    data = render_calendar([_event()], name="Morocco Digital Economy - Agenda")

    calendar = icalendar.Calendar.from_ical(data)

    assert list(calendar) == FEED_PROPERTIES
    assert calendar["VERSION"] == "2.0"
    assert calendar["CALSCALE"] == "GREGORIAN"
    assert calendar["NAME"] == calendar["X-WR-CALNAME"] == "Morocco Digital Economy - Agenda"
    lines = _logical_lines(data)
    assert "REFRESH-INTERVAL;VALUE=DURATION:PT1H" in lines
    assert "X-PUBLISHED-TTL:PT1H" in lines
    assert calendar["REFRESH-INTERVAL"].params == {"VALUE": "DURATION"}
    assert not any(line.startswith(("METHOD", "ORGANIZER", "ATTENDEE")) for line in lines)


@pytest.mark.parametrize(
    ("refresh", "written"),
    [
        (timedelta(minutes=30), "PT30M"),
        (timedelta(days=1, hours=2), "P1DT2H"),
        (timedelta(hours=1, seconds=5), "PT1H0M5S"),
    ],
)
def test_refresh_is_an_rfc_5545_duration(refresh, written):
    data = render_calendar([_event()], name="Agenda", refresh=refresh)

    lines = _logical_lines(data)

    assert f"REFRESH-INTERVAL;VALUE=DURATION:{written}" in lines
    assert f"X-PUBLISHED-TTL:{written}" in lines
    assert RFC_5545_DURATION.fullmatch(written)
    assert icalendar.vDuration.from_ical(written) == refresh


def test_feed_without_refresh_has_no_refresh_properties():
    lines = _logical_lines(render_calendar([_event()], name="Agenda", refresh=None))

    assert not any(line.startswith(("REFRESH-INTERVAL", "X-PUBLISHED-TTL")) for line in lines)


def test_event_properties_are_written_as_given():
    data = render_calendar([_event()], name="Agenda")

    event = icalendar.Calendar.from_ical(data).walk("VEVENT")[0]

    assert list(event) == EVENT_PROPERTIES
    assert event["UID"] == "briefing-1@missions"
    assert event["DTSTAMP"].dt == event["LAST-MODIFIED"].dt == MODIFIED  # no METHOD: DTSTAMP is LAST-MODIFIED
    assert event["SEQUENCE"] == 2
    assert event["DTSTART"].params["TZID"] == event["DTEND"].params["TZID"] == "America/Chicago"
    assert event["STATUS"] == "CONFIRMED"
    assert event["URL"] == "https://missions.example/briefings/1"
    assert [str(category) for category in event["CATEGORIES"].cats] == ["Briefing", "Digital economy"]
    lines = _logical_lines(data)
    assert "DTSTART;TZID=America/Chicago:20270213T090000" in lines
    assert "DTEND;TZID=America/Chicago:20270213T110000" in lines
    assert "LAST-MODIFIED:20270120T164512Z" in lines


def test_optional_event_properties_are_left_out_when_empty():
    event = _event(description="", location="", url=None, categories=())

    parsed = icalendar.Calendar.from_ical(render_calendar([event], name="Agenda")).walk("VEVENT")[0]

    assert list(parsed) == ["UID", "DTSTAMP", "SEQUENCE", "LAST-MODIFIED", "DTSTART", "DTEND", "SUMMARY", "STATUS"]


def test_lines_are_crlf_terminated_folded_at_75_octets_and_split_between_characters():
    event = _event(description="Réunion à Dakhla — الداخلة 🇲🇦 " * 40, summary="x" * 300)

    data = render_calendar([event], name="Agenda")

    without_crlf = data.replace(b"\r\n", b"")
    assert b"\n" not in without_crlf
    assert b"\r" not in without_crlf
    lines = _physical_lines(data)
    assert max(len(line) for line in lines) == 75
    assert all(len(line) <= 75 for line in lines)
    assert [line.decode("utf-8") for line in lines]  # no UTF-8 sequence is cut by a fold
    parsed = vobject.readOne(data.decode()).vevent
    assert (parsed.description.value, parsed.summary.value) == (event.description, event.summary)


def test_folds_never_separate_an_escape_from_what_it_escapes():
    event = _event(summary='\\,;^"é' * 60, attendees=(("a@b.example", '^"\\é' * 60),))

    data = render_calendar([event], name="Escapes", method="REQUEST", now=NOW)

    whole_atoms = re.compile(r"(?:[\\^].|[^\\^])*", re.DOTALL)
    logical = ""
    for line in _physical_lines(data):
        if line.startswith(b" "):
            assert whole_atoms.fullmatch(logical)  # everything before this fold is complete escapes
            logical += line[1:].decode("utf-8")
        else:
            logical = line.decode("utf-8")
    parsed = vobject.readOne(data.decode()).vevent
    assert parsed.summary.value == event.summary
    assert _rfc_6868_decoded(parsed.attendee.params["CN"][0]) == event.attendees[0][1]


@pytest.mark.parametrize(("typed", "kept"), NASTY)
def test_user_text_round_trips_and_adds_nothing(typed, kept):
    events = [
        _event(uid=f"event-{number}", summary=typed, description=typed * 3, location=typed, categories=(typed, "b"))
        for number in range(3)
    ]

    data = render_calendar(events, name=typed)

    by_icalendar = icalendar.Calendar.from_ical(data)
    by_vobject = vobject.readOne(data.decode("utf-8"))
    assert list(by_icalendar) == FEED_PROPERTIES
    # icalendar 7.3 reads NAME and X-WR-CALNAME as unknown properties and does not unescape them.
    assert [by_vobject.contents[name][0].value for name in ("name", "x-wr-calname")] == [kept, kept]
    assert len(by_icalendar.subcomponents) == 1 + 3  # the VTIMEZONE and the events, nothing else
    assert [event.uid.value for event in by_vobject.vevent_list] == ["event-0", "event-1", "event-2"]
    for parsed, vparsed in zip(by_icalendar.walk("VEVENT"), by_vobject.vevent_list, strict=True):
        assert list(parsed) == EVENT_PROPERTIES
        assert sorted(vparsed.contents) == sorted(name.lower() for name in EVENT_PROPERTIES)
        assert (parsed["SUMMARY"], parsed["DESCRIPTION"], parsed["LOCATION"]) == (kept, kept * 3, kept)
        assert (vparsed.summary.value, vparsed.description.value, vparsed.location.value) == (kept, kept * 3, kept)
        assert [str(category) for category in parsed["CATEGORIES"].cats] == [kept, "b"]
        assert vparsed.categories.value == [kept, "b"]
        assert all(line.params == {} for line in (vparsed.summary, vparsed.description, vparsed.location))
    assert sum(line == "BEGIN:VEVENT" for line in _logical_lines(data)) == 3


@pytest.mark.parametrize(("typed", "kept"), NASTY)
def test_participant_names_round_trip_as_one_parameter(typed, kept):
    event = _event(organizer=("organiser@agency.example", typed), attendees=(("ceo@company.example", typed),))

    data = render_calendar([event], name="Invitation", method="REQUEST", now=NOW)

    parsed = icalendar.Calendar.from_ical(data).walk("VEVENT")[0]
    vparsed = vobject.readOne(data.decode("utf-8")).vevent
    # icalendar 7.3 treats \\, \\; \\: and \\\\ inside a quoted parameter as escapes, which RFC 5545 has not.
    name = kept if "\\" not in kept else parsed["ORGANIZER"].params["CN"]
    assert parsed["ORGANIZER"].params == {"CN": name}
    assert parsed["ATTENDEE"].params == {
        "CN": name,
        "ROLE": "REQ-PARTICIPANT",
        "PARTSTAT": "NEEDS-ACTION",
        "RSVP": "TRUE",
    }
    assert (parsed["ORGANIZER"], parsed["ATTENDEE"]) == (
        "mailto:organiser@agency.example",
        "mailto:ceo@company.example",
    )
    assert {name: values for name, values in vparsed.attendee.params.items() if name != "CN"} == {
        "ROLE": ["REQ-PARTICIPANT"],
        "PARTSTAT": ["NEEDS-ACTION"],
        "RSVP": ["TRUE"],
    }
    assert [_rfc_6868_decoded(name) for name in vparsed.attendee.params["CN"]] == [kept]
    assert [_rfc_6868_decoded(name) for name in vparsed.organizer.params["CN"]] == [kept]
    assert vparsed.attendee.value == "mailto:ceo@company.example"


def test_request_is_an_itip_invitation():
    data = render_calendar([_event()], name="Invitation", refresh=None, method="REQUEST", now=NOW)

    calendar = icalendar.Calendar.from_ical(data)
    event = calendar.walk("VEVENT")[0]

    assert calendar["METHOD"] == "REQUEST"
    assert event["DTSTAMP"].dt == NOW
    assert event["ORGANIZER"] == "mailto:organiser@agency.example"
    assert event["ORGANIZER"].params == {"CN": "USTDA Organiser"}
    assert [(attendee, attendee.params["RSVP"], attendee.params["PARTSTAT"]) for attendee in event["ATTENDEE"]] == [
        ("mailto:delegate@mdt.example", "TRUE", "NEEDS-ACTION"),
        ("mailto:ceo@company.example", "TRUE", "NEEDS-ACTION"),
    ]


@pytest.mark.parametrize(("method", "status"), [("REQUEST", "CONFIRMED"), ("CANCEL", "CANCELLED")])
def test_itip_messages_carry_no_calendar_name(method, status):
    data = render_calendar([_event(status=status)], name="Briefing", refresh=None, method=method, now=NOW)

    calendar = icalendar.Calendar.from_ical(data)

    assert list(calendar) == ["VERSION", "PRODID", "CALSCALE", "METHOD"]
    assert not any(line.startswith(("NAME", "X-WR-CALNAME")) for line in _logical_lines(data))


def test_cancel_lists_attendees_without_asking_for_a_reply():
    event = _event(status="CANCELLED", sequence=3)

    parsed = icalendar.Calendar.from_ical(render_calendar([event], name="Cancelled", method="CANCEL", now=NOW))

    assert parsed["METHOD"] == "CANCEL"
    assert parsed.walk("VEVENT")[0]["STATUS"] == "CANCELLED"
    assert [attendee.params for attendee in parsed.walk("VEVENT")[0]["ATTENDEE"]] == [
        {"CN": "Delegate One", "ROLE": "REQ-PARTICIPANT"},
        {"CN": "Company CEO", "ROLE": "REQ-PARTICIPANT"},
    ]


def test_a_cancel_that_uninvites_attendees_carries_no_status():
    """RFC 5546 3.2.5: STATUS "MUST be set to CANCELLED to cancel the entire event. If uninviting specific
    Attendees, then MUST NOT be included." An attendee taken off an event that goes on is uninvited."""
    data = render_calendar([_event(status=None)], name="Uninvited", method="CANCEL", now=NOW)

    event = icalendar.Calendar.from_ical(data).walk("VEVENT")[0]
    assert "STATUS" not in event
    assert not any(line.startswith("STATUS") for line in _logical_lines(data))


def test_a_request_says_a_known_answer_instead_of_asking_again():
    event = _event(answers=(("CEO@company.example", "ACCEPTED"),))

    parsed = icalendar.Calendar.from_ical(render_calendar([event], name="Update", method="REQUEST", now=NOW))

    assert [attendee.params for attendee in parsed.walk("VEVENT")[0]["ATTENDEE"]] == [
        {"CN": "Delegate One", "ROLE": "REQ-PARTICIPANT", "PARTSTAT": "NEEDS-ACTION", "RSVP": "TRUE"},
        {"CN": "Company CEO", "ROLE": "REQ-PARTICIPANT", "PARTSTAT": "ACCEPTED"},
    ]


def test_uri_values_cannot_break_out_of_their_line():
    event = _event(url="https://missions.example/a b\r\nX-EVIL:1", attendees=(('x"\r\nEVIL:1@ex.example', "X"),))

    data = render_calendar([event], name="Invitation", method="REQUEST", now=NOW)

    parsed = icalendar.Calendar.from_ical(data).walk("VEVENT")[0]
    assert parsed["URL"] == "https://missions.example/a%20b%0D%0AX-EVIL:1"
    assert parsed["ATTENDEE"] == "mailto:x%22%0D%0AEVIL:1@ex.example"
    assert list(parsed) == [*EVENT_PROPERTIES, "ORGANIZER", "ATTENDEE"]


def test_empty_feed_is_a_valid_calendar():
    data = render_calendar([], name="Nothing yet")

    assert icalendar.Calendar.from_ical(data).subcomponents == []
    assert vobject.readOne(data.decode()).contents["name"][0].value == "Nothing yet"


def test_rendering_is_deterministic():
    events = [_event(uid=f"e{number}") for number in range(5)]

    assert render_calendar(events, name="Agenda") == render_calendar(list(events), name="Agenda")


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"start": datetime(2027, 2, 13, 9)}, "start must be an aware datetime"),
        ({"end": datetime(2027, 2, 13, 9, tzinfo=AUSTIN)}, "must be after start"),
        ({"zone": "Mars/Olympus_Mons"}, "unknown time zone"),
        ({"zone": "America/Chicago:EVIL"}, "IANA time zone name"),
        ({"status": "MAYBE"}, "status must be one of"),
        ({"answers": (("ceo@company.example", "MAYBE"),)}, "PARTSTAT must be one of"),
        ({"sequence": -1}, "sequence must be a non-negative integer"),
        ({"uid": ""}, "uid must not be empty"),
        ({"attendees": (("", "Nobody"),)}, "with an email"),
    ],
)
def test_invalid_event_is_refused(changes, message):
    with pytest.raises(ValueError, match=message):
        _event(**changes)


@pytest.mark.parametrize(
    ("events", "arguments", "message"),
    [
        ([_event(), _event()], {}, "share a UID"),
        ([_event()], {"method": "PUBLISH"}, "method must be one of"),
        ([_event(uid="a"), _event(uid="b")], {"method": "REQUEST"}, "exactly one event"),
        ([_event(attendees=())], {"method": "REQUEST"}, "at least one attendee"),
        ([_event()], {"method": "CANCEL"}, "status CANCELLED"),
        ([_event(status=None)], {"method": "REQUEST"}, "only a CANCEL that uninvites"),
        ([_event()], {"refresh": timedelta(0)}, "positive whole number of seconds"),
        ([_event()], {"now": datetime(2027, 1, 1)}, "now must be an aware datetime"),
    ],
)
def test_invalid_calendar_is_refused(events, arguments, message):
    with pytest.raises(ValueError, match=message):
        render_calendar(events, name="Agenda", **arguments)


def test_writer_imports_nothing_from_django():
    code = "import sys, events.agenda.ics; print(sorted(m for m in sys.modules if m.split('.')[0] == 'django'))"

    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)

    assert result.stdout == "[]\n"


def test_rendering_500_events_is_fast():
    zones = ["America/Chicago", "America/Los_Angeles", "Africa/Casablanca", "America/New_York"]
    start = datetime(2027, 2, 10, 8, tzinfo=UTC)
    events = [
        _event(
            uid=f"meeting-{number}@missions",
            start=start + timedelta(minutes=20 * number),
            end=start + timedelta(minutes=20 * number + 15),
            zone=zones[number % 4],
            description="One-to-one meeting. " * 20,
        )
        for number in range(500)
    ]

    timezones.observances.cache_clear()
    timezones.vtimezone_lines.cache_clear()
    began = time.perf_counter()
    data = render_calendar(events, name="Whole mission")
    cold = time.perf_counter() - began
    began = time.perf_counter()
    render_calendar(events, name="Whole mission")
    warm = time.perf_counter() - began

    print(
        f"\n500 events, {len(data) / 1024:.0f} KiB: {cold * 1000:.1f} ms, {warm * 1000:.1f} ms with VTIMEZONEs cached"
    )
    assert data.count(b"BEGIN:VEVENT") == 500


def test_a_whole_day_event_is_written_as_dates_with_an_exclusive_end_and_no_zone():
    import datetime as dt

    from events.agenda.ics import CalendarEvent, render_calendar

    leg = CalendarEvent(
        uid="stop-1@test",
        start=dt.date(2027, 2, 10),
        end=dt.date(2027, 2, 14),
        zone="America/Chicago",
        summary="Austin, Texas",
        last_modified=dt.datetime(2026, 11, 23, tzinfo=dt.UTC),
    )

    body = render_calendar([leg], name="Itinerary").decode()
    parsed = vobject.readOne(body)

    assert "DTSTART;VALUE=DATE:20270210\r\n" in body
    assert "DTEND;VALUE=DATE:20270215\r\n" in body
    assert "BEGIN:VTIMEZONE" not in body
    assert parsed.vevent.dtstart.value == dt.date(2027, 2, 10)
    assert parsed.vevent.dtend.value == dt.date(2027, 2, 15)


def test_an_internationalised_domain_is_written_as_the_mail_is_sent_to_it():
    """A helper's attendee at karim@exämple.ma was mailed at karim@xn--exmple-cua.ma (Django's mail writes the domain
    as IDNA A-labels) while the invitation named mailto:karim@ex%C3%A4mple.ma: the calendar may not know the
    attendee as its own user, and their RSVP matches nobody."""
    from django.core.mail.message import sanitize_address

    from events.agenda.ics.content import calendar_address

    sent_to = sanitize_address("karim@exämple.ma", "utf-8")

    assert calendar_address("karim@exämple.ma") == f"mailto:{sent_to}" == "mailto:karim@xn--exmple-cua.ma"
