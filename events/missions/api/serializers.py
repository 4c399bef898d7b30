"""Serializers check the shape of input; the services check the rules and write."""

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from events.core.api import CheckedSlugRelatedField, CountryField, PlaceTimeField, place_times
from events.missions.models import (
    Delegate,
    Delegation,
    Mission,
    Organization,
    ProcurementPriority,
    Sector,
    Session,
    Stop,
)
from events.missions.selectors import organised_missions
from events.missions.translation import in_every_language

SECTOR_SLUGS = {"many": True, "slug_field": "slug", "queryset": Sector.objects.all(), "required": False}


class SectorSerializer(serializers.ModelSerializer):
    class Meta:
        model = Sector
        fields = ["id", "slug", "name", "name_fr", "name_ar", "label"]


class OrganizationSerializer(serializers.ModelSerializer):
    country = CountryField()
    sectors = CheckedSlugRelatedField(**SECTOR_SLUGS)

    class Meta:
        model = Organization
        fields = [
            "id",
            "name",
            "slug",
            "kind",
            "country",
            "city",
            "website",
            "description",
            "offers",
            "size",
            "logo",
            "sectors",
        ]


class MissionSerializer(serializers.ModelSerializer):
    sectors = CheckedSlugRelatedField(**SECTOR_SLUGS)
    page_url = serializers.SerializerMethodField()

    class Meta:
        model = Mission
        fields = [
            "id",
            "title",
            "slug",
            "kind",
            "status",
            "sponsor",
            "implementers",
            "start_date",
            "end_date",
            "time_zone",
            "sectors",
            "summary",
            "description",
            # Each language's own text (empty: that language's readers get the fallback); "title", "summary"
            # and "description" above are what the request's language reads.
            *in_every_language("title", "summary", "description"),
            "contact_name",
            "contact_email",
            "page_url",
        ]

    def get_page_url(self, mission) -> str:
        return f"/missions/{mission.slug}/"


class OrganisedMissionField(serializers.PrimaryKeyRelatedField):
    """Only a mission the user organises can receive new stops or delegations."""

    def get_queryset(self):
        return organised_missions(self.context["request"].user)


class StopSerializer(serializers.ModelSerializer):
    mission = OrganisedMissionField()
    country = CountryField()

    class Meta:
        model = Stop
        fields = ["id", "mission", "order", "city", "region", "country", "time_zone", "venue", "start_date", "end_date"]
        # The (mission, order) rule is checked with the whole record by the service.
        validators = []


class SessionQuestionSerializer(serializers.Serializer):
    """What a registering company must answer; organisers write questions through /questions/."""

    id = serializers.IntegerField(read_only=True)
    label = serializers.CharField(read_only=True)
    help_text = serializers.CharField(read_only=True)
    kind = serializers.CharField(read_only=True)
    choices = serializers.ListField(child=serializers.CharField(), read_only=True)
    required = serializers.BooleanField(read_only=True)


class SessionSerializer(serializers.ModelSerializer):
    mission = serializers.IntegerField(source="stop.mission_id", read_only=True)
    stop = serializers.PrimaryKeyRelatedField(queryset=Stop.objects.select_related("mission"))
    starts_at = PlaceTimeField(help_text=_("ISO 8601; without an offset, read in the stop's time zone."))
    ends_at = PlaceTimeField(help_text=_("ISO 8601; without an offset, read in the stop's time zone."))
    registration_opens_at = PlaceTimeField(required=False, allow_null=True)
    registration_closes_at = PlaceTimeField(required=False, allow_null=True)
    time_zone = serializers.CharField(source="stop.time_zone", read_only=True)
    local_starts_at = serializers.SerializerMethodField()
    local_ends_at = serializers.SerializerMethodField()
    sectors = CheckedSlugRelatedField(**SECTOR_SLUGS)
    questions = serializers.SerializerMethodField()

    class Meta:
        model = Session
        fields = [
            "id",
            "mission",
            "stop",
            "kind",
            "title",
            "description",
            *in_every_language("title", "description"),
            "venue",
            "starts_at",
            "ends_at",
            "time_zone",
            "local_starts_at",
            "local_ends_at",
            "capacity",
            "registration_mode",
            "registration_opens_at",
            "registration_closes_at",
            "attendees_per_company",
            "questions",
            "audience",
            "sectors",
        ]

    @extend_schema_field(SessionQuestionSerializer(many=True))
    def get_questions(self, session) -> list:
        # What the registration asks now: a retired question (asked unticked) keeps its answers, not its place here.
        asked = [question for question in session.questions.all() if question.asked]
        return SessionQuestionSerializer(asked, many=True).data

    def get_local_starts_at(self, session) -> str:
        return session.starts_at.astimezone(session.stop.zone).isoformat()

    def get_local_ends_at(self, session) -> str:
        return session.ends_at.astimezone(session.stop.zone).isoformat()

    def validate(self, attrs):
        stop = attrs.get("stop") or self.instance.stop
        return place_times(
            attrs, ("starts_at", "ends_at", "registration_opens_at", "registration_closes_at"), stop.time_zone
        )


class ProcurementPrioritySerializer(serializers.ModelSerializer):
    sector = serializers.SlugRelatedField(slug_field="slug", read_only=True)

    class Meta:
        model = ProcurementPriority
        fields = ["id", "sector", "title", "seeking", "project", "certifications", "budget_band", "timeline", "owners"]


class DelegationSerializer(serializers.ModelSerializer):
    mission = OrganisedMissionField()
    country = CountryField()
    priorities = ProcurementPrioritySerializer(many=True, read_only=True)

    class Meta:
        model = Delegation
        fields = ["id", "mission", "name", "country", "description", "priorities"]


class DelegateSerializer(serializers.ModelSerializer):
    sectors = CheckedSlugRelatedField(**SECTOR_SLUGS)
    mission = serializers.IntegerField(source="delegation.mission_id", read_only=True)
    cancel_meetings = serializers.BooleanField(
        write_only=True,
        required=False,
        default=False,
        help_text=_(
            "With a role that meets no company (interpreter, staff): cancel the delegate's meetings and open "
            "requests, for both sides. Without it, such a change is refused while they have any."
        ),
    )

    class Meta:
        model = Delegate
        fields = [
            "id",
            "mission",
            "delegation",
            "full_name",
            "role",
            "job_title",
            "organization",
            "email",
            "sectors",
            "languages",
            "cancel_meetings",
        ]
        validators = []

    def to_representation(self, delegate):
        data = super().to_representation(delegate)
        # A delegate's address is for the people running the mission, not for the public.
        if delegate.delegation.mission_id not in self.context.get("organised_mission_ids", ()):
            data.pop("email")
        return data
