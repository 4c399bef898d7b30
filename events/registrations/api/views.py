"""Registration endpoints: companies register and cancel; organisers decide, resize and export."""

from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response

from events.companies.permissions import RepresentsACompany
from events.companies.selectors import company_of
from events.core.errors import PermissionDeniedError
from events.missions.permissions import Organises
from events.missions.selectors import organised_missions, sessions_for, visible_missions
from events.missions.services import require_organiser
from events.registrations import export, selectors, services
from events.registrations.api.serializers import (
    BulkActionSerializer,
    BulkOutcomesSerializer,
    CapacitySerializer,
    MissionRegistrationRequestSerializer,
    QuestionSerializer,
    ReasonSerializer,
    RegistrationRequestSerializer,
    RegistrationSerializer,
    SessionHeadlineSerializer,
    SubstitutionSerializer,
)
from events.registrations.filters import RegistrationFilter, chosen_filters
from events.registrations.models import Question, Registration

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


class RegistrationViewSet(mixins.CreateModelMixin, viewsets.ReadOnlyModelViewSet):
    """A company sees its own registrations; an organiser those of the missions they organise."""

    serializer_class = RegistrationSerializer
    permission_classes = [IsAuthenticated]
    filterset_class = RegistrationFilter
    search_fields = ["organization__name", "attendees__full_name", "attendees__email"]

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):  # the schema generator's request has no user
            return Registration.objects.none()
        return selectors.registrations_visible_to(self.request.user)

    def get_serializer_class(self):
        if self.action == "create":
            return RegistrationRequestSerializer
        return super().get_serializer_class()

    def get_permissions(self):
        # Refused before the body is read: registering is for companies (or organisers on their behalf),
        # deciding in bulk for organisers. The services check the sessions and companies a body names.
        extra = {"create": RepresentsACompany | Organises, "mission": RepresentsACompany | Organises, "bulk": Organises}
        chosen = extra.get(self.action)
        return [*super().get_permissions(), *([chosen()] if chosen else [])]

    @extend_schema(request=RegistrationRequestSerializer, responses={201: RegistrationSerializer})
    def create(self, request, *args, **kwargs):
        incoming = RegistrationRequestSerializer(data=request.data, context=self.get_serializer_context())
        incoming.is_valid(raise_exception=True)
        data = incoming.validated_data
        organization = data.get("organization") or _own_organization(request.user)
        registration = services.register_company(
            data["session"],
            acting_user=request.user,
            organization=organization,
            attendees=data["attendees"],
            answers=data["answers"],
        )
        # The service returns it loaded as a read would: nothing more to ask the database.
        return Response(RegistrationSerializer(registration).data, status=status.HTTP_201_CREATED)

    @extend_schema(
        request=MissionRegistrationRequestSerializer, responses={201: RegistrationSerializer(many=True)}, filters=False
    )
    @action(
        detail=False, methods=["post"], serializer_class=MissionRegistrationRequestSerializer, pagination_class=None
    )
    def mission(self, request):
        """Register for several sessions of a mission at once (all those open when none are named)."""
        incoming = MissionRegistrationRequestSerializer(data=request.data, context=self.get_serializer_context())
        incoming.is_valid(raise_exception=True)
        data = incoming.validated_data
        mission = get_object_or_404(visible_missions(request.user), pk=data["mission"].pk)
        open_sessions = {s.pk: s for s in selectors.sessions_taking_registrations(mission, timezone.now())}
        # Left out: every open session. Given: those, each once; an empty list chooses none (the service says so).
        chosen = list(dict.fromkeys(data["sessions"])) if "sessions" in data else list(open_sessions)
        closed = [pk for pk in chosen if pk not in open_sessions]
        if closed:
            raise ValidationError(
                {
                    "sessions": _("These sessions are not open for registration in this mission: %(ids)s.")
                    % {"ids": ", ".join(map(str, closed))}
                }
            )
        registrations = services.register_company_for_sessions(
            [open_sessions[pk] for pk in chosen],
            acting_user=request.user,
            organization=data.get("organization") or _own_organization(request.user),
            attendees=data["attendees"],
            answers=data["answers"],
        )
        rows = self.get_queryset().filter(pk__in=[r.pk for r in registrations])
        return Response(RegistrationSerializer(rows, many=True).data, status=status.HTTP_201_CREATED)

    def _read(self, registration):
        """Serialise a registration as the list shows it, waitlist position included."""
        return RegistrationSerializer(self.get_queryset().get(pk=registration.pk)).data

    def _decide(self, request, operation):
        reason = ReasonSerializer(data=request.data)
        reason.is_valid(raise_exception=True)
        registration = operation(self.get_object(), acting_user=request.user, **reason.validated_data)
        return Response(self._read(registration))

    @extend_schema(request=ReasonSerializer, responses=RegistrationSerializer)
    @action(detail=True, methods=["post"])
    def cancel(self, request, pk=None):
        return self._decide(request, services.cancel_registration)

    @extend_schema(request=ReasonSerializer, responses=RegistrationSerializer)
    @action(detail=True, methods=["post"])
    def decline(self, request, pk=None):
        return self._decide(request, services.decline_registration)

    @extend_schema(request=None, responses=RegistrationSerializer)
    @action(detail=True, methods=["post"])
    def approve(self, request, pk=None):
        registration = services.approve_registration(self.get_object(), acting_user=request.user)
        return Response(self._read(registration))

    @extend_schema(request=SubstitutionSerializer, responses=RegistrationSerializer)
    @action(detail=True, methods=["post"])
    def substitute(self, request, pk=None):
        """Send another person in an attendee's place: the registration keeps its seat; the newcomer receives the
        invitation, the attendee replaced its cancellation. For the company's representatives and the organisers."""
        registration = self.get_object()  # a stranger is refused before the body is read
        incoming = SubstitutionSerializer(data=request.data)
        incoming.is_valid(raise_exception=True)
        data = dict(incoming.validated_data)
        replaced = data.pop("attendee")
        attendee = registration.attendees.filter(email__iexact=replaced).first()
        if attendee is None:
            raise ValidationError(
                {"attendee": _("%(email)s is not an attendee of this registration.") % {"email": replaced}}
            )
        services.substitute_attendee(attendee, acting_user=request.user, **data)
        return Response(self._read(registration))

    @extend_schema(request=BulkActionSerializer, responses=BulkOutcomesSerializer)
    @action(detail=False, methods=["post"])
    def bulk(self, request):
        """Approve, decline or cancel many registrations; each succeeds or fails on its own."""
        incoming = BulkActionSerializer(data=request.data)
        incoming.is_valid(raise_exception=True)
        data = incoming.validated_data
        registrations = {r.pk: r for r in self.get_queryset().filter(pk__in=data["ids"])}
        outcomes = iter(
            services.decide_each(
                [registrations[pk] for pk in data["ids"] if pk in registrations],
                data["action"],
                acting_user=request.user,
                reason=data["reason"],
            )
        )
        not_found = str(_("Not found."))
        results = [
            _result(next(outcomes)) if pk in registrations else {"id": pk, "ok": False, "detail": not_found}
            for pk in data["ids"]
        ]
        return Response({"results": results})


def _result(decided):
    if decided.refusal is not None:
        return {"id": decided.registration.pk, "ok": False, "detail": decided.refusal}
    return {"id": decided.registration.pk, "ok": True, "status": decided.registration.status}


def _own_organization(user):
    organization = company_of(user)
    if organization is None:
        raise PermissionDeniedError(_("Your account does not represent a company yet; create its profile first."))
    return organization


class SessionRegistrationsViewSet(viewsets.ViewSet):
    """An organiser's view of one session's registrations: headline counts, capacity and exports."""

    permission_classes = [IsAuthenticated]

    def _session(self, request, pk):
        session = get_object_or_404(sessions_for(request.user), pk=pk)
        require_organiser(request.user, session.stop.mission)
        return session

    @extend_schema(responses=SessionHeadlineSerializer)
    def retrieve(self, request, pk=None):
        return Response(selectors.session_headline(self._session(request, pk)))

    @extend_schema(request=CapacitySerializer, responses=SessionHeadlineSerializer)
    @action(detail=True, methods=["post"])
    def capacity(self, request, pk=None):
        session = self._session(request, pk)  # before the body: a stranger learns nothing of its fields
        incoming = CapacitySerializer(data=request.data)
        incoming.is_valid(raise_exception=True)
        session = services.change_capacity(
            session, acting_user=request.user, capacity=incoming.validated_data["capacity"]
        )
        return Response(selectors.session_headline(session))

    @extend_schema(
        parameters=[
            OpenApiParameter("type", str, enum=["csv", "xlsx"], description="CSV unless xlsx is asked for."),
            OpenApiParameter("status", str, description="Only this status, as the page's filter (unknown: all)."),
            OpenApiParameter("sector", str, description="Only companies in the sector with this slug."),
            OpenApiParameter("country", str, description="Only companies of this country (ISO 3166 code)."),
        ],
        responses={(200, "text/csv"): OpenApiTypes.BINARY, (200, XLSX): OpenApiTypes.BINARY},
    )
    @action(detail=True, methods=["get"], url_path="export")
    def export(self, request, pk=None):
        session = self._session(request, pk)
        # The registrations the page lists with the same filters: cancelled ones too, each with its status.
        registrations = RegistrationFilter(
            chosen_filters(request.query_params),
            queryset=selectors.registrations_for_organiser(request.user).filter(session=session),
        ).qs
        table = {"questions": list(session.questions.all()), "time_zone": session.stop.time_zone}
        if request.query_params.get("type") == "xlsx":
            body, content_type, suffix = export.as_xlsx(registrations, **table), XLSX, "xlsx"
        else:
            body, content_type, suffix = export.as_csv(registrations, **table), "text/csv; charset=utf-8", "csv"
        response = HttpResponse(body, content_type=content_type)
        response["Content-Disposition"] = f'attachment; filename="registrations-session-{session.pk}.{suffix}"'
        return response


class QuestionViewSet(viewsets.ModelViewSet):
    """The questions organisers ask registering companies, per session of the missions they organise."""

    serializer_class = QuestionSerializer
    permission_classes = [IsAuthenticated, Organises]
    filterset_fields = ["session"]

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):  # the schema generator's request has no user
            return Question.objects.none()
        return Question.objects.filter(session__stop__mission__in=organised_missions(self.request.user)).select_related(
            "session__stop__mission"
        )

    def perform_create(self, serializer):
        serializer.instance = services.add_question(acting_user=self.request.user, **serializer.validated_data)

    def perform_update(self, serializer):
        serializer.instance = services.update_question(
            serializer.instance, acting_user=self.request.user, **serializer.validated_data
        )

    def perform_destroy(self, question):
        services.remove_question(question, acting_user=self.request.user)
