"""Content lines (RFC 5545 section 3.1): value escaping, parameter quoting, folding and value formats.

Everything a user can type passes through `text` (property values) or `parameter_text` (CN=...),
so the only characters that can end a value, a parameter or a line are the ones we write ourselves.
"""

import re
from datetime import UTC, datetime, timedelta
from urllib.parse import quote

from icalendar import vDuration
from icalendar.parser import rfc_6868_escape

CRLF = "\r\n"

# RFC 5545 3.1: lines SHOULD NOT be longer than 75 octets, excluding the line break.
FOLD_LIMIT = 75

# TEXT has one line break, "\n". Every other break is normalised to it so that no parser that splits
# lines more generously than RFC 5545 (str.splitlines breaks on U+2028, U+0085, ...) sees a new line.
_LINE_BREAKS = re.compile("\r\n|\r|\n|\x85|\u2028|\u2029")

# CONTROLS are not allowed in TEXT or in parameter values (RFC 5545 3.1, 3.3.11); HTAB and the
# already normalised "\n" are the exceptions. There is no escape for them, so they are dropped.
_CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f]")

# Folding never separates a backslash (TEXT) or a caret (RFC 6868) from the character it escapes:
# RFC 5545 allows it, but some clients unescape before unfolding (icalendar issue #1501).
_ESCAPE_BYTES = b"\\^"

# Characters allowed unencoded in a URI (RFC 3986 reserved and unreserved, plus "%" of existing
# escapes). Anything else, notably spaces, quotes and line breaks, is percent-encoded.
_URI_SAFE = ":/?#[]@!$&'()*+,;=-._~%"


def clean(value: str) -> str:
    """User text reduced to what iCalendar can carry: one kind of line break, no control characters."""
    return _CONTROLS.sub("", _LINE_BREAKS.sub("\n", value))


def text(value: str) -> str:
    """A TEXT value (RFC 5545 3.3.11).

    Not icalendar's vText: it first turns a literal backslash followed by "N" into a line break, so
    "C:\\Nouveau dossier" would come back as "C:" and "ouveau dossier" on two lines.
    """
    return (
        clean(value)
        .replace("\\", "\\\\")  # first, so the backslashes added below are not doubled
        .replace(";", "\\;")
        .replace(",", "\\,")
        .replace("\n", "\\n")
    )


def text_list(values: tuple[str, ...]) -> str:
    """A multi-valued TEXT property (CATEGORIES): escaped commas inside, plain commas between."""
    return ",".join(text(value) for value in values)


def parameter_text(value: str) -> str:
    """A quoted parameter value such as CN.

    Quoting makes ":", ";" and "," harmless; a double quote cannot appear in a parameter at all, so
    RFC 6868 encodes it (and "^" and line breaks) as ^', ^^ and ^n. Always quoting keeps the rule simple.
    """
    return f'"{rfc_6868_escape(clean(value))}"'


def uri(value: str) -> str:
    """A URI value (URL, CAL-ADDRESS), percent-encoding what may not appear in one."""
    return quote(value, safe=_URI_SAFE)


def calendar_address(email: str) -> str:
    """`mailto:` the address as mail is sent to it: its domain in IDNA A-labels (karim@xn--exmple-cua.ma), as
    Django's mail writes it, so that a calendar knows the attendee as its user and an RSVP matches them; a
    non-ASCII local part percent-encoded (RFC 6068 section 2)."""
    local, at, domain = email.rpartition("@")
    # IDNA 2003, Python's own codec, as django.utils.encoding.punycode (the writer imports nothing of Django).
    return uri(f"mailto:{local}{at}{domain.encode('idna').decode('ascii')}" if at else f"mailto:{email}")


def utc_datetime(moment: datetime) -> str:
    """DATE-TIME in UTC form (RFC 5545 3.3.5 form #2); sub-second precision does not exist in iCalendar."""
    return moment.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


def local_datetime(wall_time: datetime) -> str:
    """DATE-TIME as floating text: the caller adds the TZID that gives it meaning."""
    return wall_time.strftime("%Y%m%dT%H%M%S")


def utc_offset(offset: timedelta) -> str:
    """UTC-OFFSET (RFC 5545 3.3.14): +HHMM, or +HHMMSS for the odd historical offset; never -0000."""
    sign = "-" if offset < timedelta(0) else "+"
    hours, rest = divmod(abs(int(offset.total_seconds())), 3600)
    minutes, seconds = divmod(rest, 60)
    return f"{sign}{hours:02d}{minutes:02d}" + (f"{seconds:02d}" if seconds else "")


def duration(length: timedelta) -> str:
    """DURATION (RFC 5545 3.3.6). icalendar's vDuration gets the grammar right (PT1H0M5S, not PT1H5S)."""
    if length <= timedelta(0) or length % timedelta(seconds=1):
        raise ValueError(f"a duration must be a positive whole number of seconds, not {length!r}")
    return vDuration(length).to_ical().decode("ascii")


def content_line(name: str, value: str, parameters: tuple[tuple[str, str], ...] = ()) -> str:
    """One folded content line. `value` and parameter values must already be escaped."""
    line = name + "".join(f";{key}={parameter}" for key, parameter in parameters) + ":" + value
    return fold(line)


def fold(line: str) -> str:
    """Fold at 75 octets, never inside a UTF-8 sequence nor between an escape and what it escapes."""
    data = line.encode()
    if len(data) <= FOLD_LIMIT:
        return line
    chunks = []
    start, limit = 0, FOLD_LIMIT
    while len(data) - start > limit:
        cut = start + limit
        while data[cut] & 0xC0 == 0x80:  # a UTF-8 continuation byte: step back to the character's start
            cut -= 1
        if _escapes_before(data, cut) % 2:  # the last byte opens an escape: keep the pair together
            cut -= 1
        chunks.append(data[start:cut])
        start, limit = cut, FOLD_LIMIT - 1  # continuation lines start with the folding space
    chunks.append(data[start:])
    return b"\r\n ".join(chunks).decode()


def _escapes_before(data: bytes, end: int) -> int:
    """How many backslashes and carets run up to `end`. Each pairs with the next character, and the
    first of a run always opens a pair (the byte before it opens none), so an odd run ends on an opener."""
    count = 0
    while end - count > 0 and data[end - count - 1] in _ESCAPE_BYTES:
        count += 1
    return count
