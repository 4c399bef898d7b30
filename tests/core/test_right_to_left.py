"""Right to left by logical properties, not a mirrored stylesheet (issue 15).

The stylesheet says "start" and "end" (margin-inline-start, text-align: start, inset-inline-start), so one
stylesheet lays out English and Arabic; a physical left or right would stay put when the page turns. An
arrow that means a direction (back, the next stop) is marked `.direction` and mirrored in a right-to-left
page.
"""

import re
from pathlib import Path

from django.conf import settings

BASE = Path(settings.BASE_DIR)
PHYSICAL = re.compile(
    r"(?:margin|padding|border)-(?:left|right)\b|(?<![-\w])(?:left|right)\s*:|"
    r"text-align:\s*(?:left|right)|float:\s*(?:left|right)|clear:\s*(?:left|right)"
)
ARROW = re.compile(r"[←→⟵⟶➔]")


def test_the_stylesheet_uses_logical_properties_only():
    css = (BASE / "static" / "css" / "site.css").read_text()

    physical = [line for line in css.splitlines() if PHYSICAL.search(line)]

    assert physical == []


def test_every_arrow_in_a_page_is_marked_to_turn_with_the_page():
    found = []
    for path in sorted((BASE / "templates").rglob("*.html")):
        text = path.read_text()
        marked = re.sub(r'<span class="direction" aria-hidden="true">[←→]</span>', "", text)
        # A translated sentence carries its own arrow, written by its translator for its direction.
        unmarked = re.sub(r"\{% blocktrans.*?\{% endblocktrans(?:late)? %\}", "", marked, flags=re.S)
        found += [
            f"{path.relative_to(BASE)}: {line.strip()[:80]}" for line in unmarked.splitlines() if ARROW.search(line)
        ]
    assert found == []


def test_every_html_mail_says_its_language_and_direction_through_one_layout():
    mails = sorted((BASE / "templates").glob("*/email/*.html"))

    assert mails
    assert [path.name for path in mails if not path.read_text().startswith('{% extends "email/base.html" %}')] == []


def test_an_arabic_mail_reads_right_to_left_and_a_french_one_left_to_right():
    from django.template.loader import render_to_string
    from django.utils import translation

    with translation.override("ar"):
        arabic = render_to_string("meetings/email/received.html", {"other": "Omar", "meeting_request": None})
    with translation.override("fr"):
        french = render_to_string("meetings/email/received.html", {"other": "Omar", "meeting_request": None})

    assert '<html lang="ar" dir="rtl">' in arabic
    assert '<html lang="fr" dir="ltr">' in french
