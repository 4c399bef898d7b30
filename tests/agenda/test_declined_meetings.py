"""A meeting one side declines: the other side hears it, once, and sees it on their meetings page.

The organisers see every answer on their board. The other side of the table must not learn of it by
waiting at an empty one: each of its people is mailed, in their language, and their meetings page says so.
"""

import re

import pytest

from events.agenda.models import Invitation
from events.agenda.rsvp import rsvp_token
from events.meetings import services
from events.notifications.models import OutboundEmail
from tests.agenda.test_calendar_lifecycle import register
from tests.factories import RepresentativeFactory
from tests.meetings.conftest import MeetingDay

pytestmark = pytest.mark.django_db

NBSP = "\u00a0"


@pytest.fixture
def day(organiser):
    """Company 0 meets Delegate 1 at 14:30 (Austin), published."""
    day = MeetingDay(organiser)
    services.book_meeting(day.accepted(0, 1), acting_user=organiser, slot=day.slots[3], table=day.tables[1])
    services.publish_schedule(day.grid, acting_user=organiser)
    return day


def answer(client, email, what):
    invitation = Invitation.objects.get(email=email, uid__startswith="meeting-")
    return client.post(f"/agenda/answer/{rsvp_token(invitation, what)}/")


def notices():
    return list(OutboundEmail.objects.filter(kind="meeting.declined").order_by("to"))


def test_the_other_side_is_told_once_when_a_delegate_declines(client, day):
    company, delegate = day.companies[0].user, day.delegates[1].user

    answer(client, delegate.email, "DECLINED")
    answer(client, delegate.email, "DECLINED")  # the same answer again tells nobody again

    (notice,) = notices()
    assert notice.to == company.email
    assert notice.subject == "Declined by Delegate 1: Meeting with Delegate 1"
    assert "14:30" in notice.body_text
    assert "America/Chicago" in notice.body_text
    assert "Table 2" in notice.body_text
    assert "Delegate 1" in notice.body_html


def test_the_notice_speaks_the_recipients_language(client, day):
    company = day.companies[0].user
    company.language = "fr"
    company.save()

    answer(client, day.delegates[1].user.email, "DECLINED")

    (notice,) = notices()
    assert (notice.language, notice.subject) == ("fr", f"Refusé par Delegate 1{NBSP}: Rendez-vous avec Delegate 1")


def test_accepting_tells_nobody(client, day):
    answer(client, day.delegates[1].user.email, "ACCEPTED")

    assert notices() == []


def test_declining_a_session_tells_the_other_attendees_nothing(client, briefing):
    register(briefing, RepresentativeFactory(), "ana@example.com", "bo@example.com")

    invitation = Invitation.objects.get(email="ana@example.com")
    client.post(f"/agenda/answer/{rsvp_token(invitation, 'DECLINED')}/")

    assert notices() == []


def test_the_other_sides_meetings_page_says_who_declined(client, day):
    answer(client, day.delegates[1].user.email, "DECLINED")
    client.force_login(day.companies[0].user)

    page = re.sub(r"<[^>]+>", "", client.get("/meetings/").content.decode())

    assert "Delegate 1 declined this meeting" in page


def test_a_decline_taken_back_is_told_to_those_told_of_it(client, day):
    """A helper declined from the invitation's No link, then pressed its Yes link: the company, told "Declined by
    Karim Alaoui", heard nothing more, and kept believing the meeting would not take place."""
    company, delegate = day.companies[0].user, day.delegates[1].user
    answer(client, delegate.email, "DECLINED")

    answer(client, delegate.email, "ACCEPTED")
    answer(client, delegate.email, "ACCEPTED")  # once

    (again,) = OutboundEmail.objects.filter(kind="meeting.attending")
    assert again.to == company.email
    assert again.subject == "Delegate 1 will attend after all: Meeting with Delegate 1"
    assert "14:30" in again.body_text
    assert "Delegate 1 will attend this meeting after all" in again.body_text


def test_a_first_yes_tells_nobody(client, day):
    answer(client, day.delegates[1].user.email, "ACCEPTED")

    assert not OutboundEmail.objects.filter(kind__in=["meeting.attending", "meeting.declined"]).exists()
