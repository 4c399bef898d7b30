"""Pages where a mission's organisers name the people who check others in at its doors, and remove them.

Organisers only: a mission anyone else asks for reads as not found, as the badge pages do.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from events.checkin import selectors, services
from events.checkin.forms import CheckInStaffForm
from events.core.errors import ApplicationError
from events.missions.selectors import organised_mission_or_404


@login_required
@require_http_methods(["GET", "POST"])
def check_in_staff(request, slug):
    """The mission's check-in staff, and the form that names one more by their account's address."""
    mission = organised_mission_or_404(request.user, slug)
    form = CheckInStaffForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.name_check_in_staff(mission, acting_user=request.user, user=form.user)
        except ApplicationError as error:
            form.add_error(error.field if error.field in form.fields else None, error.message)
        else:
            messages.success(request, _("%(email)s can now check people in.") % {"email": form.user.email})
            return redirect("checkin:staff", slug=mission.slug)
    return render(
        request,
        "checkin/staff.html",
        {"mission": mission, "staff": selectors.check_in_staff_of(mission), "form": form},
        status=400 if form.errors else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def remove_check_in_staff(request, slug, pk):
    """Asks first (GET), removes on the POST of that page."""
    mission = organised_mission_or_404(request.user, slug)
    staff = get_object_or_404(selectors.check_in_staff_of(mission), pk=pk)
    if request.method == "GET":
        return render(request, "checkin/staff_remove.html", {"mission": mission, "staff": staff})
    services.remove_check_in_staff(staff, acting_user=request.user)
    messages.success(request, _("%(email)s no longer checks people in.") % {"email": staff.user.email})
    return redirect("checkin:staff", slug=mission.slug)
