from rest_framework import serializers

from events.certificates import selectors, services
from events.certificates.models import Certificate, CertificateDefinition
from events.core.api import IdField
from events.core.text import validate_multi_line, validate_single_line


class DefinitionSerializer(serializers.ModelSerializer):
    class Meta:
        model = CertificateDefinition
        fields = ["id", "mission", "title", "description", "sessions", "minimum_check_ins", "issuer_name", "created_at"]
        read_only_fields = fields


class DefinitionRequestSerializer(serializers.Serializer):
    """A certificate for one session or a training: the sessions it covers, and how many of them earn it."""

    mission = IdField()
    title = serializers.CharField(max_length=200, validators=[validate_single_line])
    description = serializers.CharField(
        required=False, allow_blank=True, default="", max_length=2000, validators=[validate_multi_line]
    )
    sessions = serializers.ListField(child=IdField(), min_length=1, max_length=200)
    minimum_check_ins = serializers.IntegerField(
        min_value=1, max_value=200, default=1, help_text="Checked in to at least this many of the sessions."
    )
    issuer_name = serializers.CharField(max_length=200, validators=[validate_single_line])


class CertificateSerializer(serializers.ModelSerializer):
    verification_url = serializers.SerializerMethodField()

    class Meta:
        model = Certificate
        fields = [
            "id",
            "public_id",
            "definition",
            "email",
            "name",
            "issued_at",
            "revoked_at",
            "revocation_reason",
            "verification_url",
        ]
        read_only_fields = fields

    def get_verification_url(self, certificate) -> str:
        return services.verification_url(certificate.public_id)


class IssuedSerializer(serializers.Serializer):
    issued = CertificateSerializer(many=True, help_text="The certificates issued by this run only.")


class RevokeRequestSerializer(serializers.Serializer):
    reason = serializers.CharField(
        max_length=2000, validators=[validate_multi_line], help_text="Kept for the organisers; never shown publicly."
    )


class ProofSerializer(serializers.Serializer):
    alg = serializers.CharField()
    kid = serializers.CharField()
    signature = serializers.CharField(help_text="Ed25519 over the credential's canonical JSON, base64url.")


class VerificationSerializer(serializers.Serializer):
    status = serializers.ChoiceField(choices=[selectors.VALID, selectors.REVOKED, selectors.UNKNOWN])
    revoked_at = serializers.DateTimeField(allow_null=True)
    credential = serializers.JSONField(allow_null=True, help_text="The signed record: what the certificate states.")
    proof = ProofSerializer(allow_null=True)


class AttendanceRequestSerializer(serializers.Serializer):
    email = serializers.EmailField(help_text="The person's address, as on their badge: one of the sessions' list.")


class AttendanceMarkSerializer(serializers.Serializer):
    email = serializers.EmailField()
    marked_by = serializers.EmailField(source="marked_by.email", allow_null=True, default=None)
    marked_at = serializers.DateTimeField()


class ListRowSerializer(serializers.Serializer):
    """One person on a definition's list: their check-ins to its sessions, their mark, whether they qualify."""

    email = serializers.EmailField(source="holder.email")
    name = serializers.CharField(source="holder.name")
    organization = serializers.CharField(source="holder.organization")
    role = serializers.CharField(source="holder.role", help_text="organiser, delegate, attendee, or empty if none now.")
    check_ins = serializers.IntegerField()
    mark = AttendanceMarkSerializer(allow_null=True)
    qualifies = serializers.BooleanField()
    certificate = serializers.CharField(source="certificate.public_id", allow_null=True, default=None)
