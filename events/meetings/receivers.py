"""Meetings follow what missions and registrations announce: thin, each calls a service."""

from django.dispatch import receiver

from events.meetings.services.grids import follow_registration, follow_roster
from events.missions.signals import roster_changed
from events.registrations.signals import registration_changed


@receiver(registration_changed, dispatch_uid="meetings.follow_registration")
def on_registration_changed(sender, *, registration, **kwargs):
    follow_registration(registration)


@receiver(roster_changed, dispatch_uid="meetings.follow_roster")
def on_roster_changed(sender, *, mission_id, **kwargs):
    follow_roster(mission_id)
