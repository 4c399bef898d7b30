"""What registrations say of sessions on the mission page (events.missions.signals.session_notes_wanted), in
the words the registration pages use: the form's seats left, the company's status as "Your registrations"
shows it."""

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from events.companies.selectors import company_of
from events.missions.signals import SessionNote
from events.registrations import selectors
from events.registrations.models import Registration


def session_notes(sessions, *, user, now) -> dict[int, SessionNote]:
    """{session pk: SessionNote} for those of `sessions` that are open with a seat limit (seats left, for
    anyone) or that `user`'s company registered for (its status). Two queries at most, whatever their number."""
    limited = [session for session in sessions if session.capacity is not None and session.registration_is_open(now)]
    seats = {pk: seats_in_words(left) for pk, left in selectors.seats_left_by_session(limited).items()}
    company = company_of(user)
    registrations = (
        selectors.with_waitlist_positions(selectors.active_registrations(company, sessions)) if company else ()
    )
    registered = {registration.session_id: registration for registration in registrations}
    return {
        pk: SessionNote(
            seats=seats.get(pk, ""),
            registration=status_in_words(registered[pk]) if pk in registered else "",
            registration_status=registered[pk].status if pk in registered else "",
        )
        for pk in seats.keys() | registered.keys()
    }


def seats_in_words(left: int) -> str:
    """As the registration form says it: 0 means a newcomer would wait (selectors.seats_left_by_session)."""
    if not left:
        return _("Full: new registrations join the waitlist")
    return ngettext("%(seats)s seat left", "%(seats)s seats left", left) % {"seats": left}


def status_in_words(registration) -> str:
    """Its status, or its place on the waitlist (needs `waitlist_position`, selectors.with_waitlist_positions)."""
    if registration.status == Registration.Status.WAITLISTED:
        return _("Position %(position)s on the waitlist") % {"position": registration.waitlist_position}
    return registration.get_status_display()
