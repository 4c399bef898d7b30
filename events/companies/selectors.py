from django.contrib.auth import get_user_model
from django.utils import timezone

from events.companies.models import Invitation
from events.missions.models import Organization, Representative


def company_of(user):
    """The company a user represents, or None.

    One query, with the company, per user object (a request's user): the permission check, the view and
    the service of one request ask nothing more. The representative goes into Django's reverse
    one-to-one cache (user.representative), as select_related would put it.
    """
    if not user.is_authenticated:
        return None
    if not hasattr(user, "_company_of"):
        if get_user_model().representative.is_cached(user):  # selected with the user (CompanyTokenAuthentication)
            representative = getattr(user, "representative", None)
        else:
            representative = Representative.objects.select_related("organization").filter(user=user).first()
            if representative is not None:
                user.representative = representative
        user._company_of = representative.organization if representative else None
    return user._company_of


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
