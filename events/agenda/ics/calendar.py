"""render_calendar: CalendarEvents in, an RFC 5545 VCALENDAR (RFC 7986 names, RFC 5546 methods) out."""

from collections.abc import Iterable
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from events.agenda.ics import content
from events.agenda.ics.event import CalendarEvent
from events.agenda.ics.timezones import vtimezone_lines

PRODID = "-//Trade Missions//Agenda//EN"

# The iTIP methods this writer produces (RFC 5546). Feeds carry no METHOD at all: with one, clients
# such as Outlook take the file for a message to import once rather than a calendar to follow.
METHODS = ("REQUEST", "CANCEL")


def render_calendar(
    events: Iterable[CalendarEvent],
    *,
    name: str,
    refresh: timedelta | None = timedelta(hours=1),
    method: str | None = None,
    now: datetime | None = None,
) -> bytes:
    """A VCALENDAR as UTF-8 bytes with CRLF line endings, deterministic for the same input.

    `name` titles a feed (NAME, X-WR-CALNAME). `refresh` is how often subscribers should poll
    (REFRESH-INTERVAL, X-PUBLISHED-TTL). `method` makes an iTIP message (one UID, with ORGANIZER
    and ATTENDEEs), which is not a calendar and so carries no name: `name` is not written then.
    DTSTAMP is `now` when given; without it, DTSTAMP is each event's last_modified, which
    RFC 5545 3.8.7.2 makes equivalent for a calendar without METHOD and which keeps a feed's
    bytes (and its ETag) stable.
    Raises ValueError for input that would make an invalid or ambiguous calendar.
    """
    events = tuple(events)
    _check(events, method, now)

    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", content.content_line("PRODID", PRODID), "CALSCALE:GREGORIAN"]
    if method:
        lines.append(f"METHOD:{method}")
    else:
        # Only a feed is named: Outlook offers to import a named invitation as a calendar of its own.
        lines += [
            content.content_line("NAME", content.text(name)),  # RFC 7986
            content.content_line("X-WR-CALNAME", content.text(name)),  # what Apple and Google read
        ]
    if refresh is not None:
        interval = content.duration(refresh)
        lines += [
            content.content_line("REFRESH-INTERVAL", interval, (("VALUE", "DURATION"),)),  # RFC 7986
            content.content_line("X-PUBLISHED-TTL", interval),  # what Outlook reads
        ]
    for zone, (first_year, last_year) in sorted(_years_by_zone(events).items()):
        lines += vtimezone_lines(zone, first_year, last_year)
    for event in events:
        lines += _event_lines(event, method=method, stamp=now or event.last_modified)
    lines.append("END:VCALENDAR")
    return (content.CRLF.join(lines) + content.CRLF).encode("utf-8")


def _check(events: tuple[CalendarEvent, ...], method: str | None, now: datetime | None) -> None:
    uids = [event.uid for event in events]
    if len(set(uids)) != len(uids):
        raise ValueError("two events share a UID: calendar clients would keep only one of them")
    if now is not None and (now.tzinfo is None or now.utcoffset() is None):
        raise ValueError(f"now must be an aware datetime, got {now!r}")
    if method is None:
        return
    if method not in METHODS:
        raise ValueError(f"method must be one of {METHODS} (or None for a feed), got {method!r}")
    if len(events) != 1:
        raise ValueError("an iTIP message carries exactly one event (RFC 5546 3.2)")
    event = events[0]
    if event.organizer is None or not event.attendees:
        raise ValueError(f"METHOD:{method} needs an organizer and at least one attendee (RFC 5546 3.2)")
    # RFC 5546 3.2.5: STATUS "MUST be set to CANCELLED to cancel the entire event. If uninviting specific
    # Attendees, then MUST NOT be included."
    if method == "CANCEL" and event.status not in ("CANCELLED", None):
        raise ValueError(
            "METHOD:CANCEL needs status CANCELLED (the event is cancelled) or none (attendees are uninvited)"
        )
    if method != "CANCEL" and event.status is None:
        raise ValueError("only a CANCEL that uninvites attendees goes without a status (RFC 5546 3.2.5)")


def _years_by_zone(events: tuple[CalendarEvent, ...]) -> dict[str, tuple[int, int]]:
    """Per zone, the VTIMEZONE window: 1 January of the year before the first event to the end of
    the year after the last one.

    The year on each side gives every daylight-saving zone both a STANDARD and a DAYLIGHT
    observance, which clients that fold a VTIMEZONE into one standard/daylight pair (Outlook)
    need; whole years keep the VTIMEZONE unchanged while a mission's events move within them,
    so feeds stay byte-stable; the cost is two or three observances a year.
    """
    years: dict[str, tuple[int, int]] = {}
    for event in events:
        if event.all_day:
            continue  # dates float: a day in Dakhla is that day on any calendar, with no zone
        for moment in (event.start, event.end):
            wall_time = _wall_time(moment, event.zone)
            if wall_time is None:
                continue  # written in UTC: needs no VTIMEZONE
            first, last = years.get(event.zone, (wall_time.year, wall_time.year))
            years[event.zone] = (min(first, wall_time.year), max(last, wall_time.year))
    return {zone: (first - 1, last + 1) for zone, (first, last) in years.items()}


def _event_lines(event: CalendarEvent, *, method: str | None, stamp: datetime) -> list[str]:
    line = content.content_line
    lines = [
        "BEGIN:VEVENT",
        line("UID", content.text(event.uid)),
        line("DTSTAMP", content.utc_datetime(stamp)),
        line("SEQUENCE", str(event.sequence)),
        line("LAST-MODIFIED", content.utc_datetime(event.last_modified)),
        *_when_lines(event),
        line("SUMMARY", content.text(event.summary), _language(event)),
    ]
    if event.description:
        lines.append(line("DESCRIPTION", content.text(event.description), _language(event)))
    if event.location:
        lines.append(line("LOCATION", content.text(event.location)))
    if event.url:
        lines.append(line("URL", content.uri(event.url)))
    if event.categories:
        lines.append(line("CATEGORIES", content.text_list(event.categories)))
    if event.status is not None:
        lines.append(line("STATUS", event.status))
    if method:
        lines += _participant_lines(event, method)
    lines.append("END:VEVENT")
    return lines


def _when_lines(event: CalendarEvent) -> list[str]:
    if event.all_day:
        # DTEND of a whole-day event is exclusive (RFC 5545 3.6.1): the day after the last one.
        return [
            content.content_line("DTSTART", event.start.strftime("%Y%m%d"), (("VALUE", "DATE"),)),
            content.content_line("DTEND", (event.end + timedelta(days=1)).strftime("%Y%m%d"), (("VALUE", "DATE"),)),
        ]
    return [_zoned_line("DTSTART", event.start, event.zone), _zoned_line("DTEND", event.end, event.zone)]


def _zoned_line(name: str, moment: datetime, zone_name: str) -> str:
    """DTSTART/DTEND as wall time with TZID, so the event follows the place's clock."""
    wall_time = _wall_time(moment, zone_name)
    if wall_time is None:
        return content.content_line(name, content.utc_datetime(moment))
    return content.content_line(name, content.local_datetime(wall_time), (("TZID", zone_name),))


def _wall_time(moment: datetime, zone_name: str) -> datetime | None:
    """The wall time that names `moment` in the zone, or None when no TZID wall time can.

    Converting repairs a wall time that does not exist (inside a spring-forward gap) into the
    real one. The second pass through an hour repeated at a fall-back cannot be written with a
    TZID (RFC 5545 3.3.5 reads a repeated wall time as its first pass), so that instant, and only
    that one, is written in UTC: exact beats uniform.
    """
    # Through UTC: astimezone() to the datetime's own tzinfo returns it untouched, gap and all.
    local = moment.astimezone(UTC).astimezone(ZoneInfo(zone_name))
    if local.fold and local.replace(fold=0).utcoffset() != local.utcoffset():
        return None
    return local


def _participant_lines(event: CalendarEvent, method: str) -> list[str]:
    """ORGANIZER and ATTENDEEs; only a REQUEST asks for an answer (RSVP, NEEDS-ACTION), and only of an attendee
    whose answer is not known (`event.answers`): one who accepted is said to have, not asked again, so that a
    calendar following the organiser's word keeps the acceptance (RFC 5546 3.2.2.1)."""
    email, name = event.organizer
    lines = [content.content_line("ORGANIZER", content.calendar_address(email), _name(name))]
    answers = {address.lower(): partstat for address, partstat in event.answers}
    for email, name in event.attendees:
        reply = ()
        if method == "REQUEST":
            partstat = answers.get(email.lower(), "NEEDS-ACTION")
            reply = (("PARTSTAT", partstat),) + ((("RSVP", "TRUE"),) if partstat == "NEEDS-ACTION" else ())
        parameters = (*_name(name), ("ROLE", "REQ-PARTICIPANT"), *reply)
        lines.append(content.content_line("ATTENDEE", content.calendar_address(email), parameters))
    return lines


def _language(event: CalendarEvent) -> tuple[tuple[str, str], ...]:
    return (("LANGUAGE", content.parameter_text(event.language)),) if event.language else ()


def _name(name: str) -> tuple[tuple[str, str], ...]:
    return (("CN", content.parameter_text(name)),) if name else ()
