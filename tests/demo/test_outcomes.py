"""The demo's Dakhla training closes with a networking session whose outcomes fill the organiser's dashboard."""

import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse

from events.accounts.models import User
from events.demo.loader import load_demo
from events.meetings.models import MeetingOutcome
from events.missions.models import Mission
from events.notifications.models import OutboundEmail
from events.outcomes.figures import mission_figures
from events.outcomes.models import FeedbackAnswer, FeedbackRequest, FollowUpWave, Lead, MissionFunding
from tests.demo.conftest import TODAY

# One demo, loaded as of TODAY for the whole module (tests/demo/conftest.py); each test is rolled back.
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo")]

TRAINING = "dakhla-young-entrepreneurs-training"


def outcome_counts():
    return (
        Lead.objects.count(),
        MeetingOutcome.objects.count(),
        FeedbackRequest.objects.count(),
        FeedbackAnswer.objects.count(),
        FollowUpWave.objects.count(),
        MissionFunding.objects.count(),
        OutboundEmail.objects.filter(kind__startswith="feedback.").count(),
    )


def test_the_training_mission_figures_show_held_meetings_answered_feedback_and_the_cited_deal():
    mission = Mission.objects.get(slug=TRAINING)

    shown = mission_figures(mission, today=TODAY)

    assert {name: shown.meetings[name] for name in ("requested", "placed", "held", "no_show", "unknown")} == {
        "requested": 6,
        "placed": 6,
        "held": 5,
        "no_show": 1,
        "unknown": 0,
    }
    assert shown.feedback == [{"wave": None, "asked": 10, "answered": 8, "rate": 0.8}]
    assert shown.leads == 5
    assert [(deal.reported_by, deal.kind, deal.value, deal.may_cite) for deal in shown.cited_deals] == [
        ("Coastal Hospitality Investments", "mou", Decimal("250000.00"), True)
    ]
    assert [(deal.reported_by, deal.may_cite) for deal in shown.deals if not deal.may_cite] == [
        ("Dakhla Lagoon Kite Lodge", False)
    ]
    # MAD at the stated 0.10: 250,000 + 18,000 dirhams, against MEPI's 85,000 dollars.
    assert (shown.funder, shown.total_value, shown.ratio) == ("MEPI", Decimal("26800.00"), Decimal("0.32"))
    assert shown.stages_over_time[-1][1] == {
        "none": 0,
        "information": 1,
        "follow_up_meeting": 1,
        "proposal": 1,
        "negotiation": 0,
        "agreement": 2,
    }


def test_the_default_follow_up_waves_are_ahead_and_not_sent():
    mission = Mission.objects.get(slug=TRAINING)

    waves = list(FollowUpWave.objects.filter(mission=mission).values_list("opens_on", "sent_at"))

    assert [sent_at for _opens_on, sent_at in waves] == [None, None]
    assert all(opens_on > TODAY for opens_on, _sent_at in waves)


def test_the_organisers_dashboard_lists_both_deals_and_marks_the_one_not_for_citation(client):
    client.force_login(User.objects.get(email="organiser@demo.example"))

    page = client.get(reverse("outcomes:dashboard", args=[TRAINING]))

    text = page.content.decode()
    assert page.status_code == 200
    assert "Coastal Hospitality Investments" in text
    assert "Dakhla Lagoon Kite Lodge" in text
    assert text.count('class="not-cited"') == 1


def test_loading_again_records_no_outcome_twice():
    first = outcome_counts()

    load_demo(today=TODAY)

    assert outcome_counts() == first
    assert first[:6] == (5, 6, 10, 8, 2, 1)


def test_loading_on_a_later_day_rebuilds_the_outcomes_at_the_new_dates():
    first = outcome_counts()[:6]

    load_demo(today=TODAY + dt.timedelta(days=28))

    mission = Mission.objects.get(slug=TRAINING)
    assert outcome_counts()[:6] == first
    assert mission_figures(mission).meetings["held"] == 5
    assert all(wave.opens_on > mission.end_date for wave in FollowUpWave.objects.filter(mission=mission))
