"""Filters for text people typed, as pages and HTML mail show it."""

from django import template
from django.utils.dateformat import time_format
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.timezone import is_aware, localtime

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


@register.simple_tag
def time_range(starts_at, ends_at, format_name="DATETIME_FORMAT"):
    """`{% time_range starts ends "SHORT_DATETIME_FORMAT" %}`: when something happens, as a `<time>` element: the
    start's date in the language's format, then "12:50–13:10" isolated left to right (`<bdi dir="ltr">`), so
    that a right-to-left paragraph does not lay the two times out end first (UAX #9). Aware instants are read
    in the current zone (a `{% timezone %}` block), naive ones are wall-clock times already. Each language's
    format ends with its 24-hour time (config/formats). A range that ends on another day says both days,
    each isolated."""
    starts_at, ends_at = (localtime(t) if is_aware(t) else t for t in (starts_at, ends_at))
    when = date_format(starts_at, format_name)
    if ends_at.date() != starts_at.date():
        return format_html(
            '<time datetime="{}">{} – {}</time>',
            starts_at.isoformat(),
            isolate(when),
            isolate(date_format(ends_at, format_name)),
        )
    start, end = time_format(starts_at, "H:i"), time_format(ends_at, "H:i")
    day = when.removesuffix(start) if when.endswith(start) else f"{when} "
    return format_html(
        '<time datetime="{}">{}{}</time>', starts_at.isoformat(), day, isolate(f"{start}–{end}", direction="ltr")
    )
