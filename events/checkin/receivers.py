"""Check-in follows what the apps below it announce (events.core.signals): thin, each calls a service."""

from django.dispatch import receiver

from events.checkin.selectors import arrived_among
from events.checkin.services import move_badges, refuse_leaving_arrivals, refuse_removing_arrivals
from events.core.signals import address_moved
from events.missions.signals import session_moved, session_removing
from events.registrations.signals import arrivals_wanted


@receiver(address_moved, dispatch_uid="checkin.badges_follow_the_person")
def on_address_moved(sender, *, missions, old, new, **kwargs):
    move_badges(missions, old=old, new=new)


@receiver(arrivals_wanted, dispatch_uid="checkin.arrivals")
def on_arrivals_wanted(sender, *, session, addresses, **kwargs):
    return arrived_among(session, addresses)


@receiver(session_removing, dispatch_uid="checkin.arrivals_stay")
def on_session_removing(sender, *, session, **kwargs):
    refuse_removing_arrivals(session)


@receiver(session_moved, dispatch_uid="checkin.arrivals_stay_covered")
def on_session_moved(sender, *, session, **kwargs):
    refuse_leaving_arrivals(session)
