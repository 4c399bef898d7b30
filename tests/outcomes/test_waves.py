"""Issue 14: follow-up waves ask each company about each counterpart it met; answers are dated, kept, and
editable until the next wave."""

import datetime as dt
import re
from zoneinfo import ZoneInfo

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse

from events.core.errors import ConflictError, PermissionDeniedError
from events.notifications.models import OutboundEmail
from events.notifications.services import deliver_email
from events.outcomes import selectors, services
from events.outcomes.links import feedback_token
from events.outcomes.models import FeedbackRequest, FollowUpWave

pytestmark = pytest.mark.django_db


@pytest.fixture
def asked(afternoon):
    services.ask_feedback_after_meetings(now=afternoon.after_both)
    return afternoon


def test_default_waves_are_three_and_six_months_after_the_last_day(asked):
    waves = services.schedule_follow_up_waves(asked.mission, acting_user=asked.organiser)
    again = services.schedule_follow_up_waves(asked.mission, acting_user=asked.organiser)

    assert asked.mission.end_date == dt.date(2099, 2, 21)
    assert [wave.opens_on for wave in waves] == [dt.date(2099, 5, 21), dt.date(2099, 8, 21)]
    assert len(again) == 2


def test_only_organisers_schedule_and_never_during_the_mission(asked):
    with pytest.raises(PermissionDeniedError):
        services.schedule_follow_up_waves(asked.mission, acting_user=asked.companies[0].user)
    with pytest.raises(ValidationError) as refused:
        services.schedule_follow_up_waves(asked.mission, acting_user=asked.organiser, days=[dt.date(2099, 2, 20)])
    assert "opens_on" in refused.value.message_dict
    assert not FollowUpWave.objects.exists()


def test_a_wave_is_never_scheduled_on_a_day_gone_by(asked):
    """It would go out at once, beside the next one: the same mail twice."""
    with pytest.raises(ValidationError) as refused:
        services.schedule_follow_up_waves(
            asked.mission, acting_user=asked.organiser, days=[dt.date(2099, 3, 1)], today=dt.date(2099, 3, 2)
        )

    assert refused.value.message_dict == {"opens_on": ["A follow-up wave opens on a day still to come."]}
    assert not FollowUpWave.objects.exists()


def test_months_are_added_to_the_last_day_of_a_shorter_month():
    assert services.add_months(dt.date(2099, 3, 31), 3) == dt.date(2099, 6, 30)
    assert services.add_months(dt.date(2099, 11, 30), 3) == dt.date(2100, 2, 28)


def test_a_wave_goes_out_at_nine_on_its_day_in_the_missions_zone_to_companies_only(asked):
    asked.mission.time_zone = "Africa/Casablanca"
    asked.mission.save()
    (wave, _later) = services.schedule_follow_up_waves(asked.mission, acting_user=asked.organiser)
    nine = dt.datetime(2099, 5, 21, 9, 0, tzinfo=ZoneInfo("Africa/Casablanca"))

    assert services.send_due_waves(now=nine - dt.timedelta(minutes=1)) == 0
    assert services.send_due_waves(now=nine) == 2  # Company 0 about Delegate 0, Company 1 about Delegate 1
    assert services.send_due_waves(now=nine + dt.timedelta(hours=1)) == 0

    forms = FeedbackRequest.objects.filter(wave=wave)
    assert sorted(forms.values_list("party", flat=True)) == sorted(
        f"o{asked.companies[n].organization_id}" for n in (0, 1)
    )
    mail.outbox.clear()
    for row in OutboundEmail.objects.filter(kind="feedback.wave"):
        assert deliver_email(row.pk, now=nine) == "sent"
    assert sorted(m.to[0] for m in mail.outbox) == sorted(asked.companies[n].user.email.lower() for n in (0, 1))
    (message,) = [m for m in mail.outbox if m.to[0] == asked.companies[0].user.email.lower()]
    assert "Delegate 0" in message.body
    assert "Delegate 1" not in message.body
    assert len(re.findall(r"/feedback/[^/\s]+/", message.body)) == 1


def test_a_wave_closes_the_forms_before_it_and_keeps_every_dated_answer(asked):
    company = asked.companies[0]
    after_meeting = FeedbackRequest.objects.get(meeting=asked.first.request, party=f"o{company.organization_id}")
    services.submit_feedback(after_meeting, email=company.user.email, took_place=True, usefulness=5, stage="proposal")
    first, second = services.schedule_follow_up_waves(asked.mission, acting_user=asked.organiser)
    services.send_due_waves(now=dt.datetime(2099, 5, 22, tzinfo=dt.UTC))

    with pytest.raises(ConflictError):
        services.submit_feedback(after_meeting, email=company.user.email, took_place=True, stage="negotiation")
    in_wave = FeedbackRequest.objects.get(wave=first, party=f"o{company.organization_id}")
    assert in_wave.lead == after_meeting.lead
    services.submit_feedback(in_wave, email=company.user.email, stage="negotiation")
    deal = services.submit_feedback(
        in_wave,
        email=company.user.email,
        stage="agreement",
        deal_kind="sale",
        deal_value="250000",
        deal_currency="USD",
        home_content_percent=60,
        may_cite=True,
    )

    assert selectors.latest_answer(in_wave) == deal
    assert list(in_wave.answers.values_list("stage", flat=True)) == ["negotiation", "agreement"]
    assert selectors.is_open(in_wave)
    services.send_due_waves(now=dt.datetime(2099, 8, 22, tzinfo=dt.UTC))
    assert not selectors.is_open(in_wave)
    assert FeedbackRequest.objects.filter(wave=second).count() == 2


def test_a_sent_wave_cannot_be_cancelled(asked):
    first, second = services.schedule_follow_up_waves(asked.mission, acting_user=asked.organiser)
    services.send_due_waves(now=dt.datetime(2099, 5, 22, tzinfo=dt.UTC))

    with pytest.raises(ConflictError):
        services.cancel_follow_up_wave(first, acting_user=asked.organiser)
    services.cancel_follow_up_wave(second, acting_user=asked.organiser)
    assert list(FollowUpWave.objects.values_list("pk", flat=True)) == [first.pk]


def test_a_wave_reminder_is_dropped_once_every_counterpart_was_answered(asked):
    company = asked.companies[0]
    (wave, _later) = services.schedule_follow_up_waves(asked.mission, acting_user=asked.organiser)
    sent_at = dt.datetime(2099, 5, 22, tzinfo=dt.UTC)
    services.send_due_waves(now=sent_at)
    form = FeedbackRequest.objects.get(wave=wave, party=f"o{company.organization_id}")
    services.submit_feedback(form, email=company.user.email, stage="none")
    later = sent_at + services.REMIND_AFTER + dt.timedelta(minutes=1)

    outcomes = {
        row.to: deliver_email(row.pk, now=later) for row in OutboundEmail.objects.filter(kind="feedback.wave_reminder")
    }

    assert outcomes == {company.user.email.lower(): "cancelled", asked.companies[1].user.email.lower(): "sent"}


def test_a_new_waves_form_starts_from_the_partys_last_answer_on_the_lead(client, asked):
    company = asked.companies[0]
    after_meeting = FeedbackRequest.objects.get(meeting=asked.first.request, party=f"o{company.organization_id}")
    services.submit_feedback(
        after_meeting,
        email=company.user.email,
        took_place=True,
        stage="agreement",
        deal_kind="mou",
        deal_value="90000",
        deal_currency="MAD",
    )
    (wave, _later) = services.schedule_follow_up_waves(asked.mission, acting_user=asked.organiser)
    services.send_due_waves(now=dt.datetime(2099, 5, 22, tzinfo=dt.UTC))
    in_wave = FeedbackRequest.objects.get(wave=wave, party=f"o{company.organization_id}")

    page = client.get(reverse("outcomes:feedback", args=[feedback_token(in_wave, company.user.email)]))

    form = page.context["form"]
    assert (form["stage"].value(), form["deal_kind"].value(), form["deal_currency"].value()) == (
        "agreement",
        "mou",
        "MAD",
    )
    assert not in_wave.answers.exists()  # shown, not recorded
