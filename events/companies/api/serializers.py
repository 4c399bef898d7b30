from rest_framework import serializers

from events.companies.models import Invitation
from events.core.api import CheckedSlugRelatedField, CountryField
from events.core.text import validate_single_line
from events.missions.models import Organization, Sector


# Its own fields, not those of the organisers' Organization serializer (missions' API): a field added there
# for organisers must not become one that a company's representatives can write.
class CompanySerializer(serializers.ModelSerializer):
    """A company's own profile, as its representatives read and write it."""

    country = CountryField()
    sectors = CheckedSlugRelatedField(many=True, slug_field="slug", queryset=Sector.objects.all(), required=False)
    job_title = serializers.CharField(
        write_only=True,
        required=False,
        allow_blank=True,
        max_length=150,
        validators=[validate_single_line],
        help_text="Your own job title.",
    )

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
            "job_title",
        ]
        read_only_fields = ["id", "slug", "kind", "logo"]


class LogoSerializer(serializers.Serializer):
    logo = serializers.FileField(help_text="PNG, JPEG, GIF or WebP, at most 2 MB; SVG is refused.")


class InvitationSerializer(serializers.ModelSerializer):
    class Meta:
        model = Invitation
        fields = ["id", "email", "created_at", "expires_at", "accepted_at", "revoked_at"]
        read_only_fields = ["id", "created_at", "expires_at", "accepted_at", "revoked_at"]


class AcceptInvitationSerializer(serializers.Serializer):
    token = serializers.CharField(max_length=100)
    job_title = serializers.CharField(
        required=False, allow_blank=True, max_length=150, default="", validators=[validate_single_line]
    )
