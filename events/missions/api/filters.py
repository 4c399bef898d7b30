import django_filters

from events.missions.models import Delegate, Delegation, Mission, Organization, Session, Stop


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
    starts_after = django_filters.IsoDateTimeFilter(field_name="starts_at", lookup_expr="gte")
    starts_before = django_filters.IsoDateTimeFilter(field_name="starts_at", lookup_expr="lte")

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
