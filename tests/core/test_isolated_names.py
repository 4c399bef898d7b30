"""Every user-supplied name a page or an HTML mail shows is isolated from the text around it (issue 15).

An Arabic company name beside an English dash and a Latin name ("شركة الداخلة للصيد – Omar Tazi") is laid
out by the Unicode bidirectional algorithm as one run unless each name is isolated: the pair then reads
swapped. The one mechanism is the `bdi` filter (events.core.templatetags.text), which wraps a value in
`<bdi>`; this test reads every HTML template and fails on a name printed in text without it. Attribute
values (`alt`, `aria-label`, `value`) and `<title>`/`<option>` text cannot hold markup and are laid out
on their own, so they are not checked; plain-text mail has no markup to isolate with.
"""

import re
from pathlib import Path

from django.conf import settings
from django.template import Context, Template

TEMPLATES = Path(settings.BASE_DIR) / "templates"
# The last part of a variable that holds a name someone typed: a person's, an organisation's, a table's,
# a city's, a job title.
NAME_ATTRIBUTES = {
    "name",
    "full_name",
    "names",
    "counterpart",
    "reported_by",
    "organization",
    "company",
    "delegate",
    "requester",
    "receiver",
    "holder",
    "other",
    "contact_name",
    "issuer_name",
    "city",
    "place",
    "region",
    "job_title",
    "user",
    "first_party",
    "request",
    "second_party",
}
VARIABLE = re.compile(r"\{\{\s*(?P<expression>[^}|]+?)\s*(?P<filters>\|[^}]*)?\}\}")
WITH_VALUE = re.compile(r"(\w+)=(?P<expression>[\w.]+)(?P<filters>\|[^\s%]+)?")
BLOCK = re.compile(
    r"\{%\s*blocktrans(?:late)?\b(?P<arguments>[^%]*)%\}(?P<body>.*?)\{%\s*endblocktrans(?:late)?\s*%\}", re.S
)
UNMARKED_ELEMENTS = re.compile(r"<(title|option|textarea|script|style)\b[^>]*>.*?</\1>", re.S | re.I)


def _is_name(expression: str) -> bool:
    parts = expression.strip().split(".")
    # A country's name is the product's (django-countries, translated), not someone's typing.
    return parts[-1] in NAME_ATTRIBUTES and parts[-2:] != ["country", "name"]


def _isolated(filters: str | None) -> bool:
    return bool(filters) and re.search(r"\|\s*(bdi|ltr|pair)\b", filters) is not None


def _in_a_bdi(text: str, start: int, end: int) -> bool:
    return text[:start].rstrip().endswith("<bdi>") and text[end:].lstrip().startswith("</bdi>")


def _inside_a_tag(text: str, position: int) -> bool:
    return text.rfind("<", 0, position) > text.rfind(">", 0, position)


def _unisolated_names(path: Path) -> list[str]:
    text = path.read_text()
    # Masked, not removed, so that positions stay those of the file.
    text = UNMARKED_ELEMENTS.sub(lambda match: " " * len(match.group(0)), text)
    found = []
    for block in BLOCK.finditer(text):
        if _inside_a_tag(text, block.start()):
            continue  # an attribute's value (an aria-label): plain text, no markup
        for value in WITH_VALUE.finditer(block["arguments"]):
            if _is_name(value["expression"]) and not _isolated(value["filters"]):
                line = text.count("\n", 0, block.start()) + 1
                found.append(f"{path.relative_to(TEMPLATES)}:{line} {value[0]}")
    # A translated sentence's placeholders take no filters: their values are checked where they are bound.
    text = BLOCK.sub(lambda match: " " * len(match.group(0)), text)
    for match in VARIABLE.finditer(text):
        name = _is_name(match["expression"])
        isolated = _isolated(match["filters"]) or _in_a_bdi(text, match.start(), match.end())
        if name and not isolated and not _inside_a_tag(text, match.start()):
            found.append(f"{path.relative_to(TEMPLATES)}:{text.count(chr(10), 0, match.start()) + 1} {match[0]}")
    return found


def test_every_name_in_a_page_or_an_html_mail_is_isolated():
    pages = [path for path in TEMPLATES.rglob("*.html") if "admin" not in path.parts]
    assert pages
    unisolated = [line for path in sorted(pages) for line in _unisolated_names(path)]
    assert unisolated == [], "names printed without |bdi:\n" + "\n".join(unisolated)


def test_the_filter_wraps_escapes_and_leaves_nothing_for_no_name():
    template = Template("{% load text %}[{{ name|bdi }}]")
    assert template.render(Context({"name": "شركة <b>الداخلة</b>"})) == ("[<bdi>شركة &lt;b&gt;الداخلة&lt;/b&gt;</bdi>]")
    assert template.render(Context({"name": ""})) == "[]"
    assert template.render(Context({"name": None})) == "[]"


def test_no_attribute_value_is_given_markup():
    # An attribute (alt, aria-label, title) is plain text: a <bdi> there would be read out or shown as is.
    found = []
    for path in sorted(TEMPLATES.rglob("*.html")):
        text = path.read_text()
        for match in re.finditer(r"\|\s*bdi\b", text):
            if _inside_a_tag(text, match.start()):
                found.append(f"{path.relative_to(TEMPLATES)}:{text.count(chr(10), 0, match.start()) + 1}")
    assert found == []


# Longer texts people wrote (a description, a message, a reason): a block of their own that takes its
# direction from its first letter (dir="auto"), so an English description in the Arabic page keeps its full
# stop at its end, and an Arabic message in an English page reads right to left.
TEXT_ATTRIBUTES = {
    "description",
    "summary",
    "seeking",
    "offers",
    "offer",
    "references",
    "message",
    "decision_reason",
    "revocation_reason",
    "reason",
    "project",
}


def _in_dir_auto_element(text: str, position: int) -> bool:
    opening = text.rfind("<", 0, position)
    tag = text[opening : text.find(">", opening) + 1]
    return not tag.startswith("</") and 'dir="auto"' in tag


def test_every_text_someone_wrote_takes_its_own_direction():
    found = []
    for path in sorted(TEMPLATES.rglob("*.html")):
        if "admin" in path.parts or "email" in path.parts:
            continue
        text = UNMARKED_ELEMENTS.sub(lambda match: " " * len(match.group(0)), path.read_text())
        text = BLOCK.sub(lambda match: " " * len(match.group(0)), text)
        for match in VARIABLE.finditer(text):
            # A row's field (mission.summary), not a page's own words in a loop variable (a flash message).
            parts = match["expression"].strip().split(".")
            written = len(parts) > 1 and parts[-1] in TEXT_ATTRIBUTES
            if written and not _inside_a_tag(text, match.start()) and not _in_dir_auto_element(text, match.start()):
                found.append(f"{path.relative_to(TEMPLATES)}:{text.count(chr(10), 0, match.start()) + 1} {match[0]}")
    assert found == []


def test_a_list_of_names_to_choose_from_takes_its_direction_from_the_name_chosen():
    # A <select> shows its chosen option in the page's direction: a Latin name in the Arabic page is cut at
    # its beginning (seen by a tester at 375 px), unless the select is dir="auto".
    found = []
    for path in sorted(TEMPLATES.rglob("*.html")):
        text = path.read_text()
        for select in re.finditer(r"<select\b(?P<tag>[^>]*)>(?P<options>.*?)</select>", text, re.S):
            named = any(_is_name(match["expression"]) for match in VARIABLE.finditer(select["options"]))
            if named and 'dir="auto"' not in select["tag"]:
                found.append(f"{path.relative_to(TEMPLATES)}:{text.count(chr(10), 0, select.start()) + 1}")
    assert found == []
