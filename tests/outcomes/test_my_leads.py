"""Issue 14: a company (or delegate) sees its own leads, its own answers and its open forms; never the
counterpart's answers."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from events.meetings import services as meeting_services
from events.outcomes import services
from events.outcomes.models import FeedbackRequest

pytestmark = pytest.mark.django_db


@pytest.fixture
def answered(afternoon):
    services.ask_feedback_after_meetings(now=afternoon.after_both)
    company_form = FeedbackRequest.objects.get(
        meeting=afternoon.first.request, party=f"o{afternoon.companies[0].organization_id}"
    )
    delegate_form = FeedbackRequest.objects.get(meeting=afternoon.first.request, party=f"d{afternoon.delegates[0].pk}")
    services.submit_feedback(company_form, email="a@x.example", took_place=True, stage="proposal")
    services.submit_feedback(delegate_form, email="d@x.example", took_place=True, stage="none", note="Too expensive")
    return afternoon


def test_the_company_sees_whom_it_met_where_it_stands_and_what_to_answer(client, answered):
    client.force_login(answered.companies[0].user)

    page = client.get(reverse("outcomes:my-leads"))

    text = page.content.decode()
    assert page.status_code == 200
    assert "Delegate 0" in text
    assert "Proposal or quote" in text  # its own answer
    assert "Too expensive" not in text  # the delegate's, not shown
    assert "No further contact" not in text
    assert "/feedback/" in text  # its form is still open
    assert "Delegate 1" not in text  # another company's meeting


def test_the_delegate_sees_their_side(client, answered):
    client.force_login(answered.delegates[0].user)

    text = client.get(reverse("outcomes:my-leads")).content.decode()

    assert "Company 0" in text
    assert "No further contact" in text
    assert "Proposal or quote" not in text


def test_a_closed_form_is_no_longer_offered(client, answered):
    services.schedule_follow_up_waves(answered.mission, acting_user=answered.organiser, days=[dt.date(2099, 5, 21)])
    services.send_due_waves(now=dt.datetime(2099, 5, 22, tzinfo=dt.UTC))
    client.force_login(answered.companies[0].user)

    page = client.get(reverse("outcomes:my-leads"))

    assert page.content.decode().count("/feedback/") == 1  # the wave's form only
    assert "After the meeting" not in page.content.decode()


def test_anonymous_is_sent_to_sign_in(client):
    assert client.get(reverse("outcomes:my-leads")).status_code == 302


def test_the_page_reads_in_the_same_number_of_queries_for_more_leads(client, answered):
    client.force_login(answered.companies[0].user)
    with CaptureQueriesContext(connection) as one:
        client.get(reverse("outcomes:my-leads"))
    meeting_services.book_meeting(
        answered.accepted(0, 2), acting_user=answered.organiser, slot=answered.slots[1], table=answered.tables[2]
    )
    meeting_services.publish_schedule(answered.grid, acting_user=answered.organiser)
    services.ask_feedback_after_meetings(now=answered.after_both)
    with CaptureQueriesContext(connection) as two:
        page = client.get(reverse("outcomes:my-leads"))

    assert "Delegate 2" in page.content.decode()
    assert len(two) == len(one)
