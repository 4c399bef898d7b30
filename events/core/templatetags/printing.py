"""What printed documents' templates share (events.core.printing)."""

from django import template
from django.utils.safestring import mark_safe

from events.core.printing import FONT_FAMILY, font_faces_css

register = template.Library()


@register.simple_tag
def font_faces():
    """`{% font_faces %}` in a printed document's <style>: the shipped fonts' @font-face rules."""
    return font_faces_css()


@register.simple_tag
def font_family():
    """`font-family: {% font_family %};`: the shipped fonts, Latin first, then Arabic."""
    return mark_safe(FONT_FAMILY)  # our own CSS, quotes and all
