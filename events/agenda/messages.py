"""Invitations, updates, cancellations and reminders as mail, in the recipient's language and the place's time."""

from email.utils import parseaddr
from zoneinfo import ZoneInfo

from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from events.agenda.ics import CalendarEvent, render_calendar
from events.agenda.models import Invitation
from events.agenda.rsvp import rsvp_token
from events.notifications.services import Email

REMINDER_KIND = "reminder"


def reminder_reference(invitation) -> str:
    return f"reminder:{invitation.pk}"


def organizer() -> tuple[str, str]:
    """The sending address is the ORGANIZER: replies from calendars go where the mail came from."""
    name, address = parseaddr(settings.DEFAULT_FROM_EMAIL)
    return address, name


def _link(name, *args) -> str:
    return settings.SITE_URL + reverse(name, args=args)


def _calendar(invitation, *, method, status, location, description, attendees, now, answers=()) -> str:
    event = CalendarEvent(
        uid=invitation.uid,
        start=invitation.starts_at,
        end=invitation.ends_at,
        zone=invitation.zone,
        summary=invitation.title,
        description=description,
        location=location,
        url=_link("agenda:page"),
        # The entry's own revision time, as in the feeds; DTSTAMP (`now`) is the message's.
        last_modified=invitation.revised_at or now,
        sequence=invitation.sequence,
        status=status,
        organizer=organizer(),
        attendees=attendees,
        answers=answers,
        language=invitation.language,
    )
    return render_calendar([event], name=invitation.title, refresh=None, method=method, now=now).decode()


def _when(invitation) -> dict:
    zone = ZoneInfo(invitation.zone)
    return {
        "starts_at": invitation.starts_at.astimezone(zone),
        "ends_at": invitation.ends_at.astimezone(zone),
        "time_zone": invitation.zone,
    }


def _email(
    invitation, *, language, template, subject, context, kind, reference, calendar="", calendar_method=""
) -> Email:
    """A message to the person of `invitation`, written in `language` with times in the invitation's place.

    `subject`: a lazy msgid with %(name)s fields, filled from `context`; `template`: the name of the
    agenda/email/<template>.txt and .html pair, which see `context`, the times and the agenda's address.
    """
    with translation.override(language), timezone.override(ZoneInfo(invitation.zone)):
        context = {**_when(invitation), "agenda_url": _link("agenda:page"), **context}
        subject = str(subject) % context
        body_text = render_to_string(f"agenda/email/{template}.txt", context)
        body_html = render_to_string(f"agenda/email/{template}.html", context)
    return Email(
        to=invitation.email,
        subject=subject,
        body_text=body_text,
        body_html=body_html,
        kind=kind,
        language=language,
        reference=reference,
        topic=invitation.topic,
        calendar=calendar,
        calendar_method=calendar_method,
    )


def invitation_email(entry, invitee, invitation, *, update, now) -> Email:
    """A REQUEST; `update` when the person already holds the entry (an earlier REQUEST was sent)."""
    description = "\n".join(line for line in (entry.details, entry.mission, _link("agenda:page")) if line)
    calendar = _calendar(
        invitation,
        method="REQUEST",
        status="CONFIRMED",
        location=entry.location,
        description=description,
        attendees=tuple((person.email, person.name) for person in entry.invitees),
        now=now,
        # An answer given still holds when the time has not moved (invitations._updated resets it otherwise).
        answers=() if invitation.answer == invitation.Answer.NEEDS_ACTION else ((invitation.email, invitation.answer),),
    )
    return _email(
        invitation,
        language=invitee.language,
        template="invitation",
        subject=_("Updated: %(title)s") if update else _("Invitation: %(title)s"),
        context={
            "entry": entry,
            "invitee": invitee,
            "title": invitee.title,
            "update": update,
            "answer": invitation.answer,
            "accept_url": _link("agenda:rsvp", rsvp_token(invitation, "ACCEPTED")),
            "decline_url": _link("agenda:rsvp", rsvp_token(invitation, "DECLINED")),
        },
        kind="invitation.update" if update else "invitation.request",
        reference=f"invitation:{invitation.pk}",
        calendar=calendar,
        calendar_method="REQUEST",
    )


def cancellation_email(invitation, *, now, goes_on=False) -> Email:
    """A CANCEL. `goes_on`: the event still takes place, without this address (an address changed, a
    registration cancelled): the person is uninvited, and the calendar part carries no STATUS, since
    STATUS:CANCELLED would cancel the whole event (RFC 5546 3.2.5). Otherwise the event itself is cancelled."""
    calendar = _calendar(
        invitation,
        method="CANCEL",
        status=None if goes_on else "CANCELLED",
        location=invitation.location,
        description="",
        attendees=((invitation.email, invitation.name),),
        now=now,
    )
    return _email(
        invitation,
        language=invitation.language,
        template="cancellation",
        subject=_("No longer in your calendar: %(title)s") if goes_on else _("Cancelled: %(title)s"),
        context={"invitation": invitation, "title": invitation.title, "goes_on": goes_on},
        kind="invitation.cancel",
        reference=f"invitation:{invitation.pk}",
        calendar=calendar,
        calendar_method="CANCEL",
    )


def declined_email(invitation, *, by) -> Email:
    """To the person of `invitation`: `by` (another person's invitation to the same meeting) declined it, or, its
    answer now a yes, will attend after all.

    No calendar part: the meeting stays in their calendar until the organisers cancel or move it. One reference
    for both, so that the newer replaces an older one that failed."""
    attending = by.answer == Invitation.Answer.ACCEPTED
    return _email(
        invitation,
        language=invitation.language,
        template="declined",
        subject=_("%(name)s will attend after all: %(title)s") if attending else _("Declined by %(name)s: %(title)s"),
        context={
            "invitation": invitation,
            "by": by.name,
            "name": by.name,
            "title": invitation.title,
            "attending": attending,
        },
        kind="meeting.attending" if attending else "meeting.declined",
        reference=f"declined:{invitation.pk}:{by.pk}",
    )


def reminder_email(entry, invitee, invitation, minutes) -> Email:
    return _email(
        invitation,
        language=invitee.language,
        template="reminder",
        subject=_("Reminder: %(title)s"),
        context={
            "entry": entry,
            "invitee": invitee,
            "title": invitee.title,
            "hours": minutes // 60,
            "minutes": minutes,
        },
        kind=REMINDER_KIND,
        reference=reminder_reference(invitation),
    )
