"""What text a person may type: refused at the door when it would break a mail header or a calendar line.

A line break in a company name becomes a header injection in every subject that carries the name; a
NUL byte cannot be stored by PostgreSQL at all. Every CharField and TextField of our apps that holds
free text names one of these validators, so model forms, the admin, serializers and the services'
`full_clean()` all refuse the same characters with the same message (tests/core/test_text_fields.py
checks that none is forgotten).
"""

import re
import unicodedata

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

# What str.splitlines(), mail libraries and calendar parsers may take for the end of a line.
_LINE_BREAKS = re.compile(r"[\n\r\x0b\x0c\x1c-\x1e\x85\u2028\u2029]")

# The explicit direction controls (embeddings, overrides and isolates, U+202A-U+202E and U+2066-U+2069):
# one left open reverses the rest of every line it is pasted into (a subject, a calendar title, the
# organiser's table), so "Ann<RLO>Bob" reads as another name. The marks U+200E and U+200F stay
# allowed: Arabic and Hebrew text uses them, and they reorder nothing beyond themselves.
_DIRECTION_CONTROLS = "\u202a-\u202e\u2066-\u2069"

# C0 controls, DEL, C1 controls, the Unicode line and paragraph separators, the direction controls.
_CONTROLS = re.compile(rf"[\x00-\x1f\x7f-\x9f\u2028\u2029{_DIRECTION_CONTROLS}]")

# On several lines, "\n" and "\r\n" (what browsers send from a text area) are line breaks and a tab
# is indentation: the mail and calendar writers escape all three. A lone "\r" is not kept, as some
# readers end a line there and others do not.
_CONTROLS_BETWEEN_LINES = re.compile(
    rf"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029{_DIRECTION_CONTROLS}]|\r(?!\n)"
)


# Characters that draw nothing though Unicode files them as letters or symbols: the Hangul fillers, the braille
# blank, the Mongolian vowel separator. Beside the spaces (Z*), the format characters (Cf: zero-width spaces and
# joiners, the direction marks, the byte order mark), the controls (Cc) and combining marks on their own (M*),
# they make text that shows nothing.
_BLANK_LOOKING = frozenset("\u115f\u1160\u3164\uffa0\u2800\u180e")


def _shows_something(value: str) -> bool:
    # A letter, a digit, a punctuation mark or a symbol: a combining mark alone (U+034F, the variation selectors,
    # U+0301) has nothing to sit on and shows nothing, or a dotted circle.
    return any(character not in _BLANK_LOOKING and unicodedata.category(character)[0] in "LNPS" for character in value)


def _refuse_invisible(value: str) -> None:
    """Non-empty text with nothing to see: str.strip() keeps U+200B and U+200F, so a required field took them for a
    name, and a door list, a badge and a mail subject then showed none. A mark or a joiner beside letters stays (a
    Persian word needs its zero-width non-joiner)."""
    if value and not _shows_something(value):
        raise ValidationError(
            _("Write at least one visible character: this holds only spaces or invisible characters."),
            code="invisible",
            params={},
        )


def _refuse_control_character(match) -> None:
    raise ValidationError(
        _("Remove the invisible control character %(character)s at position %(position)d."),
        code="control_character",
        params={"character": f"U+{ord(match.group()):04X}", "position": match.start() + 1},
    )


def validate_single_line(value: str) -> None:
    """For names, titles, places and labels: one line, no control character, something to see."""
    line_break = _LINE_BREAKS.search(value)
    if line_break:
        raise ValidationError(
            _("Write this on a single line: remove the line break at position %(position)d."),
            code="single_line",
            params={"position": line_break.start() + 1},
        )
    control = _CONTROLS.search(value)
    if control:
        _refuse_control_character(control)
    _refuse_invisible(value)


def validate_multi_line(value: str) -> None:
    """For descriptions, messages and answers: line breaks and tabs kept, every other control refused, something
    to see."""
    control = _CONTROLS_BETWEEN_LINES.search(value)
    if control:
        _refuse_control_character(control)
    _refuse_invisible(value)


def folded(text: str) -> str:
    """`text` as a person looks it up or expects it in a list: without case or accents ("Élodie Lefèvre" reads as
    "elodie lefevre", "مُحَمَّد" as "محمد"), by Unicode decomposition (NFKD) less its combining marks. For sorting
    and finding names; never stored. The door page's script folds what is typed the same way (door.js)."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(character for character in decomposed if not unicodedata.combining(character)).casefold()


MAX_ID = 2**63 - 1  # the database's ids (BigAutoField); SQLite cannot even compare a larger integer


def whole_number(raw, *, minimum: int = 0, maximum: int = MAX_ID) -> int | None:
    """`raw` (text from a query string or a form) as an int within [minimum, maximum], or None.

    ASCII digits only: str.isdigit() also says yes to "³" and "٣", which int() refuses ("³") or reads
    ("٣" is 3) against what a person meant; and an int beyond 64 bits fails in the database with a 500.
    """
    if not isinstance(raw, str) or not raw.isascii() or not raw.isdigit():
        return None
    value = int(raw)
    return value if minimum <= value <= maximum else None
