"""The visiting side: a delegation, its roster and what it wants to buy."""

from django.conf import settings
from django.conf.locale import LANG_INFO
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Case, F, Q, When
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from events.core.models import ConstraintErrorsOnFieldsMixin, RemembersStoredValues
from events.core.text import validate_multi_line, validate_single_line
from events.missions.models.directory import Organization, Sector
from events.missions.models.mission import Mission


def validate_language_codes(value):
    if not isinstance(value, list) or not all(isinstance(code, str) for code in value):
        raise ValidationError(_('Give the languages as a list of codes, e.g. ["ar", "fr", "en"].'))
    unknown = [code for code in value if code not in LANG_INFO]
    if unknown:
        raise ValidationError(
            _("Not a language code we know: %(codes)s. Use ISO 639-1 codes such as ar, fr, en."),
            params={"codes": ", ".join(unknown)},
        )


class Delegation(models.Model):
    mission = models.ForeignKey(
        Mission, on_delete=models.CASCADE, related_name="delegations", verbose_name=_("mission")
    )
    name = models.CharField(_("name"), max_length=200, validators=[validate_single_line])
    country = CountryField(_("country"))
    description = models.TextField(_("description"), blank=True, validators=[validate_multi_line])

    class Meta:
        ordering = ["mission", "name"]
        verbose_name = _("delegation")
        verbose_name_plural = _("delegations")

    def __str__(self):
        return self.name


class Delegate(RemembersStoredValues, ConstraintErrorsOnFieldsMixin, models.Model):
    class Role(models.TextChoices):
        HEAD = "head", _("Head of delegation")
        MEMBER = "member", _("Member")
        INTERPRETER = "interpreter", _("Interpreter")
        STAFF = "staff", _("Staff")

    constraint_fields = {"one_head_per_delegation": "role", "delegate_email_unique_in_delegation": "email"}
    stored_fields = ("full_name",)  # a renamed delegate is announced (missions.receivers)

    delegation = models.ForeignKey(
        Delegation, on_delete=models.CASCADE, related_name="delegates", verbose_name=_("delegation")
    )
    full_name = models.CharField(_("full name"), max_length=200, validators=[validate_single_line])
    role = models.CharField(_("role"), max_length=20, choices=Role.choices, default=Role.MEMBER)
    job_title = models.CharField(_("job title"), max_length=200, blank=True, validators=[validate_single_line])
    organization = models.ForeignKey(
        Organization,
        on_delete=models.SET_NULL,
        related_name="delegates",
        null=True,
        blank=True,
        verbose_name=_("organization"),
    )
    email = models.EmailField(_("email"), blank=True)
    sectors = models.ManyToManyField(Sector, related_name="delegates", blank=True, verbose_name=_("sectors"))
    languages = models.JSONField(
        _("languages"),
        default=list,
        blank=True,
        validators=[validate_language_codes],
        help_text=_("A list of ISO 639-1 codes, e.g. ar, fr, en."),
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        related_name="delegate_seats",
        null=True,
        blank=True,
        verbose_name=_("account"),
    )

    class Meta:
        ordering = ["delegation", "role", "full_name"]
        verbose_name = _("delegate")
        verbose_name_plural = _("delegates")
        constraints = [
            models.UniqueConstraint(
                fields=["delegation"],
                condition=Q(role="head"),
                name="one_head_per_delegation",
                violation_error_message=_("This delegation already has a head of delegation."),
            ),
            models.UniqueConstraint(
                "delegation",
                Lower("email"),
                condition=~Q(email=""),
                name="delegate_email_unique_in_delegation",
                violation_error_message=_("This email address is already on the delegation's roster."),
            ),
        ]

    def __str__(self):
        return self.full_name

    @property
    def calendar_address(self) -> str:
        """Where the delegate's invitations, reminders and request mail go: their account's address, else the
        roster's. calendar_address_in_sql() is the same rule, to find delegates by address in a query."""
        return ((self.user.email if self.user_id else self.email) or "").lower()

    @staticmethod
    def calendar_address_in_sql():
        """calendar_address as a query expression: `Delegate.objects.annotate(address=...)`."""
        return Lower(Case(When(user__isnull=False, then=F("user__email")), default=F("email")))


MAX_CERTIFICATIONS = 20


def validate_certifications(value) -> None:
    """A list of at most 20 short names (one line, at most 60 characters each)."""
    if not isinstance(value, list) or len(value) > MAX_CERTIFICATIONS:
        raise ValidationError(
            _("Give at most %(count)s certifications, as a list."), params={"count": MAX_CERTIFICATIONS}
        )
    for name in value:
        if not isinstance(name, str) or not name.strip() or len(name) > 60:
            raise ValidationError(_("Each certification is a name of 1 to 60 characters."))
        validate_single_line(name)


class ProcurementPriority(models.Model):
    """One thing the delegation seeks to buy or partner on, as companies should read it."""

    class BudgetBand(models.TextChoices):
        UNDER_1M = "under_1m", _("Under US$1 million")
        FROM_1M_TO_5M = "1m_5m", _("US$1–5 million")
        FROM_5M_TO_20M = "5m_20m", _("US$5–20 million")
        OVER_20M = "over_20m", _("Over US$20 million")

    class Timeline(models.TextChoices):
        WITHIN_6_MONTHS = "6m", _("Within 6 months")
        WITHIN_12_MONTHS = "12m", _("6 to 12 months")
        WITHIN_24_MONTHS = "24m", _("12 to 24 months")
        LONGER = "later", _("More than 24 months")

    delegation = models.ForeignKey(
        Delegation, on_delete=models.CASCADE, related_name="priorities", verbose_name=_("delegation")
    )
    sector = models.ForeignKey(Sector, on_delete=models.PROTECT, related_name="priorities", verbose_name=_("sector"))
    title = models.CharField(_("title"), max_length=200, blank=True, validators=[validate_single_line])
    seeking = models.TextField(_("what they seek"), validators=[validate_multi_line])
    project = models.CharField(_("project or tender"), max_length=200, blank=True, validators=[validate_single_line])
    # Certifications or references a supplier must hold ("ISO 27001", "Tier III"): compared with what a
    # company says it holds (events.matching), whatever their case, spaces and hyphens.
    certifications = models.JSONField(
        _("certifications required"), default=list, blank=True, validators=[validate_certifications]
    )
    owners = models.ManyToManyField(
        "Delegate", related_name="priorities_owned", blank=True, verbose_name=_("delegates who own it")
    )
    budget_band = models.CharField(_("budget"), max_length=20, choices=BudgetBand.choices, blank=True)
    timeline = models.CharField(_("timeline"), max_length=10, choices=Timeline.choices, blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=1)

    class Meta:
        ordering = ["delegation", "order", "id"]
        verbose_name = _("procurement priority")
        verbose_name_plural = _("procurement priorities")

    def __str__(self):
        return f"{self.sector}: {self.title or self.seeking[:60]}"
