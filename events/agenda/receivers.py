"""The agenda follows what the domain apps announce (events.core.signals): thin, each calls a service."""

from django.dispatch import receiver

from events.agenda.services import refresh_calendars
from events.core.signals import attendance_changed


@receiver(attendance_changed, dispatch_uid="agenda.refresh_calendars")
def on_attendance_changed(sender, *, sessions=(), people=(), **kwargs):
    refresh_calendars(sessions=sessions, people=people)
