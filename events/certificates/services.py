"""Defining certificates, issuing them to everyone who qualifies, revoking one, and rotating the signing key.

Issuing is derived state: who qualifies now (check-ins, or an organiser's attendance mark) minus who holds
one already. Running it again
issues only to those who qualified since; a revoked certificate is not issued again. Two runs at once
queue on the definition's row lock, and the unique (definition, email) constraint has the last word.
"""

import datetime as dt

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from events.certificates import selectors, signing
from events.certificates.messages import certificate_emails
from events.certificates.models import AttendanceMark, Certificate, CertificateDefinition, SigningKey
from events.checkin.selectors import holder_at_session, holders_for_mission, missions_where_held
from events.core.errors import ConflictError, PermissionDeniedError
from events.missions.services import require_organiser
from events.notifications.services import enqueue_emails

# https://www.w3.org/TR/vc-data-model-2.0/ and Open Badges 3.0's context: the record reads as an
# OpenBadgeCredential, without the embedded proof (the signature travels beside it, see selectors.signed_document).
CONTEXTS = ["https://www.w3.org/ns/credentials/v2", "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"]


@transaction.atomic
def define_certificate(
    mission, *, acting_user, title, sessions, minimum_check_ins=1, issuer_name, description=""
) -> CertificateDefinition:
    """A certificate for `sessions` of `mission` (one session, or a training's several). Organisers only.

    Raises ValidationError naming the field: a session of another mission, no session, or a minimum
    outside 1..len(sessions).
    """
    require_organiser(acting_user, mission)
    sessions = list(sessions)
    if not sessions:
        raise ValidationError({"sessions": _("Choose at least one session.")})
    if any(session.stop.mission_id != mission.pk for session in sessions):
        raise ValidationError({"sessions": _("Choose sessions of this mission.")})
    if not 1 <= minimum_check_ins <= len(sessions):
        raise ValidationError(
            {
                "minimum_check_ins": _("Between 1 and the number of sessions chosen (%(count)d).")
                % {"count": len(sessions)}
            }
        )
    definition = CertificateDefinition(
        mission=mission,
        title=title,
        description=description,
        minimum_check_ins=minimum_check_ins,
        issuer_name=issuer_name,
    )
    definition.full_clean()
    definition.save()
    definition.sessions.set(sessions)
    return definition


def issue_certificates(definition, *, acting_user, now=None) -> list[Certificate]:
    """A signed certificate for each person who qualifies and holds none for `definition` yet.

    Returns the new ones (none on a second run with nobody new), each mailed its verification address
    through the outbox in the same transaction. Locks the definition's row for the run.
    A qualifier whose role in the mission has ended since (a registration cancelled after the day) has
    no name here to print, and is left out. Organisers only.
    """
    require_organiser(acting_user, definition.mission)
    now = now or timezone.now()
    with transaction.atomic():
        CertificateDefinition.objects.select_for_update().get(pk=definition.pk)
        holding = set(definition.certificates.values_list("email", flat=True))
        wanted = [email for email in selectors.qualifiers(definition) if email not in holding]
        if not wanted:
            return []
        names = holders_for_mission(definition.mission)
        key = active_signing_key()
        sessions = definition.sessions.count()
        made = [_signed(definition, email, names[email].name, key, now, sessions) for email in wanted if email in names]
        issued = Certificate.objects.bulk_create(made)
        enqueue_emails([(email, None) for email in certificate_emails(issued)], new_records=True)
        return issued


def _signed(definition, email, name, key, now, sessions) -> Certificate:
    certificate = Certificate(definition=definition, email=email, name=name, issued_at=now, signing_key=key)
    record = credential(certificate, sessions=sessions)
    certificate.record = signing.canonical_json(record).decode("utf-8")
    certificate.signature = signing.sign(record, signing.from_b64url(key.private_key))
    return certificate


def verification_url(public_id: str) -> str:
    return settings.SITE_URL + reverse("certificates:verify", args=[public_id])


def keys_url() -> str:
    return settings.SITE_URL + reverse("certificates:keys")


def credential(certificate, *, sessions: int) -> dict:
    """What the certificate states, shaped as an Open Badges 3.0 OpenBadgeCredential (a W3C Verifiable
    Credential): strings only, so that its canonical JSON is RFC 8785's. No email, no organisation."""
    definition = certificate.definition
    return {
        "@context": CONTEXTS,
        "id": verification_url(certificate.public_id),
        "type": ["VerifiableCredential", "OpenBadgeCredential"],
        "issuer": {"id": keys_url(), "type": ["Profile"], "name": definition.issuer_name},
        "validFrom": certificate.issued_at.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "name": definition.title,
        "credentialSubject": {
            "type": ["AchievementSubject"],
            "name": certificate.name,
            "achievement": {
                "type": ["Achievement"],
                "name": definition.title,
                "description": definition.description or definition.title,
                "criteria": {
                    "narrative": f"Checked in to at least {definition.minimum_check_ins} of {sessions} sessions, "
                    "or marked attended by the organisers."
                },
            },
        },
    }


def mark_attended(definition, *, acting_user, email, now=None) -> AttendanceMark:
    """Record that `email` attended `definition`'s training, by `acting_user` at `now`: they qualify from now on.

    Only someone on one of its sessions' check-in lists (check-in's rule of who may enter) can be marked.
    Organisers only. Raises ValidationError on `email` (not an address, or not on a list) and ConflictError
    if the person is marked already. Locks the definition's row, as issuing does.
    """
    require_organiser(acting_user, definition.mission)
    email = _address(email)
    if not any(holder_at_session(session, email) for session in definition.sessions.select_related("stop__mission")):
        raise ValidationError({"email": _("This person is not on the list of any of this certificate's sessions.")})
    with transaction.atomic():
        CertificateDefinition.objects.select_for_update().get(pk=definition.pk)
        if AttendanceMark.objects.filter(definition=definition, email=email).exists():
            raise ConflictError(_("This person is marked attended already."), code="already_marked", field="email")
        return AttendanceMark.objects.create(
            definition=definition, email=email, marked_by=acting_user, marked_at=now or timezone.now()
        )


def unmark_attended(definition, *, acting_user, email) -> None:
    """Take back an attendance mark, before the certificate it earns is issued (afterwards, revoke the
    certificate: it is signed, and its record says it was issued). Organisers only. Raises ValidationError
    on `email` if there is no such mark, ConflictError if the certificate was issued. Locks the definition's
    row, so that issuing never reads a mark being taken back."""
    require_organiser(acting_user, definition.mission)
    email = _address(email)
    with transaction.atomic():
        CertificateDefinition.objects.select_for_update().get(pk=definition.pk)
        mark = AttendanceMark.objects.filter(definition=definition, email=email).first()
        if mark is None:
            raise ValidationError({"email": _("This person is not marked attended.")})
        if definition.certificates.filter(email=email).exists():
            raise ConflictError(
                _("The certificate was issued already: revoke it instead."), code="already_issued", field="email"
            )
        mark.delete()


def move_records(missions, *, old: str, new: str) -> int:
    """A person's address moved (core.signals.address_moved): their attendance marks and certificates for the
    definitions of `missions` (ids) go with it, so that the new address is neither listed as a second person
    nor issued a second certificate. The address is never on a certificate: its signed record is unchanged.
    Kept where the new address holds its own for that definition already, and where the old address still holds
    another role in the mission (checkin.services.move_badges: they are that person's). Returns the number of rows
    moved."""
    missions = set(missions) - missions_where_held(missions, old)
    moved = 0
    for model in (AttendanceMark, Certificate):
        taken = model.objects.filter(definition__mission_id__in=missions, email=new).values("definition_id")
        rows = model.objects.filter(definition__mission_id__in=missions, email=old).exclude(definition_id__in=taken)
        moved += rows.update(email=new)
    return moved


def _address(email) -> str:
    email = (email or "").strip().lower()
    try:
        validate_email(email)
    except ValidationError:
        raise ValidationError({"email": _("Enter a valid email address.")}) from None
    return email


@transaction.atomic
def revoke_certificate(certificate, *, acting_user, reason, now=None) -> Certificate:
    """Revoke `certificate`: verification says "revoked" from now on, with the date; the reason stays with
    the organisers. Organisers only; ConflictError if it is revoked already."""
    require_organiser(acting_user, certificate.definition.mission)
    certificate = Certificate.objects.select_for_update().get(pk=certificate.pk)
    if certificate.revoked:
        raise ConflictError(_("This certificate was revoked already."), code="already_revoked")
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Say why the certificate is revoked.")})
    certificate.revoked_at = now or timezone.now()
    certificate.revocation_reason = reason
    certificate.save(update_fields=["revoked_at", "revocation_reason"])
    return certificate


def active_signing_key() -> SigningKey:
    """The key that signs new certificates, made on first use. Two first uses at once make one key (the
    unique constraint on the active key: the loser reads the winner's)."""
    key = SigningKey.objects.filter(active=True).first()
    if key is not None:
        return key
    try:
        with transaction.atomic():
            return SigningKey.objects.create(**_new_key_pair())
    except IntegrityError:
        return SigningKey.objects.get(active=True)


def _new_key_pair() -> dict:
    private_key = signing.new_private_key()
    return {
        "private_key": signing.b64url(private_key),
        "public_key": signing.b64url(signing.public_key_of(private_key)),
    }


@transaction.atomic
def rotate_signing_key(*, acting_user=None, now=None) -> SigningKey:
    """Retire the active key and make a new one. Its public half stays published, so the certificates it
    signed keep verifying. Staff only (one key signs for the whole site); `acting_user=None` is the
    command line."""
    if acting_user is not None and not acting_user.is_staff:
        raise PermissionDeniedError(_("Only staff can rotate the certificate signing key."))
    SigningKey.objects.select_for_update().filter(active=True).update(active=False, retired_at=now or timezone.now())
    return SigningKey.objects.create(**_new_key_pair())
