from django_countries.serializer_fields import CountryField
from rest_framework import serializers

from events.companies.models import Invitation
from events.missions.api.serializers import SECTOR_SLUGS, OrganizationSerializer
from events.missions.models import Organization


class CompanySerializer(OrganizationSerializer):
    """A company's own profile, as its representatives read and write it."""

    country = CountryField()
    sectors = serializers.SlugRelatedField(**SECTOR_SLUGS)
    job_title = serializers.CharField(
        write_only=True, required=False, allow_blank=True, max_length=150, help_text="Your own job title."
    )

    class Meta(OrganizationSerializer.Meta):
        model = Organization
        fields = [*OrganizationSerializer.Meta.fields, "job_title"]
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
    job_title = serializers.CharField(required=False, allow_blank=True, max_length=150, default="")
