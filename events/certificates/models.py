"""Certificates: what an organiser defines, what each person who qualifies receives, and the keys that sign them.

One signing key for the whole site, not one per agency: missions name their organisers (users), not an
agency with an identity of its own, so there is nobody else to hold a key. The issuer's name on a
certificate is what the organiser wrote; the signature says that this site issued it in that name. The
private key lives in the database, made on first use: a database dump carries it, which is why rotating
is one action (a new active key; every old public key stays published, so old certificates still verify).
"""

import base64
import datetime as dt
import secrets
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from events.core.models import ConstraintErrorsOnFieldsMixin
from events.core.text import validate_multi_line, validate_single_line
from events.missions.models import Mission, Session


def new_public_id() -> str:
    """128 random bits in 26 lower-case letters and digits (base32): unguessable, and safe in any URL."""
    return base64.b32encode(secrets.token_bytes(16)).decode().rstrip("=").lower()


def new_kid() -> str:
    return f"{timezone.now():%Y-%m-%d}-{secrets.token_hex(4)}"


class SigningKey(ConstraintErrorsOnFieldsMixin, models.Model):
    """An Ed25519 key pair; one is active (signs new certificates), the others only verify old ones."""

    kid = models.CharField(_("key id"), max_length=40, unique=True, default=new_kid, editable=False)
    private_key = models.CharField(_("private key"), max_length=64, editable=False)  # raw, base64url
    public_key = models.CharField(_("public key"), max_length=64, editable=False)  # raw, base64url
    active = models.BooleanField(_("active"), default=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    retired_at = models.DateTimeField(_("retired at"), null=True, blank=True)

    constraint_fields = {"one_active_key": "active"}

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("signing key")
        verbose_name_plural = _("signing keys")
        constraints = [
            models.UniqueConstraint(
                fields=["active"],
                condition=Q(active=True),
                name="one_active_key",
                violation_error_message=_("Another signing key is already active."),
            )
        ]

    def __str__(self):
        return self.kid


class CertificateDefinition(ConstraintErrorsOnFieldsMixin, models.Model):
    """A certificate an organiser offers for a session or a training (a set of a mission's sessions):
    whoever checked in to at least `minimum_check_ins` of `sessions`, or was marked attended, qualifies."""

    mission = models.ForeignKey(
        Mission, on_delete=models.CASCADE, related_name="certificate_definitions", verbose_name=_("mission")
    )
    title = models.CharField(_("title"), max_length=200, validators=[validate_single_line])
    description = models.TextField(_("description"), blank=True, validators=[validate_multi_line])
    sessions = models.ManyToManyField(Session, related_name="certificate_definitions", verbose_name=_("sessions"))
    minimum_check_ins = models.PositiveSmallIntegerField(_("minimum check-ins"), default=1)
    issuer_name = models.CharField(_("issuer"), max_length=200, validators=[validate_single_line])
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    constraint_fields = {"certificate_needs_a_check_in": "minimum_check_ins"}

    class Meta:
        ordering = ["mission", "title", "pk"]
        verbose_name = _("certificate definition")
        verbose_name_plural = _("certificate definitions")
        constraints = [
            models.CheckConstraint(
                condition=Q(minimum_check_ins__gte=1),
                name="certificate_needs_a_check_in",
                violation_error_message=_("A certificate needs at least one check-in."),
            )
        ]

    def __str__(self):
        return self.title

    @cached_property
    def time_zone(self) -> str:
        """The zone of the place the training ended (its last session's stop): the calendar its certificates'
        dates are read on, as the trainees lived them (issued at 04:19 on 2 December in Tokyo said 1 December,
        the day in UTC). The mission's first stop's if it has no session left; UTC if there is none either."""
        sessions = list(self.sessions.all())  # prefetched with their stops where definitions are listed
        last = max(sessions, key=lambda session: session.ends_at, default=None)
        stop = last.stop if last else self.mission.stops.order_by("start_date", "pk").first()
        return stop.time_zone if stop else "UTC"


class Certificate(models.Model):
    """One person's certificate: the signed record is the truth; the other fields are copies for queries."""

    # PROTECT: deleting a mission or a definition must not make issued certificates read as unknown.
    definition = models.ForeignKey(
        CertificateDefinition, on_delete=models.PROTECT, related_name="certificates", verbose_name=_("definition")
    )
    public_id = models.CharField(_("public id"), max_length=32, unique=True, default=new_public_id, editable=False)
    email = models.EmailField(_("email"))  # lower case: whom it went to; never on the certificate
    name = models.CharField(_("name"), max_length=200, validators=[validate_single_line])  # as written, in any script
    issued_at = models.DateTimeField(_("issued at"))
    record = models.TextField(_("signed record"), editable=False)  # the canonical JSON, exactly as signed
    signature = models.CharField(_("signature"), max_length=100, editable=False)  # base64url
    signing_key = models.ForeignKey(
        SigningKey, on_delete=models.PROTECT, related_name="certificates", verbose_name=_("signing key")
    )
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)
    revocation_reason = models.TextField(
        _("reason for revoking"), blank=True, validators=[validate_multi_line]
    )  # organisers only, never public

    class Meta:
        ordering = ["definition", "name", "pk"]
        verbose_name = _("certificate")
        verbose_name_plural = _("certificates")
        constraints = [
            models.UniqueConstraint(fields=["definition", "email"], name="one_certificate_per_person_and_definition")
        ]

    def __str__(self):
        return f"{self.name}: {self.definition}"

    @property
    def revoked(self) -> bool:
        return self.revoked_at is not None

    @property
    def issued_on(self) -> dt.date:
        """The day it was issued, on the calendar of its training's place (CertificateDefinition.time_zone, or the
        `place_zone` a selector annotated)."""
        return self.issued_at.astimezone(self._place_zone()).date()

    @property
    def revoked_on(self) -> dt.date | None:
        """The day it was revoked, on the same calendar; None while it is valid."""
        return None if self.revoked_at is None else self.revoked_at.astimezone(self._place_zone()).date()

    def _place_zone(self) -> ZoneInfo:
        return ZoneInfo(getattr(self, "place_zone", None) or self.definition.time_zone)


class AttendanceMark(models.Model):
    """An organiser's word that a person attended a definition's training although check-ins do not show it
    (the trainer's attendance sheet; a forgotten badge). It qualifies them alone. Who marked and when stay
    with the row; unmarking deletes it, and is refused once the person holds the certificate."""

    definition = models.ForeignKey(
        CertificateDefinition,
        on_delete=models.CASCADE,
        related_name="attendance_marks",
        verbose_name=_("definition"),
    )
    email = models.EmailField(_("email"))  # lower case, as on badges and certificates
    marked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("marked by"),
    )  # SET_NULL: an organiser's account may go; the mark, and the certificate it earned, stay
    marked_at = models.DateTimeField(_("marked at"))

    class Meta:
        ordering = ["definition", "email"]
        verbose_name = _("attendance mark")
        verbose_name_plural = _("attendance marks")
        constraints = [
            models.UniqueConstraint(
                fields=["definition", "email"], name="one_attendance_mark_per_person_and_definition"
            )
        ]

    def __str__(self):
        return f"{self.email}: {self.definition}"
