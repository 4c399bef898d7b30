"""Filters for text people typed, as pages and HTML mail show it."""

from django import template
from django.utils.dateformat import time_format
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.timezone import is_aware, localtime
from django.utils.translation import get_language_bidi

from events.core.bidi import isolate, isolate_text
from events.core.local_time import said_with_offset

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


def _range_parts(starts_at, ends_at, format_name):
    """What a time range says, for time_range (pages, HTML mail) and time_range_text (text mail) alike:
    ("days", first day, last day) for a range over two days, each in the language's format, else
    ("times", the day's words, "12:50–13:10"). Aware instants are read in the current zone."""
    starts_at, ends_at = (localtime(t) if is_aware(t) else t for t in (starts_at, ends_at))
    when = date_format(starts_at, format_name)
    start, end = time_format(starts_at, "H:i"), time_format(ends_at, "H:i")
    if ends_at.date() != starts_at.date():
        last = date_format(ends_at, format_name)
        if when == start:
            # Times alone ("TIME_FORMAT"): "23:30 – 01:00" under Saturday read as a reception ending before it began,
            # or on Saturday; the end says its day.
            last = f"{last} ({date_format(ends_at, 'MONTH_DAY_FORMAT')})"
        return starts_at, ("days", said_with_offset(starts_at, when), said_with_offset(ends_at, last))
    day = when.removesuffix(start) if when.endswith(start) else f"{when} "
    return starts_at, ("times", day, f"{said_with_offset(starts_at, start)}–{said_with_offset(ends_at, end)}")


@register.filter
def when(instant, format_name="DATETIME_FORMAT"):
    """`{{ deadline|when }}`, `{{ slot.starts_at|when:"H:i" }}`: an instant in the current zone (a `{% timezone %}`
    block), in the language's format or the one given, with its UTC offset when the clocks repeat that time
    ("Sunday 31 October 2027, 02:15 (UTC+01:00)"), as time_range says it. "" for None."""
    if instant is None or instant == "":
        return ""
    moment = localtime(instant) if is_aware(instant) else instant
    return said_with_offset(moment, date_format(moment, format_name))


@register.simple_tag
def time_range(starts_at, ends_at, format_name="DATETIME_FORMAT"):
    """`{% time_range starts ends "SHORT_DATETIME_FORMAT" %}`: when something happens, as a `<time>` element: the
    start's date in the language's format, then "12:50–13:10" isolated left to right (`<bdi dir="ltr">`), so
    that a right-to-left paragraph does not lay the two times out end first (UAX #9). Aware instants are read
    in the current zone (a `{% timezone %}` block), naive ones are wall-clock times already. Each language's
    format ends with its 24-hour time (config/formats). A range that ends on another day says both days,
    each isolated."""
    starts_at, (kind, first, second) = _range_parts(starts_at, ends_at, format_name)
    if kind == "days":
        return format_html('<time datetime="{}">{} – {}</time>', starts_at.isoformat(), isolate(first), isolate(second))
    return format_html(
        '<time datetime="{}">{}{}</time>', starts_at.isoformat(), first, isolate(second, direction="ltr")
    )


@register.simple_tag
def zone_abbreviation(starts_at, ends_at):
    """`{% zone_abbreviation starts ends %}` after a time range: the zone's abbreviation in the current zone ("CST"),
    the start's and the end's when the clocks change within it ("CEST–CET": a night from 00:00 CEST to 04:00 CET
    read "00:00–04:00 CEST", an hour early at its end), isolated left to right."""
    # The instant's own abbreviation: Django's "T" is empty for a time the clocks repeat (PST or PDT?), which the
    # instant, read in the zone with its fold, answers.
    first, last = (localtime(moment).tzname() or "" for moment in (starts_at, ends_at))
    return isolate(first if first == last else f"{first}–{last}", direction="ltr")


@register.filter
def url_text(url):
    """`{% translate "Your agenda:" %} {{ agenda_url|url_text }}` in a plain-text template: in a language written
    right to left, the link goes on a line of its own, which then reads left to right (UAX #9 rules P2-P3);
    after a right-to-left label it was laid out "/http://example.org/agenda". Not isolated with controls: a mail
    client's linker would take them into the link. "" for an empty link."""
    if not url:
        return ""
    return f"\n{url}" if get_language_bidi() else str(url)


@register.filter
def ltr_text(value):
    """`{{ time_zone|ltr_text }}` in a plain-text template: `ltr` for text (core.bidi.isolate_text)."""
    return isolate_text(value, direction="ltr")


@register.simple_tag
def time_range_text(starts_at, ends_at, format_name="DATETIME_FORMAT"):
    """`{% time_range_text starts ends %}` in a plain-text template (mail's text part): `time_range`'s words, the
    two times isolated left to right with Unicode's controls instead of `<bdi>` (core.bidi.isolate_text), so that
    an Arabic line does not show "13:50–13:30". Autoescape off, as text templates are."""
    _starts_at, (kind, first, second) = _range_parts(starts_at, ends_at, format_name)
    if kind == "days":
        return f"{isolate_text(first)} – {isolate_text(second)}"
    return f"{first}{isolate_text(second, direction='ltr')}"
