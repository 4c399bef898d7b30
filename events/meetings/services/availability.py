"""When a participant can meet: presence (arrival and departure) and blocked periods."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
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
    session = participant.grid.session
    if ends_at <= session.starts_at or session.ends_at <= starts_at:
        # A period that meets no slot blocks nothing: most likely a wrong day or an AM/PM slip.
        with timezone.override(session.stop.zone):
            when = {
                "starts": date_format(timezone.localtime(session.starts_at), "SHORT_DATETIME_FORMAT"),
                "ends": date_format(timezone.localtime(session.ends_at), "SHORT_DATETIME_FORMAT"),
                "zone": session.stop.time_zone,
            }
        raise ValidationError(
            {"starts_at": _("Block a time within the session: %(starts)s to %(ends)s (%(zone)s).") % when}
        )
    period.full_clean()
    period.save()
    return period


@transaction.atomic
def unblock_period(period, *, acting_user) -> None:
    require_party_or_organiser(acting_user, period.participant, period.participant.grid)
    period.delete()
