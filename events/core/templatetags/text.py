"""Filters for text people typed, as pages and HTML mail show it."""

from django import template

from events.core.bidi import isolate

register = template.Library()


@register.filter
def bdi(value):
    """`{{ name|bdi }}`: the value, escaped, in a `<bdi>` element; "" for an empty value or None (see
    events.core.bidi)."""
    return isolate(value)


@register.filter
def ltr(value):
    """`{{ address|ltr }}`: a value that reads left to right in every language (an address, a key id, an
    ISO date, JSON), escaped, in `<bdi dir="ltr">`; "" for an empty value or None."""
    return isolate(value, direction="ltr")
