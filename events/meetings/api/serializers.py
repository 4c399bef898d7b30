from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from events.core.api import IdField, PlaceTimeField, place_times
from events.core.text import validate_multi_line
from events.meetings.models import (
    BlockedPeriod,
    Meeting,
    MeetingGrid,
    MeetingRequest,
    Participant,
    SchedulerRun,
    ScheduleVersion,
    Slot,
    Table,
)


class SlotSerializer(serializers.ModelSerializer):
    local_starts_at = serializers.SerializerMethodField()

    class Meta:
        model = Slot
        fields = ["id", "index", "starts_at", "ends_at", "local_starts_at"]

    def get_local_starts_at(self, slot) -> str:
        return slot.starts_at.astimezone(self.context["zone"]).isoformat() if "zone" in self.context else ""


class TableSerializer(serializers.ModelSerializer):
    class Meta:
        model = Table
        fields = ["id", "name", "position", "delegate"]


class GridSerializer(serializers.ModelSerializer):
    slots = serializers.SerializerMethodField()
    tables = TableSerializer(many=True, read_only=True)
    time_zone = serializers.CharField(source="session.stop.time_zone", read_only=True)
    session_title = serializers.CharField(source="session.title", read_only=True)

    class Meta:
        model = MeetingGrid
        fields = [
            "id",
            "session",
            "session_title",
            "time_zone",
            "slot_minutes",
            "pairing",
            "requests_per_company",
            "requests_per_delegate",
            "slots",
            "tables",
        ]

    @extend_schema_field(SlotSerializer(many=True))
    def get_slots(self, grid):
        return SlotSerializer(grid.slots.all(), many=True, context={"zone": grid.session.stop.zone}).data


class ParticipantSerializer(serializers.ModelSerializer):
    name = serializers.CharField(read_only=True)
    kind = serializers.SerializerMethodField()
    arrives_at = PlaceTimeField(
        required=False, allow_null=True, help_text=_("ISO 8601; without an offset, read in the stop's time zone.")
    )
    leaves_at = PlaceTimeField(
        required=False, allow_null=True, help_text=_("ISO 8601; without an offset, read in the stop's time zone.")
    )

    class Meta:
        model = Participant
        fields = ["id", "grid", "kind", "name", "organization", "delegate", "arrives_at", "leaves_at"]
        read_only_fields = ["grid", "organization", "delegate"]

    def get_kind(self, participant) -> str:
        return "company" if participant.organization_id else "delegate"

    def validate(self, attrs):
        return place_times(attrs, ("arrives_at", "leaves_at"), self.instance.grid.session.stop.time_zone)


class BlockedPeriodSerializer(serializers.ModelSerializer):
    starts_at = PlaceTimeField(help_text=_("ISO 8601; without an offset, read in the stop's time zone."))
    ends_at = PlaceTimeField(help_text=_("ISO 8601; without an offset, read in the stop's time zone."))

    class Meta:
        model = BlockedPeriod
        fields = ["id", "participant", "starts_at", "ends_at", "reason"]

    def validate(self, attrs):
        return place_times(attrs, ("starts_at", "ends_at"), attrs["participant"].grid.session.stop.time_zone)


class MeetingRequestSerializer(serializers.ModelSerializer):
    requester_name = serializers.CharField(source="requester.name", read_only=True)
    receiver_name = serializers.CharField(source="receiver.name", read_only=True)
    requester = serializers.PrimaryKeyRelatedField(
        queryset=Participant.objects.all(),
        required=False,
        help_text=_("Who asks; by default the user's own company or delegate seat in this grid."),
    )

    class Meta:
        model = MeetingRequest
        fields = [
            "id",
            "grid",
            "requester",
            "requester_name",
            "receiver",
            "receiver_name",
            "message",
            "priority",
            "status",
            "mutual",
            "decision_reason",
            "created_at",
        ]
        read_only_fields = ["status", "mutual", "decision_reason", "created_at"]
        # The service checks pairs, limits and duplicates with messages a person can act on.
        validators = []


class MeetingRequestAnswerSerializer(serializers.Serializer):
    reason = serializers.CharField(
        required=False, allow_blank=True, default="", max_length=500, validators=[validate_multi_line]
    )


class MeetingSerializer(serializers.ModelSerializer):
    requester = serializers.CharField(source="request.requester.name", read_only=True)
    receiver = serializers.CharField(source="request.receiver.name", read_only=True)
    starts_at = serializers.DateTimeField(source="slot.starts_at", read_only=True)
    ends_at = serializers.DateTimeField(source="slot.ends_at", read_only=True)
    table_name = serializers.CharField(source="table.name", read_only=True)
    published_version = serializers.IntegerField(source="version.number", read_only=True, allow_null=True)

    class Meta:
        model = Meeting
        fields = [
            "id",
            "uid",
            "grid",
            "request",
            "requester",
            "receiver",
            "slot",
            "starts_at",
            "ends_at",
            "table",
            "table_name",
            "pinned",
            "published_version",
        ]
        read_only_fields = ["uid", "grid", "published_version"]
        validators = []


class PlaceSerializer(serializers.Serializer):
    slot = IdField()
    table = IdField()


class SwapSerializer(serializers.Serializer):
    other = IdField(help_text=_("The meeting to exchange places with."))


class PinSerializer(serializers.Serializer):
    pinned = serializers.BooleanField(default=True)


class RunSerializer(serializers.Serializer):
    reoptimise = serializers.BooleanField(
        default=False,
        help_text=_(
            "False (the default) keeps published and hand-placed meetings where they are and places what is new "
            "around them; true may move every meeting that is not pinned."
        ),
    )


class SchedulerRunSerializer(serializers.ModelSerializer):
    class Meta:
        model = SchedulerRun
        fields = [
            "id",
            "grid",
            "status",
            "reoptimise",
            "progress",
            "phase",
            "created_at",
            "finished_at",
            "quality",
            "unplaced",
            "error",
        ]
        read_only_fields = fields


class ScheduleVersionSerializer(serializers.ModelSerializer):
    class Meta:
        model = ScheduleVersion
        fields = ["id", "grid", "number", "published_at", "quality"]
        read_only_fields = fields


class BoardDiffSerializer(serializers.Serializer):
    """What publishing now would change: meeting ids on the board (dropped: as published), and who is told."""

    kept = serializers.ListField(child=serializers.IntegerField())
    moved = serializers.ListField(child=serializers.IntegerField())
    added = serializers.ListField(child=serializers.IntegerField())
    dropped = serializers.ListField(child=serializers.IntegerField())
    people_told = serializers.IntegerField()


class BoardAnswerSideSerializer(serializers.Serializer):
    """One side of a published meeting and how its people answered the invitation (RSVP, iTIP PARTSTAT)."""

    name = serializers.CharField()
    answer = serializers.ChoiceField(choices=["ACCEPTED", "DECLINED", "NEEDS-ACTION"])
    answered = serializers.IntegerField(help_text="How many of the side's people answered.")
    people = serializers.IntegerField(help_text="How many people the side has.")


class BoardAnswersSerializer(serializers.Serializer):
    """How both sides of one published meeting answered, requester's side first."""

    sides = BoardAnswerSideSerializer(many=True)
    answered = serializers.IntegerField()
    people = serializers.IntegerField()
    declined = serializers.BooleanField(help_text="Someone declined: the organiser has to act.")


class BoardSerializer(serializers.Serializer):
    """The organiser's board: meetings placed, accepted requests not yet placed (unplaced), the names of the
    people not free at each conflicting meeting (by meeting id), the last scheduler run and the number of the
    published version."""

    meetings = MeetingSerializer(many=True)
    unplaced = MeetingRequestSerializer(many=True)
    conflicts = serializers.DictField(child=serializers.ListField(child=serializers.CharField()))
    last_run = SchedulerRunSerializer(allow_null=True)
    version = serializers.IntegerField(allow_null=True)
    diff = BoardDiffSerializer()
    answers = serializers.DictField(
        child=BoardAnswersSerializer(), help_text="By meeting id: its people's answers, for published meetings."
    )


class OutcomeSerializer(serializers.Serializer):
    """Whether a meeting took place: held_at (either side's mark), no_show_at (an organiser's), or neither."""

    held_at = serializers.DateTimeField(allow_null=True)
    no_show_at = serializers.DateTimeField(allow_null=True)


class OutcomeCountsSerializer(serializers.Serializer):
    held = serializers.IntegerField()
    no_show = serializers.IntegerField()
    unknown = serializers.IntegerField()


class OutcomesSerializer(serializers.Serializer):
    session = OutcomeCountsSerializer()
    by_company = serializers.DictField(child=OutcomeCountsSerializer())
    no_show_candidates = serializers.ListField(child=serializers.IntegerField())
