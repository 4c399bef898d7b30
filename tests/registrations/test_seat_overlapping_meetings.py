"""A company given a seat at a session that overlaps one of its published meetings is told so in the seat mail.

A helper's company, waitlisted for a clinic from 13:40 to 14:40, got "A seat is yours" when the company ahead of
it cancelled: nothing said the clinic overlapped its published 13:50 meeting with a delegate, whom nobody told
either; both stayed confirmed and the meeting became a no-show waiting to happen. The seat mail, written when it
is sent, names what it overlaps and asks the company to tell the organisers which it will attend.
"""

import datetime as dt

import pytest

from events.meetings import services as meetings
from events.notifications.composers import compose
from events.notifications.models import OutboundEmail
from events.registrations.services import cancel_registration, register_company
from tests.factories import RepresentativeFactory, SessionFactory
from tests.meetings.conftest import MeetingDay

pytestmark = pytest.mark.django_db


@pytest.fixture
def day(organiser):
    day = MeetingDay(organiser)
    meetings.book_meeting(day.accepted(0, 1), acting_user=organiser, slot=day.slots[1], table=day.tables[0])
    meetings.publish_schedule(day.grid, acting_user=organiser)
    day.clinic = SessionFactory(
        stop=day.stop,
        title="Cloud procurement clinic",
        registration_mode="open",
        capacity=1,
        starts_at=dt.datetime(2099, 2, 13, 13, 40, tzinfo=day.stop.zone),
        ends_at=dt.datetime(2099, 2, 13, 14, 40, tzinfo=day.stop.zone),
    )
    return day


def mail_to(address, kind):
    row = OutboundEmail.objects.filter(to=address, kind=kind).latest("pk")
    return compose(row) if row.composer else row


def test_a_seat_that_overlaps_a_published_meeting_says_so(day):
    ahead = RepresentativeFactory(organization__name="Dakhla Bay Seafood")
    first = register_company(
        day.clinic,
        acting_user=ahead.user,
        organization=ahead.organization,
        attendees=[{"full_name": "Ahead", "email": ahead.user.email}],
    )
    company = day.companies[0]
    register_company(
        day.clinic,
        acting_user=company.user,
        organization=company.organization,
        attendees=[{"full_name": "Marcus", "email": company.user.email}],
    )

    cancel_registration(first, acting_user=ahead.user)

    seat = mail_to(company.user.email, "registration.promoted")
    assert "It overlaps what your company has then:" in seat.body_text
    assert "Meeting with Delegate 1, " in seat.body_text
    assert "13:50–14:10" in seat.body_text
    assert "Tell the organisers which you will attend." in seat.body_text
    assert "Meeting with Delegate 1" in seat.body_html


def test_a_seat_that_overlaps_nothing_says_nothing_of_it(day):
    company = day.companies[2]  # no meeting published

    register_company(
        day.clinic,
        acting_user=company.user,
        organization=company.organization,
        attendees=[{"full_name": "Nadia", "email": company.user.email}],
    )

    assert "overlaps" not in mail_to(company.user.email, "registration.confirmed").body_text
