"""The organiser's coverage of a delegation's priorities, and inviting companies from the directory."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import ngettext

from events.core.text import whole_number
from events.matching.selectors import SUITABLE
from events.meetings import services
from events.meetings.coverage import coverage
from events.missions.models import ProcurementPriority
from events.missions.selectors import organised_missions


@login_required
def priorities(request, slug):
    """Each priority: who answers, who could, its owners' meetings, and companies to invite (POST: invite)."""
    mission = get_object_or_404(organised_missions(request.user), slug=slug)
    if request.method == "POST":
        priority_id = whole_number(request.POST.get("priority"), minimum=1)
        priority = get_object_or_404(ProcurementPriority, delegation__mission=mission, pk=priority_id or 0)
        wanted = {whole_number(value) for value in request.POST.getlist("company")}
        invited = services.invite_candidates(priority, acting_user=request.user, company_ids=wanted)
        said = ngettext("%(count)s company invited.", "%(count)s companies invited.", invited)
        messages.success(request, said % {"count": invited})
        return redirect(reverse("meetings:priorities", args=[mission.slug]) + f"#priority-{priority.pk}")
    context = {
        "mission": mission,
        "rows": coverage(mission),
        "suitable": SUITABLE,
        "weights": settings.MATCHING_WEIGHTS,
    }
    return render(request, "meetings/priorities.html", context)
