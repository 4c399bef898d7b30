"""Every interface language is complete (issue 15): a catalogue with an untranslated or fuzzy entry, one
that misses a text the code asks for, or a compiled .mo that is older than its .po fails CI.

The texts the code asks for are found as `makemessages` finds them (into a copy of the catalogues, so the
committed ones are not touched); Django's own texts (the admin, forms, validators) come with Django.
"""

import re
import shutil
from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.core.management import call_command
from django.test import override_settings

LOCALE = Path(settings.BASE_DIR) / "locale"
TRANSLATED = [code for code, _name in settings.LANGUAGES if code != settings.LANGUAGE_CODE.split("-")[0]]


SOURCES = ["config", "events", "templates", "locale"]


def _key(entry) -> tuple:
    return (entry.msgctxt, entry.msgid, entry.msgid_plural)


@pytest.mark.parametrize("language", TRANSLATED)
def test_the_catalogue_has_no_untranslated_or_fuzzy_entry(language):
    catalogue = polib.pofile(str(LOCALE / language / "LC_MESSAGES" / "django.po"))

    untranslated = [entry.msgid for entry in catalogue.untranslated_entries()]
    fuzzy = [entry.msgid for entry in catalogue.fuzzy_entries()]

    assert (untranslated, fuzzy) == ([], []), f"{language}: untranslated {untranslated[:20]}, fuzzy {fuzzy[:20]}"
    assert not catalogue.metadata_is_fuzzy or catalogue.percent_translated() == 100


@pytest.mark.parametrize("language", TRANSLATED)
def test_the_compiled_catalogue_says_what_its_source_says(language):
    folder = LOCALE / language / "LC_MESSAGES"
    source = {_key(entry): (entry.msgstr, entry.msgstr_plural) for entry in polib.pofile(str(folder / "django.po"))}
    compiled = {_key(entry): (entry.msgstr, entry.msgstr_plural) for entry in polib.mofile(str(folder / "django.mo"))}

    stale = [key[1] for key, value in source.items() if key[1] and compiled.get(key) != value]

    assert stale == [], f"{language}: run `make messages` (compilemessages); stale: {stale[:10]}"


def test_every_text_the_code_asks_for_is_in_every_catalogue(tmp_path, monkeypatch):
    # makemessages writes into the `locale` folder nearest each source file: it runs on a copy of the
    # sources, so that the committed catalogues are compared, never changed.
    for folder in SOURCES:
        shutil.copytree(
            Path(settings.BASE_DIR) / folder, tmp_path / folder, ignore=shutil.ignore_patterns("__pycache__")
        )
    copy = tmp_path / "locale"
    monkeypatch.chdir(tmp_path)
    with override_settings(LOCALE_PATHS=[copy]):
        call_command(
            "makemessages",
            *[f"--locale={language}" for language in TRANSLATED],
            "--no-obsolete",
            verbosity=0,
        )
    for language in TRANSLATED:
        committed = {_key(entry) for entry in polib.pofile(str(LOCALE / language / "LC_MESSAGES" / "django.po"))}
        wanted = {_key(entry) for entry in polib.pofile(str(copy / language / "LC_MESSAGES" / "django.po"))}
        missing = sorted(key[1] for key in wanted - committed)
        assert missing == [], f"{language}: texts not in the catalogue (run `make messages`): {missing[:20]}"


def test_a_label_s_colon_is_part_of_its_translated_text():
    """French writes a space before a colon, Arabic none: "Project:" is translated whole, never
    {% translate "Project" %} followed by a colon of the template's (which French printed as "Projet:")."""
    outside = re.compile(r"""\{% (?:translate|trans) (["'])[^"']*\1 %\}:""")
    offenders = [
        f"{path.relative_to(settings.BASE_DIR)}: {match.group(0)}"
        for path in sorted((Path(settings.BASE_DIR) / "templates").rglob("*.*"))
        for match in outside.finditer(path.read_text())
    ]
    assert offenders == []


def test_french_keeps_a_no_break_space_before_its_high_punctuation():
    """French typography: a space before : ; ! ? that the line never breaks at, and never none (a label's
    "Projet:"). Text inside braces (a JSON example, a placeholder's format) is left as written."""
    catalogue = polib.pofile(str(LOCALE / "fr" / "LC_MESSAGES" / "django.po"))
    texts = [text for entry in catalogue for text in (entry.msgstr, *entry.msgstr_plural.values()) if text]

    breaking = [text for text in texts if re.search(r" [:;!?](?!\S)", text)]
    glued = [
        text for text in texts if re.search(r"[^\s\u00a0\u202f\d/\"}:][:;!?](?=\s|$)", re.sub(r"\{.*?\}", "", text))
    ]

    assert (breaking, glued) == ([], [])
