"""Whoever is invited to an entry finds it on their agenda page and in their feed, whatever their role.

A company names its attendees by address; each is mailed the invitation. A named attendee may have an
account of their own (a colleague who is no representative, a delegate of another mission, another
company's representative): their agenda and their feed must hold what their invitations said, once.
"""

import pytest

from events.meetings import services as meetings
from events.notifications.models import OutboundEmail
from events.registrations.models import Attendee
from events.registrations.services import change_attendee_email
from tests.agenda.test_calendar_lifecycle import register
from tests.agenda.test_feeds import events_of, feed_url
from tests.factories import RepresentativeFactory, SessionFactory, UserFactory
from tests.meetings.conftest import MeetingDay

pytestmark = pytest.mark.django_db

MARIE = "Marie.Curie@Example.com"


@pytest.fixture
def marie():
    """An account that represents no company and sits in no delegation."""
    return UserFactory(email=MARIE.lower(), full_name="Marie Curie")


def invited_uids(email):
    return {row.reference for row in OutboundEmail.objects.filter(kind="invitation.request", to=email.lower())}


def test_a_named_attendee_finds_the_session_on_her_agenda_and_in_her_feed(client, briefing, marie):
    register(briefing, RepresentativeFactory(), MARIE)
    assert invited_uids(MARIE)

    feed = client.get(feed_url(client, marie))
    page = client.get("/agenda/").content.decode()

    assert "Public business briefing" in page
    assert f"session-{briefing.pk}@trade-missions.events" in events_of(feed.content)


def test_a_waitlisted_attendee_is_not_shown_what_she_was_not_invited_to(client, briefing, marie):
    briefing.capacity = 1
    briefing.save()
    register(briefing, RepresentativeFactory(), "first@example.com")
    register(briefing, RepresentativeFactory(), MARIE)
    assert not invited_uids(MARIE)

    client.force_login(marie)

    assert "Public business briefing" not in client.get("/agenda/").content.decode()


def test_a_delegate_named_by_a_company_at_another_mission_finds_that_session_too(client, briefing, organiser):
    other = MeetingDay(organiser)  # a mission where she is a delegate
    delegate = other.delegates[0]
    site_visit = SessionFactory(stop=briefing.stop, title="Site visit", registration_mode="open")
    register(site_visit, RepresentativeFactory(), delegate.user.email)

    client.force_login(delegate.user)
    page = client.get("/agenda/").content.decode()

    assert "Site visit" in page


def test_a_company_attendee_finds_the_companys_meetings_on_her_agenda_and_in_her_feed(client, organiser, marie):
    day = MeetingDay(organiser)
    attendee = Attendee.objects.get(registration__organization=day.companies[0].organization)
    change_attendee_email(attendee, acting_user=organiser, email=MARIE)
    meeting = meetings.book_meeting(day.accepted(0, 1), acting_user=organiser, slot=day.slots[2], table=day.tables[1])
    meetings.publish_schedule(day.grid, acting_user=organiser)
    assert OutboundEmail.objects.filter(kind="invitation.request", to=MARIE.lower()).exists()

    feed = client.get(feed_url(client, marie))
    page = client.get("/agenda/").content.decode()

    assert "Delegate 1" in page
    assert f"meeting-{meeting.uid}@trade-missions.events" in events_of(feed.content)


def uids_in(feed):
    """The UIDs of a feed's events; none in a calendar with no event."""
    return {line.removeprefix("UID:") for line in feed.content.decode().splitlines() if line.startswith("UID:")}


def test_a_representative_replaced_at_a_session_loses_it_from_their_agenda_as_the_cancellation_said(client, briefing):
    """A helper replaced the company's representative at a briefing: he was mailed 'No longer in your calendar',
    and his agenda and feed still held the briefing, since they showed every session his company attends. What a
    person's calendar holds is what they were invited to; the company's registrations are on its own page."""
    from events.registrations.services import substitute_attendee

    representative = RepresentativeFactory(user__email="marcus@lonestar.example")
    register(briefing, representative, "marcus@lonestar.example", "jane@lonestar.example")
    url = feed_url(client, representative.user)
    uid = f"session-{briefing.pk}@trade-missions.events"
    assert uid in uids_in(client.get(url))

    marcus = Attendee.objects.get(email="marcus@lonestar.example")
    substitute_attendee(marcus, acting_user=representative.user, full_name="Elena Ruiz", email="elena@lonestar.example")

    assert OutboundEmail.objects.filter(kind="invitation.cancel", to="marcus@lonestar.example").exists()
    assert uid not in uids_in(client.get(url))
    assert "Public business briefing" not in client.get("/agenda/").content.decode()


def test_a_representative_replaced_at_a_meeting_session_loses_the_company_s_meetings_from_their_feed(client, organiser):
    from events.registrations.services import substitute_attendee

    day = MeetingDay(organiser)
    representative = day.companies[0]
    meeting = meetings.book_meeting(day.accepted(0, 1), acting_user=organiser, slot=day.slots[2], table=day.tables[1])
    meetings.publish_schedule(day.grid, acting_user=organiser)
    url = feed_url(client, representative.user)
    uid = f"meeting-{meeting.uid}@trade-missions.events"
    assert uid in uids_in(client.get(url))

    attendee = Attendee.objects.get(registration__organization=representative.organization)
    substitute_attendee(attendee, acting_user=representative.user, full_name="Marie Curie", email=MARIE)

    assert uid not in uids_in(client.get(url))
    assert uid in uids_in(client.get(feed_url(client, UserFactory(email=MARIE.lower()))))


def test_a_representative_with_nothing_to_attend_is_pointed_to_the_company_s_pages(client, briefing):
    representative = RepresentativeFactory(user__email="marcus@lonestar.example")
    register(briefing, representative, "jane@lonestar.example")
    client.force_login(representative.user)

    page = client.get("/agenda/").content.decode()

    assert "Nothing in your agenda yet. Your agenda holds what you are named to attend." in page
    assert '<a href="/registrations/">Your registrations</a>' in page


def test_an_organiser_finds_the_meeting_session_they_run_on_their_agenda_and_in_their_feed(client, organiser):
    """A helper's organiser found every session of the mission in their agenda and feed but the one-to-one
    meetings afternoon they run: a meeting session showed only as a person's own meetings, and they have none."""
    day = MeetingDay(organiser)

    feed = client.get(feed_url(client, organiser))
    page = client.get("/agenda/").content.decode()

    assert f"session-{day.session.pk}@trade-missions.events" in uids_in(feed)
    assert "One-to-one meetings" in page
    assert client.get(f"/agenda/items/session-{day.session.pk}.ics").status_code == 200
