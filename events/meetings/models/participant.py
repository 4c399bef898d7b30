"""Who takes part in a meeting session, when they can, and whom they asked to meet."""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.db.models.functions import Greatest, Least
from django.utils.translation import gettext_lazy as _

from events.core.local_time import clock_at
from events.core.models import ConstraintErrorsOnFieldsMixin
from events.core.text import validate_multi_line, validate_single_line
from events.core.wall_clock import WallClock
from events.meetings.models.grid import MeetingGrid
from events.missions.models import Delegate, Organization


class Participant(ConstraintErrorsOnFieldsMixin, WallClock):
    """A delegate, or a company (represented by the attendees of its confirmed registration).

    Arrival and departure are planned on the stop's clock, as the slots they are read against
    (events.core.wall_clock): they keep their local time when the session, the zone or the tz rules move.
    """

    WALL_CLOCK_FIELDS = ("arrives_at", "leaves_at")
    WALL_CLOCK_PLACE = "grid__session__stop"

    grid = models.ForeignKey(MeetingGrid, on_delete=models.CASCADE, related_name="participants", verbose_name=_("grid"))
    delegate = models.ForeignKey(
        Delegate, on_delete=models.CASCADE, null=True, blank=True, related_name="+", verbose_name=_("delegate")
    )
    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, null=True, blank=True, related_name="+", verbose_name=_("company")
    )
    arrives_at = models.DateTimeField(_("arrives at"), null=True, blank=True)
    leaves_at = models.DateTimeField(_("leaves at"), null=True, blank=True)

    constraint_fields = {"delegate_once_per_grid": "delegate", "company_once_per_grid": "organization"}

    class Meta:
        verbose_name = _("participant")
        verbose_name_plural = _("participants")
        constraints = [
            models.CheckConstraint(
                condition=Q(delegate__isnull=True, organization__isnull=False)
                | Q(delegate__isnull=False, organization__isnull=True),
                name="participant_is_a_delegate_or_a_company",
                violation_error_message=_("A participant is either a delegate or a company."),
            ),
            models.UniqueConstraint(
                fields=["grid", "delegate"],
                condition=Q(delegate__isnull=False),
                name="delegate_once_per_grid",
                violation_error_message=_("This delegate already takes part in these meetings."),
            ),
            models.UniqueConstraint(
                fields=["grid", "organization"],
                condition=Q(organization__isnull=False),
                name="company_once_per_grid",
                violation_error_message=_("This company already takes part in these meetings."),
            ),
        ]

    def __str__(self):
        return self.name

    def wall_clock_zone(self) -> str:
        return self.grid.session.stop.time_zone

    def wall_clock_label(self) -> str:
        return _("%(name)s's arrival and departure") % {"name": self.name}

    @property
    def is_company(self):
        return self.organization_id is not None

    @property
    def name(self):
        return self.organization.name if self.organization_id else self.delegate.full_name


class BlockedPeriod(ConstraintErrorsOnFieldsMixin, WallClock):
    """A time a participant cannot meet, on the stop's clock as their arrival is."""

    WALL_CLOCK_FIELDS = ("starts_at", "ends_at")
    WALL_CLOCK_PLACE = "participant__grid__session__stop"

    participant = models.ForeignKey(
        Participant, on_delete=models.CASCADE, related_name="blocked_periods", verbose_name=_("participant")
    )
    starts_at = models.DateTimeField(_("starts at"))
    ends_at = models.DateTimeField(_("ends at"))
    reason = models.CharField(_("reason"), max_length=200, blank=True, validators=[validate_single_line])

    constraint_fields = {"blocked_period_ends_after_start": "ends_at"}

    class Meta:
        ordering = ["starts_at"]
        verbose_name = _("blocked period")
        verbose_name_plural = _("blocked periods")
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=F("starts_at")),
                name="blocked_period_ends_after_start",
                violation_error_message=_("The period must end after it starts."),
            )
        ]

    def __str__(self):
        return self.reason or f"{self.starts_at:%H:%M}–{self.ends_at:%H:%M}"

    def wall_clock_zone(self) -> str:
        return self.participant.grid.session.stop.time_zone

    def wall_clock_label(self) -> str:
        zone = self.wall_clock_zone()
        period = f"{clock_at(self.starts_at, zone)}–{clock_at(self.ends_at, zone)}"
        return _("%(name)s's blocked period %(period)s") % {"name": self.participant.name, "period": period}


class MeetingRequest(ConstraintErrorsOnFieldsMixin, models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", _("Awaiting an answer")
        # Proposed by the matcher at the organiser's asking (events.matching); both sides accept it before it
        # is published, or either declines it.
        SUGGESTED = "suggested", _("Suggested")
        ACCEPTED = "accepted", _("Accepted")
        DECLINED = "declined", _("Declined")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    class Priority(models.IntegerChoices):
        HIGH = 3, _("High")
        NORMAL = 2, _("Normal")
        LOW = 1, _("Low")

    ACTIVE_STATUSES = (Status.PENDING, Status.SUGGESTED, Status.ACCEPTED)

    grid = models.ForeignKey(MeetingGrid, on_delete=models.CASCADE, related_name="requests", verbose_name=_("grid"))
    # The calendar identity of the pair's meeting: every meeting row placed for this request, on the
    # board or in a published version, carries it, so a re-run that replaces the rows changes no UID.
    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    requester = models.ForeignKey(
        Participant, on_delete=models.CASCADE, related_name="requests_made", verbose_name=_("asked by")
    )
    receiver = models.ForeignKey(
        Participant, on_delete=models.CASCADE, related_name="requests_received", verbose_name=_("asked of")
    )
    message = models.CharField(_("message"), max_length=500, blank=True, validators=[validate_multi_line])
    priority = models.PositiveSmallIntegerField(_("priority"), choices=Priority.choices, default=Priority.NORMAL)
    # How well the company fits the priorities the delegate owns (events.matching, 0-100), when it asked;
    # None between two companies or two delegates, or a delegate who owns no priority.
    match_score = models.PositiveSmallIntegerField(_("match score"), null=True, blank=True, editable=False)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.PENDING)
    # A suggestion's answers, each side's own: None until that side answers.
    requester_agrees = models.BooleanField(_("the asking side agrees"), null=True, blank=True)
    receiver_agrees = models.BooleanField(_("the asked side agrees"), null=True, blank=True)
    mutual = models.BooleanField(
        _("mutual"), default=False, help_text=_("Both sides asked for this meeting; accepted at once.")
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    decision_reason = models.CharField(_("reason"), max_length=500, blank=True, validators=[validate_multi_line])
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    constraint_fields = {"request_is_between_two_parties": "receiver"}

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("meeting request")
        verbose_name_plural = _("meeting requests")
        constraints = [
            models.CheckConstraint(
                condition=~Q(requester=F("receiver")),
                name="request_is_between_two_parties",
                violation_error_message=_("A meeting is between two different parties: choose someone else."),
            ),
            # Either direction: a pair meets at most once, even when both ask at the same moment.
            models.UniqueConstraint(
                Least("requester", "receiver"),
                Greatest("requester", "receiver"),
                condition=Q(status__in=["pending", "suggested", "accepted"]),
                name="one_active_request_per_pair",
                violation_error_message=_("You have already asked for this meeting."),
            ),
        ]

    def __str__(self):
        return f"{self.requester} → {self.receiver}"

    @property
    def weight(self) -> float:
        """What the scheduler maximises: priority, doubled when both sides asked, plus the match score as a
        fraction (0-1): a better match wins between requests of the same priority, never over a higher one."""
        return self.priority * (2 if self.mutual else 1) + (self.match_score or 0) / 100
