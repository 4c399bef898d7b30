"""Badge PDFs through the API: a mission's badges for its organisers, and the caller's own badge.

A mission's badges take too long to lay out within a request (15-20 ms a badge): organisers ask for a
print, which a worker builds, poll it, then download its PDF. The caller's own badge, one page, is the PDF
itself. PDFs are attachments (application/pdf); errors answer in JSON whatever the client asked for. A
mission the caller does not organise (or, for their own badge, has no role in) reads as not found.
"""

from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema
from rest_framework import status, viewsets
from rest_framework.decorators import action
from rest_framework.permissions import IsAuthenticated
from rest_framework.renderers import BaseRenderer, JSONRenderer
from rest_framework.response import Response

from events.checkin import selectors, services
from events.checkin.api.serializers import BadgePrintRequestSerializer, BadgePrintSerializer
from events.checkin.badges import A6, badge_print_response, badges_pdf, mission_badges, pdf_response
from events.checkin.models import BadgePrint
from events.core.api import IdField
from events.core.errors import ConflictError
from events.missions.models import Mission
from events.missions.selectors import organised_missions

PDF = "application/pdf"


class PDFRenderer(BaseRenderer):
    """Lets a client ask for application/pdf (`Accept`) without a 406; the views answer the PDF themselves."""

    media_type = PDF
    format = "pdf"
    charset = None
    render_style = "binary"

    def render(self, data, accepted_media_type=None, renderer_context=None):
        return data


class MissionBadgesViewSet(viewsets.ViewSet):
    permission_classes = [IsAuthenticated]
    renderer_classes = [JSONRenderer, PDFRenderer]

    def finalize_response(self, request, response, *args, **kwargs):
        if isinstance(response, Response):  # data (a print, an error): JSON, even to a client that asked for a PDF
            request.accepted_renderer, request.accepted_media_type = JSONRenderer(), "application/json"
        return super().finalize_response(request, response, *args, **kwargs)

    def _organised_mission(self, pk) -> Mission:
        mission = organised_missions(self.request.user).filter(pk=IdField().run_validation(pk)).first()
        if mission is None:
            raise Http404
        return mission

    def _badge_print(self, pk, print_id) -> BadgePrint:
        badge_print = selectors.badge_print_of(self._organised_mission(pk), print_id)
        if badge_print is None:
            raise Http404
        return badge_print

    @extend_schema(
        methods=["GET"],
        responses=BadgePrintSerializer(many=True),
        description="The mission's latest badge prints, newest first. The mission's organisers only.",
    )
    @extend_schema(
        methods=["POST"],
        request=BadgePrintRequestSerializer,
        responses={202: BadgePrintSerializer},
        description=(
            "Ask for everyone's badges (issued first if new) as one PDF, built by a worker: poll the print, "
            "then download it. While a print of the same layout is queued or building, that print is answered. "
            "The mission's organisers only."
        ),
    )
    @action(detail=True, methods=["get", "post"], url_path="prints", url_name="prints")
    def prints(self, request, pk=None):
        mission = self._organised_mission(pk)
        if request.method == "GET":
            shown = selectors.badge_prints_of(mission)
            return Response(BadgePrintSerializer(shown, many=True, context={"request": request}).data)
        incoming = BadgePrintRequestSerializer(data=request.data)
        incoming.is_valid(raise_exception=True)
        badge_print = services.request_badge_print(
            mission, acting_user=request.user, layout=incoming.validated_data["layout"]
        )
        body = BadgePrintSerializer(badge_print, context={"request": request}).data
        return Response(body, status=status.HTTP_202_ACCEPTED)

    @extend_schema(responses=BadgePrintSerializer)
    @action(detail=True, methods=["get"], url_path="prints/<int:print_id>", url_name="print")
    def print_status(self, request, pk=None, print_id=None):
        """One badge print: its status, and once ready its size, pages and download address."""
        badge_print = self._badge_print(pk, print_id)
        return Response(BadgePrintSerializer(badge_print, context={"request": request}).data)

    @extend_schema(responses={(200, PDF): OpenApiTypes.BINARY})
    @action(detail=True, methods=["get"], url_path="prints/<int:print_id>/pdf", url_name="print-pdf")
    def print_pdf(self, request, pk=None, print_id=None):
        """A ready badge print's PDF; a 409 while it is not ready (or failed)."""
        badge_print = self._badge_print(pk, print_id)
        if badge_print.status != BadgePrint.Status.READY:
            raise ConflictError(
                _("These badges are not ready: %(status)s.") % {"status": badge_print.get_status_display()}
            )
        return badge_print_response(badge_print)

    @extend_schema(responses={(200, PDF): OpenApiTypes.BINARY})
    @action(detail=True, methods=["get"], url_path="mine")
    def mine(self, request, pk=None):
        """The caller's own badge for the mission (A6); not found if they have no role in it."""
        mission = get_object_or_404(Mission, pk=IdField().run_validation(pk))
        badges = mission_badges(mission, emails=[request.user.email]) if request.user.email else []
        if not badges:
            raise Http404
        return pdf_response(badges_pdf(mission, badges, layout=A6), f"badge-{mission.slug}.pdf")
