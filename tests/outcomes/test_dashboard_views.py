"""Issue 14, the organisers' outcomes dashboard: figures, charts and the rows behind them, filters, the
funding form and the follow-up waves; a 404 for anyone but the mission's organisers."""

import datetime as dt
import re
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from events.meetings import services as meeting_services
from events.outcomes import services
from events.outcomes.models import FollowUpWave, MissionFunding
from tests.factories import MissionFactory, SectorFactory, UserFactory
from tests.outcomes.test_figures import reported  # noqa: F401  (the fixture: a cited and an uncited deal)

pytestmark = pytest.mark.django_db


def dashboard(mission):
    return reverse("outcomes:dashboard", args=[mission.slug])


def pages(mission):
    wave = FollowUpWave.objects.filter(mission=mission).first()
    return [
        dashboard(mission),
        reverse("outcomes:leads", args=[mission.slug]),
        reverse("outcomes:funding", args=[mission.slug]),
        reverse("outcomes:waves", args=[mission.slug]),
        reverse("outcomes:cancel-wave", args=[mission.slug, wave.pk]),
    ]


def deal_rows(html):
    return re.findall(r'<tr data-lead="\d+"( class="not-cited")?>\s*<td dir="auto"><bdi>([^<]+)</bdi>', html)


def test_the_organiser_sees_the_funnel_the_deals_and_the_ratio(client, reported):  # noqa: F811
    client.force_login(reported.organiser)

    response = client.get(dashboard(reported.mission))

    html = response.content.decode()
    assert response.status_code == 200
    assert html.count('<figure class="chart" role="img" aria-label="') == 4
    assert html.count('<svg aria-hidden="true" focusable="false" ') == 4
    assert "<caption>Meetings, from request to held</caption>" in html
    assert '<th scope="row">Held</th><td>1</td>' in html
    assert '<th scope="row">Not known yet</th><td>1</td>' in html
    assert "<strong>3.50</strong>" in html
    assert "<strong>350,000.00 USD</strong>" in html
    assert deal_rows(html) == [("", "Company 0"), (' class="not-cited"', "Company 1")]
    assert "Not for citation" in html  # visible to organisers, marked as such
    assert "No programme cost is entered" not in html


def test_the_notes_say_when_no_cost_is_entered_and_a_currency_has_no_rate(client, reported):  # noqa: F811
    services.set_mission_funding(
        reported.mission, acting_user=reported.organiser, programme_cost=None, exchange_rates={}
    )
    client.force_login(reported.organiser)

    html = client.get(dashboard(reported.mission)).content.decode()

    assert 'data-note="no-cost"' in html
    assert "Deals in MAD have no exchange rate to USD" in html
    assert "<strong>250,000.00 USD</strong>" in html
    assert "data-ratio" not in html


def test_anyone_but_the_missions_organisers_gets_404_and_a_visitor_signs_in_first(client, reported):  # noqa: F811
    other_organiser = UserFactory()
    MissionFactory().organisers.add(other_organiser)

    for user in (other_organiser, reported.companies[0].user):
        client.force_login(user)
        assert [client.get(url).status_code for url in pages(reported.mission)] == [404] * 5
    client.logout()
    visitor = client.get(dashboard(reported.mission))

    assert visitor.status_code == 302
    assert visitor.url.startswith(reverse("account_login"))


def test_filters_keep_a_sector_or_a_stop_and_ignore_values_not_of_the_mission(client, reported):  # noqa: F811
    cloud = SectorFactory(slug="cloud", name="Cloud")
    reported.mission.sectors.add(cloud)
    reported.companies[0].organization.sectors.add(cloud)
    client.force_login(reported.organiser)

    in_cloud = client.get(dashboard(reported.mission), {"sector": "cloud"}).content.decode()
    at_stop = client.get(dashboard(reported.mission), {"stop": reported.stop.pk}).content.decode()
    nonsense = client.get(dashboard(reported.mission), {"sector": "nope", "stop": "x1"})

    assert deal_rows(in_cloud) == [("", "Company 0")]
    assert f'href="{reverse("outcomes:leads", args=[reported.mission.slug])}?sector=cloud"' in in_cloud
    assert len(deal_rows(at_stop)) == 2
    austin_row = f'<th scope="row"><a href="?sector=cloud&amp;stop={reported.stop.pk}#deals"><bdi>Austin</bdi></a></th>'
    assert austin_row in in_cloud
    assert '<th scope="row"><a href="?sector=cloud#deals"><bdi>Cloud</bdi></a></th>' in in_cloud
    assert nonsense.status_code == 200
    assert len(deal_rows(nonsense.content.decode())) == 2
    assert [str(message) for message in nonsense.context["messages"]] == [
        "A filter that is not one of this mission's was ignored."
    ]


def test_the_leads_page_lists_each_pair_with_its_stage_now(client, reported):  # noqa: F811
    client.force_login(reported.organiser)

    html = client.get(reverse("outcomes:leads", args=[reported.mission.slug])).content.decode()

    rows = re.findall(
        r"<bdi>([^<]+)</bdi></td><td[^>]*><bdi>([^<]+)</bdi></td>\s*<td><bdi>[^<]*</bdi></td>\s*<td>([^<]+)</td>", html
    )
    assert sorted(rows) == [
        ("Delegate 0", "Company 0", "Agreement reached"),
        ("Delegate 1", "Company 1", "Agreement reached"),
    ]


def test_the_funding_form_names_each_bad_field_and_writes_nothing(client, reported):  # noqa: F811
    client.force_login(reported.organiser)
    url = reverse("outcomes:funding", args=[reported.mission.slug])

    refused = client.post(
        url, {"funder": "USTDA", "programme_cost": "-5", "currency": "dollars", "exchange_rates": "MAD 0.10\nEUR ten"}
    )

    form = refused.context["form"]
    assert refused.status_code == 200
    assert sorted(form.errors) == ["currency", "exchange_rates", "programme_cost"]
    assert form.errors["exchange_rates"] == [
        "Line 2 (“EUR ten”): write a currency code and a rate above zero and at most 1,000,000, e.g. MAD 0.10."
    ]
    funding = MissionFunding.objects.get(mission=reported.mission)
    assert (funding.programme_cost, funding.exchange_rates) == (Decimal("100000.00"), {"MAD": "0.10"})


@pytest.mark.parametrize("rate", ["1e400", "100000000000000000000000", "0", "-1", "NaN"])
def test_a_rate_out_of_bounds_is_refused_so_the_figures_never_overflow(client, reported, rate):  # noqa: F811
    client.force_login(reported.organiser)
    url = reverse("outcomes:funding", args=[reported.mission.slug])

    refused = client.post(url, {"currency": "USD", "exchange_rates": f"MAD {rate}"})

    assert list(refused.context["form"].errors) == ["exchange_rates"]
    assert client.get(reverse("outcomes:dashboard", args=[reported.mission.slug])).status_code == 200


def test_the_funding_form_refuses_a_code_the_model_refuses_on_its_field(client, reported):  # noqa: F811
    client.force_login(reported.organiser)
    url = reverse("outcomes:funding", args=[reported.mission.slug])

    refused = client.post(url, {"currency": "U$D", "exchange_rates": "MAD 0.10\nMAD 0.11"})

    assert refused.context["form"].errors == {
        "currency": ["Enter a three-letter ISO 4217 currency code, such as USD or MAD."],
        "exchange_rates": ["Line 2: MAD is given twice."],
    }


def test_the_funding_form_saves_and_the_ratio_follows(client, reported):  # noqa: F811
    client.force_login(reported.organiser)
    url = reverse("outcomes:funding", args=[reported.mission.slug])
    shown = client.get(url).content.decode()

    saved = client.post(
        url,
        {
            "funder": "USTDA",
            "programme_cost": "70000",
            "currency": "usd",
            "exchange_rates": "MAD 0.10\n\neur=1.08",
            "home_country": "United States",
        },
    )

    assert "MAD 0.10</textarea>" in shown
    assert saved.status_code == 302
    assert saved.url == dashboard(reported.mission)
    funding = MissionFunding.objects.get(mission=reported.mission)
    assert (funding.currency, funding.exchange_rates) == ("USD", {"MAD": "0.10", "EUR": "1.08"})
    assert "<strong>5.00</strong>" in client.get(dashboard(reported.mission)).content.decode()


def test_waves_are_listed_with_counts_scheduled_added_and_cancelled(client, reported):  # noqa: F811
    client.force_login(reported.organiser)
    url = reverse("outcomes:waves", args=[reported.mission.slug])
    sent, scheduled = FollowUpWave.objects.filter(mission=reported.mission).order_by("opens_on")

    listed = client.get(url).content.decode()
    too_early = client.post(url, {"action": "add", "opens_on": "2099-02-20"})
    added = client.post(url, {"action": "add", "opens_on": "2100-01-15"})
    confirm = client.get(reverse("outcomes:cancel-wave", args=[reported.mission.slug, scheduled.pk]))
    cancelled = client.post(reverse("outcomes:cancel-wave", args=[reported.mission.slug, scheduled.pk]), follow=True)
    kept = client.post(reverse("outcomes:cancel-wave", args=[reported.mission.slug, sent.pk]), follow=True)
    defaults = client.post(url, {"action": "defaults"})

    assert re.search(rf'<tr data-wave="{sent.pk}">.*?Sent on .*?<td>2</td>\s*<td>2</td>', listed, re.S)
    assert re.search(rf'<tr data-wave="{scheduled.pk}">.*?Scheduled</td>', listed, re.S)
    assert too_early.context["form"].errors == {"opens_on": ["A follow-up wave opens after the mission's last day."]}
    assert added.status_code == 302
    assert confirm.status_code == 200
    assert "Yes, cancel this wave" in confirm.content.decode()
    assert [str(message) for message in cancelled.context["messages"]] == ["The follow-up wave was cancelled."]
    assert [str(message) for message in kept.context["messages"]] == ["This wave has been sent; its answers are kept."]
    assert defaults.status_code == 302
    assert list(FollowUpWave.objects.filter(mission=reported.mission).values_list("opens_on", flat=True)) == [
        dt.date(2099, 5, 21),
        dt.date(2099, 8, 21),
        dt.date(2100, 1, 15),
    ]


def test_the_mission_page_links_its_organisers_to_the_dashboard(client, reported):  # noqa: F811
    link = f'href="{dashboard(reported.mission)}"'
    page = reverse("missions:detail", args=[reported.mission.slug])

    client.force_login(reported.companies[0].user)
    as_company = client.get(page).content.decode()
    client.force_login(reported.organiser)
    as_organiser = client.get(page).content.decode()

    assert link not in as_company
    assert link in as_organiser


def test_the_dashboards_queries_do_not_grow_with_the_leads(client, reported, django_assert_max_num_queries):  # noqa: F811
    client.force_login(reported.organiser)
    with CaptureQueriesContext(connection) as two_leads:
        client.get(dashboard(reported.mission))
    baseline = len(two_leads.captured_queries)  # now: the next request resets the connection's log
    meeting_services.book_meeting(
        reported.accepted(2, 2), acting_user=reported.organiser, slot=reported.slots[1], table=reported.tables[2]
    )
    meeting_services.publish_schedule(reported.grid, acting_user=reported.organiser)
    services.ask_feedback_after_meetings(now=reported.after_both)

    with django_assert_max_num_queries(baseline):
        three_leads = client.get(dashboard(reported.mission))

    assert three_leads.context["figures"].leads == 3
    assert baseline == 22  # 21, and the sectors' names in the reader's language


def test_the_leads_pages_queries_do_not_grow_with_the_leads(client, reported, django_assert_max_num_queries):  # noqa: F811
    client.force_login(reported.organiser)
    page = reverse("outcomes:leads", args=[reported.mission.slug])
    with CaptureQueriesContext(connection) as two_leads:
        client.get(page)
    baseline = len(two_leads.captured_queries)
    meeting_services.book_meeting(
        reported.accepted(2, 2), acting_user=reported.organiser, slot=reported.slots[1], table=reported.tables[2]
    )
    meeting_services.publish_schedule(reported.grid, acting_user=reported.organiser)
    services.ask_feedback_after_meetings(now=reported.after_both)

    with django_assert_max_num_queries(baseline):
        three_leads = client.get(page)

    assert len(three_leads.context["leads"]) == 3
    assert baseline == 11


def test_the_french_dashboard_names_sectors_in_french_in_its_table_chart_and_deals(client, reported):  # noqa: F811
    cloud = SectorFactory(slug="cloud", name="Cloud", name_fr="Informatique en nuage")
    for company in reported.companies:
        company.organization.sectors.add(cloud)
    client.force_login(reported.organiser)
    client.cookies["django_language"] = "fr"

    html = client.get(dashboard(reported.mission)).content.decode()

    table = html.split('data-figures="value-by-sector"', 1)[1].split("</table>", 1)[0]
    chart = html.split('data-figures="value-by-sector"', 1)[0].rsplit("<figure", 1)[1]
    deals = html.split('id="deals"', 1)[1]
    for part in (table, chart, deals):
        assert "Informatique en nuage" in part
        assert ">Cloud<" not in part


@pytest.mark.parametrize(
    ("language", "month", "foreign_digits"),
    [("en", "Jun 2099", ""), ("fr", "juin 2099", ""), ("ar", "يونيو 2099", "٠١٢٣٤٥٦٧٨٩")],
)
def test_the_charts_read_months_and_numbers_as_the_page_around_them(reported, language, month, foreign_digits):  # noqa: F811
    from django.utils import translation

    from events.outcomes import charts
    from events.outcomes.figures import mission_figures

    with translation.override(language):
        drawn = {
            chart["key"]: chart["svg"]
            for chart in charts.mission_charts(mission_figures(reported.mission, today=dt.date(2099, 6, 30)))
        }

    assert month in drawn["stages"]
    assert not any(digit in drawn["stages"] for digit in foreign_digits)


def test_waves_are_listed_by_day_whatever_order_they_were_added_in(client, reported):  # noqa: F811
    client.force_login(reported.organiser)
    url = reverse("outcomes:waves", args=[reported.mission.slug])
    client.post(url, {"action": "add", "opens_on": "2100-03-01"})
    client.post(url, {"action": "add", "opens_on": "2099-12-01"})

    listed = client.get(url).content.decode()

    shown = [FollowUpWave.objects.get(pk=pk).opens_on for pk in re.findall(r'<tr data-wave="(\d+)">', listed)]
    assert len(shown) == 4
    assert shown == sorted(shown)


def test_a_day_already_scheduled_is_refused_on_its_field_and_nothing_is_said_to_be_scheduled(client, reported):  # noqa: F811
    client.force_login(reported.organiser)
    url = reverse("outcomes:waves", args=[reported.mission.slug])
    scheduled = FollowUpWave.objects.filter(mission=reported.mission, sent_at__isnull=True).get()

    again = client.post(url, {"action": "add", "opens_on": scheduled.opens_on.isoformat()})

    assert again.status_code == 200
    assert again.context["form"].errors == {"opens_on": ["A follow-up wave is already scheduled on this day."]}
    assert [str(message) for message in again.context["messages"]] == []
    assert FollowUpWave.objects.filter(mission=reported.mission).count() == 2


def test_scheduling_the_default_waves_twice_says_they_are_there_already(client, reported):  # noqa: F811
    """A tester read "Follow-up waves scheduled." when nothing had been added."""
    client.force_login(reported.organiser)
    url = reverse("outcomes:waves", args=[reported.mission.slug])

    again = client.post(url, {"action": "defaults"}, follow=True)

    assert [str(message) for message in again.context["messages"]] == [
        "The default follow-up waves are scheduled already."
    ]
