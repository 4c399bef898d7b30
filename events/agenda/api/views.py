"""The signed-in person's agenda, and their calendar feed link: see it, get a new one, turn it off."""

from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import status, viewsets
from rest_framework.decorators import action
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response

from events.agenda import selectors, services
from events.agenda.api.serializers import (
    AgendaItemInViewerZoneSerializer,
    AgendaItemSerializer,
    AgendaQuerySerializer,
    FeedSerializer,
)
from events.agenda.links import feed_links


def _feed_state(user, links=None):
    live = selectors.live_feed_of(user)
    return FeedSerializer(
        {
            "active": live is not None,
            "created_at": live.created_at if live else None,
            "last_used_at": live.last_used_at if live else None,
            "url": links["url"] if links else None,
            "webcal_url": links["webcal"] if links else None,
        }
    ).data


class AgendaViewSet(viewsets.GenericViewSet):
    """What the signed-in person attends (as a delegate, a company representative or an organiser), in time order."""

    serializer_class = AgendaItemSerializer
    permission_classes = [IsAuthenticated]
    filter_backends = []

    @extend_schema(
        parameters=[OpenApiParameter("tz", str, description="An IANA time zone: adds viewer_zone, viewer_starts_at, …")]
    )
    def list(self, request):
        query = AgendaQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        viewer_zone = query.validated_data.get("tz")
        page = self.paginate_queryset(selectors.agenda_for(request.user))
        serializer_class = AgendaItemInViewerZoneSerializer if viewer_zone else AgendaItemSerializer
        context = {**self.get_serializer_context(), "viewer_zone": viewer_zone}
        return self.get_paginated_response(serializer_class(page, many=True, context=context).data)

    @extend_schema(methods=["GET"], request=None, responses=FeedSerializer)
    @extend_schema(methods=["POST"], request=None, responses={201: FeedSerializer})
    @extend_schema(methods=["DELETE"], request=None, responses={204: None})
    @action(detail=False, methods=["get", "post", "delete"], serializer_class=FeedSerializer)
    def feed(self, request):
        """GET: whether a feed link works. POST: a new link, shown once; any previous one stops working.
        DELETE: turn the link off."""
        if request.method == "POST":
            token = services.issue_feed_token(request.user)
            return Response(_feed_state(request.user, feed_links(request, token)), status=status.HTTP_201_CREATED)
        if request.method == "DELETE":
            services.revoke_feed_token(request.user)
            return Response(status=status.HTTP_204_NO_CONTENT)
        return Response(_feed_state(request.user))
