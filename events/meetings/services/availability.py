"""When a participant can meet: presence (arrival and departure) and blocked periods."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from events.meetings.models import BlockedPeriod
from events.meetings.services.permissions import require_party_or_organiser


@transaction.atomic
def set_presence(participant, *, acting_user, arrives_at=None, leaves_at=None):
    """Record when a participant arrives at and leaves the session (None: from the start, to the end)."""
    require_party_or_organiser(acting_user, participant, participant.grid)
    if arrives_at and leaves_at and leaves_at <= arrives_at:
        raise ValidationError({"leaves_at": _("Departure must come after arrival.")})
    participant.arrives_at, participant.leaves_at = arrives_at, leaves_at
    participant.save(update_fields=["arrives_at", "leaves_at"])
    return participant


@transaction.atomic
def block_period(participant, *, acting_user, starts_at, ends_at, reason="") -> BlockedPeriod:
    require_party_or_organiser(acting_user, participant, participant.grid)
    period = BlockedPeriod(participant=participant, starts_at=starts_at, ends_at=ends_at, reason=reason)
    if ends_at <= starts_at:
        raise ValidationError({"ends_at": _("The end must come after the start.")})
    period.full_clean()
    period.save()
    return period


@transaction.atomic
def unblock_period(period, *, acting_user) -> None:
    require_party_or_organiser(acting_user, period.participant, period.participant.grid)
    period.delete()
