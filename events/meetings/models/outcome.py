"""Whether a one-to-one took place (issue 13): what a funder asks of the meetings booked."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from events.core.models import ConstraintErrorsOnFieldsMixin
from events.meetings.models.participant import MeetingRequest


class MeetingOutcome(ConstraintErrorsOnFieldsMixin, models.Model):
    """A meeting marked held (by either side, or an organiser, with the time) or confirmed a no-show by an
    organiser. Kept on the request, which is the meeting's identity across re-runs and published versions
    (Meeting rows are copied at each publish). No row: unknown."""

    request = models.OneToOneField(
        MeetingRequest, on_delete=models.CASCADE, related_name="outcome", verbose_name=_("meeting request")
    )
    held_at = models.DateTimeField(_("held at"), null=True, blank=True)
    marked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    no_show_at = models.DateTimeField(_("no-show confirmed at"), null=True, blank=True)
    no_show_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("meeting outcome")
        verbose_name_plural = _("meeting outcomes")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(held_at__isnull=True) | models.Q(no_show_at__isnull=True),
                name="meeting_held_or_no_show_not_both",
                violation_error_message=_("A meeting cannot be both held and a no-show."),
            )
        ]

    def __str__(self):
        return f"{self.request}: {'held' if self.held_at else 'no-show' if self.no_show_at else 'unknown'}"
