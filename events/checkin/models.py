"""Badges, check-in staff and entries at the door.

A badge's QR code carries a random secret, never personal data: it says nothing to whoever photographs
it, it can be replaced (a lost badge) without touching anything else, and it is short enough for a small
QR code. A signed token would let a scanner decide offline, but could not be withdrawn without a list of
withdrawn tokens; here the scanner queues what it scanned while offline and the server decides on upload
(pretix's default is a random secret too). Whether a badge may enter a session is worked out at scan
time from what the person attends then, so a cancelled registration's badge no longer gets in.
"""

import base64
import secrets

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from events.core.models import ConstraintErrorsOnFieldsMixin
from events.core.text import validate_single_line
from events.missions.models import Mission, Session


def new_badge_secret() -> str:
    """160 random bits in 32 characters of RFC 4648 base32: unguessable, and upper-case letters and digits,
    which a QR code holds in its compact alphanumeric mode."""
    return base64.b32encode(secrets.token_bytes(20)).decode()


class Badge(models.Model):
    """A person's badge for a mission, across their roles there (attendee, delegate, organiser)."""

    mission = models.ForeignKey(Mission, on_delete=models.CASCADE, related_name="badges", verbose_name=_("mission"))
    email = models.EmailField(_("email"))  # lower case: the person, as events.agenda finds people
    secret = models.CharField(_("secret"), max_length=40, unique=True, default=new_badge_secret, editable=False)
    issued_at = models.DateTimeField(_("issued at"), auto_now_add=True)

    class Meta:
        ordering = ["mission", "email"]
        verbose_name = _("badge")
        verbose_name_plural = _("badges")
        constraints = [models.UniqueConstraint(fields=["mission", "email"], name="one_badge_per_person_and_mission")]

    def __str__(self):
        return f"{self.email} ({self.mission})"


class CheckInStaff(models.Model):
    """Someone an organiser named to check people in at one mission's doors, and only that mission's."""

    mission = models.ForeignKey(
        Mission, on_delete=models.CASCADE, related_name="check_in_staff", verbose_name=_("mission")
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="check_in_duties", verbose_name=_("user")
    )

    class Meta:
        verbose_name = _("check-in staff")
        verbose_name_plural = _("check-in staff")
        constraints = [models.UniqueConstraint(fields=["mission", "user"], name="one_check_in_duty_per_mission")]

    def __str__(self):
        return f"{self.user} @ {self.mission}"


class CheckIn(models.Model):
    """A person's entry to a session: at most one (the database refuses a second)."""

    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="check_ins", verbose_name=_("session"))
    badge = models.ForeignKey(Badge, on_delete=models.CASCADE, related_name="check_ins", verbose_name=_("badge"))
    checked_in_at = models.DateTimeField(_("checked in at"))
    checked_in_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    recorded_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    class Meta:
        ordering = ["checked_in_at", "pk"]
        verbose_name = _("check-in")
        verbose_name_plural = _("check-ins")
        constraints = [models.UniqueConstraint(fields=["session", "badge"], name="one_check_in_per_session_and_badge")]

    def __str__(self):
        return f"{self.badge.email} → {self.session} at {self.checked_in_at:%H:%M}"


class Scan(models.Model):
    """One scan a device uploaded, by the nonce the device gave it: uploading it again (a retry after a
    lost answer, a queue sent twice) returns what it was answered the first time and counts nothing."""

    class Outcome(models.TextChoices):
        CHECKED_IN = "checked_in", _("Checked in")
        ALREADY = "already_checked_in", _("Already checked in")
        NOT_ON_LIST = "not_on_list", _("Not on this session's list")
        DOOR_CLOSED = "door_closed", _("The door is not open")
        UNKNOWN = "unknown_badge", _("Unknown badge")

    nonce = models.CharField(_("nonce"), max_length=64, unique=True, validators=[validate_single_line])
    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="scans", verbose_name=_("session"))
    badge = models.ForeignKey(Badge, on_delete=models.SET_NULL, null=True, blank=True, related_name="scans")
    outcome = models.CharField(_("outcome"), max_length=20, choices=Outcome.choices)
    check_in = models.ForeignKey(CheckIn, on_delete=models.SET_NULL, null=True, blank=True, related_name="scans")
    scanned_at = models.DateTimeField(_("scanned at"))
    scanned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    recorded_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    class Meta:
        ordering = ["recorded_at", "pk"]
        verbose_name = _("scan")
        verbose_name_plural = _("scans")

    def __str__(self):
        return f"{self.nonce}: {self.outcome}"


def badge_print_file_name(badge_print, filename) -> str:
    """A random name: the file holds every badge's secret, so nobody may find it by guessing its name.
    It is served only through the organisers' download view, never from its media URL."""
    return f"badge-prints/{secrets.token_urlsafe(24)}.pdf"


class BadgePrint(ConstraintErrorsOnFieldsMixin, models.Model):
    """One PDF of a mission's badges, built by a worker: a snapshot of who had a role when it was built.

    Laying out a badge takes WeasyPrint 15-20 ms, so a mission of 2,000 people takes longer than a web
    request may; the organiser asks for a print, a worker builds it, the organiser downloads it.
    """

    class Layout(models.TextChoices):
        A6 = "a6", _("A6, one a page")
        A4 = "a4", _("A4 labels, eight a sheet")

    class Status(models.TextChoices):
        QUEUED = "queued", _("Queued")
        BUILDING = "building", _("Building")
        READY = "ready", _("Ready")
        FAILED = "failed", _("Failed")

    PENDING = (Status.QUEUED, Status.BUILDING)

    mission = models.ForeignKey(
        Mission, on_delete=models.CASCADE, related_name="badge_prints", verbose_name=_("mission")
    )
    layout = models.CharField(_("layout"), max_length=2, choices=Layout.choices, default=Layout.A6)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    requested_at = models.DateTimeField(_("requested at"), auto_now_add=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.QUEUED)
    file = models.FileField(_("file"), upload_to=badge_print_file_name, blank=True)
    badge_count = models.PositiveIntegerField(_("badges"), null=True, blank=True)
    page_count = models.PositiveIntegerField(_("pages"), null=True, blank=True)
    size = models.PositiveBigIntegerField(_("size in bytes"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)
    error = models.TextField(_("error"), blank=True)

    constraint_fields = {"one_pending_badge_print_per_mission_and_layout": "layout"}

    class Meta:
        ordering = ["-requested_at", "-pk"]
        verbose_name = _("badge print")
        verbose_name_plural = _("badge prints")
        constraints = [
            # Asking again while one is on its way gets that one: the database decides between two clicks.
            models.UniqueConstraint(
                fields=["mission", "layout"],
                condition=models.Q(status__in=["queued", "building"]),
                name="one_pending_badge_print_per_mission_and_layout",
                violation_error_message=_("Badges in this layout are already being prepared for this mission."),
            )
        ]

    def __str__(self):
        return f"{self.mission} badges {self.layout} ({self.status})"

    @property
    def pending(self) -> bool:
        return self.status in self.PENDING
