"""A company's registration for a session: its attendees, its seats and its place on the waitlist."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from events.missions.models import Organization, Session


class Registration(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", _("Awaiting approval")
        CONFIRMED = "confirmed", _("Confirmed")
        WAITLISTED = "waitlisted", _("On the waitlist")
        DECLINED = "declined", _("Declined")
        CANCELLED = "cancelled", _("Cancelled")

    ACTIVE_STATUSES = (Status.PENDING, Status.CONFIRMED, Status.WAITLISTED)

    session = models.ForeignKey(
        Session, on_delete=models.CASCADE, related_name="registrations", verbose_name=_("session")
    )
    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="registrations", verbose_name=_("company")
    )
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="registrations",
        verbose_name=_("registered by"),
    )
    status = models.CharField(_("status"), max_length=20, choices=Status.choices)
    seats = models.PositiveSmallIntegerField(_("seats"), help_text=_("One per attendee."))
    waitlist_number = models.PositiveIntegerField(
        _("waitlist number"), null=True, blank=True, help_text=_("Order of arrival on the session's waitlist.")
    )
    decision_reason = models.TextField(_("reason given"), blank=True)
    created_at = models.DateTimeField(_("registered at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        constraints = [
            models.UniqueConstraint(
                fields=["session", "organization"],
                condition=Q(status__in=["pending", "confirmed", "waitlisted"]),
                name="one_active_registration_per_company",
                violation_error_message=_("Your company is already registered for this session."),
            ),
            models.UniqueConstraint(
                fields=["session", "waitlist_number"],
                condition=Q(waitlist_number__isnull=False),
                name="waitlist_number_unique_in_session",
            ),
            models.CheckConstraint(condition=Q(seats__gte=1), name="registration_takes_a_seat"),
            models.CheckConstraint(
                condition=Q(status="waitlisted", waitlist_number__isnull=False) | ~Q(status="waitlisted"),
                name="waitlisted_registration_has_a_number",
            ),
        ]

    def __str__(self):
        return f"{self.organization} – {self.session} ({self.get_status_display()})"

    @property
    def is_active(self):
        return self.status in self.ACTIVE_STATUSES


class Attendee(models.Model):
    """A named person who takes one seat."""

    registration = models.ForeignKey(
        Registration, on_delete=models.CASCADE, related_name="attendees", verbose_name=_("registration")
    )
    full_name = models.CharField(_("full name"), max_length=200)
    email = models.EmailField(_("email"))
    job_title = models.CharField(_("job title"), max_length=150, blank=True)

    class Meta:
        ordering = ["registration", "pk"]
        verbose_name = _("attendee")
        verbose_name_plural = _("attendees")

    def __str__(self):
        return self.full_name
