"""Writes that only the people of a meeting grid may make, refused before the body is read (issue 11).

See events/missions/permissions.py for why this is checked before the body.
"""

from django.utils.translation import gettext_lazy as _
from rest_framework.permissions import SAFE_METHODS, BasePermission

from events.meetings.selectors import participants_of


class TakesPartInMeetings(BasePermission):
    """A company or a delegate that is a participant of some meeting grid."""

    message = _("Only the participants of a meeting session can do this.")

    def has_permission(self, request, view):
        return request.method in SAFE_METHODS or participants_of(request.user).exists()
