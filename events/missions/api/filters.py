import datetime as dt

import django_filters
from django.core.exceptions import ValidationError
from django_filters.fields import IsoDateTimeField

from events.missions.models import Delegate, Delegation, Mission, Organization, Session, Stop


class InstantField(IsoDateTimeField):
    """An ISO 8601 time, read as its instant in UTC.

    PostgreSQL refuses UTC offsets beyond ±15:59 that Python accepts (up to ±23:59): "+18:33" reached the
    query and failed there with a 500. In UTC the offset is gone; a time outside years 1 to 9999 in UTC is
    refused as any invalid time is ("Enter a valid date/time.").
    """

    def to_python(self, value):
        instant = super().to_python(value)
        if instant is None:
            return None
        try:
            return instant.astimezone(dt.UTC)
        except OverflowError:
            raise ValidationError(self.error_messages["invalid"], code="invalid") from None


class InstantFilter(django_filters.IsoDateTimeFilter):
    field_class = InstantField


class MissionFilter(django_filters.FilterSet):
    sector = django_filters.CharFilter(field_name="sectors__slug", distinct=True)
    country = django_filters.CharFilter(field_name="stops__country", distinct=True, lookup_expr="iexact")
    starts_after = django_filters.DateFilter(field_name="start_date", lookup_expr="gte")
    starts_before = django_filters.DateFilter(field_name="start_date", lookup_expr="lte")

    class Meta:
        model = Mission
        fields = ["status", "kind", "sector", "country", "starts_after", "starts_before"]


class OrganizationFilter(django_filters.FilterSet):
    sector = django_filters.CharFilter(field_name="sectors__slug", distinct=True)
    country = django_filters.CharFilter(lookup_expr="iexact")

    class Meta:
        model = Organization
        fields = ["kind", "country", "sector"]


class StopFilter(django_filters.FilterSet):
    country = django_filters.CharFilter(lookup_expr="iexact")

    class Meta:
        model = Stop
        fields = ["mission", "country", "time_zone"]


class SessionFilter(django_filters.FilterSet):
    mission = django_filters.NumberFilter(field_name="stop__mission")
    sector = django_filters.CharFilter(field_name="sectors__slug", distinct=True)
    starts_after = InstantFilter(field_name="starts_at", lookup_expr="gte")
    starts_before = InstantFilter(field_name="starts_at", lookup_expr="lte")

    class Meta:
        model = Session
        fields = ["mission", "stop", "kind", "registration_mode", "audience", "sector", "starts_after", "starts_before"]


class DelegationFilter(django_filters.FilterSet):
    class Meta:
        model = Delegation
        fields = ["mission", "country"]


class DelegateFilter(django_filters.FilterSet):
    mission = django_filters.NumberFilter(field_name="delegation__mission")
    sector = django_filters.CharFilter(field_name="sectors__slug", distinct=True)

    class Meta:
        model = Delegate
        fields = ["mission", "delegation", "role", "sector"]
