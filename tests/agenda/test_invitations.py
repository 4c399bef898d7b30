"""Invitations over email (iTIP): a REQUEST when a meeting is published or a seat confirmed, an update
with the same UID and a higher SEQUENCE when it moves, a CANCEL when it goes, answers by signed link.

A CANCEL carries the entry's revision as it stands (the one the feeds show) and a DTSTAMP strictly
later than the last message about the entry: RFC 5546 section 2.1.5 orders equal SEQUENCEs by DTSTAMP."""

import datetime as dt

import icalendar
import pytest
from allauth.account.models import EmailAddress
from django.core import mail

from events.agenda.models import Invitation
from events.agenda.rsvp import rsvp_token
from events.agenda.selectors import agenda_for
from events.companies.services import update_company
from events.core.errors import ConflictError
from events.meetings import services
from events.meetings.models import Meeting, ScheduleVersion
from events.missions.services import remove_session, update_delegate, update_session
from events.notifications.models import OutboundEmail
from events.notifications.services import deliver_email
from events.registrations.services import cancel_registration, register_company
from tests.factories import RepresentativeFactory, SessionFactory, UserFactory
from tests.meetings.conftest import MeetingDay

pytestmark = pytest.mark.django_db


@pytest.fixture
def day(organiser):
    return MeetingDay(organiser)


def invitations(kind=None):
    rows = OutboundEmail.objects.filter(kind__startswith="invitation").order_by("pk")
    return list(rows.filter(kind=kind) if kind else rows)


def event_of(row):
    calendar = icalendar.Calendar.from_ical(row.calendar)
    assert str(calendar["METHOD"]) == row.calendar_method
    (event,) = calendar.walk("VEVENT")
    return event


def publish(day):
    return services.publish_schedule(day.grid, acting_user=day.organiser)


def test_publishing_invites_both_sides_with_one_request_each(day):
    meeting = services.book_meeting(
        day.accepted(0, 1), acting_user=day.organiser, slot=day.slots[2], table=day.tables[1]
    )

    publish(day)

    rows = invitations("invitation.request")
    assert sorted(row.to for row in rows) == sorted([day.companies[0].user.email, day.delegates[1].user.email])
    for row in rows:
        event = event_of(row)
        assert str(event["UID"]) == f"meeting-{meeting.uid}@trade-missions.events"
        assert event["SEQUENCE"] == 0
        assert event.decoded("DTSTART") == day.slots[2].starts_at
        assert str(event["DTSTART"].params["TZID"]) == "America/Chicago"
        assert str(event["STATUS"]) == "CONFIRMED"
        assert str(event["ORGANIZER"]) == "mailto:missions@example.org"
        attendees = event["ATTENDEE"]
        assert sorted(str(a) for a in attendees) == sorted(f"mailto:{row.to}" for row in rows)
        assert all(a.params["RSVP"] == "TRUE" and a.params["PARTSTAT"] == "NEEDS-ACTION" for a in attendees)
        assert "Table 2" in str(event["LOCATION"])
    by_recipient = {row.to: row for row in rows}
    assert by_recipient[day.delegates[1].user.email].subject == "Invitation: Meeting with Company 0"
    assert by_recipient[day.companies[0].user.email].subject == "Invitation: Meeting with Delegate 1"


def test_the_sent_message_carries_the_calendar_as_a_part_and_as_a_file(day):
    services.book_meeting(day.accepted(0, 0), acting_user=day.organiser, slot=day.slots[0], table=day.tables[0])
    publish(day)
    row = invitations("invitation.request")[0]

    assert deliver_email(row.pk) == "sent"

    (message,) = mail.outbox
    types = [mimetype for _, mimetype in message.alternatives]
    assert types == ["text/html", "text/calendar; method=REQUEST"]  # Django adds the charset to the part
    (attachment,) = message.attachments
    assert attachment[0] == "invite.ics"
    assert "METHOD:REQUEST" in attachment[1].decode()
    assert "X-WR-CALNAME" not in attachment[1].decode()  # an invitation, not a calendar to import


def test_moving_a_meeting_sends_an_update_that_replaces_it_and_nothing_for_the_others(day):
    moved = services.book_meeting(day.accepted(0, 0), acting_user=day.organiser, slot=day.slots[0], table=day.tables[0])
    services.book_meeting(day.accepted(1, 1), acting_user=day.organiser, slot=day.slots[0], table=day.tables[1])
    publish(day)
    first = {row.to: event_of(row) for row in invitations("invitation.request")}

    services.move_meeting(moved, acting_user=day.organiser, slot=day.slots[4], table=day.tables[2])
    publish(day)

    updates = invitations("invitation.update")
    assert sorted(row.to for row in updates) == sorted([day.companies[0].user.email, day.delegates[0].user.email])
    for row in updates:
        event = event_of(row)
        assert str(event["UID"]) == str(first[row.to]["UID"])
        assert event["SEQUENCE"] == 1
        assert event.decoded("DTSTART") == day.slots[4].starts_at
        assert "Table 3" in str(event["LOCATION"])
        assert row.subject.startswith("Updated: ")
    assert len(invitations("invitation.request")) == 4  # the unmoved meeting's two, once


def test_a_meeting_taken_off_the_board_is_cancelled_in_place(day):
    meeting = services.book_meeting(
        day.accepted(2, 2), acting_user=day.organiser, slot=day.slots[1], table=day.tables[0]
    )
    publish(day)
    uid = str(event_of(invitations("invitation.request")[0])["UID"])

    services.cancel_meeting(Meeting.objects.get(pk=meeting.pk), acting_user=day.organiser)
    publish(day)

    request_stamp = event_of(invitations("invitation.request")[0]).decoded("DTSTAMP")
    cancels = invitations("invitation.cancel")
    assert len(cancels) == 2
    for row in cancels:
        event = event_of(row)
        assert str(event["UID"]) == uid
        assert event["SEQUENCE"] == 0
        assert event.decoded("DTSTAMP") > request_stamp
        assert str(event["STATUS"]) == "CANCELLED"
        assert row.subject.startswith("Cancelled: ")
    # Publishing again with nothing changed is refused, says why, and makes no version nor mail.
    with pytest.raises(ConflictError, match="Nothing changed since version 2 was published"):
        publish(day)
    assert ScheduleVersion.objects.filter(grid=day.grid).count() == 2
    assert len(invitations()) == 4


def test_reminders_follow_the_meeting_and_go_with_it(day):
    meeting = services.book_meeting(
        day.accepted(0, 0), acting_user=day.organiser, slot=day.slots[0], table=day.tables[0]
    )
    publish(day)
    start = day.slots[0].starts_at
    reminders = OutboundEmail.objects.filter(kind="reminder", status="pending")
    assert (
        sorted(reminders.values_list("due_at", flat=True))
        == [start - dt.timedelta(days=1)] * 2 + [start - dt.timedelta(hours=1)] * 2
    )

    services.move_meeting(meeting, acting_user=day.organiser, slot=day.slots[3], table=day.tables[0])
    publish(day)
    new_start = day.slots[3].starts_at
    assert (
        sorted(reminders.values_list("due_at", flat=True))
        == [new_start - dt.timedelta(days=1)] * 2 + [new_start - dt.timedelta(hours=1)] * 2
    )
    assert OutboundEmail.objects.filter(kind="reminder", status="cancelled").count() == 4

    services.cancel_meeting(Meeting.objects.get(pk=meeting.pk), acting_user=day.organiser)
    publish(day)
    assert not reminders.exists()


def test_reminders_are_in_the_persons_language_and_as_the_mission_sets_them(day):
    user = day.delegates[0].user
    user.language = "fr"
    user.save()
    mission = day.stop.mission
    mission.reminder_minutes = [30]
    mission.save()
    services.book_meeting(day.accepted(1, 0), acting_user=day.organiser, slot=day.slots[0], table=day.tables[0])

    publish(day)

    reminder = OutboundEmail.objects.get(kind="reminder", to=user.email)
    assert reminder.due_at == day.slots[0].starts_at - dt.timedelta(minutes=30)
    assert reminder.subject == "Rappel : Rendez-vous avec Company 1".replace(" :", "\u00a0:")
    assert "Dans 30 minutes" in reminder.body_text
    assert "13:30" in reminder.body_text


def test_a_confirmed_registration_invites_its_attendees_and_a_cancellation_cancels(day):
    briefing = SessionFactory(stop=day.stop, registration_mode="open", capacity=10, attendees_per_company=2)
    representative = RepresentativeFactory()
    registration = register_company(
        briefing,
        acting_user=representative.user,
        organization=representative.organization,
        attendees=[
            {"full_name": "Ana Ruiz", "email": "ana@example.com", "job_title": "CEO"},
            {"full_name": "Bo Lee", "email": "bo@example.com", "job_title": "CTO"},
        ],
    )

    requests = invitations("invitation.request")
    assert sorted(row.to for row in requests) == ["ana@example.com", "bo@example.com"]
    event = event_of(requests[0])
    assert str(event["UID"]) == f"session-{briefing.pk}@trade-missions.events"
    assert event.decoded("DTSTART") == briefing.starts_at

    cancel_registration(registration, acting_user=representative.user)

    cancels = invitations("invitation.cancel")
    assert sorted(row.to for row in cancels) == ["ana@example.com", "bo@example.com"]
    assert all(event_of(row)["SEQUENCE"] == 0 for row in cancels)
    assert all(event_of(row).decoded("DTSTAMP") > event.decoded("DTSTAMP") for row in cancels)
    # The briefing itself goes on: the company's people are uninvited, it is not cancelled (RFC 5546 3.2.5: a
    # CANCEL that uninvites attendees carries no STATUS; STATUS:CANCELLED cancels the whole event).
    for row in cancels:
        assert "STATUS" not in event_of(row)
        assert row.subject == f"No longer in your calendar: {briefing.title}"
        assert "goes on as planned" in row.body_text
        assert "is cancelled" not in row.body_text


def ana_registered_for_a_briefing(day):
    """A briefing at the day's stop, with Ana Ruiz registered by her company; returns the briefing."""
    briefing = SessionFactory(stop=day.stop, registration_mode="open", capacity=10, attendees_per_company=1)
    representative = RepresentativeFactory()
    register_company(
        briefing,
        acting_user=representative.user,
        organization=representative.organization,
        attendees=[{"full_name": "Ana Ruiz", "email": "ana@example.com"}],
    )
    return briefing


def test_a_session_removed_is_cancelled_for_its_attendees(day):
    briefing = ana_registered_for_a_briefing(day)

    remove_session(briefing, acting_user=day.organiser)

    (cancel,) = invitations("invitation.cancel")
    assert str(event_of(cancel)["STATUS"]) == "CANCELLED"
    assert cancel.subject == f"Cancelled: {briefing.title}"
    assert "This entry is cancelled." in cancel.body_text


def test_a_signed_link_records_the_answer_on_confirmation_only(client, day):
    services.book_meeting(day.accepted(0, 0), acting_user=day.organiser, slot=day.slots[0], table=day.tables[0])
    publish(day)
    invitation = Invitation.objects.get(email=day.delegates[0].user.email)
    url = f"/agenda/answer/{rsvp_token(invitation, 'ACCEPTED')}/"

    shown = client.get(url)
    invitation.refresh_from_db()
    assert shown.status_code == 200
    assert invitation.answer == "NEEDS-ACTION"  # a link preview must not answer
    assert "Yes, I will attend" in shown.text

    client.post(url)
    invitation.refresh_from_db()
    assert invitation.answer == "ACCEPTED"
    assert invitation.answered_at is not None
    assert client.get(url[:-5] + "x/").status_code == 404


def test_a_link_from_before_a_change_records_nothing(client, day):
    meeting = services.book_meeting(
        day.accepted(0, 0), acting_user=day.organiser, slot=day.slots[0], table=day.tables[0]
    )
    publish(day)
    invitation = Invitation.objects.get(email=day.delegates[0].user.email)
    stale = f"/agenda/answer/{rsvp_token(invitation, 'DECLINED')}/"
    services.move_meeting(meeting, acting_user=day.organiser, slot=day.slots[2], table=day.tables[0])
    publish(day)

    response = client.post(stale)

    invitation.refresh_from_db()
    assert invitation.answer == "NEEDS-ACTION"
    assert "has changed since this link was sent" in response.text


def test_moving_a_session_updates_the_calendars_of_everyone_confirmed(day):
    briefing = ana_registered_for_a_briefing(day)
    later = briefing.starts_at + dt.timedelta(hours=2)

    update_session(briefing, acting_user=day.organiser, starts_at=later, ends_at=later + dt.timedelta(hours=1))

    (update,) = invitations("invitation.update")
    event = event_of(update)
    assert str(event["UID"]) == f"session-{briefing.pk}@trade-missions.events"
    assert event["SEQUENCE"] == 1
    assert event.decoded("DTSTART") == later
    reminders = OutboundEmail.objects.filter(kind="reminder", status="pending", to="ana@example.com")
    assert sorted(reminders.values_list("due_at", flat=True)) == [
        later - dt.timedelta(days=1),
        later - dt.timedelta(hours=1),
    ]


def test_delegates_are_reminded_of_their_programme_without_an_invitation_per_session(day):
    from events.missions import services as missions

    mission = day.stop.mission
    briefing = missions.schedule_session(
        day.stop,
        acting_user=day.organiser,
        title="Delegation briefing",
        kind="site_visit",
        starts_at=dt.datetime(2099, 2, 12, 9, 0, tzinfo=day.stop.zone),
        ends_at=dt.datetime(2099, 2, 12, 10, 0, tzinfo=day.stop.zone),
    )
    delegate_emails = sorted(delegate.user.email for delegate in day.delegates)
    reminders = OutboundEmail.objects.filter(kind="reminder", status="pending", to__in=delegate_emails)

    assert sorted(reminders.values_list("to", flat=True)) == sorted(delegate_emails * 2)
    assert set(reminders.values_list("due_at", flat=True)) == {
        briefing.starts_at - dt.timedelta(days=1),
        briefing.starts_at - dt.timedelta(hours=1),
    }
    assert not invitations()  # the programme is in their agenda and feed; no mail per session

    later = briefing.starts_at + dt.timedelta(hours=3)
    missions.update_session(briefing, acting_user=day.organiser, starts_at=later, ends_at=later + dt.timedelta(hours=1))
    assert set(reminders.values_list("due_at", flat=True)) == {
        later - dt.timedelta(days=1),
        later - dt.timedelta(hours=1),
    }

    missions.update_mission(mission, acting_user=day.organiser, status="draft")
    assert not reminders.exists()
    assert not invitations()  # withdrawing mails nothing either


def test_an_invitation_again_after_a_cancellation_is_newer_than_the_cancel_and_old_links_are_stale(day):
    """Register, cancel, register again: REQUEST 0, CANCEL 0 (newer by DTSTAMP), then REQUEST 1, which a
    calendar holding the cancellation takes as newer (RFC 5546 section 2.1.4: STATUS changed). A later
    change of the session itself goes on from there, and the first invitation's RSVP link no longer counts."""
    from events.agenda.rsvp import read_rsvp, record_answer

    briefing = SessionFactory(stop=day.stop, registration_mode="open", capacity=10, attendees_per_company=1)
    representative = RepresentativeFactory()
    ana = UserFactory(email="ana@example.com")  # she reads her agenda and its feed too

    def register():
        return register_company(
            briefing,
            acting_user=representative.user,
            organization=representative.organization,
            attendees=[{"full_name": "Ana Ruiz", "email": "ana@example.com"}],
        )

    first = register()
    first_link = rsvp_token(Invitation.objects.get(email="ana@example.com"), "ACCEPTED")
    cancel_registration(first, acting_user=representative.user)
    register()
    update_session(briefing, acting_user=day.organiser, venue="Room 2, AT&T Hotel and Conference Center")

    sent = [(row.calendar_method, event_of(row)["SEQUENCE"]) for row in invitations() if row.to == "ana@example.com"]
    assert sent == [("REQUEST", 0), ("CANCEL", 0), ("REQUEST", 1), ("REQUEST", 2)]
    invitation = record_answer(read_rsvp(first_link))
    assert invitation.answer == Invitation.Answer.NEEDS_ACTION
    # Her feed and the entry's download say the revision her last invitation said (a helper saw them one behind:
    # a calendar holding the invitation took the download for an older copy).
    (item,) = [item for item in agenda_for(ana) if item.kind == "session"]
    assert item.sequence == 2


def test_a_meeting_booked_again_after_its_cancellation_is_newer_than_the_cancel(day):
    """A helper cancelled a meeting that had moved twice (CANCEL at SEQUENCE 2) and booked the pair again: the
    new REQUEST, same UID, carried SEQUENCE 1, which calendars holding the CANCEL ignore; the meeting stayed
    called off there while the page and the mail said it was on. A scheduler run that dropped a meeting and
    placed it again did the same (8, then 5). Whatever a calendar holds of a UID, the next message is newer."""
    meeting_request = day.accepted(0, 0)
    meeting = services.book_meeting(meeting_request, acting_user=day.organiser, slot=day.slots[0], table=day.tables[0])
    publish(day)
    for slot in (day.slots[1], day.slots[3]):
        services.move_meeting(
            Meeting.objects.get(pk=meeting.pk), acting_user=day.organiser, slot=slot, table=day.tables[0]
        )
        publish(day)
    services.cancel_meeting(Meeting.objects.get(pk=meeting.pk), acting_user=day.organiser)
    publish(day)

    services.book_meeting(meeting_request, acting_user=day.organiser, slot=day.slots[5], table=day.tables[1])
    publish(day)

    company = day.companies[0].user.email
    sent = [(row.calendar_method, event_of(row)["SEQUENCE"]) for row in invitations() if row.to == company]
    assert [method for method, _ in sent] == ["REQUEST", "REQUEST", "REQUEST", "CANCEL", "REQUEST"]
    assert sent[3][1] == sent[2][1] == 2
    assert sent[4][1] > sent[3][1]
    (item,) = [item for item in agenda_for(day.companies[0].user) if item.kind == "meeting"]
    assert item.sequence == sent[4][1]


def test_a_delegates_old_address_is_told_the_meeting_goes_on_not_that_it_is_cancelled(
    day, django_capture_on_commit_callbacks
):
    """A helper changed a delegate's address: the old one received "Cancelled: Meeting with ..." for each of
    their meetings, which read as the meetings called off; the new address was invited to the same ones."""
    services.book_meeting(day.accepted(0, 0), acting_user=day.organiser, slot=day.slots[0], table=day.tables[0])
    publish(day)
    delegate = day.delegates[0].user
    old = delegate.email
    address = EmailAddress.objects.create(user=delegate, email="new.address@gov.example", verified=True)

    with django_capture_on_commit_callbacks(execute=True):
        address.set_as_primary()

    (told,) = invitations("invitation.cancel")
    assert told.to == old
    assert told.subject.startswith("No longer in your calendar: Meeting with ")
    assert "STATUS" not in event_of(told)
    assert [row.to for row in invitations("invitation.request")][-1] == "new.address@gov.example"
    # The company's side holds the meeting as before: nothing is sent to it.
    assert not OutboundEmail.objects.filter(to=day.companies[0].user.email, kind="invitation.cancel").exists()


def test_a_company_renamed_updates_the_other_sides_meeting_title_once_one_revision_up(
    day, django_capture_on_commit_callbacks
):
    """A helper renamed a company on its page: the delegate's invitation and reminders kept "Meeting with" the old
    name, and the feed showed the new one under the same SEQUENCE, which a calendar reads as no change."""
    services.book_meeting(day.accepted(0, 0), acting_user=day.organiser, slot=day.slots[0], table=day.tables[0])
    publish(day)
    company = day.companies[0]
    delegate = day.delegates[0].user.email

    with django_capture_on_commit_callbacks(execute=True):
        update_company(company.organization, acting_user=company.user, name="Coyote Valley Networks")

    (update,) = OutboundEmail.objects.filter(to=delegate, kind="invitation.update")
    assert update.subject == "Updated: Meeting with Coyote Valley Networks"
    assert event_of(update)["SEQUENCE"] == 1
    reminders = OutboundEmail.objects.filter(to=delegate, kind="reminder", status="pending")
    assert reminders
    assert {row.subject for row in reminders} == {"Reminder: Meeting with Coyote Valley Networks"}
    # The company's own people hold "Meeting with Delegate 0" still: nothing they see changed, so nothing is sent
    # (they were sent an "Updated" with nothing new). The new revision is the delegate's alone, in their feed too.
    assert not OutboundEmail.objects.filter(to=company.user.email, kind="invitation.update")
    (theirs,) = [item for item in agenda_for(day.delegates[0].user) if item.kind == "meeting"]
    (ours,) = [item for item in agenda_for(company.user) if item.kind == "meeting"]
    assert (theirs.sequence, ours.sequence) == (1, 0)


def test_a_delegate_renamed_updates_the_companys_meeting_title(day, django_capture_on_commit_callbacks):
    services.book_meeting(day.accepted(0, 0), acting_user=day.organiser, slot=day.slots[0], table=day.tables[0])
    publish(day)

    with django_capture_on_commit_callbacks(execute=True):
        update_delegate(day.delegates[0], acting_user=day.organiser, full_name="Omar Tazi")

    (update,) = OutboundEmail.objects.filter(to=day.companies[0].user.email, kind="invitation.update")
    assert update.subject == "Updated: Meeting with Omar Tazi"
    assert event_of(update)["SEQUENCE"] == 1
    assert not OutboundEmail.objects.filter(to=day.delegates[0].user.email, kind="invitation.update")


def test_an_update_that_keeps_the_time_keeps_the_answer_given(client, day, django_capture_on_commit_callbacks):
    """A helper accepted a meeting, then the other side was renamed: the update asked again (PARTSTAT=NEEDS-ACTION,
    RSVP=TRUE, "Will you attend?"), and a calendar that follows the organiser's word cleared the acceptance. Here
    the meeting moves to another table at the same time, which both sides are told."""
    meeting = services.book_meeting(
        day.accepted(0, 0), acting_user=day.organiser, slot=day.slots[0], table=day.tables[0]
    )
    publish(day)
    company = day.companies[0]
    invitation = Invitation.objects.get(email=company.user.email)
    client.post(f"/agenda/answer/{rsvp_token(invitation, 'ACCEPTED')}/")

    with django_capture_on_commit_callbacks(execute=True):
        services.move_meeting(meeting, acting_user=day.organiser, slot=day.slots[0], table=day.tables[1])
        publish(day)

    (update,) = OutboundEmail.objects.filter(to=company.user.email, kind="invitation.update")
    attendee = next(a for a in event_of(update)["ATTENDEE"] if str(a).lower() == f"mailto:{company.user.email}")
    assert attendee.params["PARTSTAT"] == "ACCEPTED"
    assert "RSVP" not in attendee.params
    assert "You said you will attend." in update.body_text
    # The other side has not answered: still asked.
    (other,) = OutboundEmail.objects.filter(to=day.delegates[0].user.email, kind="invitation.update")
    asked = next(a for a in event_of(other)["ATTENDEE"] if str(a).lower() == f"mailto:{day.delegates[0].user.email}")
    assert (asked.params["PARTSTAT"], asked.params["RSVP"]) == ("NEEDS-ACTION", "TRUE")
    assert "Will you attend?" in other.body_text


@pytest.mark.parametrize("how", ["account", "roster"])
def test_an_answer_given_follows_the_person_to_their_new_address(day, how, django_capture_on_commit_callbacks):
    """A delegate accepted their meeting, then moved to a new address (on their account, or the organisers corrected
    the roster): the new address was asked 'Will you attend?' again, and the board showed no answer where there
    had been a yes. The person answered; only their address changed."""
    from events.agenda.rsvp import read_rsvp, record_answer
    from events.agenda.selectors import answers_to_meetings

    meeting = services.book_meeting(
        day.accepted(0, 0), acting_user=day.organiser, slot=day.slots[0], table=day.tables[0]
    )
    publish(day)
    delegate = day.delegates[0]
    (invitation,) = Invitation.objects.filter(email=delegate.user.email)
    record_answer(read_rsvp(rsvp_token(invitation, "ACCEPTED")))

    with django_capture_on_commit_callbacks(execute=True):
        if how == "account":
            address = EmailAddress.objects.create(user=delegate.user, email="new.address@gov.example", verified=True)
            address.set_as_primary()
        else:
            update_delegate(delegate, acting_user=day.organiser, email="new.address@gov.example")

    moved = Invitation.objects.get(email="new.address@gov.example")
    assert moved.answer == Invitation.Answer.ACCEPTED
    (request,) = [row for row in invitations("invitation.request") if row.to == "new.address@gov.example"]
    (attendee,) = (
        [a for a in event_of(request).get("ATTENDEE") if "new.address" in str(a)]
        if isinstance(event_of(request).get("ATTENDEE"), list)
        else [event_of(request).get("ATTENDEE")]
    )
    assert attendee.params["PARTSTAT"] == "ACCEPTED"
    assert "RSVP" not in attendee.params
    assert answers_to_meetings([meeting.uid])[str(meeting.uid)]["new.address@gov.example"] == "ACCEPTED"
