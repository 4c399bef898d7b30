"""Pages of check-in: the door page staff use on a phone, and the organisers' export of arrivals."""

import csv
import io
from zoneinfo import ZoneInfo

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django_permissions_policy.decorators import permissions_policy_override

from events.checkin import selectors, services
from events.missions.selectors import is_organiser
from events.registrations.export import neutralise


def _session_at_the_door(user, pk):
    session = selectors.session_at_the_door(user, pk)
    if session is None:
        raise Http404
    return session


# The site denies itself the camera; only the door page takes it back, for itself alone (scanning badges).
@permissions_policy_override({**settings.PERMISSIONS_POLICY, "camera": ["self"]})
@login_required
def door(request, pk):
    """Scan badges or find people by name, record entries (queued on the phone while offline), see arrivals."""
    session = _session_at_the_door(request.user, pk)
    mission = session.stop.mission
    # Everyone on the list gets a badge now (issuing is idempotent), so finding them by name checks them in.
    services.issue_badges(mission, emails=list(selectors.holders_for_session(session)))
    return render(
        request,
        "checkin/door.html",
        {
            "session": session,
            "mission": mission,
            "zone": session.stop.time_zone,
            **selectors.door_notice(session, timezone.now()),
            "may_export": is_organiser(request.user, mission),
            "roles": {key: str(label) for key, label in selectors.ROLE_LABELS.items()},
        },
    )


@login_required
def arrivals_csv(request, pk):
    """A session's check-in list as CSV, for organisers: everyone expected, with their arrival time (blank:
    not arrived) in the session's place, ISO 8601 with its offset, the zone named in the header; then those
    who arrived and are no longer on the list (selectors.arrivals)."""
    session = _session_at_the_door(request.user, pk)
    if not is_organiser(request.user, session.stop.mission):
        raise Http404
    zone = session.stop.time_zone
    local = ZoneInfo(zone)
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow([_("Name"), _("Organisation"), _("Role"), _("Checked in at (%(zone)s)") % {"zone": zone}])
    for entry in selectors.arrivals(session):
        holder = entry.holder
        arrived = entry.checked_in_at.astimezone(local).isoformat(timespec="seconds") if entry.checked_in_at else ""
        writer.writerow(
            [neutralise(holder.name), neutralise(holder.organization), str(selectors.ROLE_LABELS[holder.role]), arrived]
        )
    response = HttpResponse(buffer.getvalue().encode("utf-8-sig"), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="arrivals-session-{session.pk}.csv"'
    return response
