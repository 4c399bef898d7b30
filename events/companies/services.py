"""Company profiles: create one, edit it, set its logo, bring colleagues in by invitation.

A user represents at most one company; only its representatives change its profile.
"""

from datetime import timedelta

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from events.accounts.models import User
from events.accounts.selectors import DEFAULT_LANGUAGE
from events.companies.logos import clean_logo
from events.companies.models import Invitation, hash_token, new_token
from events.core.errors import ConflictError, PermissionDeniedError
from events.core.models import clean_value
from events.missions.models import Delegate, Organization, Representative
from events.notifications.services import Email, enqueue_email

INVITATION_LIFETIME = timedelta(days=14)
PROFILE_FIELDS = ("name", "country", "city", "website", "description", "offers", "size", "sectors")


def require_representative(user, organization):
    representative = getattr(user, "representative", None) if user.is_authenticated else None
    if representative is None or representative.organization_id != organization.pk:
        raise PermissionDeniedError(_("Only the representatives of this company can do this."))


def _unique_slug(name) -> str:
    base = slugify(name)[:70] or "company"
    slug, number = base, 1
    while Organization.objects.filter(slug=slug).exists():
        number += 1
        slug = f"{base}-{number}"
    return slug


def _apply_profile(organization, fields):
    sectors = fields.pop("sectors", None)
    unknown = set(fields) - set(PROFILE_FIELDS)
    if unknown:
        raise ValueError(f"not profile fields: {sorted(unknown)}")
    for name, value in fields.items():
        setattr(organization, name, value)
    organization.full_clean()
    organization.save()
    if sectors is not None:
        organization.sectors.set(sectors)
    return organization


def refuse_delegates(user) -> None:
    """One person, one side: a delegate of a mission not over yet cannot represent a company, which would put
    them on both sides of its meetings and show them its requests (missions.signals.delegate_address_refusal is
    the other way round). Raises ConflictError."""
    delegate = (
        Delegate.objects.annotate(address=Delegate.calendar_address_in_sql())
        .filter(Q(user=user) | Q(address=user.email.lower()), delegation__mission__end_date__gte=timezone.localdate())
        .select_related("delegation__mission")
        .first()
    )
    if delegate is not None:
        raise ConflictError(
            _("You are a delegate of %(mission)s: delegates meet the companies, they cannot represent one.")
            % {"mission": delegate.delegation.mission.title}
        )


@transaction.atomic
def create_company(*, acting_user, job_title="", full_name="", **fields) -> Organization:
    """Create a company profile and make the acting user its first representative.

    `full_name` completes the user's own account (sign-up asks only for an email). Raises ValidationError
    on the field at fault, or ConflictError when the user already represents a company; then writes nothing.
    """
    job_title = clean_value(Representative, "job_title", job_title)
    full_name = clean_value(User, "full_name", full_name.strip())
    if hasattr(acting_user, "representative"):
        raise ConflictError(
            _("You already represent %(company)s.") % {"company": acting_user.representative.organization},
            field="name",
        )
    refuse_delegates(acting_user)
    organization = Organization(kind=Organization.Kind.COMPANY, slug=_unique_slug(fields.get("name") or ""))
    _apply_profile(organization, fields)
    Representative.objects.create(user=acting_user, organization=organization, job_title=job_title)
    if full_name:
        acting_user.full_name = full_name
        acting_user.save(update_fields=["full_name"])
    return organization


@transaction.atomic
def update_company(organization, *, acting_user, **fields) -> Organization:
    # As stored, locked: a rename is told apart from the name loaded (missions.receivers.announce_renamed_parties).
    organization = Organization.objects.select_for_update().get(pk=organization.pk)
    require_representative(acting_user, organization)
    return _apply_profile(organization, fields)


@transaction.atomic
def update_own_details(*, acting_user, full_name, job_title="") -> Representative:
    """A representative's own name (kept on their account) and job title (kept at their company).

    Both are single lines. Raises ValidationError on each field at fault, then writes nothing, and
    PermissionDeniedError for a user who represents no company.
    """
    representative = Representative.objects.filter(user_id=acting_user.pk).select_for_update().first()
    if representative is None:
        raise PermissionDeniedError(_("Only a company's representatives can do this."))
    full_name, job_title = (full_name or "").strip(), (job_title or "").strip()
    errors = {"full_name": [_("Enter your name.")]} if not full_name else {}
    for model, field, value in ((User, "full_name", full_name), (Representative, "job_title", job_title)):
        try:
            clean_value(model, field, value)
        except ValidationError as error:
            errors.setdefault(field, error.message_dict[field])
    if errors:
        raise ValidationError(errors)
    acting_user.full_name = full_name
    acting_user.save(update_fields=["full_name"])
    representative.job_title = job_title
    representative.save(update_fields=["job_title"])
    return representative


@transaction.atomic
def set_logo(organization, *, acting_user, upload) -> Organization:
    require_representative(acting_user, organization)
    image = clean_logo(upload)
    old_name = organization.logo.name if organization.logo else ""
    if old_name:
        organization.logo.storage.delete(old_name)
    organization.logo.save("logo.png", image, save=False)
    organization.save(update_fields=["logo", "updated_at"])
    return organization


@transaction.atomic
def remove_logo(organization, *, acting_user) -> Organization:
    require_representative(acting_user, organization)
    if organization.logo:
        organization.logo.delete(save=False)
    organization.logo = ""
    organization.save(update_fields=["logo", "updated_at"])
    return organization


def _invitation_email(invitation, token, inviter, base_url) -> Email:
    language = inviter.language or DEFAULT_LANGUAGE
    link = base_url.rstrip("/") + reverse("companies:join", args=[token])
    with translation.override(language):
        context = {"invitation": invitation, "inviter": inviter, "link": link, "company": invitation.organization}
        subject = str(
            _("%(name)s invites you to represent %(company)s")
            % {
                "name": inviter.full_name or inviter.email,
                "company": invitation.organization.name,
            }
        )
        body_text = render_to_string("companies/email/invitation.txt", context)
        body_html = render_to_string("companies/email/invitation.html", context)
    return Email(
        to=invitation.email,
        subject=subject,
        body_text=body_text,
        body_html=body_html,
        kind="company.invitation",
        language=language,
        reference=f"invitation:{invitation.pk}",
    )


def invite_colleague(organization, *, acting_user, email, base_url, now=None) -> Invitation:
    """Invite a colleague by email; the link in the message is the only copy of the token."""
    require_representative(acting_user, organization)
    now = now or timezone.now()
    email = (email or "").strip()
    if Representative.objects.filter(organization=organization, user__email__iexact=email).exists():
        raise ConflictError(_("%(email)s already represents this company.") % {"email": email}, field="email")
    token = new_token()
    invitation = Invitation(
        organization=organization,
        email=email,
        invited_by=acting_user,
        token_hash=hash_token(token),
        expires_at=now + INVITATION_LIFETIME,
    )
    try:
        with transaction.atomic():
            invitation.full_clean()
            invitation.save()
            enqueue_email(_invitation_email(invitation, token, acting_user, base_url))
    except IntegrityError as error:
        raise ConflictError(_("%(email)s has already been invited.") % {"email": email}, field="email") from error
    return invitation


def find_invitation(token, *, now=None):
    """The open invitation behind a token, or None (unknown, accepted, revoked and expired look alike)."""
    now = now or timezone.now()
    invitation = (
        Invitation.objects.select_related("organization", "invited_by").filter(token_hash=hash_token(token)).first()
    )
    return invitation if invitation and invitation.is_open(now) else None


@transaction.atomic
def accept_invitation(token, *, acting_user, job_title="", now=None) -> Representative:
    now = now or timezone.now()
    job_title = clean_value(Representative, "job_title", job_title)
    invitation = find_invitation(token, now=now)
    if invitation is None:
        raise PermissionDeniedError(_("This invitation is no longer valid; ask your colleague for a new one."))
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    if invitation.email.lower() != acting_user.email.lower():
        raise PermissionDeniedError(
            _("This invitation was sent to %(email)s; sign in with that address to accept it.")
            % {"email": invitation.email}
        )
    current = getattr(acting_user, "representative", None)
    if current is not None and current.organization_id != invitation.organization_id:
        raise ConflictError(_("You already represent %(company)s.") % {"company": current.organization})
    refuse_delegates(acting_user)
    representative = current or Representative.objects.create(
        user=acting_user, organization=invitation.organization, job_title=job_title
    )
    invitation.accepted_at = now
    invitation.save(update_fields=["accepted_at"])
    return representative


@transaction.atomic
def revoke_invitation(invitation, *, acting_user, now=None) -> Invitation:
    require_representative(acting_user, invitation.organization)
    if invitation.accepted_at is not None:
        raise ValidationError({"invitation": _("This invitation has already been accepted.")})
    invitation.revoked_at = now or timezone.now()
    invitation.save(update_fields=["revoked_at"])
    return invitation
