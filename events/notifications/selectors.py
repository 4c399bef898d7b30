"""Reads of the outbox."""

from django.db.models import QuerySet

from events.notifications.models import OutboundEmail


def failed_emails(topic) -> QuerySet[OutboundEmail]:
    """The messages of `topic` (e.g. mission:4) that will not be tried again, newest first; last_error says why."""
    return OutboundEmail.objects.filter(topic=topic, status=OutboundEmail.Status.FAILED).order_by("-created_at", "-pk")
