"""Who takes part: sectors of activity, organizations and the people who represent them."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from events.core.models import RemembersStoredValues
from events.core.text import validate_multi_line, validate_single_line


class Sector(models.Model):
    slug = models.SlugField(_("slug"), max_length=60, unique=True)
    name = models.CharField(_("name (English)"), max_length=100, validators=[validate_single_line])
    name_fr = models.CharField(_("name (French)"), max_length=100, blank=True, validators=[validate_single_line])
    name_ar = models.CharField(_("name (Arabic)"), max_length=100, blank=True, validators=[validate_single_line])

    class Meta:
        ordering = ["name"]
        verbose_name = _("sector")
        verbose_name_plural = _("sectors")

    def __str__(self):
        return self.label

    @property
    def label(self) -> str:
        """The name in the language of the current request, English when no translation exists."""
        translated = {"fr": self.name_fr, "ar": self.name_ar}.get((get_language() or "")[:2])
        return translated or self.name


def logo_path(organization, filename):
    # Logos are always re-encoded to PNG, whatever name the upload came with.
    return f"logos/{organization.slug}.png"


class Organization(RemembersStoredValues, models.Model):
    class Kind(models.TextChoices):
        COMPANY = "company", _("Company")
        GOVERNMENT_AGENCY = "government_agency", _("Government agency")
        COOPERATIVE = "cooperative", _("Cooperative or GIE")
        ASSOCIATION = "association", _("Association")
        SPONSOR = "sponsor", _("Sponsor")
        IMPLEMENTER = "implementer", _("Implementing organization")
        INVESTMENT_CENTRE = "investment_centre", _("Investment centre")

    class Size(models.TextChoices):
        MICRO = "1-9", _("1–9 people")
        SMALL = "10-49", _("10–49 people")
        MEDIUM = "50-249", _("50–249 people")
        LARGE = "250-999", _("250–999 people")
        VERY_LARGE = "1000+", _("1,000 people or more")

    name = models.CharField(_("name"), max_length=200, validators=[validate_single_line])
    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    kind = models.CharField(_("kind"), max_length=30, choices=Kind.choices, default=Kind.COMPANY)
    country = CountryField(_("country"))
    city = models.CharField(_("city"), max_length=100, blank=True, validators=[validate_single_line])
    website = models.URLField(_("website"), blank=True)
    description = models.TextField(_("description"), blank=True, validators=[validate_multi_line])
    offers = models.TextField(
        _("what it offers"),
        blank=True,
        validators=[validate_multi_line],
        help_text=_("Products, services and references the delegates should know."),
    )
    size = models.CharField(_("size"), max_length=10, choices=Size.choices, blank=True)
    logo = models.ImageField(_("logo"), upload_to=logo_path, blank=True)
    sectors = models.ManyToManyField(Sector, related_name="organizations", blank=True, verbose_name=_("sectors"))
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    stored_fields = ("name",)  # a renamed organization is announced (missions.receivers)

    class Meta:
        ordering = ["name"]
        verbose_name = _("organization")
        verbose_name_plural = _("organizations")

    def __str__(self):
        return self.name

    def clean(self):
        # The name says who sits at a table: in delegates' requests, on the board, in every meeting's calendar title.
        # A company renamed as another (on the API, in any case) had its meetings mailed under the other's name.
        taken = Organization.objects.filter(name__iexact=self.name.strip()).exclude(pk=self.pk)
        if self.name and taken.exists():
            raise ValidationError(
                {
                    "name": _(
                        "Another organisation has this name: add what tells yours apart (its city, its legal form)."
                    )
                }
            )


class Representative(models.Model):
    """A user who acts for an organization (a company's staff registering and booking meetings)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="representative", verbose_name=_("user")
    )
    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="representatives", verbose_name=_("organization")
    )
    job_title = models.CharField(_("job title"), max_length=150, blank=True, validators=[validate_single_line])

    class Meta:
        verbose_name = _("representative")
        verbose_name_plural = _("representatives")

    def __str__(self):
        return f"{self.user} ({self.organization})"
