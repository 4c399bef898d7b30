"""Every calendar the demo writes, as the people it is for receive it.

The demo is loaded through its management command. Its invitations are all in Austin's time, so a
Moroccan company then registers for the open briefing of Dakhla Connect (an invitation in
Africa/Casablanca time), the briefing is moved half an hour later (an update, SEQUENCE raised), the
registration is cancelled (a CANCEL that uninvites its people), and a second briefing they register for
is removed (a CANCEL of the whole event), each through the service an organiser's action goes through.
What comes out: each person's feed, each public programme, each item of the agendas downloaded once,
and the text/calendar part of each invitation mail as sent (Django's mail outbox, after the
notifications outbox handed the rows to the worker's path).
"""

import datetime as dt
import email
import io
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.core import mail
from django.core.management import call_command
from django.test import Client, TestCase
from django.urls import reverse

from events.agenda import selectors
from events.agenda.services import issue_feed_token
from events.missions.models import Mission, Session
from events.missions.services import remove_session, update_session
from events.notifications.models import OutboundEmail
from events.notifications.services import deliver_emails
from events.registrations.models import Registration
from events.registrations.services import cancel_registration, register_company

# Dated from here, the demo's Dakhla training programme falls in December 2026, when tzdata 2026f
# has Morocco on +00 for good and 2025b still on +01, and its investor visit in Ramadan 2027.
DEMO_TODAY = "2026-11-30"
MOROCCO = "Africa/Casablanca"


@dataclass(frozen=True)
class WrittenCalendar:
    kind: str  # "feed", "programme", "download", or an invitation's method: "REQUEST", "CANCEL"
    label: str  # where it came from, for messages
    data: bytes


ARABIC_ATTENDEE = "عمر التازي"
ARABIC_TITLE = "ورشة عمل: الاستثمار في الطاقات المتجددة بالداخلة"


def demo_calendars() -> list[WrittenCalendar]:
    """Load the demo, invite, move and cancel in Dakhla, and collect what was written. Needs the database."""
    mail.outbox = []
    with TestCase.captureOnCommitCallbacks(execute=True):
        call_command("load_demo", f"--today={DEMO_TODAY}", stdout=io.StringIO())
    with TestCase.captureOnCommitCallbacks(execute=True):
        registration = register_for_a_moroccan_briefing()
    with TestCase.captureOnCommitCallbacks(execute=True):
        move(registration.session, minutes=30)
    with TestCase.captureOnCommitCallbacks(execute=True):
        cancel_registration(registration, acting_user=_organiser(registration.session), reason="Cross-parser check")
    # The cancelled registration's people are uninvited from a briefing that goes on (a CANCEL without STATUS);
    # a session removed is cancelled for all (STATUS:CANCELLED), RFC 5546 3.2.5.
    with TestCase.captureOnCommitCallbacks(execute=True):
        removed = register_for_a_moroccan_briefing(number=1)
    with TestCase.captureOnCommitCallbacks(execute=True):
        remove_session(removed.session, acting_user=_organiser(removed.session))
    send_invitations_still_in_the_outbox()
    return [*invitations_sent(), *feeds(), *programmes(), *downloads()]


def _organiser(session):
    return session.stop.mission.organisers.order_by("pk").first()


def register_for_a_moroccan_briefing(number=0) -> Registration:
    """A Moroccan company the demo registered for a B2B session registers the same people for a briefing (the
    first open one in Morocco, or the `number`th after it)."""
    briefing = (
        Session.objects.filter(stop__time_zone=MOROCCO, registration_mode=Session.RegistrationMode.OPEN)
        .exclude(kind=Session.Kind.B2B_MEETINGS)  # B2B sessions reach calendars as their meetings
        .order_by("starts_at", "pk")[number]
    )
    company = (
        Registration.objects.filter(status=Registration.Status.CONFIRMED, session__stop__time_zone=MOROCCO)
        .order_by("pk")
        .first()
    )
    attendees = [{"full_name": person.full_name, "email": person.email} for person in company.attendees.order_by("pk")]
    # In Arabic, written by an organiser who reads Arabic: the invitations' SUMMARY (the session's Arabic
    # title) and an attendee's CN are Arabic, for the parsers to read back as written.
    attendees[0]["full_name"] = ARABIC_ATTENDEE
    briefing.title_ar = ARABIC_TITLE
    briefing.save(update_fields=["title_ar"])
    organiser = _organiser(briefing)
    organiser.language = "ar"
    organiser.save(update_fields=["language"])
    return register_company(
        briefing,
        acting_user=organiser,
        organization=company.organization,
        attendees=attendees[: briefing.attendees_per_company],
    )


def move(session, *, minutes) -> Session:
    later = dt.timedelta(minutes=minutes)
    return update_session(
        session, acting_user=_organiser(session), starts_at=session.starts_at + later, ends_at=session.ends_at + later
    )


def send_invitations_still_in_the_outbox() -> None:
    """Rows a worker would pick up: whatever the after-commit hand-over did not send already."""
    pending = OutboundEmail.objects.filter(status=OutboundEmail.Status.PENDING).exclude(calendar="")
    deliver_emails(list(pending.order_by("pk").values_list("pk", flat=True)))


def invitations_sent() -> list[WrittenCalendar]:
    calendars = []
    for number, message in enumerate(mail.outbox, start=1):
        # As the SMTP backend writes it: every line break a CRLF.
        parsed = email.message_from_bytes(message.message().as_bytes(linesep="\r\n"))
        parts = [part for part in parsed.walk() if part.get_content_type() == "text/calendar"]
        attached = [part for part in parsed.walk() if part.get_filename() == "invite.ics"]
        if not parts:
            continue
        (part,) = parts
        data = part.get_payload(decode=True)
        (attachment,) = attached
        assert attachment.get_payload(decode=True) == data, f"mail {number}: invite.ics differs from the part"
        method = part.get_param("method")
        label = f"mail {number} to {message.to[0]} ({message.subject}), {method}"
        calendars.append(WrittenCalendar(method, label, data))
    return calendars


def feeds() -> list[WrittenCalendar]:
    client = Client()
    calendars = []
    for user in get_user_model().objects.order_by("pk"):
        token = issue_feed_token(user)
        response = client.get(reverse("agenda:feed", args=[token]))
        assert response.status_code == 200, f"feed of {user.email}: HTTP {response.status_code}"
        calendars.append(WrittenCalendar("feed", f"feed of {user.email}", response.content))
    return calendars


def programmes() -> list[WrittenCalendar]:
    client = Client()
    calendars = []
    for mission in Mission.objects.order_by("slug"):
        if selectors.public_mission(mission.slug) is None:
            continue  # a draft has no public programme
        response = client.get(reverse("agenda:programme", args=[mission.slug]))
        assert response.status_code == 200, f"programme of {mission.slug}: HTTP {response.status_code}"
        calendars.append(WrittenCalendar("programme", f"programme of {mission.slug}", response.content))
    return calendars


def downloads() -> list[WrittenCalendar]:
    """Each item of the agendas once, downloaded by the first person whose agenda has it."""
    client = Client()
    calendars, seen = [], set()
    for user in get_user_model().objects.order_by("pk"):
        items = [item for item in selectors.agenda_for(user) if item.key not in seen]
        if not items:
            continue
        client.force_login(user)
        for item in items:
            seen.add(item.key)
            response = client.get(reverse("agenda:item", args=[item.key]))
            assert response.status_code == 200, f"{item.key} for {user.email}: HTTP {response.status_code}"
            calendars.append(WrittenCalendar("download", f"{item.key} downloaded by {user.email}", response.content))
    return calendars
