"""Errors are announced as alerts and everything else as a status, on every page: the flash messages (base.html,
through the announcements tag) and the results a page shows itself with the same classes."""

import re
from pathlib import Path

from django.contrib.messages.storage.base import Message

from events.core.templatetags.announcements import ROLE_BY_CLASS, announced

TEMPLATES = Path(__file__).resolve().parent.parent.parent / "templates"


def test_a_result_a_page_announces_itself_uses_the_role_of_its_kind():
    wrong = []
    for path in sorted(TEMPLATES.rglob("*.html")):
        for tag in re.findall(r"<[a-z]+\b[^>]*\brole=\"[a-z]+\"[^>]*>", path.read_text()):
            classes = (re.search(r'class="([^"]*)"', tag) or [None, ""])[1].split()
            role = re.search(r'role="([a-z]+)"', tag)[1]
            wrong += [(path.name, tag) for kind in classes if ROLE_BY_CLASS.get(kind, role) != role]

    assert wrong == []


def test_flash_messages_are_announced_by_their_level():
    refused, saved, caveat, note = (
        Message(level, text) for level, text in [(40, "No."), (25, "Yes."), (30, "But."), (20, "So.")]
    )

    regions = announced([refused, saved, caveat, note])

    assert regions == {"alert": [refused], "status": [saved, caveat, note]}
