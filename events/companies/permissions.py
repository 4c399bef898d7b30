"""Writes that only a company's representatives may make, refused before the body is read (issue 11).

See events/missions/permissions.py for why this is checked before the body.
"""

from django.utils.translation import gettext_lazy as _
from rest_framework.permissions import SAFE_METHODS, BasePermission

from events.companies.selectors import company_of


class RepresentsACompany(BasePermission):
    message = _("Only a company's representatives can do this.")

    def has_permission(self, request, view):
        return request.method in SAFE_METHODS or company_of(request.user) is not None
