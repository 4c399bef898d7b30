"""Issue 9, cases 4 to 6: one revision per entry everywhere, a person in two roles, a place that changes.

Each person's calendar is worked out across all their roles (events.agenda.contents) and only the
difference is sent, whatever order the changes come in.
"""

import datetime as dt

import icalendar
import pytest

from events.agenda.selectors import agenda_for
from events.agenda.services import issue_feed_token
from events.missions.services import add_delegate, create_delegation, remove_delegate, update_session, update_stop
from events.notifications.models import OutboundEmail
from events.registrations.services import cancel_registration, register_company
from tests.factories import RepresentativeFactory

pytestmark = pytest.mark.django_db

ANA = "ana@example.com"


def register(session, representative, *emails):
    return register_company(
        session,
        acting_user=representative.user,
        organization=representative.organization,
        attendees=[{"full_name": email.split("@")[0].title(), "email": email} for email in emails],
    )


def mails(kind, to=ANA):
    return list(OutboundEmail.objects.filter(kind=kind, to=to).order_by("pk"))


def event_of(calendar_text):
    (event,) = icalendar.Calendar.from_ical(calendar_text).walk("VEVENT")
    return event


def events_by_uid(body):
    return {str(event["UID"]): event for event in icalendar.Calendar.from_ical(body).walk("VEVENT")}


def pending_reminders(to=ANA):
    return OutboundEmail.objects.filter(kind="reminder", to=to, status=OutboundEmail.Status.PENDING)


# Case 4: the update, the feed and the download carry one revision.


def test_after_a_move_the_feed_and_the_download_carry_the_updates_sequence(client, briefing, organiser):
    representative = RepresentativeFactory(user__email=ANA)
    register(briefing, representative, ANA)
    token = issue_feed_token(representative.user)
    client.force_login(representative.user)

    update_session(
        briefing,
        acting_user=organiser,
        starts_at=briefing.starts_at + dt.timedelta(hours=1),
        ends_at=briefing.ends_at + dt.timedelta(hours=1),
    )

    (update,) = mails("invitation.update")
    invited = event_of(update.calendar)
    fed = events_by_uid(client.get(f"/agenda/feed/{token}.ics").content)[str(invited["UID"])]
    downloaded = events_by_uid(client.get(f"/agenda/items/session-{briefing.pk}.ics").content)[str(invited["UID"])]
    assert invited["SEQUENCE"] == fed["SEQUENCE"] == downloaded["SEQUENCE"] == 1
    assert invited.decoded("LAST-MODIFIED") == fed.decoded("LAST-MODIFIED") == downloaded.decoded("LAST-MODIFIED")
    assert invited.decoded("DTSTART") == fed.decoded("DTSTART") == downloaded.decoded("DTSTART")


def test_a_change_nobody_sees_in_a_calendar_revises_nothing(briefing, organiser):
    register(briefing, RepresentativeFactory(), ANA)

    update_session(briefing, acting_user=organiser, capacity=40)

    briefing.refresh_from_db()
    assert briefing.sequence == 0
    assert mails("invitation.update") == []


# Case 5: a person in two roles.


def seat(mission, organiser, email=ANA):
    delegation = create_delegation(mission, acting_user=organiser, name="Moroccan delegation", country="MA")
    return add_delegate(delegation, acting_user=organiser, full_name="Ana Delegate", email=email)


def test_a_company_cancelling_leaves_a_delegates_session_in_her_calendar(briefing, organiser):
    registration = register(briefing, RepresentativeFactory(), ANA)
    delegate = seat(briefing.stop.mission, organiser)
    reminders = set(pending_reminders().values_list("pk", flat=True))

    cancel_registration(registration, acting_user=organiser)

    assert mails("invitation.cancel") == []
    assert set(pending_reminders().values_list("pk", flat=True)) == reminders
    assert len(reminders) == 2
    assert [item.title for item in agenda_for(delegate.user) if item.kind == "session"] == [briefing.title]


def test_the_other_order_a_delegate_then_registered_then_cancelled_keeps_the_session(briefing, organiser):
    seat(briefing.stop.mission, organiser)
    assert mails("invitation.request") == []  # delegates follow the programme in their agenda
    registration = register(briefing, RepresentativeFactory(), ANA)

    cancel_registration(registration, acting_user=organiser)

    assert len(mails("invitation.request")) == 1  # as an attendee she was invited once
    assert mails("invitation.cancel") == []
    assert pending_reminders().count() == 2


def test_leaving_the_delegation_keeps_the_session_she_is_registered_for(briefing, organiser):
    registration = register(briefing, RepresentativeFactory(), ANA)
    delegate = seat(briefing.stop.mission, organiser)

    remove_delegate(delegate, acting_user=organiser)

    assert mails("invitation.cancel") == []
    assert pending_reminders().count() == 2
    cancel_registration(registration, acting_user=organiser)
    assert len(mails("invitation.cancel")) == 1  # now nothing holds it: one cancellation
    assert pending_reminders().count() == 0


# Case 6: a place that changes.


def test_a_renamed_stop_updates_its_sessions_entries_and_reminders(client, briefing, organiser):
    register(briefing, RepresentativeFactory(), ANA, "bo@example.com")

    update_stop(briefing.stop, acting_user=organiser, city="Round Rock")

    for to in (ANA, "bo@example.com"):
        (update,) = mails("invitation.update", to=to)
        event = event_of(update.calendar)
        assert (str(event["LOCATION"]), event["SEQUENCE"]) == ("AT&T Center, Round Rock", 1)
        bodies = [row.body_text for row in pending_reminders(to)]
        assert len(bodies) == 2
        assert all("AT&T Center, Round Rock" in body for body in bodies)


def test_a_stop_change_that_no_entry_shows_sends_nothing(briefing, organiser):
    register(briefing, RepresentativeFactory(), ANA)

    update_stop(briefing.stop, acting_user=organiser, region="Travis County")

    assert mails("invitation.update") == []


def test_registering_after_the_stop_moved_invites_to_the_new_place(briefing, organiser):
    update_stop(briefing.stop, acting_user=organiser, city="Round Rock")

    register(briefing, RepresentativeFactory(), ANA)

    (request,) = mails("invitation.request")
    assert str(event_of(request.calendar)["LOCATION"]) == "AT&T Center, Round Rock"


def test_a_new_end_for_a_meeting_session_leaves_its_meetings_alone(organiser):
    from events.meetings import services as meetings
    from tests.meetings.conftest import MeetingDay

    day = MeetingDay(organiser)
    meetings.book_meeting(day.accepted(0, 1), acting_user=organiser, slot=day.slots[0], table=day.tables[0])
    meetings.publish_schedule(day.grid, acting_user=organiser)

    update_session(day.session, acting_user=organiser, ends_at=day.session.ends_at + dt.timedelta(minutes=30))

    assert OutboundEmail.objects.filter(kind="invitation.update").count() == 0


def test_a_new_venue_for_a_meeting_session_updates_both_sides_once(organiser):
    from events.meetings import services as meetings
    from tests.meetings.conftest import MeetingDay

    day = MeetingDay(organiser)
    meetings.book_meeting(day.accepted(0, 1), acting_user=organiser, slot=day.slots[0], table=day.tables[0])
    meetings.publish_schedule(day.grid, acting_user=organiser)

    update_session(day.session, acting_user=organiser, venue="Convention Center")

    updates = OutboundEmail.objects.filter(kind="invitation.update")
    assert sorted(updates.values_list("to", flat=True)) == sorted(
        [day.companies[0].user.email, day.delegates[1].user.email]
    )
    for row in updates:
        event = event_of(row.calendar)
        assert (str(event["LOCATION"]), event["SEQUENCE"]) == ("Table 1, Convention Center, Austin", 1)


def test_new_reminder_times_rewrite_reminders_and_mail_no_invitation(briefing, organiser):
    from events.missions.services import update_mission

    register(briefing, RepresentativeFactory(), ANA)

    update_mission(briefing.stop.mission, acting_user=organiser, reminder_minutes=[30])

    assert mails("invitation.update") == []
    (reminder,) = pending_reminders()
    assert reminder.due_at == briefing.starts_at - dt.timedelta(minutes=30)


def test_a_stops_new_venue_updates_only_the_entries_that_take_place_there(organiser):
    """A helper gave a stop a new venue: 29 'Updated' invitations went out with LOCATION unchanged, and the new
    venue was nowhere. A session with no venue of its own takes place at its stop's: its entry (and its meetings')
    says so and is updated; a session with its own venue is not touched."""
    from events.meetings import services as meetings
    from tests.factories import SessionFactory
    from tests.meetings.conftest import MeetingDay

    day = MeetingDay(organiser)  # its B2B session has no venue of its own
    meetings.book_meeting(day.accepted(0, 1), acting_user=organiser, slot=day.slots[0], table=day.tables[0])
    meetings.publish_schedule(day.grid, acting_user=organiser)
    elsewhere = SessionFactory(
        stop=day.stop,
        venue="Texas State Capitol, Austin",
        registration_mode="open",
        capacity=20,
        starts_at=day.session.ends_at + dt.timedelta(hours=1),
        ends_at=day.session.ends_at + dt.timedelta(hours=2),
    )
    register(elsewhere, RepresentativeFactory(), ANA)

    update_stop(day.stop, acting_user=organiser, venue="Austin Convention Center")

    updates = OutboundEmail.objects.filter(kind="invitation.update")
    told = list(updates.values_list("to", flat=True))
    assert ANA not in told
    assert {day.companies[0].user.email, day.delegates[1].user.email} <= set(told)
    assert len(told) == len(set(told))
    for row in updates:
        assert "Austin Convention Center" in str(event_of(row.calendar)["LOCATION"])
