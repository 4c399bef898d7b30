"""Issue 14: feedback after each meeting, by a signed link, in the person's language, one reminder."""

import datetime as dt
import re

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse

from events.meetings import services as meeting_services
from events.notifications.models import OutboundEmail
from events.notifications.services import deliver_email
from events.outcomes import services
from events.outcomes.links import feedback_token
from events.outcomes.models import FeedbackAnswer, FeedbackRequest, Lead

pytestmark = pytest.mark.django_db


def links_in(message) -> list[str]:
    return re.findall(r"/feedback/[^/\s]+/", message.body)


def deliver_due(now) -> list:
    """Send the feedback mail the outbox holds due by `now`, as the worker would; the messages sent."""
    mail.outbox.clear()
    for row in OutboundEmail.objects.filter(status="pending", due_at__lte=now, kind__startswith="feedback.").order_by(
        "pk"
    ):
        deliver_email(row.pk, now=now)
    return list(mail.outbox)


def test_both_sides_of_an_ended_meeting_are_asked_once_each(afternoon):
    before_third_ends = afternoon.third.slot.ends_at - dt.timedelta(minutes=1)

    assert services.ask_feedback_after_meetings(now=before_third_ends) == 2  # the first meeting only
    assert services.ask_feedback_after_meetings(now=afternoon.after_both) == 2  # then the third
    assert services.ask_feedback_after_meetings(now=afternoon.after_both) == 0  # and nobody twice

    sent = deliver_due(afternoon.after_both)
    sent_to = sorted(message.to[0] for message in sent)
    company_people = {afternoon.companies[n].user.email.lower() for n in (0, 1)}
    delegate_people = {afternoon.delegates[n].user.email.lower() for n in (0, 1)}
    assert sorted(company_people | delegate_people) == sent_to
    assert Lead.objects.count() == 2
    assert FeedbackRequest.objects.filter(wave__isnull=True).count() == 4
    first_company_mail = next(m for m in sent if m.to[0] == afternoon.companies[0].user.email.lower())
    assert first_company_mail.subject == "How was your meeting with Delegate 0?"
    assert len(links_in(first_company_mail)) == 1


def test_a_confirmed_no_show_an_old_meeting_and_a_future_one_are_not_asked_about(afternoon):
    meeting_services.confirm_no_show(afternoon.first, acting_user=afternoon.organiser, now=afternoon.after_both)

    assert services.ask_feedback_after_meetings(now=afternoon.third.slot.starts_at) == 0  # third not over
    assert services.ask_feedback_after_meetings(now=afternoon.after_both + dt.timedelta(days=15)) == 0  # too old
    assert services.ask_feedback_after_meetings(now=afternoon.after_both) == 2  # the third, not the no-show
    assert not FeedbackRequest.objects.filter(meeting=afternoon.first.request).exists()


def test_the_mail_is_written_in_the_recipients_language(afternoon):
    user = afternoon.companies[0].user
    user.language = "fr"
    user.save()

    services.ask_feedback_after_meetings(now=afternoon.after_both)

    message = next(m for m in deliver_due(afternoon.after_both) if m.to[0] == user.email.lower())
    assert message.subject == "Comment s’est passé votre rendez-vous avec Delegate 0\u00a0?"


def test_one_reminder_goes_unless_the_form_was_answered(afternoon):
    services.ask_feedback_after_meetings(now=afternoon.after_both)
    answered = FeedbackRequest.objects.get(
        meeting=afternoon.first.request, party=f"o{afternoon.companies[0].organization_id}"
    )
    services.submit_feedback(
        answered, email=afternoon.companies[0].user.email, took_place=True, usefulness=4, stage="information"
    )
    reminders = OutboundEmail.objects.filter(kind="feedback.reminder")
    assert reminders.count() == 4
    later = afternoon.after_both + services.REMIND_AFTER + dt.timedelta(minutes=1)

    statuses = {row.reference + " " + row.to: deliver_email(row.pk, now=later) for row in reminders}

    assert sorted(statuses.values()) == ["cancelled", "sent", "sent", "sent"]
    assert statuses[f"feedback:{answered.pk} {afternoon.companies[0].user.email.lower()}"] == "cancelled"


def form_url(form, email):
    return reverse("outcomes:feedback", args=[feedback_token(form, email)])


@pytest.fixture
def company_form(afternoon):
    services.ask_feedback_after_meetings(now=afternoon.after_both)
    return FeedbackRequest.objects.get(
        meeting=afternoon.first.request, party=f"o{afternoon.companies[0].organization_id}"
    )


def test_the_link_opens_the_form_without_a_password_and_an_answer_can_be_changed(client, afternoon, company_form):
    email = afternoon.companies[0].user.email
    url = form_url(company_form, email)

    page = client.get(url)
    assert page.status_code == 200
    assert "Delegate 0" in page.content.decode()
    assert not FeedbackAnswer.objects.exists()  # opening the link records nothing

    first = client.post(url, {"took_place": "yes", "usefulness": "4", "stage": "information", "note": "Good talk"})
    assert first.status_code == 302
    second = client.post(url, {"took_place": "yes", "usefulness": "5", "stage": "proposal"})
    assert second.status_code == 302

    history = list(company_form.answers.order_by("answered_at", "pk").values_list("stage", "usefulness", "answered_by"))
    assert history == [("information", 4, email.lower()), ("proposal", 5, email.lower())]
    shown = client.get(second["Location"])
    assert "Thank you: your answer is recorded." in shown.content.decode()
    assert shown.context["form"]["stage"].value() == "proposal"  # the form shows the latest answer
    assert shown.context["form"]["usefulness"].value() == 5


@pytest.mark.parametrize(
    ("answer", "field", "message"),
    [
        ({"usefulness": "4", "stage": "information"}, "took_place", "This field is required."),
        (
            {"took_place": "yes", "stage": "proposal", "deal_kind": "sale"},
            "deal_kind",
            "A deal is reported with the stage “Agreement reached”.",
        ),
        (
            {"took_place": "yes", "stage": "agreement", "deal_kind": "sale", "deal_value": "1000"},
            "deal_currency",
            "Give the currency of the value.",
        ),
        (
            {
                "took_place": "yes",
                "stage": "agreement",
                "deal_kind": "sale",
                "deal_value": "-5",
                "deal_currency": "USD",
            },
            "deal_value",
            "Ensure this value is greater than or equal to 0.",
        ),
        (
            {
                "took_place": "yes",
                "stage": "agreement",
                "deal_kind": "sale",
                "deal_value": "5",
                "deal_currency": "dollars",
            },
            "deal_currency",
            "Ensure this value has at most 3 characters (it has 7).",
        ),
        ({"took_place": "yes", "stage": "information", "may_cite": "on"}, "may_cite", "Only a deal may be cited."),
        ({"took_place": "yes", "stage": "information", "note": "a\u202eb"}, "note", None),
        (
            {"took_place": "no", "stage": "agreement", "deal_kind": "mou", "deal_value": "5", "deal_currency": "MAD"},
            "stage",
            "A meeting that did not take place has no next step here: choose “No further contact”.",
        ),
    ],
)
def test_bad_answers_get_an_error_on_their_field_and_record_nothing(
    client, afternoon, company_form, answer, field, message
):
    page = client.post(form_url(company_form, afternoon.companies[0].user.email), answer)

    assert page.status_code == 200
    errors = page.context["form"].errors
    assert field in errors
    if message:
        assert message in errors[field]
    assert not FeedbackAnswer.objects.exists()


def test_a_forged_or_altered_link_is_not_found(client, afternoon, company_form):
    token = feedback_token(company_form, afternoon.companies[0].user.email)

    assert client.get(reverse("outcomes:feedback", args=[token[:-2] + "xx"])).status_code == 404
    assert client.get(reverse("outcomes:feedback", args=["nonsense"])).status_code == 404


def test_the_service_refuses_a_deal_without_an_agreement(company_form):
    with pytest.raises(ValidationError) as refused:
        services.submit_feedback(
            company_form, email="x@example.com", took_place=True, stage="proposal", deal_kind="mou"
        )

    assert "deal_kind" in refused.value.message_dict
    assert not FeedbackAnswer.objects.exists()


def test_the_answers_so_far_are_dated_in_the_meetings_place_with_its_zone_named(client, afternoon, company_form):
    """Found by a helper: "Monday 23 November 2026, 21:30" for an answer given at 22:30 in Dakhla, the UTC hour,
    unnamed. The form's other times are the meeting's place's: so is its history, the zone said."""
    email = afternoon.companies[0].user.email
    answered_at = dt.datetime(2099, 2, 14, 3, 15, tzinfo=dt.UTC)  # 21:15 on the 13th in Austin
    services.submit_feedback(
        company_form, email=email, now=answered_at, took_place=True, usefulness=4, stage="information"
    )

    page = client.get(form_url(company_form, email)).content.decode()

    history = page.split("Your answers so far", 1)[1]
    assert "13 February 2099, 21:15" in history
    assert "(America/Chicago)" in history
