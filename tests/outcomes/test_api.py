"""Issue 14: feedback, waves, leads, deals and figures through the API, each person seeing only their own."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from events.meetings import services as meeting_services
from events.outcomes import services
from events.outcomes.models import FeedbackAnswer, FeedbackRequest
from tests.factories import UserFactory
from tests.outcomes.test_figures import reported  # noqa: F401  (the fixture: a mission with deals)

pytestmark = pytest.mark.django_db


@pytest.fixture
def asked(afternoon):
    services.ask_feedback_after_meetings(now=afternoon.after_both)
    return afternoon


def form_of(afternoon, company):
    return FeedbackRequest.objects.get(
        meeting=afternoon.first.request if company == 0 else afternoon.third.request,
        party=f"o{afternoon.companies[company].organization_id}",
    )


def test_a_company_answers_its_own_forms_and_cannot_reach_anothers(api_client, asked):
    api_client.force_authenticate(asked.companies[0].user)

    listed = api_client.get("/api/v1/feedback-requests/")
    assert [row["counterpart"] for row in listed.json()["results"]] == ["Delegate 0"]
    mine, theirs = form_of(asked, 0), form_of(asked, 1)
    answered = api_client.post(
        f"/api/v1/feedback-requests/{mine.pk}/answer/",
        {"took_place": True, "usefulness": 5, "stage": "proposal", "note": "Send the quote"},
        format="json",
    )
    assert answered.status_code == 201, answered.json()
    assert answered.json()["answered_by"] == asked.companies[0].user.email.lower()
    assert api_client.post(f"/api/v1/feedback-requests/{theirs.pk}/answer/", {"stage": "none"}).status_code == 404


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"stage": "information"}, "took_place"),
        ({"took_place": True, "stage": "proposal", "deal_kind": "sale"}, "deal_kind"),
        ({"took_place": True, "stage": "agreement", "deal_kind": "sale", "deal_value": "10"}, "deal_currency"),
        ({"took_place": True, "stage": "agreement", "deal_currency": "usd"}, "deal_currency"),
        ({"took_place": True, "stage": "maybe"}, "stage"),
        ({"took_place": True, "stage": "none", "note": "a\x00b"}, "note"),
    ],
)
def test_bad_answers_are_refused_per_field_and_nothing_is_written(api_client, asked, body, field):
    api_client.force_authenticate(asked.companies[0].user)

    refused = api_client.post(f"/api/v1/feedback-requests/{form_of(asked, 0).pk}/answer/", body, format="json")

    assert refused.status_code == 400
    assert field in refused.json()
    assert not FeedbackAnswer.objects.exists()


def test_a_company_sees_its_lead_with_its_own_answers_not_the_counterparts(api_client, asked):
    services.submit_feedback(form_of(asked, 0), email="a@x.example", took_place=True, stage="proposal")
    delegate_form = FeedbackRequest.objects.get(meeting=asked.first.request, party=f"d{asked.delegates[0].pk}")
    services.submit_feedback(delegate_form, email="d@x.example", took_place=True, stage="none", note="Not for us")
    api_client.force_authenticate(asked.companies[0].user)

    (lead,) = api_client.get("/api/v1/leads/").json()["results"]

    assert {party["name"] for party in lead["parties"]} == {"Company 0", "Delegate 0"}
    assert [answer["stage"] for answer in lead["answers"]] == ["proposal"]
    assert "Not for us" not in str(lead)
    api_client.force_authenticate(asked.delegates[0].user)
    (lead,) = api_client.get("/api/v1/leads/").json()["results"]
    assert [answer["note"] for answer in lead["answers"]] == ["Not for us"]


def test_organisers_read_the_figures_and_every_lead_and_nobody_else_does(api_client, asked):
    services.submit_feedback(form_of(asked, 0), email="a@x.example", took_place=True, stage="proposal")
    url = f"/api/v1/mission-outcomes/{asked.mission.pk}/"

    for outsider in (asked.companies[0].user, UserFactory()):
        api_client.force_authenticate(outsider)
        assert api_client.get(url).status_code == 404
        assert api_client.get(url + "leads/").status_code == 404
    api_client.force_authenticate(asked.organiser)
    figures = api_client.get(url)
    assert figures.status_code == 200
    assert figures.json()["meetings"]["placed"] == 2
    assert figures.json()["feedback"][0] == {"wave": None, "asked": 4, "answered": 1, "rate": 0.25}
    assert api_client.get(url, {"stop": "abc"}).status_code == 400
    leads = api_client.get(url + "leads/").json()
    assert len(leads) == 2


def test_waves_are_scheduled_and_an_unsent_one_cancelled(api_client, asked):
    api_client.force_authenticate(asked.organiser)

    made = api_client.post("/api/v1/follow-up-waves/", {"mission": asked.mission.pk}, format="json")
    assert made.status_code == 201
    assert [wave["opens_on"] for wave in made.json()] == ["2099-05-21", "2099-08-21"]
    services.send_due_waves(now=dt.datetime(2099, 5, 22, tzinfo=dt.UTC))
    first, second = (wave["id"] for wave in made.json())
    assert api_client.delete(f"/api/v1/follow-up-waves/{first}/").status_code == 409
    assert api_client.delete(f"/api/v1/follow-up-waves/{second}/").status_code == 204
    early = api_client.post(
        "/api/v1/follow-up-waves/", {"mission": asked.mission.pk, "days": ["2099-02-01"]}, format="json"
    )
    assert early.status_code == 400
    assert "opens_on" in early.json()
    api_client.force_authenticate(asked.companies[0].user)
    assert api_client.post("/api/v1/follow-up-waves/", {"mission": asked.mission.pk}, format="json").status_code == 403


def test_funding_is_set_with_field_errors_for_bad_rates(api_client, asked):
    api_client.force_authenticate(asked.organiser)
    url = f"/api/v1/mission-outcomes/{asked.mission.pk}/funding/"

    bad = api_client.put(
        url, {"programme_cost": "1000", "currency": "USD", "exchange_rates": {"mad": "0.1"}}, format="json"
    )
    assert bad.status_code == 400
    assert "exchange_rates" in bad.json()
    assert api_client.get(url).json()["programme_cost"] is None
    good = api_client.put(
        url, {"programme_cost": "1000", "currency": "USD", "exchange_rates": {"MAD": "0.1"}}, format="json"
    )
    assert good.status_code == 200
    assert good.json()["exchange_rates"] == {"MAD": "0.10000000"}


def count_queries(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_the_lists_query_count_stays_flat_as_leads_grow(api_client, asked):
    """Two leads, then three (Company 0 meets Delegate 2 too): the same number of queries for each list."""
    lists = [
        (asked.organiser, f"/api/v1/mission-outcomes/{asked.mission.pk}/leads/"),
        (asked.companies[0].user, "/api/v1/leads/"),
        (asked.companies[0].user, "/api/v1/feedback-requests/"),
    ]
    before = []
    for user, url in lists:
        api_client.force_authenticate(user)
        before.append(count_queries(api_client, url))
    meeting_services.book_meeting(
        asked.accepted(0, 2), acting_user=asked.organiser, slot=asked.slots[1], table=asked.tables[2]
    )
    meeting_services.publish_schedule(asked.grid, acting_user=asked.organiser)
    services.ask_feedback_after_meetings(now=asked.after_both)
    after = []
    for user, url in lists:
        api_client.force_authenticate(user)
        after.append(count_queries(api_client, url))

    assert after == before
    assert max(before) <= 14


@pytest.mark.parametrize("stop", [str(2**70), "³", "٣"])
def test_the_figures_api_refuses_a_stop_that_is_no_id(api_client, reported, stop):  # noqa: F811
    api_client.force_authenticate(reported.organiser)

    response = api_client.get(f"/api/v1/mission-outcomes/{reported.mission.pk}/", {"stop": stop})

    assert response.status_code == 400
    assert "stop" in response.json()
