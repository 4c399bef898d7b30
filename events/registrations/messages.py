"""Mail about a registration: decided with the change as an intent, written by the worker when it is sent.

The seat lock writes only the intent (registration_intent); compose_registration_email writes the
message from the registration as it stands at send time, in its recipient's language then. A message
whose news is no longer true is not sent: a confirmation still unsent when the registration is cancelled
is dropped, and the company receives the cancellation only (the same for a waitlist place that became
a seat, or a request awaiting approval that was decided).
"""

from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from events.accounts.models import User
from events.accounts.selectors import DEFAULT_LANGUAGE
from events.missions.models import mail_topic
from events.notifications.composers import NothingToSend
from events.notifications.services import Email, Intent
from events.registrations.models import Registration
from events.registrations.selectors import waitlist_position
from events.registrations.signals import clashes_wanted

COMPOSER = "registration"

SUBJECTS = {
    "confirmed": _("Registration confirmed: %(session)s"),
    "pending": _("Registration received, awaiting approval: %(session)s"),
    "approved": _("Registration approved: %(session)s"),
    "declined": _("Registration declined: %(session)s"),
    "waitlisted": _("You are on the waitlist: %(session)s"),
    "promoted": _("A seat is yours: %(session)s"),
    "cancelled": _("Registration cancelled: %(session)s"),
    "session_cancelled": _("Cancelled by the organisers: %(session)s"),
    "substituted": _("Attendees changed: %(session)s"),
}

HEADLINES = {
    "confirmed": _("Your registration is confirmed."),
    "pending": _("We have received your registration. The organisers will review it and tell you."),
    "approved": _("The organisers have approved your registration. Your seats are confirmed."),
    "declined": _("The organisers could not accept your registration."),
    "waitlisted": _(
        "The session is full, so your registration is on the waitlist. We will write as soon as a seat frees up."
    ),
    "promoted": _("A seat has freed up and your registration is now confirmed."),
    "cancelled": _("Your registration has been cancelled."),
    "session_cancelled": _("The organisers have cancelled this session."),
    "substituted": _("The organisers have updated your company's attendees."),
}


# The status a registration must still have, when its message is sent, for the message to be true.
STILL_TRUE_WHEN = {
    "confirmed": (Registration.Status.CONFIRMED,),
    "approved": (Registration.Status.CONFIRMED,),
    "promoted": (Registration.Status.CONFIRMED,),
    "pending": (Registration.Status.PENDING,),
    "waitlisted": (Registration.Status.WAITLISTED,),
    "declined": (Registration.Status.DECLINED,),
    "cancelled": (Registration.Status.CANCELLED,),
    # Who attends, as they are when the message is written: a registration since ended says so in its own.
    "substituted": Registration.ACTIVE_STATUSES,
}


# The messages that give the company a seat: where a clash with what it has then is worth saying.
SEATED = ("confirmed", "promoted", "approved")


def _clashes(registration) -> list[tuple[str, object, object]]:
    """[(what, starts_at, ends_at)] the session overlaps for the company (signals.clashes_wanted), by time."""
    found = [
        clash
        for _receiver, answer in clashes_wanted.send(sender=Registration, registration=registration)
        for clash in answer or ()
    ]
    return sorted(found, key=lambda clash: clash[1])


def registration_intent(registration, kind, *, recipient) -> Intent:
    """The message of `kind` (a key of SUBJECTS) about `registration`, to `recipient` (its registered_by),
    written when sent. Reads nothing from the database."""
    return Intent(
        to=recipient.email,
        kind=f"registration.{kind}",
        composer=COMPOSER,
        reference=f"registration:{registration.pk}",
        topic=mail_topic(registration.session.stop.mission_id),
    )


def compose_registration_email(row) -> Email:
    """The message an intent row stands for, from the registration as it is now (composers.py)."""
    kind = row.kind.removeprefix("registration.")
    registration = (
        Registration.objects.select_related("session__stop__mission", "registered_by", "organization")
        .filter(pk=int(row.reference.removeprefix("registration:")))
        .first()
    )
    if registration is None:
        raise NothingToSend("Not sent: the registration no longer exists.")
    if registration.status not in STILL_TRUE_WHEN[kind]:
        raise NothingToSend(
            f"Not sent: the registration is now {registration.status}; the message about that is the one that goes."
        )
    # The intent's recipient (services._company_contacts): a representative when an organiser registered.
    registered_by = registration.registered_by
    if registered_by is None or registered_by.email.lower() != row.to.lower():
        registered_by = User.objects.filter(email__iexact=row.to).first()
    return registration_email(registration, kind, recipient=registered_by, to=row.to)


def registration_email(registration, kind, *, recipient=None, to="") -> Email:
    """The message of `kind` about `registration`, to `recipient` (a user: by default its registered_by), written
    in their language, at `to` (by default their address)."""
    recipient = recipient if recipient is not None else registration.registered_by
    language = recipient.language if recipient else DEFAULT_LANGUAGE
    session = registration.session
    stop = session.stop
    # The template's date filter shows the current time zone: the session's place, not the server's.
    with translation.override(language), timezone.override(stop.zone):
        context = {
            "registration": registration,
            "session": session,
            "mission": stop.mission,
            "headline": HEADLINES[kind],
            "starts_at": session.starts_at.astimezone(stop.zone),
            "ends_at": session.ends_at.astimezone(stop.zone),
            "time_zone": stop.time_zone,
            "attendees": list(registration.attendees.all()),
            "reason": registration.decision_reason if kind in ("declined", "cancelled") else "",
            "position": waitlist_position(registration) if kind == "waitlisted" else None,
            "clashes": _clashes(registration) if kind in SEATED else [],
        }
        subject = str(SUBJECTS[kind] % {"session": session.title})
        body_text = render_to_string("registrations/email/registration.txt", context)
        body_html = render_to_string("registrations/email/registration.html", context)
    return Email(
        to=to or recipient.email,
        subject=subject,
        body_text=body_text,
        body_html=body_html,
        kind=f"registration.{kind}",
        language=language,
        reference=f"registration:{registration.pk}",
        topic=mail_topic(registration.session.stop.mission_id),
    )
