"""Registrations answer what the apps below them ask (events.missions.signals): thin, each reads."""

from django.dispatch import receiver
from django.utils.translation import gettext as _

from events.accounts.signals import address_changed
from events.missions.signals import delegate_address_refusals_wanted, session_notes_wanted, session_removing
from events.registrations.notes import session_notes
from events.registrations.selectors import meeting_attendance
from events.registrations.services import attendance_follows_the_account, tell_session_removed


@receiver(session_notes_wanted, dispatch_uid="registrations.session_notes")
def on_session_notes_wanted(sender, *, sessions, user, now, **kwargs):
    return session_notes(sessions, user=user, now=now)


@receiver(delegate_address_refusals_wanted, dispatch_uid="registrations.attendance_refusing_delegate")
def attendance_refusing_delegate(sender, *, mission_id, address, **kwargs):
    """The reverse of validation.delegates_among: a company's attendee at a B2B meeting session of the mission
    cannot join its delegation."""
    registration = meeting_attendance(mission_id, address)
    if registration is None:
        return None
    return _(
        "%(email)s attends “%(session)s” for %(company)s: delegates meet the companies, they cannot attend for one."
    ) % {"email": address, "session": registration.session.title, "company": registration.organization.name}


@receiver(session_removing, dispatch_uid="registrations.tell_session_removed")
def on_session_removing(sender, *, session, **kwargs):
    tell_session_removed(session)


@receiver(address_changed, dispatch_uid="registrations.attendance_follows_the_account")
def on_address_changed(sender, *, user, old, new, **kwargs):
    attendance_follows_the_account(old=old, new=new)
