"""A time range reads left to right in every language: "12:50–13:10", never "13:10–12:50".

In a right-to-left paragraph, the two times and the dash between them are separate runs that Unicode's
bidirectional algorithm lays out right to left: an Arabic reader saw the end of a meeting before its start. Pages
and HTML mail print a range through one tag (core.templatetags.text.time_range), which isolates the times left
to right and leaves the date before them in the language's own order.
"""

import datetime as dt
import re
from zoneinfo import ZoneInfo

import pytest
from django.template import Context, Template
from django.utils import translation

from events.accounts.services import set_preferred_language
from events.meetings import services
from events.notifications.models import OutboundEmail
from tests.meetings.conftest import MeetingDay
from tests.support.bidi_layout import shown

pytestmark = pytest.mark.django_db

CHICAGO = ZoneInfo("America/Chicago")


def render(language, format_name="SHORT_DATETIME_FORMAT"):
    starts = dt.datetime(2027, 2, 13, 12, 50, tzinfo=CHICAGO)
    tag = f'{{% time_range starts ends "{format_name}" %}}'
    template = Template(f'{{% load text tz %}}{{% timezone "America/Chicago" %}}{tag}{{% endtimezone %}}')
    with translation.override(language):
        return template.render(Context({"starts": starts, "ends": starts + dt.timedelta(minutes=20)}))


def test_the_range_is_isolated_left_to_right_after_the_date_in_each_language():
    assert (
        render("ar")
        == '<time datetime="2027-02-13T12:50:00-06:00">13 فبراير 2027، <bdi dir="ltr">12:50–13:10</bdi></time>'
    )
    assert (
        render("en")
        == '<time datetime="2027-02-13T12:50:00-06:00">13 Feb 2027, <bdi dir="ltr">12:50–13:10</bdi></time>'
    )
    assert render("fr", "DATETIME_FORMAT").endswith('samedi 13 février 2027, <bdi dir="ltr">12:50–13:10</bdi></time>')


def test_an_arabic_readers_meetings_page_and_invitation_read_the_range_in_order(client, organiser):
    day = MeetingDay(organiser)
    services.book_meeting(day.accepted(0, 1), acting_user=organiser, slot=day.slots[0], table=day.tables[0])
    user = day.delegates[1].user
    set_preferred_language(user, language="ar")
    services.publish_schedule(day.grid, acting_user=organiser)
    client.force_login(user)

    client.cookies["django_language"] = "ar"
    response = client.get("/meetings/")
    assert response.status_code == 200
    page = response.content.decode()
    invitation = OutboundEmail.objects.get(to=user.email, kind="invitation.request")

    assert '<bdi dir="ltr">13:30–13:50</bdi>' in page
    assert '<bdi dir="ltr">13:30–13:50</bdi>' in invitation.body_html


def test_times_alone_and_a_numeric_zone_read_in_order_too():
    """The mission's programme, a board's break rows and the registration page showed "09:45–09:00" and "00+"
    in Arabic (a second helper's walk; Morocco is on +00 in Ramadan)."""
    starts = dt.datetime(2027, 2, 13, 9, 0, tzinfo=ZoneInfo("Africa/Casablanca"))
    template = Template(
        '{% load text tz %}{% timezone "Africa/Casablanca" %}{% time_range starts ends "TIME_FORMAT" %} '
        '{{ starts|date:"T"|ltr }}{% endtimezone %}'
    )
    with translation.override("ar"):
        html = template.render(Context({"starts": starts, "ends": starts + dt.timedelta(minutes=45)}))

    assert html == (
        '<time datetime="2027-02-13T09:00:00+00:00"><bdi dir="ltr">09:00–09:45</bdi></time> <bdi dir="ltr">+00</bdi>'
    )


def test_an_arabic_readers_plain_text_mail_reads_the_range_in_order(organiser):
    """The plain-text part has no <bdi>: an Arabic invitation showed "13:50–13:30" on screen (python-bidi lays
    the line out as a mail client does). Unicode's isolates (LRI ... PDI) do in text what <bdi dir="ltr"> does."""
    day = MeetingDay(organiser)
    services.book_meeting(day.accepted(0, 1), acting_user=organiser, slot=day.slots[0], table=day.tables[0])
    set_preferred_language(day.delegates[1].user, language="ar")
    services.publish_schedule(day.grid, acting_user=organiser)

    arabic = OutboundEmail.objects.get(to=day.delegates[1].user.email, kind="invitation.request")
    english = OutboundEmail.objects.get(to=day.companies[0].user.email, kind="invitation.request")

    assert "13:30–13:50" in shown(arabic.body_text)
    assert "13:50–13:30" not in shown(arabic.body_text)
    assert "\u2066America/Chicago\u2069" in arabic.body_text
    # Links too: after a right-to-left label, one read "/http://.../agenda" on screen. Each is on a line of its
    # own, and not between controls, which a mail client's linker would take into the link.
    links = re.findall(r"https?://\S+", arabic.body_text)
    assert len(links) >= 3
    assert all(link in shown(arabic.body_text).split("\n") for link in links)
    # A left-to-right language's lines lay out in order as written: no controls to trip over.
    assert "13:30–13:50 (America/Chicago)" in english.body_text
    assert not {"\u2066", "\u2068", "\u2069"} & set(english.body_text)


def test_no_text_template_puts_a_link_after_words_on_its_line_but_through_url_text():
    from pathlib import Path

    from django.conf import settings

    after_words = re.compile(r"\S[^\n{]*(?:{%[^%]*%})?[^\n{]*{{ (?:[\w.]*url|link) }}")
    assert after_words.search('{% translate "Your agenda:" %} {{ agenda_url }}')  # what it looks for
    found = [
        f"{path.relative_to(settings.BASE_DIR)}: {match.group(0)}"
        for path in sorted((Path(settings.BASE_DIR) / "templates").rglob("*.txt"))
        for match in after_words.finditer(path.read_text())
    ]
    assert found == []


def test_no_text_template_builds_a_range_by_hand():
    """Every range in a plain-text template goes through time_range_text, as pages' go through time_range."""
    from pathlib import Path

    from django.conf import settings

    by_hand = re.compile(r"}}\s*[–-]\s*{{")
    found = [
        str(path.relative_to(settings.BASE_DIR))
        for path in sorted((Path(settings.BASE_DIR) / "templates").rglob("*.txt"))
        if by_hand.search(path.read_text())
    ]
    assert found == []


@pytest.mark.parametrize(
    ("fold", "said"), [(0, "01:30 (UTC−05:00)–03:00"), (1, "01:30 (UTC−06:00)–03:00")], ids=["first", "second"]
)
def test_a_time_the_clocks_repeat_says_which_one_it_is(fold, said):
    """A helper's session at the second 01:30 of 7 November 2027 in Chicago read "01:30–03:00 (America/Chicago)"
    on every page and in every mail: a reader takes the first 01:30 and comes an hour early. A time the clocks
    repeat carries its UTC offset; others read as before."""
    starts = dt.datetime(2027, 11, 7, 1, 30, fold=fold, tzinfo=CHICAGO)
    ends = dt.datetime(2027, 11, 7, 3, 0, tzinfo=CHICAGO)
    context = Context({"starts": starts.astimezone(dt.UTC), "ends": ends.astimezone(dt.UTC)})

    def rendered(tag):
        source = f'{{% load text tz %}}{{% timezone "America/Chicago" %}}{{% {tag} starts ends "TIME_FORMAT" %}}'
        return Template(source + "{% endtimezone %}").render(context)

    with translation.override("en"):
        assert said in rendered("time_range")
        assert rendered("time_range_text") == said


def test_no_template_writes_a_clock_time_without_saying_which_pass_of_a_repeated_hour():
    """A helper's session at the second 01:30 of 7 November 2027 in Chicago read "Sunday 7 November 2027, 01:30
    (America/Chicago)" on the registration review, the company's registrations, the cancel page and the organisers'
    page: each wrote the start with a date filter. Then a meeting grid over that night showed two rows "01:00" on
    the board, and a deadline in the repeated hour read as the first pass. A time goes through time_range or
    `when`, which say which 01:30 it is; only a time shown in UTC (which repeats none) may use a date filter."""
    from pathlib import Path

    from django.conf import settings

    by_hand = re.compile(
        r"""\|(date|time):(["'])(SHORT_DATETIME_FORMAT|DATETIME_FORMAT|TIME_FORMAT|[^"']*[HGgh]:i[^"']*)\2"""
    )
    found = [
        f"{path.relative_to(settings.BASE_DIR)}:{number}"
        for path in sorted((Path(settings.BASE_DIR) / "templates").rglob("*.*"))
        for number, line in enumerate(path.read_text().splitlines(), start=1)
        if by_hand.search(line) and '{% timezone "UTC" %}' not in line
    ]
    assert found == []


def test_a_range_over_a_clock_change_names_the_zone_at_both_ends():
    """A helper's B2B night in Paris read "00:00–04:00 CEST (Europe/Paris)": it ends at 04:00 CET, and "04:00 CEST"
    is an hour earlier. The abbreviation after a range is the start's and the end's when they differ, and every
    page writes it through one tag."""
    from pathlib import Path

    from django.conf import settings

    paris = ZoneInfo("Europe/Paris")
    context = Context(
        {
            "night": (dt.datetime(2027, 10, 31, 0, 0, tzinfo=paris), dt.datetime(2027, 10, 31, 4, 0, tzinfo=paris)),
            "day": (dt.datetime(2027, 10, 29, 9, 0, tzinfo=paris), dt.datetime(2027, 10, 29, 12, 0, tzinfo=paris)),
        }
    )
    source = (
        '{% load text tz %}{% timezone "Europe/Paris" %}'
        "{% zone_abbreviation night.0 night.1 %}|{% zone_abbreviation day.0 day.1 %}{% endtimezone %}"
    )

    assert Template(source).render(context) == '<bdi dir="ltr">CEST–CET</bdi>|<bdi dir="ltr">CEST</bdi>'
    by_hand = re.compile(r"""\|date:["']T["']""")
    found = [
        str(path.relative_to(settings.BASE_DIR))
        for path in sorted((Path(settings.BASE_DIR) / "templates").rglob("*.*"))
        if by_hand.search(path.read_text())
    ]
    assert found == []


@pytest.mark.parametrize(
    ("zone", "starts", "ends", "said"),
    [
        ("America/Los_Angeles", dt.datetime(2027, 11, 7, 1, 30, fold=1), dt.datetime(2027, 11, 7, 3, 0), "PST"),
        ("America/Denver", dt.datetime(2027, 11, 7, 0, 50), dt.datetime(2027, 11, 7, 1, 10), "MDT"),
        ("America/Denver", dt.datetime(2027, 11, 7, 1, 10), dt.datetime(2027, 11, 7, 1, 30, fold=1), "MDT–MST"),
    ],
    ids=["starts-in-the-second-pass", "ends-in-the-first-pass", "across-the-two-passes"],
)
def test_a_time_in_a_repeated_hour_is_named_by_its_zone_abbreviation_too(zone, starts, ends, said):
    """A helper's agenda read "01:30 (UTC−08:00)–03:00 –PST" and "00:50–01:10 (UTC−06:00) MDT–": Django's "T" says
    nothing for a time the clocks repeat, so one end of the abbreviation was empty. The instant names it."""
    place = ZoneInfo(zone)
    context = Context({"starts": starts.replace(tzinfo=place), "ends": ends.replace(tzinfo=place)})
    source = f'{{% load text tz %}}{{% timezone "{zone}" %}}{{% zone_abbreviation starts ends %}}{{% endtimezone %}}'

    assert Template(source).render(context) == f'<bdi dir="ltr">{said}</bdi>'


def test_a_range_of_times_alone_that_ends_the_next_day_says_which_day_it_ends():
    """A helper's evening reception read "23:30 – 01:00 MST" under Saturday on the mission page: nothing said it
    ended on Sunday. A range shown as times only names the day of its end when it is another day."""
    denver = ZoneInfo("America/Denver")
    starts, ends = dt.datetime(2027, 11, 13, 23, 30, tzinfo=denver), dt.datetime(2027, 11, 14, 1, 0, tzinfo=denver)
    context = Context({"starts": starts, "ends": ends})

    def rendered(tag, language):
        source = f'{{% load text tz %}}{{% timezone "America/Denver" %}}{{% {tag} starts ends "TIME_FORMAT" %}}'
        with translation.override(language):
            return re.sub(r"<[^>]+>|[\u2066-\u2069]", "", Template(source + "{% endtimezone %}").render(context))

    assert rendered("time_range", "en") == "23:30 – 01:00 (14 November)"
    assert rendered("time_range_text", "fr") == "23:30 – 01:00 (14 novembre)"
