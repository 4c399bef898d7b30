"""Who qualifies for a certificate, the certificates organisers see, and what a verifier is told."""

import json
import re
from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Count, OuterRef, Prefetch, QuerySet, Subquery

from events.certificates import signing
from events.certificates.models import AttendanceMark, Certificate, CertificateDefinition, SigningKey
from events.checkin.models import CheckIn
from events.checkin.selectors import Holder, holders_for_mission, holders_for_session
from events.missions.models import Session
from events.missions.selectors import organised_missions

VALID, REVOKED, UNKNOWN = "valid", "revoked", "unknown"
PUBLIC_ID = re.compile(r"[a-z0-9]{26}")  # models.new_public_id


def check_ins_by_person(definition) -> dict[str, int]:
    """{lower-case email: how many of the definition's sessions they were checked in to}, in one query."""
    return check_ins_by_definition([definition]).get(definition.pk, {})


def check_ins_by_definition(definitions) -> dict[int, dict[str, int]]:
    """check_ins_by_person for several definitions in one query, so a page of definitions stays flat."""
    counted = (
        CheckIn.objects.filter(session__certificate_definitions__in=definitions)
        .values("session__certificate_definitions", "badge__email", "badge__mission_id")
        .annotate(sessions=Count("session", distinct=True))
    )
    missions = {definition.pk: definition.mission_id for definition in definitions}
    by_definition: dict[int, dict[str, int]] = defaultdict(dict)
    for row in counted:
        definition_id = row["session__certificate_definitions"]
        if row["badge__mission_id"] == missions[definition_id]:  # a badge of this mission, as the door checks
            by_definition[definition_id][row["badge__email"]] = row["sessions"]
    return by_definition


def qualifying(definition, check_ins: dict[str, int], marked) -> set[str]:
    """The one rule, for the page and for issuing: checked in to at least `minimum_check_ins` of the
    definition's sessions, or marked attended."""
    enough = {email for email, sessions in check_ins.items() if sessions >= definition.minimum_check_ins}
    return enough | set(marked)


def qualifiers(definition) -> list[str]:
    """The addresses of everyone who qualifies for `definition` now (two queries)."""
    marked = AttendanceMark.objects.filter(definition=definition).values_list("email", flat=True)
    return sorted(qualifying(definition, check_ins_by_person(definition), marked))


@dataclass(frozen=True)
class ListRow:
    """One person on a definition's list, as organisers see it before (and after) issuing."""

    holder: Holder
    check_ins: int
    mark: AttendanceMark | None
    qualifies: bool  # and may be issued one: their check-ins or mark suffice, and they hold a role in the mission
    certificate: Certificate | None
    # Their check-ins or mark suffice, but their role in the mission has ended since (a registration cancelled
    # after the day): issue_certificates has no name to print and leaves them out, and the page says so.
    left_out: bool = False


def definitions_with_lists(definitions: QuerySet) -> list[tuple[CertificateDefinition, list[ListRow]]]:
    """`definitions` (of one mission), each with its list: everyone who may enter one of its sessions
    (check-in's rule, session by session), and anyone else who checked in to them or was marked. Queries
    grow with the sessions under a certificate (check-in reads one session's list at a time), never with
    the definitions."""
    definitions = list(
        definitions.prefetch_related(
            Prefetch("certificates", queryset=Certificate.objects.order_by("name", "pk")),
            Prefetch("attendance_marks", queryset=AttendanceMark.objects.select_related("marked_by")),
            "sessions__stop__mission",  # holders_for_session reads the session's mission
        ).order_by("created_at", "pk")
    )
    if not definitions:
        return []
    check_ins = check_ins_by_definition(definitions)
    everyone = holders_for_mission(definitions[0].mission)
    session_lists: dict[int, set[str]] = {}
    shown = []
    for definition in definitions:
        on_list: set[str] = set()
        for session in definition.sessions.all():
            if session.pk not in session_lists:
                session_lists[session.pk] = set(holders_for_session(session))
            on_list |= session_lists[session.pk]
        shown.append((definition, _rows(definition, on_list, check_ins.get(definition.pk, {}), everyone)))
    return shown


def _rows(definition, on_list, check_ins, everyone) -> list[ListRow]:
    marks = {mark.email: mark for mark in definition.attendance_marks.all()}
    certificates = {certificate.email: certificate for certificate in definition.certificates.all()}
    qualify = qualifying(definition, check_ins, marks)
    rows = []
    for email in on_list | set(check_ins) | set(marks):
        holder = everyone.get(email) or Holder(email, email, "", "")  # no role in the mission now
        left_out = email in qualify and email not in everyone
        rows.append(
            ListRow(
                holder,
                check_ins.get(email, 0),
                marks.get(email),
                email in qualify and not left_out,
                certificates.get(email),
                left_out,
            )
        )
    return sorted(rows, key=lambda row: (row.holder.name.lower(), row.holder.email))


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


def certificates_of(user) -> list[Certificate]:
    """The certificates issued to `user`'s address (revoked ones too, which say so), newest first, in one query,
    each with the zone its dates are read on (`place_zone`, CertificateDefinition.time_zone's)."""
    if not user.is_authenticated or not user.email:
        return []
    last_session = Session.objects.filter(certificate_definitions=OuterRef("definition")).order_by("-ends_at")
    return list(
        Certificate.objects.filter(email=user.email.lower())
        .select_related("definition__mission")
        .annotate(place_zone=Subquery(last_session.values("stop__time_zone")[:1]))
        .order_by("-issued_at", "-pk")
    )
