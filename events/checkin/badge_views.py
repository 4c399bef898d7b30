"""Badge PDFs as pages: a mission's organisers ask for everyone's badges, which a worker builds, then download
them; each person downloads their own (one page, built in the request: it is fast)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponseBadRequest, JsonResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from events.checkin import selectors, services
from events.checkin.badges import A6, LAYOUTS, badge_print_response, badges_pdf, mission_badges, pdf_response
from events.checkin.models import BadgePrint
from events.missions.models import Mission
from events.missions.selectors import organised_mission_or_404


def _badge_print(request, slug, pk) -> BadgePrint:
    badge_print = selectors.badge_print_of(organised_mission_or_404(request.user, slug), pk)
    if badge_print is None:
        raise Http404
    return badge_print


@login_required
def mission_badge_prints(request, slug):
    """The mission's badge prints, newest first, and the buttons that ask for a new one. Organisers only."""
    mission = organised_mission_or_404(request.user, slug)
    prints = selectors.badge_prints_of(mission)
    return render(
        request,
        "checkin/badge_prints.html",
        {
            "mission": mission,
            "prints": prints,
            "layouts": BadgePrint.Layout.choices,
            "pending": any(badge_print.pending for badge_print in prints),
        },
    )


@require_POST
@login_required
def prepare_badges(request, slug):
    """Ask a worker for everyone's badges in the posted layout; back to the list, where it shows up."""
    mission = organised_mission_or_404(request.user, slug)
    layout = request.POST.get("layout", A6)
    if layout not in LAYOUTS:
        return HttpResponseBadRequest(_("Choose the A6 or the A4 layout."))
    services.request_badge_print(mission, acting_user=request.user, layout=layout)
    messages.success(request, _("The badges are being prepared: the download appears here when they are ready."))
    return redirect("checkin:mission-badges", slug=mission.slug)


@login_required
def badge_print_status(request, slug, pk):
    """A print's status as JSON, for the list page to poll while a print is being built."""
    badge_print = _badge_print(request, slug, pk)
    response = JsonResponse(
        {"id": badge_print.pk, "status": badge_print.status, "status_label": badge_print.get_status_display()}
    )
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
def badge_print_pdf(request, slug, pk):
    """A ready print's PDF, through this view only (never a media URL): it holds the secrets that let people in."""
    badge_print = _badge_print(request, slug, pk)
    if badge_print.status != BadgePrint.Status.READY:
        raise Http404
    return badge_print_response(badge_print)


@login_required
def own_badge_pdf(request, slug):
    """The signed-in person's own badge for the mission (A6); a 404 if they have no role in it."""
    mission = Mission.objects.filter(slug=slug).first()
    badges = mission_badges(mission, emails=[request.user.email]) if mission and request.user.email else []
    if not badges:
        raise Http404
    return pdf_response(badges_pdf(mission, badges, layout=A6), f"badge-{mission.slug}.pdf")
