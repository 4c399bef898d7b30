"""Text a person types is refused when it carries a character that breaks a mail header, a calendar
line or a PostgreSQL column: on one line, no line break and no control character; on several lines,
line breaks and tabs only."""

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from events.core.text import validate_multi_line, validate_single_line


def refusal(validator, value):
    with pytest.raises(ValidationError) as caught:
        validator(value)
    (error,) = caught.value.error_list
    return error.code, str(error.message % error.params)


@pytest.mark.parametrize(
    "value",
    [
        "Lone Star Cloud",
        "Société Générale Maroc",
        "الرباط",
        "Smith & Wesson; Ltd.",
        "",
        "a\u00a0b",
        "emoji 🚀",
        # Arabic with a right-to-left mark, as keyboards and word processors insert it: a mark reorders nothing.
        "شركة الداخلة\u200f للصيد",
    ],
)
def test_ordinary_text_is_accepted_on_one_line_and_on_several(value):
    validate_single_line(value)
    validate_multi_line(value)


@pytest.mark.parametrize(
    ("value", "position"),
    [("Acme\nInc", 5), ("Briefing\r\nX", 9), ("Austin\rTX", 7), ("Rabat\u2028Salé", 6), ("a\u2029b", 2), ("\x85", 1)],
)
def test_a_line_break_is_refused_on_one_line_naming_where_it_is(value, position):
    assert refusal(validate_single_line, value) == (
        "single_line",
        f"Write this on a single line: remove the line break at position {position}.",
    )


@pytest.mark.parametrize(
    ("value", "character"),
    [("\x00", "U+0000"), ("\x1b[31m", "U+001B"), ("tab\there", "U+0009"), ("\x7f", "U+007F"), ("\x9f", "U+009F")],
)
def test_a_control_character_is_refused_on_one_line_naming_it(value, character):
    code, message = refusal(validate_single_line, value)

    assert code == "control_character"
    assert message.startswith(f"Remove the invisible control character {character} at position ")


@pytest.mark.parametrize("value", ["line1\nline2", "line1\r\nline2\r\n", "\tindented", "a\n\nb"])
def test_line_breaks_and_tabs_are_kept_on_several_lines(value):
    validate_multi_line(value)


@pytest.mark.parametrize(
    ("value", "character", "position"),
    [
        ("\x00", "U+0000", 1),
        ("red \x1b[31m", "U+001B", 5),
        ("old Mac\rline", "U+000D", 8),
        ("a\x0bb", "U+000B", 2),
        ("a\x0cb", "U+000C", 2),
        ("a\x7f", "U+007F", 2),
        ("a\x85b", "U+0085", 2),
        ("a\u2028b", "U+2028", 2),
        ("a\u2029b", "U+2029", 2),
    ],
)
def test_every_other_control_character_is_refused_on_several_lines(value, character, position):
    assert refusal(validate_multi_line, value) == (
        "control_character",
        f"Remove the invisible control character {character} at position {position}.",
    )


@pytest.mark.parametrize("character", ["\u202a", "\u202b", "\u202c", "\u202d", "\u202e", "\u2066", "\u2069"])
def test_a_direction_control_is_refused_everywhere_as_it_would_reverse_the_lines_it_is_pasted_into(character):
    """ "Ann<U+202E>Bob" displays as "AnnboB" and reverses the rest of any subject or calendar line it joins."""
    expected = ("control_character", f"Remove the invisible control character U+{ord(character):04X} at position 4.")

    assert refusal(validate_single_line, f"Ann{character}Bob") == expected
    assert refusal(validate_multi_line, f"Ann{character}Bob") == expected


def test_the_refusals_speak_french():
    with translation.override("fr"):
        line_break = refusal(validate_single_line, "Acme\nInc")
        control = refusal(validate_multi_line, "\x1b")

    assert line_break[1] == "Écrivez ceci sur une seule ligne\u00a0: supprimez le saut de ligne en position 5."
    assert control[1] == "Supprimez le caractère de contrôle invisible U+001B en position 1."


@pytest.mark.parametrize(
    "value",
    [
        *("\u200b", "\u200f", "\u200e\u200b\u200d", " \u200b ", "\u3164", "\u2800", "\ufeff", "\u00a0\u2003", "\u180e"),
        *("\u034f", "\ufe0f\ufe0f", "\U000e0100", "\u17b4", "\u0301"),
    ],
    ids=[
        "zero-width-space",
        "rtl-mark",
        "marks-and-joiners",
        "spaced",
        "hangul-filler",
        "braille-blank",
        "bom",
        "spaces",
        "mongolian-separator",
        "combining-grapheme-joiner",
        "variation-selectors",
        "supplementary-variation-selector",
        "khmer-inherent-vowel",
        "a-combining-accent-alone",
    ],
)
def test_text_that_shows_nothing_is_refused_on_one_line_and_on_several(value):
    """A tester named an attendee U+200B and saved their own name as U+200B U+200F: Python's strip() keeps both, so
    "required" let them through, and the door list, the badge and an invitation's subject ("​‏ invites you to
    represent...") showed no name at all."""
    for validator in (validate_single_line, validate_multi_line):
        assert refusal(validator, value) == (
            "invisible",
            "Write at least one visible character: this holds only spaces or invisible characters.",
        )


@pytest.mark.parametrize("value", ["\u200bMarie", "می\u200cخواهم", "x\u2800", "🚀", "❤\ufe0f", "e\u0301"])
def test_invisible_characters_beside_visible_ones_are_kept(value):
    validate_single_line(value)
    validate_multi_line(value)
