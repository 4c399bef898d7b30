"""How a page announces the messages of the last action to a screen reader, for every page (base.html)."""

from django import template
from django.contrib.messages import constants

register = template.Library()

# An error is an alert (read out at once, interrupting); anything else a status (read out when the reader is
# idle). Pages that show a result of their own (class="message-error" or "message-success") use the same roles:
# tests/core/test_announcements.py checks them.
ROLE_BY_CLASS = {"message-error": "alert", "message-success": "status"}


@register.simple_tag
def announced(messages) -> dict[str, list]:
    """The messages by the role of the region that announces them: {"alert": [...], "status": [...]}."""
    regions = {"alert": [], "status": []}
    for message in messages:
        regions["alert" if message.level >= constants.ERROR else "status"].append(message)
    return regions
