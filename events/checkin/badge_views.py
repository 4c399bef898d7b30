"""Badge PDFs as pages: a mission's organisers download everyone's; each person downloads their own."""

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponseBadRequest
from django.utils.translation import gettext as _

from events.checkin.badges import A6, LAYOUTS, badges_pdf, mission_badges, pdf_response
from events.missions.models import Mission
from events.missions.selectors import organised_missions


@login_required
def mission_badges_pdf(request, slug):
    """Everyone's badge for the mission, issued first if new, as one PDF: `?layout=a6` (default) or `a4`.
    The mission's organisers only: a 404 for anyone else, so a stranger learns nothing of it."""
    mission = organised_missions(request.user).filter(slug=slug).first()
    if mission is None:
        raise Http404
    layout = request.GET.get("layout", A6)
    if layout not in LAYOUTS:
        return HttpResponseBadRequest(_("Choose the A6 or the A4 layout."))
    body = badges_pdf(mission, mission_badges(mission), layout=layout)
    return pdf_response(body, f"badges-{mission.slug}-{layout}.pdf")


@login_required
def own_badge_pdf(request, slug):
    """The signed-in person's own badge for the mission (A6); a 404 if they have no role in it."""
    mission = Mission.objects.filter(slug=slug).first()
    badges = mission_badges(mission, emails=[request.user.email]) if mission and request.user.email else []
    if not badges:
        raise Http404
    return pdf_response(badges_pdf(mission, badges, layout=A6), f"badge-{mission.slug}.pdf")
