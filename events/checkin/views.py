"""Pages of check-in: the door page staff use on a phone, and the organisers' export of arrivals."""

import csv
import io
from zoneinfo import ZoneInfo

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_permissions_policy.decorators import permissions_policy_override

from events.checkin import selectors, services
from events.missions.models import Session
from events.missions.selectors import is_organiser
from events.registrations.export import neutralise

ROLE_LABELS = {
    selectors.ATTENDEE: gettext_lazy("Attendee"),
    selectors.DELEGATE: gettext_lazy("Delegate"),
    selectors.ORGANISER: gettext_lazy("Organiser"),
}


def _session_at_the_door(user, pk) -> Session:
    """The session, for its mission's organisers and check-in staff; 404 for everyone else, as if it did not
    exist (a scanner learns nothing of other missions)."""
    session = get_object_or_404(Session.objects.select_related("stop__mission"), pk=pk)
    if not selectors.may_check_in(user, session.stop.mission):
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
            "may_export": is_organiser(request.user, mission),
            "roles": {key: str(label) for key, label in ROLE_LABELS.items()},
        },
    )


@login_required
def arrivals_csv(request, pk):
    """A session's check-in list as CSV, for organisers: everyone expected, with their arrival time (blank:
    not arrived) in the session's place, ISO 8601 with its offset, the zone named in the header."""
    session = _session_at_the_door(request.user, pk)
    if not is_organiser(request.user, session.stop.mission):
        raise Http404
    zone = session.stop.time_zone
    local = ZoneInfo(zone)
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow([_("Name"), _("Organisation"), _("Role"), _("Checked in at (%(zone)s)") % {"zone": zone}])
    for entry in selectors.check_in_list(session):
        holder = entry.holder
        arrived = entry.checked_in_at.astimezone(local).isoformat(timespec="seconds") if entry.checked_in_at else ""
        writer.writerow(
            [neutralise(holder.name), neutralise(holder.organization), str(ROLE_LABELS[holder.role]), arrived]
        )
    response = HttpResponse(buffer.getvalue().encode("utf-8-sig"), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="arrivals-session-{session.pk}.csv"'
    return response
