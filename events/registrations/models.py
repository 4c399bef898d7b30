"""A company's registration for a session: its attendees, its seats and its place on the waitlist."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _

from events.core.models import ConstraintErrorsOnFieldsMixin
from events.core.text import validate_multi_line, validate_single_line
from events.missions.models import Organization, Session

REASON_MAX_LENGTH = 2000  # characters of a decline or cancellation reason


class Registration(ConstraintErrorsOnFieldsMixin, models.Model):
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
    # Mailed to the company: as long as the page's and the API's field allow, checked on every path.
    decision_reason = models.TextField(
        _("reason given"), blank=True, validators=[validate_multi_line, MaxLengthValidator(REASON_MAX_LENGTH)]
    )
    created_at = models.DateTimeField(_("registered at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    constraint_fields = {
        "waitlist_number_unique_in_session": "waitlist_number",
        "registration_takes_a_seat": "seats",
        "waitlisted_registration_has_a_number": "waitlist_number",
    }

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
                violation_error_message=_("Another registration already holds this place on the waitlist."),
            ),
            models.CheckConstraint(
                condition=Q(seats__gte=1),
                name="registration_takes_a_seat",
                violation_error_message=_("A registration takes at least one seat."),
            ),
            models.CheckConstraint(
                condition=Q(status="waitlisted", waitlist_number__isnull=False) | ~Q(status="waitlisted"),
                name="waitlisted_registration_has_a_number",
                violation_error_message=_("A waitlisted registration needs its place on the waitlist."),
            ),
        ]

    def __str__(self):
        return f"{self.organization} – {self.session} ({self.get_status_display()})"

    @property
    def is_active(self):
        return self.status in self.ACTIVE_STATUSES

    def may_change(self, now) -> bool:
        """Whether the company or the organisers may still change it at `now` (cancel it, send someone else): active,
        and its session not over (services refuse SessionOver then). Reads its session."""
        return self.is_active and not self.session.has_ended(now)


class Attendee(models.Model):
    """A named person who takes one seat."""

    registration = models.ForeignKey(
        Registration, on_delete=models.CASCADE, related_name="attendees", verbose_name=_("registration")
    )
    full_name = models.CharField(_("full name"), max_length=200, validators=[validate_single_line])
    email = models.EmailField(_("email"))
    job_title = models.CharField(_("job title"), max_length=150, blank=True, validators=[validate_single_line])

    class Meta:
        ordering = ["registration", "pk"]
        verbose_name = _("attendee")
        verbose_name_plural = _("attendees")
        # People are found by address, whatever its case: their calendars (agenda.contents), agendas and feeds.
        indexes = [models.Index(Lower("email"), name="attendee_address")]

    def __str__(self):
        return self.full_name


class Question(models.Model):
    """Something the organiser asks each registering company for a session (size of the team, interests)."""

    class Kind(models.TextChoices):
        TEXT = "text", _("Short text")
        LONG_TEXT = "long_text", _("Long text")
        YES_NO = "yes_no", _("Yes or no")
        CHOICE = "choice", _("One of several choices")

    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="questions", verbose_name=_("session"))
    label = models.CharField(_("question"), max_length=300, validators=[validate_single_line])
    help_text = models.CharField(_("help text"), max_length=300, blank=True, validators=[validate_single_line])
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.TEXT)
    choices = models.JSONField(
        _("choices"), default=list, blank=True, help_text=_("For a choice: the options, in order.")
    )
    required = models.BooleanField(_("required"), default=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    # A question companies have answered is retired, not deleted (services.remove_question): its answers stay on
    # the registrations page and in the exports.
    asked = models.BooleanField(
        _("asked"),
        default=True,
        help_text=_(
            "Untick to stop asking it on the registration form; the answers already given stay on the "
            "registrations page and in the exports."
        ),
    )

    class Meta:
        ordering = ["session", "position", "pk"]
        verbose_name = _("question")
        verbose_name_plural = _("questions")

    def __str__(self):
        return self.label

    def clean(self):
        # Not `or []`: a stored false, 0 or {} would pass as no options and crash every later read.
        options = self.choices if self.choices is not None else []
        if not isinstance(options, list) or not all(isinstance(option, str) and option.strip() for option in options):
            raise ValidationError({"choices": _("Give the choices as a list of non-empty texts.")})
        if self.kind == self.Kind.CHOICE and len(options) < 2:
            raise ValidationError({"choices": _("A choice question needs at least two options.")})
        for number, option in enumerate(options, start=1):
            try:
                validate_single_line(option)
            except ValidationError as error:
                message = _("Choice %(number)d: %(error)s") % {"number": number, "error": error.messages[0]}
                raise ValidationError({"choices": message}) from None


class Answer(models.Model):
    registration = models.ForeignKey(
        Registration, on_delete=models.CASCADE, related_name="answers", verbose_name=_("registration")
    )
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="answers", verbose_name=_("question"))
    value = models.TextField(_("answer"), blank=True, validators=[validate_multi_line])

    class Meta:
        ordering = ["registration", "question__position", "question__pk"]
        verbose_name = _("answer")
        verbose_name_plural = _("answers")
        constraints = [models.UniqueConstraint(fields=["registration", "question"], name="one_answer_per_question")]

    def __str__(self):
        return f"{self.question}: {self.value}"
