"""Missions answer what the apps below them ask (events.accounts.signals): thin, each reads."""

from django.db.models.signals import post_save
from django.dispatch import receiver

from events.accounts.signals import address_changed, address_refusals_wanted
from events.core.locks import hold_mission_roles
from events.core.signals import announce_address_moved
from events.missions.models import Delegate, Mission, Organization
from events.missions.signals import delegate_address_refusal, party_renamed


@receiver(address_refusals_wanted, dispatch_uid="missions.delegate_address_refusal")
def delegates_address_refusal(sender, *, user, address, **kwargs):
    """A delegate's calendar goes to their account's address (Delegate.calendar_address): an address the account
    takes is checked as the roster checks one (services._refuse_address_taken), in each mission it is a delegate of,
    under the same lock."""
    for mission_id in Delegate.objects.filter(user=user).values_list("delegation__mission_id", flat=True).distinct():
        hold_mission_roles(mission_id, [address])  # before reading: who else names this address
        if refusal := delegate_address_refusal(mission_id, address):
            return refusal
    return None


@receiver(address_changed, dispatch_uid="missions.roster_follows_the_account")
def roster_follows_the_account(sender, *, user, old, new, **kwargs):
    """The roster names where a delegate's mail goes: their account's address once they have one
    (Delegate.calendar_address). Moved on the account, it is moved on the roster, so that the organiser reads
    the address in use and an edit of the roster does not bring back the old one; and in each of their missions
    the person moved address (core.signals.address_moved: their badge and certificates go with them)."""
    Delegate.objects.filter(user=user).exclude(email__iexact=new).update(email=new)
    missions = Delegate.objects.filter(user=user).values_list("delegation__mission_id", flat=True)
    announce_address_moved(Delegate, missions=list(missions), old=old, new=new)
    # An organiser's badge is kept by their address too: her printed badge was turned away after she moved.
    announce_address_moved(
        Mission, missions=list(user.organised_missions.values_list("pk", flat=True)), old=old, new=new
    )


@receiver(post_save, sender=Organization, dispatch_uid="missions.organization_renamed")
@receiver(post_save, sender=Delegate, dispatch_uid="missions.delegate_renamed")
def announce_renamed_parties(sender, *, instance, created, raw, **kwargs):
    """Every way a name changes (a company's page, the admin, the roster's API), compared with the name as loaded
    (core.models.RemembersStoredValues): a new name is announced once (signals.party_renamed)."""
    old = instance.value_before_save("name" if sender is Organization else "full_name")
    if raw or created or old is None:
        return
    key = "organization_id" if sender is Organization else "delegate_id"
    party_renamed.send(sender=sender, **{key: instance.pk})
