"""A mission, its itinerary of stops and the programme of sessions at each stop."""

import datetime
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from events.core.models import ConstraintErrorsOnFieldsMixin
from events.core.text import validate_multi_line, validate_single_line
from events.core.wall_clock import WallClock
from events.missions.models.directory import Organization, Sector
from events.missions.time_zones import local_date, validate_time_zone

# Reminders before each meeting and session a person attends, in minutes: a day and an hour.
DEFAULT_REMINDER_MINUTES = (24 * 60, 60)
LONGEST_REMINDER = 14 * 24 * 60


def default_reminder_minutes() -> list[int]:
    return list(DEFAULT_REMINDER_MINUTES)


def validate_reminder_minutes(value) -> None:
    if not isinstance(value, list) or len(value) > 5:
        raise ValidationError(_("Give at most five reminders, as a list of minutes before the start."))
    for minutes in value:
        if isinstance(minutes, bool) or not isinstance(minutes, int) or not 1 <= minutes <= LONGEST_REMINDER:
            raise ValidationError(
                _("Each reminder is a whole number of minutes between 1 and %(longest)s."),
                params={"longest": LONGEST_REMINDER},
            )
    if len(set(value)) != len(value):
        raise ValidationError(_("The same reminder is given twice."))


def mail_topic(mission_id) -> str:
    """How a mission's mail is labelled in the outbox, so that its organisers see what failed and retry it."""
    return f"mission:{mission_id}"


class Mission(ConstraintErrorsOnFieldsMixin, models.Model):
    class Kind(models.TextChoices):
        REVERSE_TRADE_MISSION = "reverse_trade_mission", _("Reverse trade mission")
        TRADE_MISSION = "trade_mission", _("Trade mission")
        INVESTOR_VISIT = "investor_visit", _("Investor visit")
        SUMMIT = "summit", _("Summit")
        B2B_MATCHMAKING = "b2b_matchmaking", _("B2B matchmaking day")
        TRAINING_PROGRAMME = "training_programme", _("Training programme")

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        PUBLISHED = "published", _("Published")
        CLOSED = "closed", _("Closed")
        ARCHIVED = "archived", _("Archived")

    title = models.CharField(_("title"), max_length=200, validators=[validate_single_line])
    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    kind = models.CharField(_("kind"), max_length=30, choices=Kind.choices)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.DRAFT)
    sponsor = models.ForeignKey(
        Organization,
        on_delete=models.PROTECT,
        related_name="sponsored_missions",
        null=True,
        blank=True,
        verbose_name=_("sponsor"),
    )
    implementers = models.ManyToManyField(
        Organization, related_name="implemented_missions", blank=True, verbose_name=_("implementing organizations")
    )
    start_date = models.DateField(_("first day"))
    end_date = models.DateField(_("last day"))
    time_zone = models.CharField(
        _("home time zone"),
        max_length=64,
        validators=[validate_time_zone],
        help_text=_("IANA name, e.g. Africa/Casablanca"),
    )
    sectors = models.ManyToManyField(Sector, related_name="missions", blank=True, verbose_name=_("sectors"))
    summary = models.CharField(_("summary"), max_length=300, blank=True, validators=[validate_single_line])
    description = models.TextField(_("description"), blank=True, validators=[validate_multi_line])
    contact_name = models.CharField(_("contact name"), max_length=150, blank=True, validators=[validate_single_line])
    contact_email = models.EmailField(_("contact email"), blank=True)
    organisers = models.ManyToManyField(
        settings.AUTH_USER_MODEL, related_name="organised_missions", blank=True, verbose_name=_("organisers")
    )
    reminder_minutes = models.JSONField(
        _("reminders"),
        default=default_reminder_minutes,
        blank=True,
        validators=[validate_reminder_minutes],
        help_text=_(
            "Minutes before each meeting and session at which its people are reminded by email, "
            "e.g. [1440, 60] for a day and an hour before; [] for none."
        ),
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    constraint_fields = {"mission_ends_after_it_starts": "end_date"}

    class Meta:
        ordering = ["start_date", "title"]
        verbose_name = _("mission")
        verbose_name_plural = _("missions")
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__gte=F("start_date")),
                name="mission_ends_after_it_starts",
                violation_error_message=_("The last day cannot be before the first day."),
            ),
        ]

    def __str__(self):
        return self.title

    def clean(self):
        if self.start_date and self.end_date and self.end_date < self.start_date:
            raise ValidationError({"end_date": _("The last day cannot be before the first day.")})


class Stop(ConstraintErrorsOnFieldsMixin, models.Model):
    """A leg of the itinerary: a city the mission stays in, with that place's time zone."""

    mission = models.ForeignKey(Mission, on_delete=models.CASCADE, related_name="stops", verbose_name=_("mission"))
    order = models.PositiveSmallIntegerField(_("order"), default=1)
    city = models.CharField(_("city"), max_length=100, validators=[validate_single_line])
    region = models.CharField(_("region"), max_length=100, blank=True, validators=[validate_single_line])
    country = CountryField(_("country"))
    time_zone = models.CharField(
        _("time zone"), max_length=64, validators=[validate_time_zone], help_text=_("IANA name, e.g. America/Chicago")
    )
    venue = models.CharField(_("venue"), max_length=200, blank=True, validators=[validate_single_line])
    start_date = models.DateField(_("arrival day"))
    end_date = models.DateField(_("departure day"))

    # Calendars read it as LAST-MODIFIED, so a changed session replaces the copy they hold.
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    constraint_fields = {"stop_ends_after_it_starts": "end_date"}

    class Meta:
        ordering = ["mission", "order", "start_date"]
        verbose_name = _("itinerary stop")
        verbose_name_plural = _("itinerary stops")
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__gte=F("start_date")),
                name="stop_ends_after_it_starts",
                violation_error_message=_("The departure day cannot be before the arrival day."),
            ),
            models.UniqueConstraint(fields=["mission", "order"], name="stop_order_unique_in_mission"),
        ]

    def __str__(self):
        return f"{self.city} ({self.start_date.isoformat()} – {self.end_date.isoformat()})"

    def clean(self):
        errors = {}
        if self.start_date and self.end_date and self.end_date < self.start_date:
            errors["end_date"] = _("The departure day cannot be before the arrival day.")
        mission = self.mission if self.mission_id else None
        if mission and self.start_date and self.start_date < mission.start_date:
            errors["start_date"] = _("The stop must start on or after the mission's first day (%(day)s).") % {
                "day": mission.start_date.isoformat()
            }
        if mission and self.end_date and self.end_date > mission.end_date:
            errors["end_date"] = _("The stop must end on or before the mission's last day (%(day)s).") % {
                "day": mission.end_date.isoformat()
            }
        if errors:
            raise ValidationError(errors)

    @property
    def zone(self):
        return ZoneInfo(self.time_zone)

    @property
    def place(self) -> str:
        """The city and its region as one name ("Austin, Texas"), for a page to isolate as one unit."""
        return f"{self.city}, {self.region}" if self.region else self.city


# The largest session a page or the API accepts: a summit hall, not a typo's extra zeros.
MAX_CAPACITY = 100_000


class Session(ConstraintErrorsOnFieldsMixin, WallClock):
    """A programme item at a stop: a briefing, a site visit, a workshop, a B2B meeting session.

    Its times are planned on the stop's clock (WallClock keeps that wall clock as the truth).
    `sequence` is the revision calendars know it by (RFC 5545 SEQUENCE), raised with each change
    of its time, place or title; `revised_at` is when that happened (LAST-MODIFIED). Feeds,
    downloads and invitations all read both from here.
    """

    WALL_CLOCK_FIELDS = ("starts_at", "ends_at", "registration_opens_at", "registration_closes_at")
    WALL_CLOCK_PLACE = "stop"

    class Kind(models.TextChoices):
        BUSINESS_BRIEFING = "business_briefing", _("Business briefing")
        SITE_VISIT = "site_visit", _("Site visit")
        WORKSHOP = "workshop", _("Workshop")
        ROUND_TABLE = "round_table", _("Round table")
        CEREMONY = "ceremony", _("Ceremony")
        RECEPTION = "reception", _("Reception")
        B2B_MEETINGS = "b2b_meetings", _("B2B meeting session")
        TRAINING = "training", _("Training")

    class RegistrationMode(models.TextChoices):
        NONE = "none", _("No registration")
        OPEN = "open", _("Open registration")
        APPROVAL = "approval", _("Registration with approval")

    class Audience(models.TextChoices):
        PUBLIC = "public", _("Public")
        COMPANIES = "companies", _("Companies")
        DELEGATION = "delegation", _("Delegation only")
        INVITED = "invited", _("By invitation")

    stop = models.ForeignKey(Stop, on_delete=models.CASCADE, related_name="sessions", verbose_name=_("stop"))
    kind = models.CharField(_("kind"), max_length=30, choices=Kind.choices)
    title = models.CharField(_("title"), max_length=200, validators=[validate_single_line])
    description = models.TextField(_("description"), blank=True, validators=[validate_multi_line])
    venue = models.CharField(_("venue"), max_length=200, blank=True, validators=[validate_single_line])
    starts_at = models.DateTimeField(_("starts at"))
    ends_at = models.DateTimeField(_("ends at"))
    # At least one seat: 0 reads as "no limit" to many people and would quietly waitlist everyone.
    capacity = models.PositiveIntegerField(
        _("capacity"),
        null=True,
        blank=True,
        help_text=_("Empty means no limit."),
        validators=[
            MinValueValidator(1, message=_("A session needs at least 1 seat; leave the capacity empty for no limit.")),
            MaxValueValidator(MAX_CAPACITY, message=_("At most %(limit_value)s seats.")),
        ],
    )
    registration_mode = models.CharField(
        _("registration"), max_length=20, choices=RegistrationMode.choices, default=RegistrationMode.NONE
    )
    audience = models.CharField(_("audience"), max_length=20, choices=Audience.choices, default=Audience.PUBLIC)
    registration_opens_at = models.DateTimeField(_("registration opens"), null=True, blank=True)
    registration_closes_at = models.DateTimeField(_("registration closes"), null=True, blank=True)
    attendees_per_company = models.PositiveSmallIntegerField(
        _("attendees per company"), default=2, help_text=_("How many people one company may register.")
    )
    sectors = models.ManyToManyField(Sector, related_name="sessions", blank=True, verbose_name=_("sectors"))

    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    sequence = models.PositiveIntegerField(_("calendar revision"), default=0, editable=False)
    revised_at = models.DateTimeField(_("revised at"), default=timezone.now, editable=False)
    # The revision of its place alone (venue, city, zone), which its one-to-one meetings show too; they
    # have their slots' times, so a new session time revises only those it moves (with their slots).
    place_sequence = models.PositiveIntegerField(_("place revision"), default=0, editable=False)
    place_revised_at = models.DateTimeField(_("place revised at"), default=timezone.now, editable=False)

    constraint_fields = {
        "session_ends_after_it_starts": "ends_at",
        "session_registration_closes_after_it_opens": "registration_closes_at",
        "session_admits_one_attendee": "attendees_per_company",
    }

    class Meta:
        ordering = ["starts_at", "title"]
        verbose_name = _("session")
        verbose_name_plural = _("sessions")
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=F("starts_at")),
                name="session_ends_after_it_starts",
                violation_error_message=_("The session must end after it starts."),
            ),
            models.CheckConstraint(
                condition=Q(registration_closes_at__isnull=True)
                | Q(registration_opens_at__isnull=True)
                | Q(registration_closes_at__gt=F("registration_opens_at")),
                name="session_registration_closes_after_it_opens",
                violation_error_message=_("Registration must close after it opens."),
            ),
            models.CheckConstraint(
                condition=Q(attendees_per_company__gte=1),
                name="session_admits_one_attendee",
                violation_error_message=_("At least one attendee per company."),
            ),
        ]

    def __str__(self):
        return self.title

    def clean(self):
        errors = {}
        if self.starts_at and self.ends_at and self.ends_at <= self.starts_at:
            errors["ends_at"] = _("The session must end after it starts.")
        if (
            self.registration_opens_at
            and self.registration_closes_at
            and self.registration_closes_at <= self.registration_opens_at
        ):
            errors["registration_closes_at"] = _("Registration must close after it opens.")
        # Registration ends when the session starts in any case (registration_is_open): a later deadline
        # would be shown to companies as a promise the form does not keep.
        for name in ("registration_opens_at", "registration_closes_at"):
            if self.starts_at and getattr(self, name) and getattr(self, name) > self.starts_at and name not in errors:
                errors[name] = _("Registration happens before the session starts.")
        stop = self.stop if self.stop_id else None
        if self.kind == self.Kind.B2B_MEETINGS and stop and self.starts_at and self.ends_at and "ends_at" not in errors:
            # Its grid is cut into slots from start to end: a mistyped day made a grid through the night.
            first, last = (
                instant.astimezone(stop.zone).replace(tzinfo=None) for instant in (self.starts_at, self.ends_at)
            )
            midnight_after = datetime.datetime.combine(first.date() + datetime.timedelta(days=1), datetime.time())
            if last.date() != first.date() and last != midnight_after:
                errors["ends_at"] = _(
                    "One-to-one meetings end on the day they start (local time): make a session for each day."
                )
        for name in ("starts_at", "ends_at"):
            instant = getattr(self, name)
            if stop and instant and not stop.start_date <= local_date(instant, stop.time_zone) <= stop.end_date:
                errors.setdefault(
                    name,
                    _("The session must take place during the stop in %(city)s (%(first)s to %(last)s, local time).")
                    % {"city": stop.city, "first": stop.start_date.isoformat(), "last": stop.end_date.isoformat()},
                )
        if errors:
            raise ValidationError(errors)

    @property
    def takes_registrations(self):
        return self.registration_mode != self.RegistrationMode.NONE

    def has_ended(self, now) -> bool:
        """Whether the session is over at `now`: its registrations are then a record, no longer changed."""
        return self.ends_at <= now

    def registration_is_open(self, now):
        """The one rule for taking a registration: a published mission, a mode, the window, before it starts."""
        if not self.takes_registrations or self.stop.mission.status != Mission.Status.PUBLISHED:
            return False
        opened = self.registration_opens_at is None or self.registration_opens_at <= now
        not_closed = self.registration_closes_at is None or now < self.registration_closes_at
        return opened and not_closed and now < self.starts_at

    @property
    def time_zone(self):
        """A session takes place at its stop, so it keeps that place's time."""
        return self.stop.time_zone

    def wall_clock_zone(self) -> str:
        return self.stop.time_zone

    @property
    def calendar_location(self) -> str:
        """The LOCATION calendars show: its venue (its stop's when it has none of its own: it takes place there) and
        its stop's city, the city once when the venue already ends with it ("AT&T Hotel and Conference Center,
        Austin", not "…, Austin, Austin")."""
        venue, city = (self.venue.strip() or self.stop.venue.strip()), self.stop.city.strip()
        if venue and city and venue.casefold().endswith(city.casefold()):
            return venue
        return ", ".join(part for part in (venue, city) if part)
