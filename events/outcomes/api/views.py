"""Outcomes through the API: a company or delegate answers its forms and reads its leads; a mission's
organisers schedule waves, set the funding and read the figures, deals and every lead (another mission
reads as not found)."""

from django.http import Http404
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import ValidationError
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response

from events.core.text import whole_number
from events.missions.models import Mission
from events.missions.permissions import Organises
from events.missions.selectors import organised_missions
from events.outcomes import selectors, services
from events.outcomes.api.serializers import (
    AnswerRequestSerializer,
    FeedbackAnswerSerializer,
    FeedbackRequestSerializer,
    FollowUpWaveSerializer,
    LeadSerializer,
    MissionFiguresSerializer,
    MissionFundingSerializer,
    WaveRequestSerializer,
)
from events.outcomes.figures import mission_figures
from events.outcomes.models import FeedbackRequest, FollowUpWave, Lead, MissionFunding


class FeedbackRequestViewSet(viewsets.ReadOnlyModelViewSet):
    """The feedback forms addressed to the caller's company or delegate seat, with their latest answer."""

    serializer_class = FeedbackRequestSerializer
    permission_classes = [IsAuthenticated]

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return FeedbackRequest.objects.none()
        return selectors.feedback_requests_for(self.request.user)

    def list(self, request):
        page = self.paginate_queryset(self.get_queryset())
        context = {**self.get_serializer_context(), "open_forms": selectors.open_forms(page)}
        return self.get_paginated_response(FeedbackRequestSerializer(page, many=True, context=context).data)

    @extend_schema(request=AnswerRequestSerializer, responses={201: FeedbackAnswerSerializer})
    @action(detail=True, methods=["post"])
    def answer(self, request, pk=None):
        """Answer (or answer again: a new dated row, the history is kept); 409 once the next wave went out."""
        form = self.get_object()  # first: a form not addressed to the caller is a 404 before its fields are read
        incoming = AnswerRequestSerializer(data=request.data)
        incoming.is_valid(raise_exception=True)
        answer = services.submit_feedback(form, email=request.user.email, **incoming.validated_data)
        return Response(FeedbackAnswerSerializer(answer).data, status=status.HTTP_201_CREATED)


class FollowUpWaveViewSet(mixins.CreateModelMixin, mixins.DestroyModelMixin, viewsets.ReadOnlyModelViewSet):
    """Follow-up waves of the missions the caller organises."""

    serializer_class = FollowUpWaveSerializer
    permission_classes = [IsAuthenticated, Organises]
    filterset_fields = ["mission"]

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return FollowUpWave.objects.none()
        return FollowUpWave.objects.filter(mission__in=organised_missions(self.request.user)).select_related("mission")

    @extend_schema(request=WaveRequestSerializer, responses={201: FollowUpWaveSerializer(many=True)})
    def create(self, request):
        """Schedule waves on `days`, or the default ones; returns every wave of the mission."""
        incoming = WaveRequestSerializer(data=request.data)
        incoming.is_valid(raise_exception=True)
        mission = organised_missions(request.user).filter(pk=incoming.validated_data["mission"]).first()
        if mission is None:
            raise ValidationError({"mission": ["No such mission among those you organise."]})
        waves = services.schedule_follow_up_waves(
            mission, acting_user=request.user, days=incoming.validated_data["days"] or None
        )
        return Response(FollowUpWaveSerializer(waves, many=True).data, status=status.HTTP_201_CREATED)

    def perform_destroy(self, wave):
        """Cancel a wave not sent yet; 409 once it went out."""
        services.cancel_follow_up_wave(wave, acting_user=self.request.user)


class LeadViewSet(viewsets.ReadOnlyModelViewSet):
    """The caller's leads (their company's or their delegate seat's), with their own side's answers only."""

    serializer_class = LeadSerializer
    permission_classes = [IsAuthenticated]

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return Lead.objects.none()
        return selectors.leads_of(self.request.user)


SECTOR = OpenApiParameter("sector", str, description="A sector's slug: only what concerns its companies.")
STOP = OpenApiParameter("stop", int, description="A stop's id: only what happened there.")


class MissionOutcomesViewSet(viewsets.GenericViewSet):
    """A mission's outcomes, for its organisers: figures and deals, every lead, the funding."""

    permission_classes = [IsAuthenticated]
    queryset = Mission.objects.none()
    serializer_class = MissionFiguresSerializer

    def get_object(self):
        mission = organised_missions(self.request.user).filter(pk=self.kwargs["pk"]).first()
        if mission is None:
            raise Http404
        return mission

    @extend_schema(parameters=[SECTOR, STOP], responses={200: MissionFiguresSerializer})
    def retrieve(self, request, pk=None):
        """The dashboard's figures, deals included (uncited ones too, flagged: organisers see them)."""
        mission = self.get_object()
        sector = request.query_params.get("sector") or None
        stop = request.query_params.get("stop") or None
        stop_id = whole_number(stop, minimum=1)
        if stop is not None and stop_id is None:
            raise ValidationError({"stop": ["A stop's id is a number."]})
        figures = mission_figures(mission, sector=sector, stop_id=stop_id)
        return Response(MissionFiguresSerializer(figures).data)

    @extend_schema(responses={200: LeadSerializer(many=True)})
    @action(detail=True, methods=["get"])
    def leads(self, request, pk=None):
        """Every lead of the mission with every side's answers."""
        leads = selectors.organised_leads(request.user).filter(mission=self.get_object())
        return Response(LeadSerializer(leads, many=True).data)

    @extend_schema(methods=["GET"], responses={200: MissionFundingSerializer})
    @extend_schema(methods=["PUT"], request=MissionFundingSerializer, responses={200: MissionFundingSerializer})
    @action(detail=True, methods=["get", "put"])
    def funding(self, request, pk=None):
        """What the funder's ratio needs: programme cost, reporting currency, exchange rates."""
        mission = self.get_object()
        if request.method == "GET":
            funding = MissionFunding.objects.filter(mission=mission).first() or MissionFunding(mission=mission)
            return Response(MissionFundingSerializer(funding).data)
        incoming = MissionFundingSerializer(data=request.data)
        incoming.is_valid(raise_exception=True)
        funding = services.set_mission_funding(mission, acting_user=request.user, **incoming.validated_data)
        return Response(MissionFundingSerializer(funding).data)
