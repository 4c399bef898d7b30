"""Mail about a registration, composed in the recipient's language and handed to the outbox."""

from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from events.missions.models import mail_topic
from events.notifications.services import Email
from events.registrations.selectors import waitlist_position

SUBJECTS = {
    "confirmed": _("Registration confirmed: %(session)s"),
    "pending": _("Registration received, awaiting approval: %(session)s"),
    "approved": _("Registration approved: %(session)s"),
    "declined": _("Registration declined: %(session)s"),
    "waitlisted": _("You are on the waitlist: %(session)s"),
    "promoted": _("A seat is yours: %(session)s"),
    "cancelled": _("Registration cancelled: %(session)s"),
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
}


def registration_email(registration, kind) -> Email:
    recipient = registration.registered_by
    language = recipient.language if recipient else "en"
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
        }
        subject = str(SUBJECTS[kind] % {"session": session.title})
        body_text = render_to_string("registrations/email/registration.txt", context)
        body_html = render_to_string("registrations/email/registration.html", context)
    return Email(
        to=recipient.email,
        subject=subject,
        body_text=body_text,
        body_html=body_html,
        kind=f"registration.{kind}",
        language=language,
        reference=f"registration:{registration.pk}",
        topic=mail_topic(registration.session.stop.mission_id),
    )
