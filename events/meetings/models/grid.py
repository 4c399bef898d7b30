"""The frame of a B2B meeting session: slot length, breaks, the slots themselves, tables."""

import base64
import secrets

from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from events.core.models import ConstraintErrorsOnFieldsMixin
from events.core.text import validate_single_line
from events.core.wall_clock import WallClock
from events.missions.models import Delegate, Session


class MeetingGrid(ConstraintErrorsOnFieldsMixin, models.Model):
    """One per session of kind B2B meetings: how its time is cut and who may meet whom."""

    class Pairing(models.TextChoices):
        COMPANIES_MEET_DELEGATES = "companies_delegates", _("Companies meet delegates")
        ANYONE = "anyone", _("Anyone meets anyone")

    session = models.OneToOneField(
        Session, on_delete=models.CASCADE, related_name="meeting_grid", verbose_name=_("session")
    )
    slot_minutes = models.PositiveSmallIntegerField(_("slot length (minutes)"), default=20)
    pairing = models.CharField(
        _("who meets whom"), max_length=30, choices=Pairing.choices, default=Pairing.COMPANIES_MEET_DELEGATES
    )
    requests_per_company = models.PositiveSmallIntegerField(
        _("requests per company"), default=10, help_text=_("How many meetings a company may ask for.")
    )
    requests_per_delegate = models.PositiveSmallIntegerField(
        _("requests per delegate"), default=20, help_text=_("How many requests a delegate (or company) may receive.")
    )

    constraint_fields = {"slot_at_least_five_minutes": "slot_minutes"}

    class Meta:
        verbose_name = _("meeting grid")
        verbose_name_plural = _("meeting grids")
        constraints = [
            models.CheckConstraint(
                condition=Q(slot_minutes__gte=5),
                name="slot_at_least_five_minutes",
                violation_error_message=_("A slot lasts at least 5 minutes."),
            )
        ]

    def __str__(self):
        return str(self.session)


class Break(ConstraintErrorsOnFieldsMixin, WallClock):
    WALL_CLOCK_FIELDS = ("starts_at", "ends_at")
    WALL_CLOCK_PLACE = "grid__session__stop"

    grid = models.ForeignKey(MeetingGrid, on_delete=models.CASCADE, related_name="breaks", verbose_name=_("grid"))
    starts_at = models.DateTimeField(_("starts at"))
    ends_at = models.DateTimeField(_("ends at"))
    label = models.CharField(_("label"), max_length=100, blank=True, validators=[validate_single_line])

    constraint_fields = {"break_ends_after_start": "ends_at"}

    class Meta:
        ordering = ["starts_at"]
        verbose_name = _("break")
        verbose_name_plural = _("breaks")
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=F("starts_at")),
                name="break_ends_after_start",
                violation_error_message=_("A break must end after it starts."),
            )
        ]

    def __str__(self):
        return self.label or f"{self.planned_clock('starts_at')}–{self.planned_clock('ends_at')}"

    def wall_clock_zone(self) -> str:
        return self.grid.session.stop.time_zone

    def wall_clock_label(self) -> str:
        return f"{self.grid.session} ({self._meta.verbose_name})"


class Slot(WallClock):
    """A time when meetings happen; generated from the session, the slot length and the breaks.

    Cut on the stop's wall clock, which WallClock keeps as the truth of its instants.
    """

    WALL_CLOCK_FIELDS = ("starts_at", "ends_at")
    WALL_CLOCK_PLACE = "grid__session__stop"
    ELAPSED_FROM = {"ends_at": "starts_at"}  # a slot lasts its length, over a clock change too
    REPEATED_TIMES_TAKE_THEIR_RECORDED_PASS = True  # cut by the product: nobody to ask which pass it meant

    grid = models.ForeignKey(MeetingGrid, on_delete=models.CASCADE, related_name="slots", verbose_name=_("grid"))
    index = models.PositiveSmallIntegerField(_("number"))
    starts_at = models.DateTimeField(_("starts at"))
    ends_at = models.DateTimeField(_("ends at"))

    class Meta:
        ordering = ["grid", "index"]
        verbose_name = _("slot")
        verbose_name_plural = _("slots")
        constraints = [models.UniqueConstraint(fields=["grid", "index"], name="slot_index_unique_in_grid")]

    def __str__(self):
        return self.planned_clock("starts_at")

    def wall_clock_zone(self) -> str:
        return self.grid.session.stop.time_zone

    def wall_clock_label(self) -> str:
        return f"{self.grid.session} ({self._meta.verbose_name})"


def new_table_secret() -> str:
    """What a table's QR code holds: 160 random bits in 32 characters of base32, as a badge's secret (so one
    scanner reads both, in a QR code's compact alphanumeric mode), and nothing about who sits there."""
    return base64.b32encode(secrets.token_bytes(20)).decode()


class Table(ConstraintErrorsOnFieldsMixin, models.Model):
    grid = models.ForeignKey(MeetingGrid, on_delete=models.CASCADE, related_name="tables", verbose_name=_("grid"))
    name = models.CharField(_("name"), max_length=100, validators=[validate_single_line])
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    delegate = models.ForeignKey(
        Delegate,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("fixed delegate"),
        help_text=_("A delegate who holds all their meetings at this table."),
    )
    # Printed on the table's card: either side scanning it marks their meeting at this table held.
    secret = models.CharField(_("secret"), max_length=40, unique=True, default=new_table_secret, editable=False)

    constraint_fields = {"one_table_per_fixed_delegate": "delegate"}

    class Meta:
        ordering = ["grid", "position", "pk"]
        verbose_name = _("table")
        verbose_name_plural = _("tables")
        constraints = [
            models.UniqueConstraint(fields=["grid", "name"], name="table_name_unique_in_grid"),
            models.UniqueConstraint(
                fields=["grid", "delegate"],
                condition=Q(delegate__isnull=False),
                name="one_table_per_fixed_delegate",
                violation_error_message=_("This delegate already has a table in these meetings."),
            ),
        ]

    def __str__(self):
        return self.name
