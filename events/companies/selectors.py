from django.utils import timezone

from events.companies.models import Invitation
from events.missions.models import Organization, Representative


def company_of(user):
    """The company a user represents, or None."""
    if not user.is_authenticated:
        return None
    representative = Representative.objects.select_related("organization").filter(user=user).first()
    return representative.organization if representative else None


def companies_represented_by(user):
    if not user.is_authenticated:
        return Organization.objects.none()
    return Organization.objects.filter(representatives__user=user).prefetch_related("sectors")


def colleagues(organization):
    return Representative.objects.filter(organization=organization).select_related("user").order_by("user__full_name")


def open_invitations(organization):
    return Invitation.objects.filter(
        organization=organization, accepted_at__isnull=True, revoked_at__isnull=True, expires_at__gt=timezone.now()
    )
