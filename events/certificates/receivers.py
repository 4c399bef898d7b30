"""Certificates follow what the apps below them announce (events.core.signals): thin, each calls a service."""

from django.dispatch import receiver

from events.certificates.services import move_records
from events.core.signals import address_moved


@receiver(address_moved, dispatch_uid="certificates.records_follow_the_person")
def on_address_moved(sender, *, missions, old, new, **kwargs):
    move_records(missions, old=old, new=new)
