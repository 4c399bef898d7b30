"""The outbox as a worker would leave it: intents are written when they are sent (notifications.composers)."""

from events.notifications.models import OutboundEmail
from events.notifications.services import deliver_emails


def sent(rows):
    """Send the pending, due rows among `rows` (a queryset or one row) as the worker would; returns them
    again as they are now, a list for a queryset, the row for a row."""
    single = isinstance(rows, OutboundEmail)
    pks = [rows.pk] if single else list(rows.values_list("pk", flat=True))
    deliver_emails(list(OutboundEmail.objects.filter(pk__in=pks, status="pending").values_list("pk", flat=True)))
    fresh = OutboundEmail.objects.in_bulk(pks)
    return fresh[rows.pk] if single else [fresh[pk] for pk in pks]
