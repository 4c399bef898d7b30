"""Reads of the outbox."""

from django.db.models import QuerySet

from events.notifications.addresses import address_key
from events.notifications.models import OutboundEmail, UnreachableAddress


def failed_emails(topic) -> QuerySet[OutboundEmail]:
    """The messages of `topic` (e.g. mission:4) that will not be tried again, newest first; last_error says why."""
    return OutboundEmail.objects.filter(topic=topic, status=OutboundEmail.Status.FAILED).order_by("-created_at", "-pk")


def unreachable_addresses(emails) -> dict[str, UnreachableAddress]:
    """Of `emails`, those mail cannot reach, keyed by address_key (one query)."""
    wanted = {address_key(email) for email in emails if email}
    if not wanted:
        return {}
    return {address.email: address for address in UnreachableAddress.objects.filter(email__in=wanted)}


def unreachable_recipients(topic) -> list[UnreachableAddress]:
    """The unreachable addresses among the recipients of `topic`'s mail (e.g. mission:4), by address."""
    recipients = OutboundEmail.objects.filter(topic=topic).values_list("to", flat=True).distinct()
    return sorted(unreachable_addresses(recipients).values(), key=lambda address: address.email)
