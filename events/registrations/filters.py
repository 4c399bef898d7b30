"""Filtering a session's registrations by status, sector and country: the organiser's page and the API."""

import django_filters

from events.registrations.models import Registration


class RegistrationFilter(django_filters.FilterSet):
    sector = django_filters.CharFilter(field_name="organization__sectors__slug", distinct=True)
    country = django_filters.CharFilter(field_name="organization__country", lookup_expr="iexact")

    class Meta:
        model = Registration
        fields = ["session", "status", "sector", "country"]
