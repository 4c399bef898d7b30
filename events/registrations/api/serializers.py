from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from events.missions.models import Organization, Session
from events.registrations.models import Attendee, Registration


class AttendeeSerializer(serializers.ModelSerializer):
    class Meta:
        model = Attendee
        fields = ["full_name", "email", "job_title"]


class RegistrationSerializer(serializers.ModelSerializer):
    attendees = AttendeeSerializer(many=True, read_only=True)
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
            "decision_reason",
            "created_at",
        ]
        read_only_fields = fields


class RegistrationRequestSerializer(serializers.Serializer):
    session = serializers.PrimaryKeyRelatedField(queryset=Session.objects.select_related("stop__mission"))
    organization = serializers.PrimaryKeyRelatedField(
        queryset=Organization.objects.all(),
        required=False,
        help_text=_("Only organisers registering for a company give this; a representative registers their own."),
    )
    attendees = serializers.ListField(child=serializers.DictField(), allow_empty=True)


class ReasonSerializer(serializers.Serializer):
    reason = serializers.CharField(required=False, allow_blank=True, default="", max_length=2000)


class BulkActionSerializer(ReasonSerializer):
    action = serializers.ChoiceField(choices=["approve", "decline", "cancel"])
    ids = serializers.ListField(child=serializers.IntegerField(), min_length=1, max_length=500)


class CapacitySerializer(serializers.Serializer):
    capacity = serializers.IntegerField(min_value=0, allow_null=True)
