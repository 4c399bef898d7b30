"""Issue 14: the figures an organiser and a funder read, and what counts in them."""

import datetime as dt
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from events.meetings import services as meeting_services
from events.outcomes import services
from events.outcomes.figures import mission_figures
from events.outcomes.models import FeedbackRequest
from tests.factories import SectorFactory

pytestmark = pytest.mark.django_db


def party(afternoon, n):
    return f"o{afternoon.companies[n].organization_id}"


@pytest.fixture
def reported(afternoon):
    """After the afternoon: the first meeting held, the third unknown; both companies answered; in the
    first wave Company 0 reports a cited sale of 250,000 USD, Company 1 an uncited MoU of 1,000,000 MAD."""
    meeting_services.mark_held(
        afternoon.first, acting_user=afternoon.delegates[0].user, now=afternoon.first.slot.ends_at
    )
    services.ask_feedback_after_meetings(now=afternoon.after_both)
    for n, meeting in ((0, afternoon.first), (1, afternoon.third)):
        form = FeedbackRequest.objects.get(meeting=meeting.request, party=party(afternoon, n))
        services.submit_feedback(
            form, email="x@example.com", took_place=True, usefulness=4, stage="proposal", now=afternoon.after_both
        )
    services.set_mission_funding(
        afternoon.mission,
        acting_user=afternoon.organiser,
        funder="USTDA",
        programme_cost=Decimal("100000"),
        currency="USD",
        exchange_rates={"MAD": "0.10"},
    )
    first, _second = services.schedule_follow_up_waves(afternoon.mission, acting_user=afternoon.organiser)
    services.send_due_waves(now=dt.datetime(2099, 5, 22, tzinfo=dt.UTC))
    deals = [(0, "sale", "250000", "USD", True), (1, "mou", "1000000", "MAD", False)]
    for n, kind, value, currency, cite in deals:
        form = FeedbackRequest.objects.get(wave=first, party=party(afternoon, n))
        services.submit_feedback(
            form,
            email="x@example.com",
            stage="agreement",
            deal_kind=kind,
            deal_value=value,
            deal_currency=currency,
            may_cite=cite,
            now=dt.datetime(2099, 6, 2, tzinfo=dt.UTC),
        )
    return afternoon


def test_the_funnel_counts_what_happened(reported):
    figures = mission_figures(reported.mission, today=dt.date(2099, 6, 30))

    assert figures.registrations == {"registrations": 3, "companies": 3, "attendees": 3, "checked_in": 0}
    assert figures.meetings == {"requested": 2, "accepted": 2, "placed": 2, "held": 1, "no_show": 0, "unknown": 1}
    after_meetings, wave = figures.feedback
    assert (after_meetings["wave"], after_meetings["asked"], after_meetings["answered"]) == (None, 4, 2)
    assert (wave["wave"], wave["asked"], wave["answered"], wave["rate"]) == (dt.date(2099, 5, 21), 2, 2, 1.0)


def test_deals_are_converted_at_the_stated_rate_and_the_ratio_is_value_over_cost(reported):
    figures = mission_figures(reported.mission, today=dt.date(2099, 6, 30))

    assert [(d.reported_by, d.counterpart, d.kind, d.converted) for d in figures.deals] == [
        ("Company 0", "Delegate 0", "sale", Decimal("250000.00")),
        ("Company 1", "Delegate 1", "mou", Decimal("100000.00")),
    ]
    assert figures.total_value == Decimal("350000.00")
    assert figures.ratio == Decimal("3.50")
    assert [deal.reported_by for deal in figures.cited_deals] == ["Company 0"]
    assert figures.value_by_city == {reported.stop.city: Decimal("350000.00")}


def test_a_currency_without_a_rate_is_listed_but_not_summed(reported):
    services.set_mission_funding(reported.mission, acting_user=reported.organiser, exchange_rates={})

    figures = mission_figures(reported.mission, today=dt.date(2099, 6, 30))

    assert figures.total_value == Decimal("250000.00")
    assert figures.unconverted_currencies == ["MAD"]
    assert len(figures.deals) == 2


def test_a_deal_taken_back_no_longer_counts_and_its_history_stays(reported):
    form = FeedbackRequest.objects.get(wave__isnull=False, party=party(reported, 1))
    services.submit_feedback(
        form, email="x@example.com", stage="negotiation", now=dt.datetime(2099, 7, 3, tzinfo=dt.UTC)
    )

    figures = mission_figures(reported.mission, today=dt.date(2099, 7, 31))

    assert [deal.reported_by for deal in figures.deals] == ["Company 0"]
    assert form.answers.count() == 2
    assert figures.stages_over_time[-1][1]["negotiation"] == 1


def test_leads_by_stage_month_by_month(reported):
    figures = mission_figures(reported.mission, today=dt.date(2099, 6, 15))

    by_month = dict(figures.stages_over_time)
    assert list(by_month) == [
        dt.date(2099, 2, 28),
        dt.date(2099, 3, 31),
        dt.date(2099, 4, 30),
        dt.date(2099, 5, 31),
        dt.date(2099, 6, 15),
    ]
    assert by_month[dt.date(2099, 2, 28)]["proposal"] == 2
    assert by_month[dt.date(2099, 6, 15)]["agreement"] == 2


def test_filters_by_sector_and_by_stop(reported):
    cloud = SectorFactory(slug="cloud", name="Cloud")
    reported.companies[0].organization.sectors.add(cloud)

    in_cloud = mission_figures(reported.mission, sector="cloud", today=dt.date(2099, 6, 30))
    elsewhere = mission_figures(reported.mission, stop_id=reported.stop.pk + 1000, today=dt.date(2099, 6, 30))

    assert [deal.reported_by for deal in in_cloud.deals] == ["Company 0"]
    assert in_cloud.deals[0].sector == "Cloud"
    assert in_cloud.meetings["requested"] == 1
    assert in_cloud.registrations["registrations"] == 1
    assert elsewhere.deals == []
    assert elsewhere.meetings["requested"] == 0


def test_the_number_of_queries_does_not_grow_with_the_leads(afternoon, reported):
    with CaptureQueriesContext(connection) as two_leads:
        mission_figures(reported.mission, today=dt.date(2099, 6, 30))
    meeting_services.book_meeting(
        reported.accepted(2, 2), acting_user=reported.organiser, slot=reported.slots[1], table=reported.tables[2]
    )
    meeting_services.publish_schedule(reported.grid, acting_user=reported.organiser)
    services.ask_feedback_after_meetings(now=reported.after_both)
    with CaptureQueriesContext(connection) as three_leads:
        mission_figures(reported.mission, today=dt.date(2099, 6, 30))

    assert len(three_leads) == len(two_leads) <= 14


def test_attendees_are_people_however_many_sessions_they_attend(afternoon):
    """A helper's report said 18 attendees registered where 13 people were: one on three sessions counted three
    times, beside "People checked in", which counts people."""
    from events.registrations.services import register_company
    from tests.factories import SessionFactory

    briefing = SessionFactory(stop=afternoon.stop, registration_mode="open", capacity=50, attendees_per_company=2)
    company = afternoon.companies[0]
    register_company(
        briefing,
        acting_user=company.user,
        organization=company.organization,
        attendees=[{"full_name": "Same person", "email": company.user.email.upper()}],
    )

    figures = mission_figures(afternoon.mission, today=dt.date(2099, 6, 30))

    assert (figures.registrations["registrations"], figures.registrations["attendees"]) == (4, 3)
