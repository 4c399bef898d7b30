"""Whose rows a staff member may change in the admin: those of the missions they organise, as the services ask.

The services refuse everyone else (missions.services.require_organiser), so the admin asks first: another
team's row opens read-only, without Save or Delete, instead of a form whose Save ends on a bare 403 page; and a
new row is offered only the missions (stops, sessions, delegations) its author organises, so that choosing
another team's is a refusal on that field. Superusers organise everything (missions.selectors.is_organiser).
"""

from operator import attrgetter

from events.core.admin import ThroughServices
from events.missions.models import Delegation, Mission, Session, Stop
from events.missions.selectors import is_organiser, organised_missions

# From a row of each model to its mission, as a lookup ("" for a mission itself).
MISSION_LOOKUPS = {Mission: "", Stop: "mission", Session: "stop__mission", Delegation: "mission"}


class OrganisersEdit(ThroughServices):
    """ThroughServices for rows that belong to a mission, reached from the row by `mission_lookup`."""

    mission_lookup = ""

    def mission_of(self, obj) -> Mission:
        return attrgetter(self.mission_lookup.replace("__", "."))(obj) if self.mission_lookup else obj

    def organises(self, request, obj) -> bool:
        return obj is None or is_organiser(request.user, self.mission_of(obj))

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and self.organises(request, obj)

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and self.organises(request, obj)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        lookup = MISSION_LOOKUPS.get(db_field.related_model)
        if lookup is not None:
            kwargs["queryset"] = _organised(db_field.related_model._default_manager.all(), lookup, request.user)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def get_search_results(self, request, queryset, search_term):
        """The search-as-you-type of another admin's field naming this model (a new stop's mission) offers only
        rows of missions the user organises, as the field accepts (formfield_for_foreignkey)."""
        queryset, may_have_duplicates = super().get_search_results(request, queryset, search_term)
        if request.path.endswith("/autocomplete/"):
            queryset = _organised(queryset, self.mission_lookup, request.user)
        return queryset, may_have_duplicates


def _organised(queryset, lookup, user):
    """The rows of `queryset` whose mission, reached by `lookup` ("" for missions), `user` organises."""
    return queryset.filter(**{f"{lookup}__in" if lookup else "pk__in": organised_missions(user)})
