"""Three independent readers of our iCalendar files, and what they must read (the cross-parser check).

ical.js (node; pinned in package.json, installed by `make test` with `npm ci`), libical (Debian's
libical-dev, through the small C program next to this file, compiled on first use) and vobject (PyPI)
each read a calendar and report every VEVENT's UID, SEQUENCE, start and end: the UTC instant worked
out from the calendar's own VTIMEZONE, or the date of a whole-day event. `expected_events` says what
they must be: the same wall times read through the IANA database of the pinned `tzdata` wheel,
opened directly, so the expectation does not depend on the tz files of the machine.

postal-mime (node, pinned next to ical.js) reads invitation mail as a mail client would, through
mime_parts.mjs: every MIME part with its Content-Type parameters, and each calendar part read again
by ical.js from the text postal-mime decoded (`read_with_postal_mime`).
"""

import importlib.resources
import json
import os
import re
import shutil
import subprocess
from dataclasses import dataclass
from datetime import UTC, date, datetime
from functools import cache
from pathlib import Path
from zoneinfo import ZoneInfo

import tzdata
import vobject

HERE = Path(__file__).resolve().parent
NODE_MODULES = HERE / "node_modules"
ICALJS_SCRIPT = HERE / "icaljs_instants.mjs"
MIME_PARTS_SCRIPT = HERE / "mime_parts.mjs"
LIBICAL_SOURCE = HERE / "libical_instants.c"
TZDATA_VERSION = tzdata.IANA_VERSION
FOLD_LIMIT = 75  # octets, RFC 5545 3.1

Instant = datetime | date | str  # a UTC instant, a whole day, or what the reader said was wrong


@dataclass(frozen=True)
class EventReading:
    uid: str
    sequence: int | None
    start: Instant
    end: Instant
    # As written (DTSTART;TZID=...:...), for messages; empty in what a parser reports.
    written_start: str = ""
    written_end: str = ""
    # SUMMARY and the CNs of ORGANIZER and ATTENDEEs, in the order written: Arabic text must come back as
    # it went in (RFC 5545 TEXT escapes, RFC 6868 parameter encoding, folding inside UTF-8).
    summary: str | None = None
    names: tuple[str, ...] = ()


@dataclass(frozen=True)
class CalendarReading:
    events: tuple[EventReading, ...] = ()
    errors: tuple[str, ...] = ()


def required() -> bool:
    """CI sets REQUIRE_CALENDAR_PARSERS=1: there a missing parser fails the check instead of skipping it."""
    return os.environ.get("REQUIRE_CALENDAR_PARSERS") == "1"


PARSERS = ("ical.js", "libical", "vobject")


def missing(parser: str) -> list[str]:
    """What this machine lacks to run `parser`, in words that say how to get it."""
    lacks = []
    if parser == "ical.js":
        if shutil.which("node") is None:
            lacks.append("node (apt-get install nodejs npm)")
        elif not (NODE_MODULES / "ical.js").is_dir():
            lacks.append("ical.js (`make test` installs it: npm ci --prefix tests/support/calendar_parsers)")
    elif parser == "postal-mime":
        if shutil.which("node") is None:
            lacks.append("node (apt-get install nodejs npm)")
        else:
            lacks.extend(
                f"{package} (`make test` installs it: npm ci --prefix tests/support/calendar_parsers)"
                for package in ("postal-mime", "ical.js")
                if not (NODE_MODULES / package).is_dir()
            )
    elif parser == "libical":
        if shutil.which("gcc") is None:
            lacks.append("gcc (apt-get install gcc)")
        if shutil.which("pkg-config") is None or subprocess.run(["pkg-config", "--exists", "libical"]).returncode:
            lacks.append("libical (apt-get install libical-dev pkg-config)")
    return lacks


def build_libical_reader(directory: Path) -> Path:
    flags = subprocess.run(["pkg-config", "--cflags", "--libs", "libical"], capture_output=True, text=True, check=True)
    program = directory / "libical_instants"
    subprocess.run(
        ["gcc", "-O1", "-Wall", "-Werror", "-o", str(program), str(LIBICAL_SOURCE), *flags.stdout.split()],
        capture_output=True,
        text=True,
        check=True,
    )
    return program


def _run_json(command: list[str]) -> list[dict]:
    done = subprocess.run(command, capture_output=True, text=True, timeout=120)
    if done.returncode:
        raise RuntimeError(f"{command[0]} failed ({done.returncode}): {done.stderr[-2000:]}")
    return json.loads(done.stdout)


def read_with_icaljs(paths: list[Path]) -> list[CalendarReading]:
    return [_from_json(result) for result in _run_json(["node", str(ICALJS_SCRIPT), *map(str, paths)])]


def read_with_libical(program: Path, paths: list[Path]) -> list[CalendarReading]:
    return [_from_json(result) for result in _run_json([str(program), *map(str, paths)])]


def _from_json(result: dict) -> CalendarReading:
    if "error" in result:
        return CalendarReading(errors=(result["error"],))
    events = tuple(
        EventReading(
            event["uid"],
            event["sequence"],
            _instant(event["start"]),
            _instant(event["end"]),
            summary=event["summary"],
            names=tuple(event["names"]),
        )
        for event in result["events"]
    )
    return CalendarReading(events, tuple(result.get("errors", ())))


def _instant(value) -> Instant:
    if isinstance(value, str):
        return value
    if "utc" in value:
        return datetime.fromtimestamp(value["utc"], tz=UTC)
    return date.fromisoformat(value["date"])  # 2026-12-21 (ical.js) or 20261221 (libical)


def read_with_vobject(data: bytes) -> CalendarReading:
    try:
        calendar = vobject.readOne(data.decode("utf-8"))
        # vobject keeps one process-wide TZID registry where the first VTIMEZONE ever read wins (and
        # an unknown TZID falls back to pytz), so each calendar's own VTIMEZONEs are read here.
        zones = {vtimezone.tzid.value: vtimezone.gettzinfo() for vtimezone in calendar.contents.get("vtimezone", [])}
        events = tuple(
            EventReading(
                event.uid.value,
                int(event.sequence.value) if "sequence" in event.contents else None,
                _vobject_instant(event.dtstart, zones),
                _vobject_instant(event.dtend, zones),
                summary=event.summary.value if "summary" in event.contents else None,
                names=tuple(
                    line.params["CN"][0]
                    for line in event.lines()
                    if line.name in ("ORGANIZER", "ATTENDEE") and line.params.get("CN")
                ),
            )
            for event in calendar.contents.get("vevent", [])
        )
    except Exception as error:  # noqa: BLE001 - any failure to read is what the check reports
        return CalendarReading(errors=(f"{type(error).__name__}: {error}",))
    return CalendarReading(events)


def _vobject_instant(line, zones) -> Instant:
    value = line.value
    if not isinstance(value, datetime):
        return value
    tzid = (line.params.get("TZID") or line.params.get("X-VOBJ-ORIGINAL-TZID") or [None])[0]
    if tzid is None:
        return value.astimezone(UTC) if value.utcoffset() is not None else "a floating date-time"
    if tzid not in zones:
        return f"TZID {tzid} names no VTIMEZONE of this calendar"
    return value.replace(tzinfo=zones[tzid]).astimezone(UTC)


# Mail as a client reads it: postal-mime, then ical.js on the calendar text postal-mime decoded.


@dataclass(frozen=True)
class IcaljsEvent:
    uid: str
    sequence: int | None
    summary: str
    start: Instant  # the UTC instant through the calendar's own VTIMEZONE, or a whole day
    start_tzid: str | None
    attendees: tuple[tuple[str, str | None], ...]  # (mailto: address, CN)


@dataclass(frozen=True)
class IcaljsCalendar:
    method: str | None = None
    events: tuple[IcaljsEvent, ...] = ()
    errors: tuple[str, ...] = ()


@dataclass(frozen=True)
class MimePart:
    depth: int  # 0 for the message itself
    mime_type: str
    parameters: dict[str, str]  # as postal-mime parsed them: a repeated parameter shows once
    content_type_lines: tuple[str, ...]  # every Content-Type header of the part, as written
    disposition: str | None
    filename: str | None
    text: str | None  # decoded with the part's charset; None for a multipart
    calendar: IcaljsCalendar | None  # text/calendar and application/ics parts only


@dataclass(frozen=True)
class MimeAttachment:
    """An entry of postal-mime's public `attachments`, what a mail client built on it is handed."""

    mime_type: str
    disposition: str | None
    filename: str | None
    method: str | None
    text: str


@dataclass(frozen=True)
class MessageReading:
    subject: str | None = None
    parts: tuple[MimePart, ...] = ()
    text: str | None = None  # postal-mime's plain body
    attachments: tuple[MimeAttachment, ...] = ()
    errors: tuple[str, ...] = ()


def read_with_postal_mime(paths: list[Path]) -> list[MessageReading]:
    """Each .eml file as postal-mime reads it; see `missing("postal-mime")` for what this needs."""
    return [_message_from_json(result) for result in _run_json(["node", str(MIME_PARTS_SCRIPT), *map(str, paths)])]


def _message_from_json(result: dict) -> MessageReading:
    if "error" in result:
        return MessageReading(errors=(result["error"],))
    parts = tuple(
        MimePart(
            depth=part["depth"],
            mime_type=part["mimeType"],
            parameters=part["parameters"],
            content_type_lines=tuple(part["contentTypeLines"]),
            disposition=part["disposition"],
            filename=part["filename"],
            text=part["text"],
            calendar=None if part["calendar"] is None else _icaljs_calendar(part["calendar"]),
        )
        for part in result["parts"]
    )
    attachments = tuple(
        MimeAttachment(item["mimeType"], item["disposition"], item["filename"], item["method"], item["text"])
        for item in result["attachments"]
    )
    return MessageReading(result["subject"], parts, result["text"], attachments)


def _icaljs_calendar(result: dict) -> IcaljsCalendar:
    if "error" in result:
        return IcaljsCalendar(errors=(result["error"],))
    events = tuple(
        IcaljsEvent(
            uid=event["uid"],
            sequence=event["sequence"],
            summary=event["summary"],
            start=_instant(event["start"]),
            start_tzid=event["startTzid"],
            attendees=tuple((attendee["address"], attendee["cn"]) for attendee in event["attendees"]),
        )
        for event in result["events"]
    )
    return IcaljsCalendar(result["method"], events)


# What the calendars must say, read off the text and the tzdata wheel.


@cache
def pinned_zone(key: str) -> ZoneInfo:
    """The zone as the tzdata wheel has it, whatever zoneinfo's search path would find first."""
    with importlib.resources.files("tzdata.zoneinfo").joinpath(*key.split("/")).open("rb") as file:
        return ZoneInfo.from_file(file, key=key)


def content_lines(data: bytes) -> list[str]:
    """Logical lines: unfolded, without their CRLF."""
    return re.sub(r"\r\n[ \t]", "", data.decode("utf-8")).split("\r\n")[:-1]


_PROPERTY = re.compile(r'(?P<name>[A-Za-z0-9-]+)(?P<parameters>(?:;[^:;"]+=(?:"[^"]*"|[^:;"]*))*):(?P<value>.*)', re.S)
_PARAMETER = re.compile(r';([^=;]+)=("[^"]*"|[^;]*)')


def parse_property(line: str) -> tuple[str, dict[str, str], str]:
    match = _PROPERTY.fullmatch(line)
    if match is None:
        raise ValueError(f"not a content line: {line!r}")
    parameters = {key.upper(): value.strip('"') for key, value in _PARAMETER.findall(match["parameters"])}
    return match["name"].upper(), parameters, match["value"]


def components(data: bytes) -> list[tuple[str, list[tuple[str, dict[str, str], str]]]]:
    """Each component's name and its own properties (not its children's), in order of appearance."""
    found, stack = [], []
    for line in content_lines(data):
        name, parameters, value = parse_property(line)
        if name == "BEGIN":
            stack.append((value.upper(), []))
        elif name == "END":
            if not stack or stack[-1][0] != value.upper():
                raise ValueError(f"END:{value} closes {stack[-1][0] if stack else 'nothing'}")
            found.append(stack.pop())
        elif stack:
            stack[-1][1].append((name, parameters, value))
        else:
            raise ValueError(f"{name} outside any component")
    if stack:
        raise ValueError(f"{stack[-1][0]} never ends")
    return found


def expected_events(data: bytes) -> tuple[EventReading, ...]:
    """Each VEVENT's UID, SEQUENCE, and its start and end as the pinned tz database reads the wall times."""
    events = []
    for name, properties in components(data):
        if name != "VEVENT":
            continue
        first = {key: (parameters, value) for key, parameters, value in reversed(properties)}
        sequence = first.get("SEQUENCE")
        events.append(
            EventReading(
                uid=_unescape(first["UID"][1]),
                sequence=int(sequence[1]) if sequence else None,
                start=_expected_instant(*first["DTSTART"]),
                end=_expected_instant(*first["DTEND"]),
                written_start=_written("DTSTART", *first["DTSTART"]),
                written_end=_written("DTEND", *first["DTEND"]),
                summary=_unescape(first["SUMMARY"][1]) if "SUMMARY" in first else None,
                names=tuple(
                    _rfc_6868_decode(parameters["CN"])
                    for key, parameters, _value in properties
                    if key in ("ORGANIZER", "ATTENDEE") and "CN" in parameters
                ),
            )
        )
    return tuple(events)


def _written(name, parameters, value) -> str:
    return name + "".join(f";{key}={parameter}" for key, parameter in parameters.items()) + ":" + value


def _rfc_6868_decode(value: str) -> str:
    return re.sub(r"\^([n'^])", lambda match: {"n": "\n", "'": '"', "^": "^"}[match[1]], value)


def _unescape(value: str) -> str:
    return re.sub(r"\\([\\;,Nn])", lambda match: "\n" if match[1] in "Nn" else match[1], value)


def _expected_instant(parameters: dict[str, str], value: str) -> Instant:
    if parameters.get("VALUE") == "DATE":
        return datetime.strptime(value, "%Y%m%d").date()
    wall_time = datetime.strptime(value.removesuffix("Z"), "%Y%m%dT%H%M%S")
    if value.endswith("Z"):
        return wall_time.replace(tzinfo=UTC)
    # fold=0: RFC 5545 3.3.5 reads a repeated wall time as its first pass, and one in a gap with
    # the offset before the gap, as zoneinfo does with fold=0.
    return wall_time.replace(tzinfo=pinned_zone(parameters["TZID"])).astimezone(UTC)


# Comparison.


def disagreements(parser: str, label: str, reading: CalendarReading, expected: tuple[EventReading, ...]) -> list[str]:
    """Everything `parser` read otherwise than `expected`, one line each, saying where and by how much."""
    problems = [f"{parser}: {label}: {error}" for error in reading.errors]
    read = {event.uid: event for event in reading.events}
    if len(read) != len(reading.events) or sorted(read) != sorted(event.uid for event in expected):
        problems.append(f"{parser}: {label}: read UIDs {sorted(read)}, written {[e.uid for e in expected]}")
    for want in expected:
        got = read.get(want.uid)
        if got is None:
            continue
        if got.sequence != want.sequence:
            problems.append(f"{parser}: {label}: UID {want.uid}: SEQUENCE {got.sequence}, written {want.sequence}")
        for written, instant, expected_instant in (
            (want.written_start, got.start, want.start),
            (want.written_end, got.end, want.end),
        ):
            if instant != expected_instant:
                problems.append(
                    f"{parser}: {label}: UID {want.uid}: {written} read as {_show(instant)}, "
                    f"tzdata {TZDATA_VERSION} says {_show(expected_instant)}{_difference(instant, expected_instant)}"
                )
    return problems


def text_disagreements(parser: str, label: str, reading: CalendarReading, expected) -> list[str]:
    """Every SUMMARY and CN `parser` read otherwise than written, one line each."""
    read = {event.uid: event for event in reading.events}
    problems = []
    for want in expected:
        got = read.get(want.uid)
        if got is None:
            continue  # `disagreements` reports a missing UID
        if got.summary != want.summary:
            problems.append(
                f"{parser}: {label}: UID {want.uid}: SUMMARY read as {got.summary!r}, written {want.summary!r}"
            )
        if got.names != want.names:
            problems.append(f"{parser}: {label}: UID {want.uid}: CNs read as {got.names!r}, written {want.names!r}")
    return problems


def _difference(got: Instant, want: Instant) -> str:
    if not (isinstance(got, datetime) and isinstance(want, datetime)):
        return ""
    return f" ({int((got - want).total_seconds() // 60):+d} min)"


def _show(instant: Instant) -> str:
    if isinstance(instant, datetime):
        return instant.strftime("%Y-%m-%dT%H:%M:%SZ")
    if isinstance(instant, date):
        return instant.isoformat()
    return repr(instant)


def format_problems(label: str, data: bytes) -> list[str]:
    """What RFC 5545 and RFC 5546 ask of the text itself, and what our invitations promise.

    Lines end in CRLF and fold at 75 octets; an iTIP message (METHOD) carries one VEVENT and no
    calendar name (NAME, X-WR-CALNAME: Outlook would offer to import it as a calendar); every VEVENT
    has one UID, one SEQUENCE, a DTSTART and a DTEND; every TZID has its VTIMEZONE.
    """
    if not data.endswith(b"\r\n") or b"\n" in data.replace(b"\r\n", b"") or b"\r" in data.replace(b"\r\n", b""):
        return [f"{label}: a line does not end in CRLF"]
    problems = [
        f"{label}: physical line {number} has {len(line)} octets: {line[:40]!r}..."
        for number, line in enumerate(data.split(b"\r\n"), start=1)
        if len(line) > FOLD_LIMIT
    ]
    try:
        found = components(data)
    except ValueError as error:
        return [*problems, f"{label}: {error}"]
    ((_, calendar),) = [(name, properties) for name, properties in found if name == "VCALENDAR"]
    calendar_properties = [name for name, _, _ in calendar]
    events = [properties for name, properties in found if name == "VEVENT"]
    if "METHOD" in calendar_properties:
        named = sorted({"NAME", "X-WR-CALNAME"} & set(calendar_properties))
        if named:
            problems.append(f"{label}: an iTIP message (METHOD) carries {', '.join(named)}")
        if len(events) != 1:
            problems.append(f"{label}: an iTIP message carries {len(events)} VEVENTs, not one")
    zones = {
        value for name, properties in found if name == "VTIMEZONE" for key, _, value in properties if key == "TZID"
    }
    for properties in events:
        names = [name for name, _, _ in properties]
        for required_once in ("UID", "SEQUENCE", "DTSTART", "DTEND"):
            if names.count(required_once) != 1:
                problems.append(f"{label}: a VEVENT has {names.count(required_once)} {required_once}")
        for name, parameters, _value in properties:
            if "TZID" in parameters and parameters["TZID"] not in zones:
                problems.append(f"{label}: {name} names TZID {parameters['TZID']} without its VTIMEZONE")
    return problems
