"""Badge PDFs through the API: a mission's badges for its organisers, and the caller's own badge.

The answer is the PDF itself (application/pdf, as an attachment); errors answer in JSON whatever the
client asked for. A mission the caller does not organise (or, for their own badge, has no role in)
reads as not found.
"""

from django.http import Http404
from django.shortcuts import get_object_or_404
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import ValidationError
from rest_framework.permissions import IsAuthenticated
from rest_framework.renderers import BaseRenderer, JSONRenderer
from rest_framework.response import Response

from events.checkin.badges import A6, LAYOUTS, badges_pdf, mission_badges, pdf_response
from events.core.api import IdField
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
        if isinstance(response, Response):  # an error: in JSON, even to a client that asked for a PDF
            request.accepted_renderer, request.accepted_media_type = JSONRenderer(), "application/json"
        return super().finalize_response(request, response, *args, **kwargs)

    @extend_schema(
        parameters=[
            OpenApiParameter(
                "layout",
                str,
                enum=list(LAYOUTS),
                description="a6 (default): one badge a page; a4: sheets of eight 105 x 74 mm labels.",
            )
        ],
        responses={(200, PDF): OpenApiTypes.BINARY},
    )
    def retrieve(self, request, pk=None):
        """Everyone's badge for the mission (issued first if new) as one PDF. The mission's organisers only."""
        mission = organised_missions(request.user).filter(pk=IdField().run_validation(pk)).first()
        if mission is None:
            raise Http404
        layout = request.query_params.get("layout", A6)
        if layout not in LAYOUTS:
            raise ValidationError({"layout": [f"One of {', '.join(LAYOUTS)}."]})
        return pdf_response(
            badges_pdf(mission, mission_badges(mission), layout=layout), f"badges-{mission.slug}-{layout}.pdf"
        )

    @extend_schema(responses={(200, PDF): OpenApiTypes.BINARY})
    @action(detail=True, methods=["get"], url_path="mine")
    def mine(self, request, pk=None):
        """The caller's own badge for the mission (A6); not found if they have no role in it."""
        mission = get_object_or_404(Mission, pk=IdField().run_validation(pk))
        badges = mission_badges(mission, emails=[request.user.email]) if request.user.email else []
        if not badges:
            raise Http404
        return pdf_response(badges_pdf(mission, badges, layout=A6), f"badge-{mission.slug}.pdf")
