from rest_framework import serializers

from events.core.api import IdField
from events.core.text import validate_single_line


class ScanRequestSerializer(serializers.Serializer):
    """One scan, as a scanner uploads it (at once, or later from its offline queue)."""

    session = IdField()
    nonce = serializers.CharField(
        max_length=64,
        validators=[validate_single_line],
        help_text="Made by the device, 8-64 of [A-Za-z0-9_-]; unique per scan.",
    )
    secret = serializers.CharField(
        max_length=64, required=False, validators=[validate_single_line], help_text="What the badge's QR code holds."
    )
    badge = IdField(required=False, help_text="A badge found by name, instead of a scanned secret.")
    scanned_at = serializers.DateTimeField(required=False, help_text="When the device scanned it (ISO 8601).")


class HolderSerializer(serializers.Serializer):
    name = serializers.CharField(read_only=True)
    organization = serializers.CharField(read_only=True)
    role = serializers.ChoiceField(choices=["organiser", "delegate", "attendee"], read_only=True)


class ScanResultSerializer(serializers.Serializer):
    outcome = serializers.ChoiceField(choices=["checked_in", "already_checked_in", "not_on_list", "unknown_badge"])
    outcome_label = serializers.CharField(read_only=True)
    replayed = serializers.BooleanField(help_text="True when this nonce was uploaded before: nothing was counted.")
    checked_in_at = serializers.DateTimeField(allow_null=True)
    person = HolderSerializer(allow_null=True)


class ListEntrySerializer(serializers.Serializer):
    badge = serializers.IntegerField(allow_null=True, read_only=True)
    name = serializers.CharField(read_only=True)
    organization = serializers.CharField(read_only=True)
    role = serializers.CharField(read_only=True)
    checked_in_at = serializers.DateTimeField(allow_null=True)


class CheckInListSerializer(serializers.Serializer):
    session = serializers.IntegerField()
    expected = serializers.IntegerField()
    arrived = serializers.IntegerField()
    people = ListEntrySerializer(many=True)


class MeetingScanSerializer(serializers.Serializer):
    """At a one-to-one, the QR code of the other side's badge."""

    secret = serializers.CharField(max_length=64, validators=[validate_single_line])


class MeetingScanResultSerializer(serializers.Serializer):
    meeting = serializers.IntegerField()
    held_at = serializers.DateTimeField()
