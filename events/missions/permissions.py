"""Who may write at all, checked before a request's body is read.

DRF runs a view's permissions in `initial()`, before the handler parses the body, and object
permissions in `get_object()`, before an update validates it. So a caller who may not act gets 403
(or 404 for what they cannot see) without learning which fields a body would need (issue 11). The
services still check the objects a body names; these classes only refuse early.
"""

from django.utils.translation import gettext_lazy as _
from rest_framework.permissions import SAFE_METHODS, BasePermission

from events.missions.selectors import is_organiser, mission_of, organised_missions
from events.missions.services import can_create_missions


def organises_any(user) -> bool:
    return user.is_authenticated and (can_create_missions(user) or organised_missions(user).exists())


class Organises(BasePermission):
    """Writes: people who organise a mission, or may create one; on an object, its mission's organisers.
    Reads: as the view allows."""

    message = _("Only a mission's organisers can do this.")

    def has_permission(self, request, view):
        return request.method in SAFE_METHODS or organises_any(request.user)

    def has_object_permission(self, request, view, obj):
        return request.method in SAFE_METHODS or is_organiser(request.user, mission_of(obj))
