"""The plain data the writer accepts: one calendar entry, checked when it is built."""

import re
from dataclasses import dataclass
from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

STATUSES = ("CONFIRMED", "TENTATIVE", "CANCELLED")
# RFC 5545 3.2.12 PARTSTAT for a VEVENT: what the organiser knows of an attendee's answer.
PARTSTATS = ("NEEDS-ACTION", "ACCEPTED", "DECLINED", "TENTATIVE")

# The zone is written unquoted as TZID=..., so it must be a plain IANA key, not any string that
# happens to name a file zoneinfo can open.
_ZONE_NAME = re.compile(r"[A-Za-z0-9_+\-]+(/[A-Za-z0-9_+\-]+)*")


@dataclass(frozen=True, kw_only=True)
class CalendarEvent:
    """One VEVENT. Instants are aware datetimes in any zone; `zone` says how calendars show them.

    `organizer` and `attendees` are (email, name) pairs; they are written only in iTIP messages
    (render_calendar(method=...)), since in a subscribed feed they would turn every entry into an
    invitation the subscriber seems able to answer.
    """

    uid: str
    # Datetimes for a timed event; plain dates for a whole-day one (the end day is the last day included).
    start: datetime | date
    end: datetime | date
    zone: str
    summary: str
    last_modified: datetime
    description: str = ""
    location: str = ""
    url: str | None = None
    sequence: int = 0
    # None writes no STATUS: the CANCEL that uninvites attendees from an event that goes on (RFC 5546 3.2.5).
    status: str | None = "CONFIRMED"
    organizer: tuple[str, str] | None = None
    attendees: tuple[tuple[str, str], ...] = ()
    # (email, PARTSTAT) of attendees whose answer is known: a REQUEST says it instead of asking again.
    answers: tuple[tuple[str, str], ...] = ()
    categories: tuple[str, ...] = ()
    # The language SUMMARY and DESCRIPTION are written in (RFC 5545 3.2.10 LANGUAGE, a BCP 47 tag), when
    # known: a client may pick a font or a voice by it. "" writes no parameter.
    language: str = ""

    @property
    def all_day(self) -> bool:
        return not isinstance(self.start, datetime)

    def __post_init__(self) -> None:
        # Lists are accepted for convenience but stored as tuples, so the event stays hashable.
        object.__setattr__(self, "attendees", tuple(tuple(attendee) for attendee in self.attendees))
        object.__setattr__(self, "categories", tuple(self.categories))
        object.__setattr__(self, "answers", tuple(tuple(answer) for answer in self.answers))
        if self.organizer is not None:
            object.__setattr__(self, "organizer", tuple(self.organizer))

        if not self.uid:
            raise ValueError("uid must not be empty: calendar clients update events by UID")
        if self.all_day:
            if isinstance(self.end, datetime) or self.end < self.start:
                raise ValueError(f"a whole-day event needs two dates, the end not before the start; got {self.end!r}")
            fields = ("last_modified",)
        else:
            fields = ("start", "end", "last_modified")
        for field in fields:
            moment = getattr(self, field)
            if not isinstance(moment, datetime) or moment.tzinfo is None or moment.utcoffset() is None:
                raise ValueError(f"{field} must be an aware datetime, got {moment!r}")
        # In UTC: two datetimes sharing a tzinfo compare as wall times, ignoring fold, so 01:30 in the
        # second pass of a fall-back hour would not count as later than 01:30 in the first.
        if not self.all_day and self.end.astimezone(UTC) <= self.start.astimezone(UTC):
            raise ValueError(f"end ({self.end}) must be after start ({self.start}) (RFC 5545 DTEND)")
        if not _ZONE_NAME.fullmatch(self.zone):
            raise ValueError(f"zone must be an IANA time zone name, got {self.zone!r}")
        try:
            ZoneInfo(self.zone)
        except (ZoneInfoNotFoundError, ValueError) as error:
            raise ValueError(f"unknown time zone {self.zone!r}") from error
        if self.status is not None and self.status not in STATUSES:
            raise ValueError(f"status must be one of {STATUSES}, got {self.status!r}")
        if isinstance(self.sequence, bool) or not isinstance(self.sequence, int) or self.sequence < 0:
            raise ValueError(f"sequence must be a non-negative integer, got {self.sequence!r}")
        for email, partstat in self.answers:
            if partstat not in PARTSTATS:
                raise ValueError(f"an answer's PARTSTAT must be one of {PARTSTATS}, got {partstat!r} for {email!r}")
        people = self.attendees + ((self.organizer,) if self.organizer else ())
        for person in people:
            if len(person) != 2 or not person[0]:
                raise ValueError(f"organizer and attendees are (email, name) pairs with an email, got {person!r}")
