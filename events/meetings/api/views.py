"""Meeting endpoints. Organisers run the board; companies and delegates see and ask for their own."""

from django.db.models import Q
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import NotFound
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response

from events.core.api import IdField
from events.meetings import selectors, services
from events.meetings.api.serializers import (
    BlockedPeriodSerializer,
    BoardSerializer,
    GridSerializer,
    MeetingRequestAnswerSerializer,
    MeetingRequestSerializer,
    MeetingSerializer,
    OutcomeSerializer,
    OutcomesSerializer,
    ParticipantSerializer,
    PinSerializer,
    PlaceSerializer,
    RunSerializer,
    SchedulerRunSerializer,
    ScheduleVersionSerializer,
    SwapSerializer,
)
from events.meetings.models import BlockedPeriod, Meeting, MeetingRequest, Participant, SchedulerRun
from events.meetings.permissions import TakesPartInMeetings
from events.meetings.services.bookings import slot_and_table
from events.meetings.services.permissions import own_participant
from events.missions.permissions import Organises


class GridViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = GridSerializer
    permission_classes = [IsAuthenticated]
    filter_backends = []

    def get_queryset(self):
        # Ordered, so that pages of the list do not overlap or skip.
        return (
            selectors.grids_seen_by(self.request.user)
            .select_related("session__stop")
            .prefetch_related("tables")
            .order_by("session__starts_at", "pk")
        )

    def _organised(self, pk):
        return get_object_or_404(selectors.grids_for_organiser(self.request.user), pk=pk)

    @extend_schema(responses=OutcomesSerializer)
    @action(detail=True, methods=["get"], pagination_class=None)
    def outcomes(self, request, pk=None):
        """Organisers: held / no-show / unknown for the published meetings, per session and per company, and
        the no-show candidates (ended, marked neither way) as meeting ids."""
        outcomes = selectors.meeting_outcomes(self._organised(pk), now=timezone.now())
        return Response(
            OutcomesSerializer(
                {
                    "session": outcomes.session,
                    "by_company": outcomes.by_company,
                    "no_show_candidates": [meeting.pk for meeting in outcomes.no_show_candidates],
                }
            ).data
        )

    @extend_schema(responses=ParticipantSerializer(many=True))
    @action(detail=True, methods=["get"], pagination_class=None)
    def participants(self, request, pk=None):
        grid = self.get_object()
        participants = grid.participants.select_related("organization", "delegate")
        return Response(ParticipantSerializer(participants, many=True).data)

    @extend_schema(request=RunSerializer, responses={202: SchedulerRunSerializer})
    @action(detail=True, methods=["post"])
    def runs(self, request, pk=None):
        grid = self._organised(pk)
        reoptimise = RunSerializer(data=request.data)
        reoptimise.is_valid(raise_exception=True)
        run = services.start_run(grid, acting_user=request.user, reoptimise=reoptimise.validated_data["reoptimise"])
        run.refresh_from_db()
        return Response(SchedulerRunSerializer(run).data, status=status.HTTP_202_ACCEPTED)

    @extend_schema(request=None, responses={201: ScheduleVersionSerializer})
    @action(detail=True, methods=["post"])
    def publish(self, request, pk=None):
        version = services.publish_schedule(self._organised(pk), acting_user=request.user)
        return Response(ScheduleVersionSerializer(version).data, status=status.HTTP_201_CREATED)

    @extend_schema(responses=BoardSerializer)
    @action(detail=True, methods=["get"])
    def board(self, request, pk=None):
        board = selectors.board(self._organised(pk))
        return Response(
            {
                "meetings": MeetingSerializer(board["meetings"], many=True).data,
                "unplaced": MeetingRequestSerializer(board["unplaced"], many=True).data,
                "conflicts": {str(k): v for k, v in board["conflicts"].items()},
                "last_run": SchedulerRunSerializer(board["last_run"]).data if board["last_run"] else None,
                "version": board["version"].number if board["version"] else None,
                "diff": _diff(board["diff"]),
                "answers": _answers(board["answers"]),
            }
        )


class SchedulerRunViewSet(viewsets.ReadOnlyModelViewSet):
    """Progress and result of scheduler runs (start one with POST /meeting-grids/<id>/runs/)."""

    serializer_class = SchedulerRunSerializer
    permission_classes = [IsAuthenticated]
    filterset_fields = ["grid", "status"]

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):  # the schema generator's request has no user
            return SchedulerRun.objects.none()
        return SchedulerRun.objects.filter(grid__in=selectors.grids_for_organiser(self.request.user))


class ParticipantViewSet(mixins.UpdateModelMixin, viewsets.ReadOnlyModelViewSet):
    """Participants one speaks for (or organises): presence and blocked periods."""

    serializer_class = ParticipantSerializer
    permission_classes = [IsAuthenticated]
    filterset_fields = ["grid"]

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):  # the schema generator's request has no user
            return Participant.objects.none()
        user = self.request.user
        return (
            Participant.objects.filter(
                Q(pk__in=selectors.participants_of(user)) | Q(grid__in=selectors.grids_for_organiser(user))
            )
            .select_related("organization", "delegate", "grid__session__stop__mission")
            .order_by("grid", "pk")
        )

    def perform_update(self, serializer):
        data = serializer.validated_data
        serializer.instance = services.set_presence(
            serializer.instance,
            acting_user=self.request.user,
            arrives_at=data.get("arrives_at", serializer.instance.arrives_at),
            leaves_at=data.get("leaves_at", serializer.instance.leaves_at),
        )

    @extend_schema(methods=["GET"], responses=BlockedPeriodSerializer(many=True), filters=False)
    @extend_schema(methods=["POST"], responses={201: BlockedPeriodSerializer})
    @action(detail=True, methods=["get", "post"], serializer_class=BlockedPeriodSerializer, pagination_class=None)
    def blocked(self, request, pk=None):
        participant = self.get_object()
        if request.method == "GET":
            return Response(BlockedPeriodSerializer(participant.blocked_periods.all(), many=True).data)
        incoming = BlockedPeriodSerializer(data={**request.data, "participant": participant.pk})
        incoming.is_valid(raise_exception=True)
        data = incoming.validated_data
        period = services.block_period(
            participant,
            acting_user=request.user,
            starts_at=data["starts_at"],
            ends_at=data["ends_at"],
            reason=data.get("reason", ""),
        )
        return Response(BlockedPeriodSerializer(period).data, status=status.HTTP_201_CREATED)

    @extend_schema(responses={204: None})
    @action(detail=True, methods=["delete"], url_path="blocked/<int:period_id>")
    def unblock(self, request, pk=None, period_id=None):
        period = get_object_or_404(BlockedPeriod, pk=period_id, participant=self.get_object())
        services.unblock_period(period, acting_user=request.user)
        return Response(status=status.HTTP_204_NO_CONTENT)


class MeetingRequestViewSet(mixins.CreateModelMixin, viewsets.ReadOnlyModelViewSet):
    serializer_class = MeetingRequestSerializer
    # Asking is for the people of a grid (or organisers on their behalf), refused before the body is read.
    permission_classes = [IsAuthenticated, TakesPartInMeetings | Organises]
    filterset_fields = ["grid", "status"]

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):  # the schema generator's request has no user
            return MeetingRequest.objects.none()
        return selectors.requests_visible_to(self.request.user)

    def perform_create(self, serializer):
        data = serializer.validated_data
        grid = data["grid"]
        requester = data.get("requester") or own_participant(self.request.user, grid)
        serializer.instance = services.request_meeting(
            grid,
            acting_user=self.request.user,
            requester=requester,
            receiver=data["receiver"],
            message=data.get("message", ""),
            priority=data.get("priority", 2),
        )

    def _answer(self, request, accept):
        incoming = MeetingRequestAnswerSerializer(data=request.data)
        incoming.is_valid(raise_exception=True)
        answered = services.answer_request(
            self.get_object(), acting_user=request.user, accept=accept, reason=incoming.validated_data["reason"]
        )
        return Response(MeetingRequestSerializer(answered).data)

    @extend_schema(request=MeetingRequestAnswerSerializer)
    @action(detail=True, methods=["post"])
    def accept(self, request, pk=None):
        return self._answer(request, True)

    @extend_schema(request=MeetingRequestAnswerSerializer)
    @action(detail=True, methods=["post"])
    def decline(self, request, pk=None):
        return self._answer(request, False)

    @extend_schema(request=None)
    @action(detail=True, methods=["post"])
    def withdraw(self, request, pk=None):
        withdrawn = services.withdraw_request(self.get_object(), acting_user=request.user)
        return Response(MeetingRequestSerializer(withdrawn).data)


# An organiser's page may show a meeting another organiser (or a run) has taken off the board since: said so, where
# "No Meeting matches the given query." left them guessing. The board then shows itself as it is (board.js).
GONE_FROM_THE_BOARD = _("This meeting is no longer on the board: someone else moved it off or cancelled it.")


class MeetingViewSet(mixins.CreateModelMixin, mixins.DestroyModelMixin, viewsets.ReadOnlyModelViewSet):
    """Organisers: the working board of their grids (book, move, swap, pin, cancel).
    Companies, their attendees and delegates: their meetings in the latest published schedule (those they act on
    or sit in, as their meetings page lists them)."""

    serializer_class = MeetingSerializer
    permission_classes = [IsAuthenticated, Organises]
    filterset_fields = ["grid"]

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):  # the schema generator's request has no user
            return Meeting.objects.none()
        user = self.request.user
        board = Meeting.objects.filter(
            grid__in=selectors.grids_for_organiser(user), working=True, version__isnull=True
        ).select_related(
            "slot",
            "table",
            "version",
            "request__requester__organization",
            "request__requester__delegate",
            "request__receiver__organization",
            "request__receiver__delegate",
        )
        if self.action in ("list", "retrieve") and not board.exists():
            return selectors.published_meetings_involving(user).select_related("version")
        return board

    def get_object(self):
        try:
            return super().get_object()
        except Http404:
            raise NotFound(GONE_FROM_THE_BOARD) from None

    def create(self, request, *args, **kwargs):
        incoming = MeetingSerializer(data=request.data)
        incoming.is_valid(raise_exception=True)
        meeting_request = incoming.validated_data["request"]
        grid = get_object_or_404(selectors.grids_for_organiser(request.user), pk=meeting_request.grid_id)
        slot, table = slot_and_table(grid, request.data.get("slot"), request.data.get("table"))
        meeting = services.book_meeting(
            meeting_request,
            acting_user=request.user,
            slot=slot,
            table=table,
            pinned=incoming.validated_data.get("pinned", False),
        )
        return Response(MeetingSerializer(self.get_queryset().get(pk=meeting.pk)).data, status=status.HTTP_201_CREATED)

    def perform_destroy(self, meeting):
        services.cancel_meeting(meeting, acting_user=self.request.user)

    @extend_schema(request=PlaceSerializer)
    @action(detail=True, methods=["post"])
    def move(self, request, pk=None):
        meeting = self.get_object()
        incoming = PlaceSerializer(data=request.data)
        incoming.is_valid(raise_exception=True)
        slot, table = slot_and_table(meeting.grid, incoming.validated_data["slot"], incoming.validated_data["table"])
        services.move_meeting(meeting, acting_user=request.user, slot=slot, table=table)
        return Response(MeetingSerializer(self.get_queryset().get(pk=meeting.pk)).data)

    @extend_schema(request=SwapSerializer, responses=MeetingSerializer(many=True), filters=False)
    @action(detail=True, methods=["post"], pagination_class=None)
    def swap(self, request, pk=None):
        meeting = self.get_object()
        incoming = SwapSerializer(data=request.data)
        incoming.is_valid(raise_exception=True)
        other = self.get_queryset().filter(pk=incoming.validated_data["other"]).first()
        if other is None:
            raise NotFound(GONE_FROM_THE_BOARD)
        services.swap_meetings(meeting, other, acting_user=request.user)
        rows = self.get_queryset().filter(pk__in=[meeting.pk, other.pk])
        return Response(MeetingSerializer(rows, many=True).data)

    def get_permissions(self):
        # Either side says "we met": not only organisers. The service checks who speaks for which side.
        if self.action == "held":
            return [IsAuthenticated()]
        return super().get_permissions()

    @extend_schema(request=None, responses=OutcomeSerializer)
    @action(detail=True, methods=["post"])
    def held(self, request, pk=None):
        """Either side (or an organiser) marks a published meeting held, from its start; the first time stands."""
        pk = IdField().run_validation(pk)
        meeting = (
            selectors.published_meetings_involving(request.user).filter(pk=pk).first()
            or selectors.published_meetings_organised_by(request.user).filter(pk=pk).first()
        )
        if meeting is None:
            raise Http404
        return Response(OutcomeSerializer(services.mark_held(meeting, acting_user=request.user)).data)

    @extend_schema(request=None, responses=OutcomeSerializer)
    @action(detail=True, methods=["post"], url_path="no-show")
    def no_show(self, request, pk=None):
        """Organisers confirm that a meeting whose time is over did not take place."""
        meeting = get_object_or_404(selectors.published_meetings_organised_by(request.user), pk=pk)
        return Response(OutcomeSerializer(services.confirm_no_show(meeting, acting_user=request.user)).data)

    @extend_schema(request=PinSerializer)
    @action(detail=True, methods=["post"])
    def pin(self, request, pk=None):
        incoming = PinSerializer(data=request.data)
        incoming.is_valid(raise_exception=True)
        meeting = services.pin_meeting(
            self.get_object(), acting_user=request.user, pinned=incoming.validated_data["pinned"]
        )
        return Response(MeetingSerializer(meeting).data)


def _diff(diff) -> dict:
    """What publishing now would change: meeting ids on the board (dropped: as published), and who is told."""
    return {
        "kept": [meeting.pk for meeting in diff.kept],
        "moved": [board.pk for _, board in diff.moved],
        "added": [meeting.pk for meeting in diff.added],
        "dropped": [meeting.pk for meeting in diff.dropped],
        "people_told": diff.people_told,
    }


def _answers(answers) -> dict:
    """By meeting id, how both sides of each published meeting answered its invitation (requester's side first)."""
    return {
        str(meeting_id): {
            "sides": [
                {"name": side.name, "answer": side.answer, "answered": side.answered, "people": len(side.answers)}
                for side in meeting.sides
            ],
            "answered": meeting.answered,
            "people": meeting.people,
            "declined": meeting.declined,
        }
        for meeting_id, meeting in answers.items()
    }
