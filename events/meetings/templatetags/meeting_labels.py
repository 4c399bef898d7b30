"""How pages name a meeting request: its two sides, each isolated, requester first."""

from django import template
from django.utils.html import format_html

from events.core.bidi import isolate

register = template.Library()


@register.filter
def pair(meeting_request):
    """`{{ meeting_request|pair }}`: "<bdi>requester</bdi> – <bdi>receiver</bdi>", the board's label; a dash,
    not an arrow, so that it reads the same way in a right-to-left page."""
    return format_html("{} – {}", isolate(meeting_request.requester.name), isolate(meeting_request.receiver.name))
