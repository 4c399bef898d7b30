"""Scans that only door staff may upload, refused before the body is read (issue 11's rule).

See events/missions/permissions.py for why this is checked before the body. The service still checks
that the caller staffs the mission of the session the body names.
"""

from django.utils.translation import gettext_lazy as _
from rest_framework.permissions import SAFE_METHODS, BasePermission

from events.checkin.models import CheckInStaff
from events.missions.permissions import organises_any


class StaffsADoor(BasePermission):
    """Organisers of a mission, and the check-in staff they named for one."""

    message = _("Only a mission's organisers and check-in staff can do this.")

    def has_permission(self, request, view):
        user = request.user
        return (
            request.method in SAFE_METHODS
            or organises_any(user)
            or (user.is_authenticated and CheckInStaff.objects.filter(user=user).exists())
        )
