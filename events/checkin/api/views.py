"""Check-in for scanners: one endpoint records a scan, one reads a session's check-in list. Thin: the
services decide; a session of a mission the caller does not staff reads as not found."""

from django.http import Http404
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import status, viewsets
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response

from events.checkin import selectors, services
from events.checkin.api.serializers import (
    CheckInListSerializer,
    MeetingScanResultSerializer,
    MeetingScanSerializer,
    ScanRequestSerializer,
    ScanResultSerializer,
)
from events.checkin.meetings import mark_met_by_scan
from events.checkin.permissions import StaffsADoor
from events.core.api import IdField
from events.meetings.permissions import TakesPartInMeetings
from events.missions.models import Session


def _staffed_session(user, pk) -> Session:
    session = selectors.session_at_the_door(user, pk)
    if session is None:
        raise Http404
    return session


class CheckInViewSet(viewsets.ViewSet):
    permission_classes = [IsAuthenticated, StaffsADoor]

    @extend_schema(request=ScanRequestSerializer, responses={201: ScanResultSerializer, 200: ScanResultSerializer})
    def create(self, request):
        """Record a scan: 201 when new, 200 when this nonce was uploaded before (nothing counted again)."""
        incoming = ScanRequestSerializer(data=request.data)
        incoming.is_valid(raise_exception=True)
        data = incoming.validated_data
        session = _staffed_session(request.user, data["session"])
        result = services.check_in(
            session,
            acting_user=request.user,
            nonce=data["nonce"],
            secret=data.get("secret"),
            badge_id=data.get("badge"),
            scanned_at=data.get("scanned_at"),
        )
        body = {
            "outcome": result.scan.outcome,
            "outcome_label": result.scan.get_outcome_display(),
            "replayed": result.replayed,
            "checked_in_at": result.checked_in_at,
            "person": result.holder.__dict__ if result.holder else None,
        }
        code = status.HTTP_200_OK if result.replayed else status.HTTP_201_CREATED
        return Response(ScanResultSerializer(body).data, status=code)


class CheckInListViewSet(viewsets.ViewSet):
    permission_classes = [IsAuthenticated]

    @extend_schema(
        parameters=[OpenApiParameter("q", str, description="Part of a name or an organisation, any case.")],
        responses=CheckInListSerializer,
    )
    def retrieve(self, request, pk=None):
        """A session's check-in list: who may enter, with their badge and arrival; counts for the whole list."""
        session = _staffed_session(request.user, IdField().run_validation(pk))
        entries = selectors.check_in_list(session)
        wanted = (request.query_params.get("q") or "").strip().casefold()
        shown = [
            entry
            for entry in entries
            if not wanted or wanted in entry.holder.name.casefold() or wanted in entry.holder.organization.casefold()
        ]
        body = {
            "session": session.pk,
            "expected": len(entries),
            "arrived": sum(1 for entry in entries if entry.checked_in_at),
            "people": [
                {
                    "badge": entry.badge_id,
                    "name": entry.holder.name,
                    "organization": entry.holder.organization,
                    "role": entry.holder.role,
                    "checked_in_at": entry.checked_in_at,
                }
                for entry in shown
            ],
        }
        return Response(CheckInListSerializer(body).data)


class MeetingScanViewSet(viewsets.ViewSet):
    """Either side of a one-to-one scans the other's badge or the table's code: their meeting of the moment
    is marked held."""

    permission_classes = [IsAuthenticated, TakesPartInMeetings]

    @extend_schema(request=MeetingScanSerializer, responses=MeetingScanResultSerializer)
    def create(self, request):
        incoming = MeetingScanSerializer(data=request.data)
        incoming.is_valid(raise_exception=True)
        meeting, outcome = mark_met_by_scan(acting_user=request.user, secret=incoming.validated_data["secret"])
        return Response(MeetingScanResultSerializer({"meeting": meeting.pk, "held_at": outcome.held_at}).data)
