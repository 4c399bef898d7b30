from django.urls import reverse
from rest_framework import serializers

from events.checkin.models import BadgePrint, Scan
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
    outcome = serializers.ChoiceField(choices=Scan.Outcome.choices)
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
    """At a one-to-one, the QR code of the other side's badge or of the table."""

    secret = serializers.CharField(
        max_length=64, validators=[validate_single_line], help_text="What the badge's or the table's QR code holds."
    )


class MeetingScanResultSerializer(serializers.Serializer):
    meeting = serializers.IntegerField()
    held_at = serializers.DateTimeField()


class BadgePrintRequestSerializer(serializers.Serializer):
    layout = serializers.ChoiceField(
        choices=BadgePrint.Layout.choices,
        default=BadgePrint.Layout.A6,
        help_text="a6 (default): one badge a page; a4: sheets of eight 105 x 74 mm labels.",
    )


class BadgePrintSerializer(serializers.ModelSerializer):
    """A print of a mission's badges: built by a worker; its PDF is at `download` once `status` is ready."""

    status_label = serializers.CharField(source="get_status_display", read_only=True)
    download = serializers.SerializerMethodField(help_text="The PDF's address once the print is ready, else null.")

    class Meta:
        model = BadgePrint
        fields = [
            "id",
            "mission",
            "layout",
            "status",
            "status_label",
            "requested_by",
            "requested_at",
            "finished_at",
            "badge_count",
            "page_count",
            "size",
            "error",
            "download",
        ]
        read_only_fields = fields

    def get_download(self, badge_print) -> str | None:
        if badge_print.status != BadgePrint.Status.READY:
            return None
        path = reverse("api:mission-badges-print-pdf", args=[badge_print.mission_id, badge_print.pk])
        request = self.context.get("request")
        return request.build_absolute_uri(path) if request else path
