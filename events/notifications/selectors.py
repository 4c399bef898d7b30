"""Reads of the outbox."""

from django.db.models import QuerySet
from django.db.models.functions import Lower

from events.notifications.models import OutboundEmail, UnreachableAddress


def failed_emails(topic) -> QuerySet[OutboundEmail]:
    """The messages of `topic` (e.g. mission:4) that will not be tried again, newest first; last_error says why."""
    return OutboundEmail.objects.filter(topic=topic, status=OutboundEmail.Status.FAILED).order_by("-created_at", "-pk")


def unreachable_addresses(emails) -> dict[str, UnreachableAddress]:
    """Of `emails`, those mail cannot reach, keyed by the address in lower case (one query)."""
    wanted = {email.lower() for email in emails if email}
    if not wanted:
        return {}
    return {address.email: address for address in UnreachableAddress.objects.filter(email__in=wanted)}


def unreachable_recipients(topic) -> QuerySet[UnreachableAddress]:
    """The unreachable addresses among the recipients of `topic`'s mail (e.g. mission:4), by address."""
    recipients = OutboundEmail.objects.filter(topic=topic).annotate(address=Lower("to")).values("address")
    return UnreachableAddress.objects.filter(email__in=recipients).order_by("email")
