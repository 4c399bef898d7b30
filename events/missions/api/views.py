"""Thin viewsets: selectors decide what a user sees, services make every change."""

from rest_framework import mixins, viewsets
from rest_framework.permissions import IsAuthenticatedOrReadOnly

from events.missions import selectors, services
from events.missions.api import filters
from events.missions.api.serializers import (
    DelegateSerializer,
    DelegationSerializer,
    MissionSerializer,
    OrganizationSerializer,
    SectorSerializer,
    SessionSerializer,
    StopSerializer,
)
from events.missions.permissions import Organises


class SectorViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = SectorSerializer
    search_fields = ["name", "name_fr", "name_ar", "slug"]
    pagination_class = None

    def get_queryset(self):
        return selectors.sectors()


class OrganizationViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = OrganizationSerializer
    filterset_class = filters.OrganizationFilter
    search_fields = ["name", "city", "description"]
    ordering_fields = ["name", "country"]

    def get_queryset(self):
        return selectors.organizations()


class WritableViewSet(
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    mixins.DestroyModelMixin,
    viewsets.ReadOnlyModelViewSet,
):
    permission_classes = [IsAuthenticatedOrReadOnly, Organises]


class MissionViewSet(mixins.CreateModelMixin, mixins.UpdateModelMixin, viewsets.ReadOnlyModelViewSet):
    """Missions visible to the user; organisers change their own. A mission is archived, not deleted."""

    permission_classes = [IsAuthenticatedOrReadOnly, Organises]
    serializer_class = MissionSerializer
    filterset_class = filters.MissionFilter
    search_fields = ["title", "summary", "description"]
    ordering_fields = ["start_date", "title"]
    lookup_field = "slug"

    def get_queryset(self):
        return selectors.missions_for_listing(self.request.user)

    def perform_create(self, serializer):
        serializer.instance = services.create_mission(acting_user=self.request.user, **serializer.validated_data)

    def perform_update(self, serializer):
        serializer.instance = services.update_mission(
            serializer.instance, acting_user=self.request.user, **serializer.validated_data
        )


class StopViewSet(WritableViewSet):
    serializer_class = StopSerializer
    filterset_class = filters.StopFilter
    ordering_fields = ["start_date", "order"]

    def get_queryset(self):
        return selectors.stops_for(self.request.user)

    def perform_create(self, serializer):
        data = dict(serializer.validated_data)
        mission = data.pop("mission")
        serializer.instance = services.add_stop(mission, acting_user=self.request.user, **data)

    def perform_update(self, serializer):
        serializer.instance = services.update_stop(
            serializer.instance, acting_user=self.request.user, **serializer.validated_data
        )

    def perform_destroy(self, stop):
        services.remove_stop(stop, acting_user=self.request.user)


class SessionViewSet(WritableViewSet):
    serializer_class = SessionSerializer
    filterset_class = filters.SessionFilter
    search_fields = ["title", "description", "venue"]
    ordering_fields = ["starts_at", "title"]

    def get_queryset(self):
        return selectors.sessions_for(self.request.user)

    def perform_create(self, serializer):
        data = dict(serializer.validated_data)
        stop = data.pop("stop")
        serializer.instance = services.schedule_session(stop, acting_user=self.request.user, **data)

    def perform_update(self, serializer):
        serializer.instance = services.update_session(
            serializer.instance, acting_user=self.request.user, **serializer.validated_data
        )

    def perform_destroy(self, session):
        services.remove_session(session, acting_user=self.request.user)


class DelegationViewSet(mixins.CreateModelMixin, viewsets.ReadOnlyModelViewSet):
    permission_classes = [IsAuthenticatedOrReadOnly, Organises]
    serializer_class = DelegationSerializer
    filterset_class = filters.DelegationFilter
    search_fields = ["name"]

    def get_queryset(self):
        return selectors.delegations_for(self.request.user)

    def perform_create(self, serializer):
        data = dict(serializer.validated_data)
        mission = data.pop("mission")
        serializer.instance = services.create_delegation(mission, acting_user=self.request.user, **data)


class DelegateViewSet(WritableViewSet):
    serializer_class = DelegateSerializer
    filterset_class = filters.DelegateFilter
    search_fields = ["full_name", "job_title"]
    ordering_fields = ["full_name", "role"]

    def get_queryset(self):
        return selectors.delegates_for(self.request.user)

    def get_serializer_context(self):
        context = super().get_serializer_context()
        context["organised_mission_ids"] = selectors.organised_mission_ids(self.request.user)
        return context

    def perform_create(self, serializer):
        data = dict(serializer.validated_data)
        delegation = data.pop("delegation")
        data.pop("cancel_meetings")  # a new delegate has no meeting to cancel
        serializer.instance = services.add_delegate(delegation, acting_user=self.request.user, **data)

    def perform_update(self, serializer):
        serializer.instance = services.update_delegate(
            serializer.instance, acting_user=self.request.user, **serializer.validated_data
        )

    def perform_destroy(self, delegate):
        services.remove_delegate(delegate, acting_user=self.request.user)
