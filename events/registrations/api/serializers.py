from django.core.validators import ProhibitNullCharactersValidator
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from events.core.api import CheckedSlugRelatedField, IdField
from events.core.text import validate_multi_line, validate_single_line
from events.missions.models import Organization, Session
from events.missions.selectors import is_visible_to, organised_missions, visible_missions
from events.registrations import services
from events.registrations.models import REASON_MAX_LENGTH, Answer, Attendee, Question, Registration


class AttendeeSerializer(serializers.ModelSerializer):
    class Meta:
        model = Attendee
        fields = ["full_name", "email", "job_title"]


class AnswerSerializer(serializers.ModelSerializer):
    question_label = serializers.CharField(source="question.label", read_only=True)

    class Meta:
        model = Answer
        fields = ["question", "question_label", "value"]


class RegistrationSerializer(serializers.ModelSerializer):
    attendees = AttendeeSerializer(many=True, read_only=True)
    answers = AnswerSerializer(many=True, read_only=True)
    organization_name = serializers.CharField(source="organization.name", read_only=True)
    session_title = serializers.CharField(source="session.title", read_only=True)
    waitlist_position = serializers.IntegerField(read_only=True, allow_null=True)

    class Meta:
        model = Registration
        fields = [
            "id",
            "session",
            "session_title",
            "organization",
            "organization_name",
            "status",
            "seats",
            "waitlist_position",
            "attendees",
            "answers",
            "decision_reason",
            "created_at",
        ]
        read_only_fields = fields


@extend_schema_field(OpenApiTypes.INT)
class VisibleSessionField(serializers.PrimaryKeyRelatedField):
    """A session of a mission the user may see: a draft's session id reads as unknown to everyone else.

    Read by its id with its mission, then checked against the user (missions.selectors.is_visible_to):
    a query as light as the id alone for a published mission, which is what a registration rush asks."""

    def get_queryset(self):
        return Session.objects.select_related("stop__mission")

    def to_internal_value(self, data):
        session = super().to_internal_value(data)
        if not is_visible_to(self.context["request"].user, session.stop.mission):
            self.fail("does_not_exist", pk_value=data)
        return session


class AttendeeValueField(serializers.CharField):
    """One value of an attendee: text or null, refused here otherwise (a list, an object, a lone surrogate).
    A NUL passes on to the service, whose message names the attendee, the character and its position, as it
    does for every other control character (validation.clean_attendees)."""

    def __init__(self, **kwargs):
        super().__init__(allow_blank=True, allow_null=True, trim_whitespace=False, **kwargs)
        self.validators = [v for v in self.validators if not isinstance(v, ProhibitNullCharactersValidator)]


def attendees_field():
    """The attendees a registration names: a list of {full_name, email, job_title}, each value text."""
    return serializers.ListField(child=serializers.DictField(child=AttendeeValueField()), allow_empty=True)


class RegistrationRequestSerializer(serializers.Serializer):
    session = VisibleSessionField()
    organization = serializers.PrimaryKeyRelatedField(
        queryset=Organization.objects.all(),
        required=False,
        help_text=_("Only organisers registering for a company give this; a representative registers their own."),
    )
    attendees = attendees_field()
    answers = serializers.DictField(
        child=serializers.CharField(allow_blank=True),
        required=False,
        default=dict,
        help_text=_("Answers to the session's questions, keyed by question id."),
    )


@extend_schema_field(OpenApiTypes.STR)
class VisibleMissionField(CheckedSlugRelatedField):
    def get_queryset(self):
        return visible_missions(self.context["request"].user)


class MissionRegistrationRequestSerializer(serializers.Serializer):
    mission = VisibleMissionField(slug_field="slug")
    sessions = serializers.ListField(
        child=IdField(),
        required=False,
        help_text=_("The sessions to register for; all those open for registration when left out."),
    )
    organization = serializers.PrimaryKeyRelatedField(queryset=Organization.objects.all(), required=False)
    attendees = attendees_field()
    answers = serializers.DictField(child=serializers.CharField(allow_blank=True), required=False, default=dict)


class QuestionSerializer(serializers.ModelSerializer):
    session = serializers.PrimaryKeyRelatedField(queryset=Session.objects.all())
    choices = serializers.ListField(
        child=serializers.CharField(max_length=200),
        required=False,
        max_length=50,
        help_text=_("For a choice question: the options, in order (a list of texts)."),
    )

    class Meta:
        model = Question
        fields = ["id", "session", "label", "help_text", "kind", "choices", "required", "position", "asked"]

    def validate_session(self, session):
        if not organised_missions(self.context["request"].user).filter(pk=session.stop.mission_id).exists():
            raise serializers.ValidationError(_("You can only ask questions for sessions of missions you organise."))
        return session


class ReasonSerializer(serializers.Serializer):
    reason = serializers.CharField(
        required=False, allow_blank=True, default="", max_length=REASON_MAX_LENGTH, validators=[validate_multi_line]
    )


class SubstitutionSerializer(serializers.Serializer):
    """Who goes in whose place (services.substitute_attendee): `attendee` is the current address of the attendee
    replaced; the fields of the person sent instead are checked by the service, each on its own name."""

    attendee = serializers.EmailField(help_text=_("The address of the attendee replaced."))
    full_name = serializers.CharField(max_length=200, validators=[validate_single_line])
    email = serializers.EmailField(validators=[validate_single_line])
    job_title = serializers.CharField(required=False, allow_blank=True, default="", validators=[validate_single_line])


class BulkActionSerializer(ReasonSerializer):
    action = serializers.ChoiceField(choices=services.DECISIONS)
    ids = serializers.ListField(child=IdField(), min_length=1, max_length=services.MAX_BULK_DECISIONS)


class CapacitySerializer(serializers.ModelSerializer):
    """The session's own field, with its bounds: a capacity beyond the column's range is a 400, not a 500."""

    class Meta:
        model = Session
        fields = ["capacity"]
        extra_kwargs = {"capacity": {"required": True}}


class BulkOutcomeSerializer(serializers.Serializer):
    """One registration of a bulk decision: its new status when it succeeded, why not when it failed."""

    id = serializers.IntegerField()
    ok = serializers.BooleanField()
    status = serializers.ChoiceField(choices=Registration.Status.choices, required=False)
    detail = serializers.CharField(required=False)


class BulkOutcomesSerializer(serializers.Serializer):
    results = BulkOutcomeSerializer(many=True)


class SessionHeadlineSerializer(serializers.Serializer):
    """Seats taken and registrations by status, the numbers an organiser reads first."""

    confirmed_seats = serializers.IntegerField()
    capacity = serializers.IntegerField(allow_null=True)
    pending = serializers.IntegerField()
    confirmed = serializers.IntegerField()
    waitlisted = serializers.IntegerField()
    declined = serializers.IntegerField()
    cancelled = serializers.IntegerField()
