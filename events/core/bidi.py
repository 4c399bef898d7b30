"""Names people typed, isolated from the text around them (Unicode bidirectional isolation, UAX #9).

An Arabic company name beside a dash and a Latin name is laid out with its neighbours as one run unless
each name is isolated: "شركة الداخلة للصيد – Omar Tazi" would then read with the pair swapped. HTML's
`<bdi>` element isolates its content; pages and HTML mail print every name through `isolate` (the `bdi`
template filter), and messages that embed a name through `with_isolated_names`. Plain text (the text part of
mail) has no element: `isolate_text` uses Unicode's isolate controls, which do the same.
"""

from django.utils.html import conditional_escape, format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language_bidi

# UAX #9 section 2.7: LEFT-TO-RIGHT ISOLATE, FIRST STRONG ISOLATE, POP DIRECTIONAL ISOLATE.
LRI, FSI, PDI = "\u2066", "\u2068", "\u2069"


def isolate(value, *, direction: str | None = None) -> SafeString | str:
    """`value` escaped inside `<bdi>` (with `dir` when its direction is known: "ltr" for an address or an
    id); "" for None or an empty value (no empty element to read aloud)."""
    if value is None or value == "":
        return ""
    if direction:
        return format_html('<bdi dir="{}">{}</bdi>', direction, value)
    return format_html("<bdi>{}</bdi>", value)


def isolate_text(value, *, direction: str | None = None) -> str:
    """`value` for plain text, between isolate controls (LRI for "ltr", else FSI) when the current language is
    written right to left, where the line's direction is; as it is otherwise, where a left-to-right line lays
    out as written and the controls would only be characters to trip over. "" for None."""
    if value is None or value == "":
        return ""
    if not get_language_bidi():
        return str(value)
    return f"{LRI if direction == 'ltr' else FSI}{value}{PDI}"


def with_isolated_names(message: str, **names) -> SafeString:
    """A translated `message` with %(name)s placeholders, escaped, each name filled in isolated.

    `with_isolated_names(_("Request sent to %(name)s."), name=company.name)` -> safe HTML.
    """
    return mark_safe(conditional_escape(message) % {key: isolate(value) for key, value in names.items()})


def isolated_list(values, separator: str) -> SafeString:
    """`values` (names) escaped, each isolated, joined by `separator` (a translated list separator: ", ", "، ")."""
    return mark_safe(conditional_escape(separator).join(str(isolate(value)) for value in values))
