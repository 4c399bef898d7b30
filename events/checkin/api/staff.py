"""Check-in staff through the API: a mission's organisers list, name and remove the people who check others
in at its doors. A mission the caller does not organise, and its staff, read as not found."""

from django.http import Http404
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers, status, viewsets
from rest_framework.exceptions import ValidationError
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response

from events.checkin import selectors, services
from events.checkin.models import CheckInStaff
from events.core.api import IdField
from events.missions.permissions import Organises
from events.missions.selectors import organised_missions


class CheckInStaffSerializer(serializers.Serializer):
    id = serializers.IntegerField(read_only=True)
    mission = IdField(help_text="The mission's id; one you organise.")
    email = serializers.EmailField(max_length=254, help_text="The address of an existing account.")
    name = serializers.CharField(read_only=True, source="user.full_name")

    def validate_mission(self, value):
        # Before the address is looked up: someone who organises nothing learns nothing about accounts.
        mission = organised_missions(self.context["request"].user).filter(pk=value).first()
        if mission is None:
            raise Http404
        return mission

    def validate(self, attrs):
        attrs["user"] = selectors.account_with_email(attrs["email"])
        if attrs["user"] is None:
            raise ValidationError({"email": [_("No account uses this address. Ask them to sign up first.")]})
        return attrs

    def to_representation(self, instance):
        return {
            "id": instance.pk,
            "mission": instance.mission_id,
            "email": instance.user.email,
            "name": instance.user.full_name,
        }


class CheckInStaffViewSet(viewsets.ViewSet):
    # Organises: a stranger is refused before the body is read, so learns no field names (issue 11).
    permission_classes = [IsAuthenticated, Organises]
    serializer_class = CheckInStaffSerializer

    def _staff(self, request):
        missions = organised_missions(request.user)
        return CheckInStaff.objects.filter(mission__in=missions).select_related("user").order_by("mission", "pk")

    @extend_schema(
        parameters=[OpenApiParameter("mission", int, description="Only this mission's staff (one you organise).")],
        responses=CheckInStaffSerializer(many=True),
    )
    def list(self, request):
        """The check-in staff of the missions the caller organises (or of one of them)."""
        staff = self._staff(request)
        if "mission" in request.query_params:
            mission = IdField().run_validation(request.query_params["mission"])
            if not organised_missions(request.user).filter(pk=mission).exists():
                raise Http404
            staff = staff.filter(mission_id=mission)
        return Response(CheckInStaffSerializer(staff, many=True).data)

    @extend_schema(request=CheckInStaffSerializer, responses={201: CheckInStaffSerializer})
    def create(self, request):
        """Name someone, by their account's address, to check people in at a mission: 409 if named already."""
        incoming = CheckInStaffSerializer(data=request.data, context={"request": request})
        incoming.is_valid(raise_exception=True)
        data = incoming.validated_data
        staff = services.name_check_in_staff(data["mission"], acting_user=request.user, user=data["user"])
        return Response(CheckInStaffSerializer(staff).data, status=status.HTTP_201_CREATED)

    @extend_schema(responses={204: None})
    def destroy(self, request, pk=None):
        """Stop someone checking people in at that mission; the check-ins they recorded stay."""
        staff = self._staff(request).filter(pk=IdField().run_validation(pk)).first()
        if staff is None:
            raise Http404
        services.remove_check_in_staff(staff, acting_user=request.user)
        return Response(status=status.HTTP_204_NO_CONTENT)
