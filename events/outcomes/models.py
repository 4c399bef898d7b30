"""What came of the meetings: feedback right after each one, follow-up waves months later, leads and deals.

The shape follows the EEN's brokerage events, which ask both sides right after a meeting and again about
six months later, and the funders who pay for missions (USTDA reports exports attributed to an activity
against its cost). Everything a person answers is kept: an answer changed is a new row, so a lead's
history (stages over time, a deal's value as first estimated) is never overwritten.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from events.core.models import ConstraintErrorsOnFieldsMixin
from events.core.text import validate_multi_line, validate_single_line
from events.meetings.models import MeetingRequest
from events.missions.models import Delegate, Mission, Organization, Stop

CURRENCY = RegexValidator(r"^[A-Z]{3}$", _("Enter a three-letter ISO 4217 currency code, such as USD or MAD."))


class Stage(models.TextChoices):
    """How far a lead has gone, in order (the EEN's follow-up scale, from no contact to agreement)."""

    NONE = "none", _("No further contact")
    INFORMATION = "information", _("Information exchange")
    FOLLOW_UP_MEETING = "follow_up_meeting", _("Follow-up meeting")
    PROPOSAL = "proposal", _("Proposal or quote")
    NEGOTIATION = "negotiation", _("Negotiation started")
    AGREEMENT = "agreement", _("Agreement reached")


STAGE_ORDER = {stage: rank for rank, stage in enumerate(Stage.values)}


def furthest_stage(stages) -> str | None:
    """Where a lead stands: the furthest of its parties' latest stages, or None before any answer."""
    return max(stages, key=STAGE_ORDER.__getitem__, default=None)


class DealKind(models.TextChoices):
    SALE = "sale", _("Sale")
    PARTNERSHIP = "partnership", _("Partnership")
    INVESTMENT = "investment", _("Investment")
    MOU = "mou", _("Memorandum of understanding")


class Lead(models.Model):
    """The thread between two parties of a mission that met: a company and a delegate, or two companies.

    One per pair and mission, whichever B2B session they met at (`meetings` holds each request placed for
    them), so a deal reported after two meetings counts once. `pair` names the two parties in a fixed
    order ("d12|o40": delegate 12, organisation 40), which is what makes the pair unique.
    """

    mission = models.ForeignKey(Mission, on_delete=models.CASCADE, related_name="leads", verbose_name=_("mission"))
    pair = models.CharField(_("pair"), max_length=40, editable=False)
    meetings = models.ManyToManyField(MeetingRequest, related_name="leads", verbose_name=_("meetings"))
    # Where they first met: the itinerary's city the funder's figures are grouped by.
    stop = models.ForeignKey(Stop, on_delete=models.PROTECT, related_name="+", verbose_name=_("stop"))
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        ordering = ["mission", "pk"]
        verbose_name = _("lead")
        verbose_name_plural = _("leads")
        constraints = [models.UniqueConstraint(fields=["mission", "pair"], name="one_lead_per_pair_and_mission")]

    def __str__(self):
        return f"{self.mission}: {self.pair}"


class FollowUpWave(models.Model):
    """A later round of questions to every company of a mission about each counterpart it met.

    It opens on a day (in the mission's time zone, at 09:00 there), not at an instant: a date in a place.
    """

    mission = models.ForeignKey(
        Mission, on_delete=models.CASCADE, related_name="follow_up_waves", verbose_name=_("mission")
    )
    opens_on = models.DateField(_("opens on"))
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True, editable=False)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        ordering = ["mission", "opens_on", "pk"]
        verbose_name = _("follow-up wave")
        verbose_name_plural = _("follow-up waves")
        constraints = [models.UniqueConstraint(fields=["mission", "opens_on"], name="one_wave_per_mission_and_day")]

    def __str__(self):
        return f"{self.mission}: {self.opens_on:%Y-%m-%d}"


class FeedbackRequest(ConstraintErrorsOnFieldsMixin, models.Model):
    """One party's form about one lead: right after a meeting (`wave` empty, `meeting` set) or in a
    follow-up wave. Its link is signed (links.py); any of the people who speak for the party may answer."""

    lead = models.ForeignKey(Lead, on_delete=models.CASCADE, related_name="feedback_requests", verbose_name=_("lead"))
    wave = models.ForeignKey(
        FollowUpWave,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="feedback_requests",
        verbose_name=_("wave"),
    )
    meeting = models.ForeignKey(
        MeetingRequest,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="feedback_requests",
        verbose_name=_("meeting"),
    )
    # The party asked: its key in the lead's pair, and the organisation or delegate it stands for.
    party = models.CharField(_("party"), max_length=20, editable=False)
    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, null=True, blank=True, related_name="+", verbose_name=_("company")
    )
    delegate = models.ForeignKey(
        Delegate, on_delete=models.CASCADE, null=True, blank=True, related_name="+", verbose_name=_("delegate")
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        ordering = ["lead", "created_at", "pk"]
        verbose_name = _("feedback request")
        verbose_name_plural = _("feedback requests")
        constraints = [
            models.CheckConstraint(
                condition=Q(wave__isnull=True, meeting__isnull=False) | Q(wave__isnull=False, meeting__isnull=True),
                name="feedback_after_a_meeting_or_in_a_wave",
                violation_error_message=_("Feedback is asked either after a meeting or in a follow-up wave."),
            ),
            models.CheckConstraint(
                condition=Q(delegate__isnull=True, organization__isnull=False)
                | Q(delegate__isnull=False, organization__isnull=True),
                name="feedback_party_is_a_delegate_or_a_company",
                violation_error_message=_("Feedback is asked of either a delegate or a company."),
            ),
            # Sweeps run again and again: the database keeps each question asked once.
            models.UniqueConstraint(
                fields=["meeting", "party"],
                condition=Q(meeting__isnull=False),
                name="one_feedback_per_meeting_side",
                violation_error_message=_("This side of the meeting has already been asked for feedback."),
            ),
            models.UniqueConstraint(
                fields=["wave", "lead", "party"],
                condition=Q(wave__isnull=False),
                name="one_feedback_per_wave_lead_side",
                violation_error_message=_("This side of the lead has already been asked for feedback in this wave."),
            ),
        ]

    def __str__(self):
        return f"{self.lead} / {self.party} / {self.wave or 'after meeting'}"


# What a person answers (the rest of a FeedbackAnswer is when and by whom): the form's and the API's fields.
ANSWER_FIELDS = [
    "took_place",
    "usefulness",
    "stage",
    "deal_kind",
    "deal_value",
    "deal_currency",
    "home_content_percent",
    "may_cite",
    "note",
]


class FeedbackAnswer(ConstraintErrorsOnFieldsMixin, models.Model):
    """One answer as given, dated. Answering again adds a row; the latest is the party's answer now."""

    feedback_request = models.ForeignKey(
        FeedbackRequest, on_delete=models.CASCADE, related_name="answers", verbose_name=_("feedback request")
    )
    answered_at = models.DateTimeField(_("answered at"))
    answered_by = models.EmailField(_("answered by"), blank=True)  # lower case; whoever the link was sent to
    took_place = models.BooleanField(_("the meeting took place"), null=True, blank=True)
    usefulness = models.PositiveSmallIntegerField(
        _("usefulness"), null=True, blank=True, validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    stage = models.CharField(_("what is next"), max_length=20, choices=Stage.choices)
    deal_kind = models.CharField(_("kind of deal"), max_length=20, choices=DealKind.choices, blank=True)
    deal_value = models.DecimalField(
        _("estimated value"), max_digits=14, decimal_places=2, null=True, blank=True, validators=[MinValueValidator(0)]
    )
    deal_currency = models.CharField(_("currency"), max_length=3, blank=True, validators=[CURRENCY])
    home_content_percent = models.PositiveSmallIntegerField(
        _("home-country content (%)"), null=True, blank=True, validators=[MaxValueValidator(100)]
    )
    may_cite = models.BooleanField(_("may be cited in reports"), default=False)
    note = models.TextField(_("note"), max_length=2000, blank=True, validators=[validate_multi_line])

    constraint_fields = {
        "a_deal_is_an_agreement_reached": "deal_kind",
        "a_deal_value_has_a_kind_and_currency": "deal_value",
    }

    class Meta:
        ordering = ["feedback_request", "answered_at", "pk"]
        verbose_name = _("feedback answer")
        verbose_name_plural = _("feedback answers")
        constraints = [
            models.CheckConstraint(
                condition=Q(deal_kind="") | Q(stage="agreement"),
                name="a_deal_is_an_agreement_reached",
                violation_error_message=_("A deal is recorded only when an agreement was reached."),
            ),
            models.CheckConstraint(
                condition=Q(deal_value__isnull=True) | ~Q(deal_currency="") & ~Q(deal_kind=""),
                name="a_deal_value_has_a_kind_and_currency",
                violation_error_message=_("A deal value needs the deal's kind and its currency."),
            ),
        ]

    def __str__(self):
        return f"{self.feedback_request}: {self.stage} ({self.answered_at:%Y-%m-%d})"

    def clean(self):
        """Rules across fields, each error on the field to correct."""
        errors = {}
        after_meeting = self.feedback_request_id and self.feedback_request.wave_id is None
        if after_meeting and self.took_place is None:
            errors["took_place"] = _("Say whether the meeting took place.")
        deal = bool(self.deal_kind or self.deal_value is not None)
        if after_meeting and self.took_place is False and (deal or self.stage != Stage.NONE):
            # What came later, after a meeting missed, is told in the follow-up waves.
            errors["stage"] = _("A meeting that did not take place has no next step here: choose “No further contact”.")
        if self.deal_kind and self.stage != Stage.AGREEMENT:
            errors["deal_kind"] = _("A deal is reported with the stage “Agreement reached”.")
        if self.deal_value is not None and not self.deal_kind:
            errors["deal_kind"] = _("Say what kind of deal this value is for.")
        if self.deal_value is not None and not self.deal_currency:
            errors["deal_currency"] = _("Give the currency of the value.")
        if self.deal_currency and self.deal_value is None:
            errors["deal_value"] = _("Give the estimated value, or leave the currency empty.")
        if self.home_content_percent is not None and not deal:
            errors["home_content_percent"] = _("The content share is asked only for a deal.")
        if self.may_cite and not deal:
            errors["may_cite"] = _("Only a deal may be cited.")
        if errors:
            raise ValidationError(errors)


class MissionFunding(models.Model):
    """What a funder needs to read a mission's results: its cost, the currency it reports in, and the rates
    the organiser uses to convert reported deal values (stated in the report's method notes)."""

    mission = models.OneToOneField(Mission, on_delete=models.CASCADE, related_name="funding", verbose_name=_("mission"))
    funder = models.CharField(_("funder"), max_length=200, blank=True, validators=[validate_single_line])
    programme_cost = models.DecimalField(
        _("programme cost"), max_digits=14, decimal_places=2, null=True, blank=True, validators=[MinValueValidator(0)]
    )
    currency = models.CharField(_("reporting currency"), max_length=3, default="USD", validators=[CURRENCY])
    # {"MAD": "0.10"}: one unit of each currency in the reporting currency, as the organiser states it.
    exchange_rates = models.JSONField(_("exchange rates"), default=dict, blank=True)
    home_country = models.CharField(
        _("home country"),
        max_length=100,
        blank=True,
        validators=[validate_single_line],
        help_text=_("Whose content share the funder counts, e.g. United States."),
    )
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("mission funding")
        verbose_name_plural = _("mission funding")

    def __str__(self):
        return f"{self.mission}: {self.programme_cost or '?'} {self.currency}"
