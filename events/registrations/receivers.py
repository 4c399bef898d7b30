"""Registrations answer what the apps below them ask (events.missions.signals): thin, each reads."""

from django.dispatch import receiver

from events.missions.signals import session_notes_wanted
from events.registrations.notes import session_notes


@receiver(session_notes_wanted, dispatch_uid="registrations.session_notes")
def on_session_notes_wanted(sender, *, sessions, user, now, **kwargs):
    return session_notes(sessions, user=user, now=now)
