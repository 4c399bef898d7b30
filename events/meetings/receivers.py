"""Meetings follow what missions and registrations announce: thin, each calls a service."""

from django.dispatch import receiver

from events.meetings.selectors import published_meetings_at, published_meetings_overlapping
from events.meetings.services.grids import follow_registration, follow_roster, follow_session
from events.meetings.services.publishing import announce_meetings_of
from events.missions.signals import party_renamed, roster_changed, session_moved
from events.registrations.signals import cancellation_losses_wanted, clashes_wanted, registration_changed


@receiver(registration_changed, dispatch_uid="meetings.follow_registration")
def on_registration_changed(sender, *, registration, **kwargs):
    follow_registration(registration)


@receiver(roster_changed, dispatch_uid="meetings.follow_roster")
def on_roster_changed(sender, *, mission_id, cancel_meetings=False, **kwargs):
    follow_roster(mission_id, cancel_meetings=cancel_meetings)


@receiver(session_moved, dispatch_uid="meetings.follow_session")
def on_session_moved(sender, *, session, shift, **kwargs):
    follow_session(session, shift)


@receiver(party_renamed, dispatch_uid="meetings.announce_renamed_party")
def on_party_renamed(sender, *, organization_id=None, delegate_id=None, **kwargs):
    announce_meetings_of(organization_id=organization_id, delegate_id=delegate_id)


@receiver(clashes_wanted, dispatch_uid="meetings.meetings_a_seat_overlaps")
def on_clashes_wanted(sender, *, registration, **kwargs):
    return published_meetings_overlapping(registration)


@receiver(cancellation_losses_wanted, dispatch_uid="meetings.meetings_a_cancellation_cancels")
def on_cancellation_losses_wanted(sender, *, registration, **kwargs):
    return published_meetings_at(registration)
