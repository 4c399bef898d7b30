"""Filtering a session's registrations by status, sector and country: the organiser's page and the API."""

import django_filters

from events.registrations.models import Registration


class RegistrationFilter(django_filters.FilterSet):
    sector = django_filters.CharFilter(field_name="organization__sectors__slug", distinct=True)
    country = django_filters.CharFilter(field_name="organization__country", lookup_expr="iexact")

    class Meta:
        model = Registration
        fields = ["session", "status", "sector", "country"]


FILTERS = ("status", "sector", "country")


def chosen_filters(params) -> dict[str, str]:
    """The page's filters from a query string, as the page and its exports read them: an unknown status
    is ignored (all statuses), as the page's "All" is."""
    chosen = {name: params.get(name, "") for name in FILTERS}
    if chosen["status"] not in Registration.Status.values:
        chosen["status"] = ""
    return chosen
