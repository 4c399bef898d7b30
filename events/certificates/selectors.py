"""Who qualifies for a certificate, the certificates organisers see, and what a verifier is told."""

import json
import re
from dataclasses import dataclass

from django.db.models import Count, QuerySet

from events.certificates import signing
from events.certificates.models import Certificate, CertificateDefinition, SigningKey
from events.checkin.models import CheckIn
from events.missions.selectors import organised_missions

VALID, REVOKED, UNKNOWN = "valid", "revoked", "unknown"
PUBLIC_ID = re.compile(r"[a-z0-9]{26}")  # models.new_public_id


def check_ins_by_person(definition) -> dict[str, int]:
    """{lower-case email: how many of the definition's sessions they were checked in to}, in one query."""
    counted = (
        CheckIn.objects.filter(session__in=definition.sessions.all(), badge__mission_id=definition.mission_id)
        .values("badge__email")
        .annotate(sessions=Count("session", distinct=True))
    )
    return {row["badge__email"]: row["sessions"] for row in counted}


def qualifiers(definition) -> list[str]:
    """The addresses of everyone checked in to at least `minimum_check_ins` of the definition's sessions."""
    counts = check_ins_by_person(definition)
    return sorted(email for email, sessions in counts.items() if sessions >= definition.minimum_check_ins)


def organised_definitions(user) -> QuerySet[CertificateDefinition]:
    return (
        CertificateDefinition.objects.filter(mission__in=organised_missions(user))
        .select_related("mission")
        .prefetch_related("sessions")
    )


def organised_certificates(user) -> QuerySet[Certificate]:
    return Certificate.objects.filter(definition__mission__in=organised_missions(user)).select_related(
        "definition", "signing_key"
    )


def published_keys() -> dict:
    """Every signing key's public half, the retired ones too, as a JWK set: old certificates keep verifying."""
    keys = SigningKey.objects.order_by("created_at", "pk")
    return {"keys": [signing.jwk(key.kid, signing.from_b64url(key.public_key)) for key in keys]}


@dataclass(frozen=True)
class Verification:
    """What /verify/<id> says: `status` (valid, revoked or unknown) and, unless unknown, the certificate."""

    status: str
    certificate: Certificate | None


def verification(public_id: str) -> Verification:
    """valid: issued here, not revoked, and its stored record still matches its signature; revoked; or
    unknown (no such id, or a record altered since it was signed)."""
    public_id = str(public_id).strip().lower()
    if not PUBLIC_ID.fullmatch(public_id):  # nothing odd reaches the database (a NUL byte fails in PostgreSQL)
        return Verification(UNKNOWN, None)
    certificate = Certificate.objects.select_related("signing_key", "definition").filter(public_id=public_id).first()
    if certificate is None or not signature_holds(certificate):
        return Verification(UNKNOWN, None)
    return Verification(REVOKED if certificate.revoked else VALID, certificate)


def signature_holds(certificate) -> bool:
    public_key = signing.from_b64url(certificate.signing_key.public_key)
    return signing.verifies(record_of(certificate), certificate.signature, public_key)


def record_of(certificate) -> dict:
    return json.loads(certificate.record)


def signed_document(certificate) -> dict:
    """The JSON download: the record, its signature and the key's id, all a verifier needs with the key set."""
    return {
        "credential": record_of(certificate),
        "proof": {"alg": signing.ALGORITHM, "kid": certificate.signing_key.kid, "signature": certificate.signature},
    }
