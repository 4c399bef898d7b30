"""A company's own profile, logo and invitations. Other companies' identifiers answer 404."""

from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response

from events.companies import selectors, services
from events.companies.api.serializers import (
    AcceptInvitationSerializer,
    CompanySerializer,
    InvitationSerializer,
    LogoSerializer,
)
from events.companies.models import Invitation
from events.companies.permissions import RepresentsACompany
from events.core.errors import PermissionDeniedError


class CompanyViewSet(
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    mixins.RetrieveModelMixin,
    mixins.ListModelMixin,
    viewsets.GenericViewSet,
):
    serializer_class = CompanySerializer
    permission_classes = [IsAuthenticated]
    parser_classes = [JSONParser, MultiPartParser, FormParser]
    filter_backends = []

    def get_queryset(self):
        return selectors.companies_represented_by(self.request.user)

    def perform_create(self, serializer):
        serializer.instance = services.create_company(acting_user=self.request.user, **serializer.validated_data)

    def perform_update(self, serializer):
        fields = dict(serializer.validated_data)
        fields.pop("job_title", None)
        serializer.instance = services.update_company(serializer.instance, acting_user=self.request.user, **fields)

    @extend_schema(methods=["POST"], request=LogoSerializer, responses=CompanySerializer)
    @extend_schema(methods=["DELETE"], responses={204: None})
    @action(detail=True, methods=["post", "delete"], serializer_class=LogoSerializer)
    def logo(self, request, pk=None):
        company = self.get_object()
        if request.method == "DELETE":
            services.remove_logo(company, acting_user=request.user)
            return Response(status=status.HTTP_204_NO_CONTENT)
        incoming = LogoSerializer(data=request.data)
        incoming.is_valid(raise_exception=True)
        company = services.set_logo(company, acting_user=request.user, upload=incoming.validated_data["logo"])
        return Response(CompanySerializer(company, context=self.get_serializer_context()).data)


class InvitationViewSet(mixins.CreateModelMixin, mixins.ListModelMixin, viewsets.GenericViewSet):
    """Invitations to the requesting user's own company."""

    serializer_class = InvitationSerializer
    permission_classes = [IsAuthenticated]
    filter_backends = []

    def get_permissions(self):
        # Anyone signed in may accept an invitation (its token is the proof); the rest is the company's.
        if self.action == "accept":
            return super().get_permissions()
        return [*super().get_permissions(), RepresentsACompany()]

    def _company(self):
        company = selectors.company_of(self.request.user)
        if company is None:
            raise PermissionDeniedError(_("Your account does not represent a company yet; create its profile first."))
        return company

    def get_queryset(self):
        company = selectors.company_of(self.request.user)
        return Invitation.objects.filter(organization=company) if company else Invitation.objects.none()

    def perform_create(self, serializer):
        serializer.instance = services.invite_colleague(
            self._company(),
            acting_user=self.request.user,
            email=serializer.validated_data["email"],
            base_url=self.request.build_absolute_uri("/"),
        )

    @extend_schema(request=None)
    @action(detail=True, methods=["post"])
    def revoke(self, request, pk=None):
        invitation = get_object_or_404(self.get_queryset(), pk=pk)
        invitation = services.revoke_invitation(invitation, acting_user=request.user)
        return Response(InvitationSerializer(invitation).data)

    @extend_schema(request=AcceptInvitationSerializer, responses=CompanySerializer)
    @action(detail=False, methods=["post"], serializer_class=AcceptInvitationSerializer)
    def accept(self, request):
        incoming = AcceptInvitationSerializer(data=request.data)
        incoming.is_valid(raise_exception=True)
        representative = services.accept_invitation(
            incoming.validated_data["token"], acting_user=request.user, job_title=incoming.validated_data["job_title"]
        )
        return Response(CompanySerializer(representative.organization, context=self.get_serializer_context()).data)
