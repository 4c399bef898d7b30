"""The funder's report as downloads: the PDF and the XLSX, for the mission's organisers only (a 404 for anyone
else, so a stranger learns nothing of the mission). `?language=fr` (or en) chooses the language; without it,
the page's."""

from zoneinfo import ZoneInfo

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse, HttpResponseBadRequest
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from events.missions.selectors import organised_mission_or_404
from events.outcomes import report
from events.outcomes.figures import mission_figures


@login_required
def report_pdf(request, slug):
    return _report(request, slug, report.report_pdf, "application/pdf", "pdf")


@login_required
def report_xlsx(request, slug):
    return _report(request, slug, report.report_xlsx, report.XLSX_CONTENT_TYPE, "xlsx")


def _report(request, slug, build, content_type: str, extension: str) -> HttpResponse:
    mission = organised_mission_or_404(request.user, slug, related=["sponsor"])
    languages = dict(settings.LANGUAGES)
    language = request.GET.get("language") or translation.get_supported_language_variant(translation.get_language())
    if language not in languages:
        return HttpResponseBadRequest(_("Choose the report's language: %(codes)s.") % {"codes": ", ".join(languages)})
    today = timezone.localdate(timezone=ZoneInfo(mission.time_zone))
    body = build(mission, mission_figures(mission, today=today), language=language, today=today)
    response = HttpResponse(body, content_type=content_type)
    filename = report.report_filename(mission, language=language, today=today, extension=extension)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    # Figures a funder reads, not for shared caches on the way.
    response["Cache-Control"] = "private, no-store"
    return response
