"""Certificates through the API: organisers define, mark attendance, issue and revoke (a mission they do not
organise reads as not found); anyone verifies by public id."""

from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import ValidationError
from rest_framework.permissions import SAFE_METHODS, AllowAny, BasePermission, IsAuthenticated
from rest_framework.response import Response

from events.certificates import selectors, services
from events.certificates.api.serializers import (
    AttendanceMarkSerializer,
    AttendanceRequestSerializer,
    CertificateSerializer,
    DefinitionRequestSerializer,
    DefinitionSerializer,
    IssuedSerializer,
    ListRowSerializer,
    RevokeRequestSerializer,
    VerificationSerializer,
)
from events.certificates.models import Certificate, CertificateDefinition
from events.missions.models import Mission, Session
from events.missions.permissions import organises_any


class OrganisesAny(BasePermission):
    """Writes: people who organise a mission, checked before the body is read (a stranger learns no field
    names); the querysets and the services decide which missions."""

    def has_permission(self, request, view):
        return request.method in SAFE_METHODS or organises_any(request.user)


class DefinitionViewSet(mixins.CreateModelMixin, viewsets.ReadOnlyModelViewSet):
    """Certificate definitions of the missions the caller organises."""

    serializer_class = DefinitionSerializer
    permission_classes = [IsAuthenticated, OrganisesAny]
    filterset_fields = ["mission"]

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):  # the schema generator's request has no user
            return CertificateDefinition.objects.none()
        return selectors.organised_definitions(self.request.user).order_by("pk")

    @extend_schema(request=DefinitionRequestSerializer, responses={201: DefinitionSerializer})
    def create(self, request):
        """Define a certificate; the mission's organisers only (403 otherwise)."""
        incoming = DefinitionRequestSerializer(data=request.data)
        incoming.is_valid(raise_exception=True)
        data = incoming.validated_data
        mission = Mission.objects.filter(pk=data["mission"]).first()
        if mission is None:
            raise ValidationError({"mission": ["No such mission."]})
        sessions = list(Session.objects.filter(pk__in=data["sessions"]).select_related("stop"))
        if len(sessions) != len(set(data["sessions"])):
            raise ValidationError({"sessions": ["No such session."]})
        definition = services.define_certificate(
            mission,
            acting_user=request.user,
            title=data["title"],
            description=data["description"],
            sessions=sessions,
            minimum_check_ins=data["minimum_check_ins"],
            issuer_name=data["issuer_name"],
        )
        return Response(DefinitionSerializer(definition).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=None, responses={200: IssuedSerializer})
    @action(detail=True, methods=["post"])
    def issue(self, request, pk=None):
        """Issue the certificate to everyone who qualifies and holds none yet; again later, only the new ones."""
        issued = services.issue_certificates(self.get_object(), acting_user=request.user)
        return Response(IssuedSerializer({"issued": issued}).data)

    @extend_schema(responses={200: ListRowSerializer(many=True)})
    @action(detail=True, methods=["get"])
    def attendance(self, request, pk=None):
        """The definition's list: who may enter its sessions, their check-ins, marks, and who qualifies."""
        definition = self.get_object()
        [(_definition, rows)] = selectors.definitions_with_lists(self.get_queryset().filter(pk=definition.pk))
        return Response(ListRowSerializer(rows, many=True).data)

    @extend_schema(request=AttendanceRequestSerializer, responses={201: AttendanceMarkSerializer})
    @action(detail=True, methods=["post"], url_path="mark-attended")
    def mark_attended(self, request, pk=None):
        """Mark a person of the list attended: they qualify even without enough check-ins; 409 if marked already."""
        incoming = AttendanceRequestSerializer(data=request.data)
        incoming.is_valid(raise_exception=True)
        mark = services.mark_attended(
            self.get_object(), acting_user=request.user, email=incoming.validated_data["email"]
        )
        return Response(AttendanceMarkSerializer(mark).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=AttendanceRequestSerializer, responses={204: None})
    @action(detail=True, methods=["post"], url_path="unmark-attended")
    def unmark_attended(self, request, pk=None):
        """Take a mark back; 409 once the person's certificate is issued (revoke it instead)."""
        incoming = AttendanceRequestSerializer(data=request.data)
        incoming.is_valid(raise_exception=True)
        services.unmark_attended(self.get_object(), acting_user=request.user, email=incoming.validated_data["email"])
        return Response(status=status.HTTP_204_NO_CONTENT)


class CertificateViewSet(viewsets.ReadOnlyModelViewSet):
    """Certificates issued for the missions the caller organises, with the private reason of a revocation."""

    serializer_class = CertificateSerializer
    permission_classes = [IsAuthenticated, OrganisesAny]
    filterset_fields = ["definition"]

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return Certificate.objects.none()
        return selectors.organised_certificates(self.request.user).order_by("pk")

    @extend_schema(request=RevokeRequestSerializer, responses={200: CertificateSerializer})
    @action(detail=True, methods=["post"])
    def revoke(self, request, pk=None):
        """Revoke one: its verification says "revoked" from now on; 409 if it was already."""
        incoming = RevokeRequestSerializer(data=request.data)
        incoming.is_valid(raise_exception=True)
        certificate = services.revoke_certificate(
            self.get_object(), acting_user=request.user, reason=incoming.validated_data["reason"]
        )
        return Response(CertificateSerializer(certificate).data)


class VerificationViewSet(viewsets.ViewSet):
    """Anyone: whether a certificate is valid, revoked or unknown, with what it states and its signature."""

    permission_classes = [AllowAny]
    lookup_field = "public_id"
    lookup_value_converter = "slug"

    @extend_schema(
        parameters=[OpenApiParameter("public_id", str, OpenApiParameter.PATH, description="From the certificate.")],
        responses={200: VerificationSerializer, 404: VerificationSerializer},
    )
    def retrieve(self, request, public_id=None):
        result = selectors.verification(public_id)
        if result.certificate is None:
            body = {"status": result.status, "revoked_at": None, "credential": None, "proof": None}
            return Response(VerificationSerializer(body).data, status=status.HTTP_404_NOT_FOUND)
        document = selectors.signed_document(result.certificate)
        body = {"status": result.status, "revoked_at": result.certificate.revoked_at, **document}
        return Response(VerificationSerializer(body).data)
