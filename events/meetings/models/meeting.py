"""Meetings on the board, the published versions of the schedule, and scheduler runs.

The working schedule is the set of meetings with no version: organisers edit it on the board.
Publishing copies it into a numbered version, which is what participants see, and is kept.
The database refuses two working meetings at one table in one slot, and two working meetings
for one participant in one slot (through one seat row per participant).
"""

import datetime
import uuid

from django.conf import settings
from django.db import models
from django.db.models import OuterRef, Q, Subquery
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from events.core.models import ConstraintErrorsOnFieldsMixin
from events.meetings.models.grid import MeetingGrid, Slot, Table
from events.meetings.models.participant import MeetingRequest, Participant


class ScheduleVersion(models.Model):
    grid = models.ForeignKey(MeetingGrid, on_delete=models.CASCADE, related_name="versions", verbose_name=_("grid"))
    number = models.PositiveIntegerField(_("version"))
    published_at = models.DateTimeField(_("published at"), auto_now_add=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+", verbose_name=_("published by")
    )
    quality = models.JSONField(_("quality"), default=dict, blank=True)

    class Meta:
        ordering = ["grid", "-number"]
        verbose_name = _("published schedule")
        verbose_name_plural = _("published schedules")
        constraints = [models.UniqueConstraint(fields=["grid", "number"], name="version_number_unique_in_grid")]

    def __str__(self):
        return f"{self.grid} v{self.number}"


def latest_version_id(grid_reference="grid") -> Subquery:
    """The id of the latest published version of a grid, as a subquery on the outer query's `grid_reference`
    ("grid" from a meeting, "pk" from a grid): what participants see is that version's meetings."""
    return Subquery(ScheduleVersion.objects.filter(grid=OuterRef(grid_reference)).order_by("-number").values("pk")[:1])


def live_meetings() -> Q:
    """The meetings that hold their slot and table now: on the organisers' board, or in the latest published
    version, which people hold. The copies older versions keep are what was published then: they hold nothing (a
    table a meeting had left was held for good, and the slots could not be cut again)."""
    return Q(working=True, version__isnull=True) | Q(version=latest_version_id())


class Meeting(ConstraintErrorsOnFieldsMixin, models.Model):
    grid = models.ForeignKey(MeetingGrid, on_delete=models.CASCADE, related_name="meetings", verbose_name=_("grid"))
    # Its request's uid (MeetingRequest.uid), on the board and in every version, so calendars update it.
    uid = models.UUIDField(default=uuid.uuid4, editable=False)
    version = models.ForeignKey(
        ScheduleVersion,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="meetings",
        verbose_name=_("published in"),
    )
    request = models.ForeignKey(
        MeetingRequest, on_delete=models.CASCADE, related_name="meetings", verbose_name=_("request")
    )
    slot = models.ForeignKey(Slot, on_delete=models.CASCADE, related_name="meetings", verbose_name=_("slot"))
    table = models.ForeignKey(Table, on_delete=models.CASCADE, related_name="meetings", verbose_name=_("table"))
    pinned = models.BooleanField(_("pinned"), default=False, help_text=_("The scheduler leaves it where it is."))
    # Booked, moved or swapped by an organiser: a re-run keeps it where it is unless asked to re-optimise.
    by_hand = models.BooleanField(_("placed by hand"), default=False)
    # True on the board; False in published copies, and for a moment while two meetings swap places
    # (the unique rules below cannot be deferred, because they are conditional).
    working = models.BooleanField(default=True)
    # Its calendar revision (SEQUENCE) and when it last changed (LAST-MODIFIED), set when published.
    sequence = models.PositiveIntegerField(_("calendar revision"), default=0, editable=False)
    revised_at = models.DateTimeField(_("revised at"), default=timezone.now, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    constraint_fields = {"one_meeting_per_table_and_slot": "table", "one_working_meeting_per_request": "request"}

    class Meta:
        ordering = ["slot__index", "table__position", "pk"]
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        constraints = [
            models.UniqueConstraint(
                fields=["slot", "table"],
                condition=Q(working=True),
                name="one_meeting_per_table_and_slot",
                violation_error_message=_("This table already holds a meeting at this time."),
            ),
            models.UniqueConstraint(
                fields=["request"],
                condition=Q(version__isnull=True),
                name="one_working_meeting_per_request",
                violation_error_message=_("This request already has a meeting."),
            ),
            models.UniqueConstraint(
                fields=["version", "uid"],
                condition=Q(version__isnull=False),
                name="meeting_once_per_version",
                violation_error_message=_("This meeting is already in this version of the schedule."),
            ),
        ]

    def __str__(self):
        return f"{self.request} @ {self.slot} {self.table}"

    @property
    def calendar_location(self) -> str:
        """The LOCATION calendars show: its table, then its session's place."""
        return ", ".join(part for part in (self.table.name, self.grid.session.calendar_location) if part)

    @property
    def calendar_revision(self) -> tuple[int, datetime.datetime]:
        """(SEQUENCE, LAST-MODIFIED) of its calendar entry, for feeds and invitations alike.

        Its own moves, its slot's (the session moved, its zone changed) and its session's changes of place
        revise it; not the session's times as such, since a meeting has its slot's.
        """
        session = self.grid.session
        return self.sequence + session.place_sequence, max(self.revised_at, session.place_revised_at)


class MeetingSeat(ConstraintErrorsOnFieldsMixin, models.Model):
    """One row per participant of a meeting, so that the database can refuse double-booking a person."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="seats")
    slot = models.ForeignKey(Slot, on_delete=models.CASCADE, related_name="+")
    participant = models.ForeignKey(Participant, on_delete=models.CASCADE, related_name="seats")
    working = models.BooleanField(default=True)

    constraint_fields = {"one_meeting_per_participant_and_slot": "participant"}

    class Meta:
        verbose_name = _("meeting seat")
        verbose_name_plural = _("meeting seats")
        constraints = [
            models.UniqueConstraint(
                fields=["slot", "participant"],
                condition=Q(working=True),
                name="one_meeting_per_participant_and_slot",
                violation_error_message=_("This participant already has a meeting at this time."),
            )
        ]

    def __str__(self):
        return f"{self.participant_id} @ slot {self.slot_id}"


class SchedulerRun(ConstraintErrorsOnFieldsMixin, models.Model):
    class Status(models.TextChoices):
        QUEUED = "queued", _("Queued")
        RUNNING = "running", _("Running")
        DONE = "done", _("Done")
        FAILED = "failed", _("Failed")

    grid = models.ForeignKey(MeetingGrid, on_delete=models.CASCADE, related_name="runs", verbose_name=_("grid"))
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.QUEUED)
    # False: keep published and hand-placed meetings where they are and place what is new around them.
    reoptimise = models.BooleanField(_("re-optimise everything"), default=False)
    progress = models.FloatField(_("progress"), default=0)
    phase = models.CharField(_("phase"), max_length=100, blank=True)
    started_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    quality = models.JSONField(default=dict, blank=True)
    unplaced = models.JSONField(default=list, blank=True)
    error = models.TextField(blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("scheduler run")
        verbose_name_plural = _("scheduler runs")
        constraints = [
            models.UniqueConstraint(
                fields=["grid"],
                condition=Q(status__in=["queued", "running"]),
                name="one_run_at_a_time_per_grid",
                violation_error_message=_(
                    "The scheduler is already running for these meetings; wait for it to finish."
                ),
            )
        ]

    def __str__(self):
        return f"{self.grid} run {self.pk} ({self.status})"
