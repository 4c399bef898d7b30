"""Filters for text people typed, as pages and HTML mail show it."""

from django import template

from events.core.bidi import isolate

register = template.Library()


@register.filter
def bdi(value):
    """`{{ name|bdi }}`: the value, escaped, in a `<bdi>` element; "" for an empty value or None (see
    events.core.bidi)."""
    return isolate(value)
