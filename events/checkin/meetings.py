"""At a one-to-one, one side scans the other's badge or the table's QR code: their meeting of the moment is
marked held (issue 13).

One scanner, one mechanism: the scanned secret is a badge's or a table's (both 32 random base32 characters,
and nothing else). The scanner's own published meetings around now are the candidates; a badge says who is
across the table (its person speaks for the other side: the delegate, or an attendee of the company), a
table's code says where they sit. Marking is events.meetings' (services.mark_held): this module only finds
which meeting the scan means.
"""

from datetime import timedelta

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from events.checkin.models import Badge
from events.core.errors import ConflictError
from events.meetings import selectors as meeting_selectors
from events.meetings import services as meeting_services
from events.meetings.services.permissions import sits_on_the_side_of

# A scan a little before the slot (people sit down early) or after it (the talk ran over) still counts.
LEEWAY = timedelta(minutes=15)


def mark_met_by_scan(*, acting_user, secret, now=None):
    """Mark held the scanner's meeting happening now with the badge's person, or at the table whose code
    they scanned; returns (meeting, outcome). Of two candidates (a delegate's table hosts their meetings
    back to back), the one whose slot is nearest now is meant.

    Raises ConflictError when the scanner has no such meeting around now (or the code is unknown: the two
    read alike, so a scan says nothing about whose badge or which table it is).
    """
    now = now or timezone.now()
    secret = (secret or "").strip().upper()
    around_now = meeting_selectors.published_meetings_involving(acting_user).filter(
        slot__starts_at__lte=now + LEEWAY, slot__ends_at__gte=now - LEEWAY
    )
    candidates = [] if not secret else list(around_now.filter(table__secret=secret))
    badge = Badge.objects.filter(secret=secret).first() if secret and not candidates else None
    if badge is not None:
        candidates = [meeting for meeting in around_now if _across_the_table(meeting, acting_user, badge)]
    if not candidates:
        raise ConflictError(_("You have no meeting with this badge's holder, or at this table, at this time."))
    meeting = min(candidates, key=lambda candidate: _distance(candidate.slot, now))
    start = max(now, meeting.slot.starts_at)  # scanned while sitting down: held from its start
    return meeting, meeting_services.mark_held(meeting, acting_user=acting_user, now=start)


def _across_the_table(meeting, acting_user, badge) -> bool:
    sides = (meeting.request.requester, meeting.request.receiver)
    others = [side for side in sides if not sits_on_the_side_of(acting_user, side)]
    people = meeting_selectors.people_speaking_for(others)
    return any(badge.email == email for side in others for email, _name, _language in people[side.pk])


def _distance(slot, now) -> timedelta:
    """How far `now` is from `slot`: nothing inside it."""
    return max(slot.starts_at - now, now - slot.ends_at, timedelta(0))
