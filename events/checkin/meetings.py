"""At a one-to-one, one side scans the other's badge: their meeting of the moment is marked held (issue 13).

The scanner's own published meetings around now are the candidates; the badge says who is across the
table (its person speaks for the other side: the delegate, or an attendee of the company). Marking is
events.meetings' (services.mark_held): this module only finds which meeting the scan means.
"""

from datetime import timedelta

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from events.checkin.models import Badge
from events.core.errors import ConflictError
from events.meetings import selectors as meeting_selectors
from events.meetings import services as meeting_services
from events.meetings.services.permissions import speaks_for

# A scan a little before the slot (people sit down early) or after it (the talk ran over) still counts.
LEEWAY = timedelta(minutes=15)


def mark_met_by_badge(*, acting_user, secret, now=None):
    """Mark held the scanner's meeting happening now with the badge's person; returns (meeting, outcome).

    Raises ConflictError when the scanner has no meeting with that person around now (or the badge is
    unknown: the two read alike, so a scan says nothing about whose badge it is).
    """
    now = now or timezone.now()
    badge = Badge.objects.filter(secret=(secret or "").strip().upper()).first()
    if badge is not None:
        around_now = meeting_selectors.published_meetings_of(acting_user).filter(
            slot__starts_at__lte=now + LEEWAY, slot__ends_at__gte=now - LEEWAY
        )
        for meeting in around_now:
            sides = (meeting.request.requester, meeting.request.receiver)
            others = [side for side in sides if not speaks_for(acting_user, side)]
            people = meeting_selectors.people_speaking_for(others)
            if any(badge.email == email for side in others for email, _name, _language in people[side.pk]):
                start = max(now, meeting.slot.starts_at)  # scanned while sitting down: held from its start
                return meeting, meeting_services.mark_held(meeting, acting_user=acting_user, now=start)
    raise ConflictError(_("You have no meeting with this badge's holder at this time."))
