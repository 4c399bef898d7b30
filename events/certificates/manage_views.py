"""The organisers' certificates page of a mission: define a certificate, mark people attended, issue it to
everyone who qualifies in one action, revoke one. A mission the person does not organise is a 404."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from events.certificates import selectors, services
from events.certificates.forms import DefinitionForm, RevokeForm
from events.core.errors import ApplicationError
from events.missions.selectors import organised_mission_or_404


@login_required
def mission_certificates(request, slug):
    mission = organised_mission_or_404(request.user, slug)
    form = DefinitionForm(request.POST or None, mission=mission)
    if request.method == "POST" and form.is_valid():
        try:
            services.define_certificate(mission, acting_user=request.user, **form.cleaned_data)
        except ValidationError as error:
            for field, problems in error.message_dict.items():
                for problem in problems:
                    form.add_error(field if field in form.fields else None, problem)
        else:
            messages.success(request, _("Certificate defined. Issue it once the training is over."))
            return redirect("certificates:mission", slug=mission.slug)
    shown = selectors.definitions_with_lists(selectors.organised_definitions(request.user).filter(mission=mission))
    context = {"mission": mission, "form": form, "definitions": shown, "revoke_form": RevokeForm()}
    return render(request, "certificates/manage.html", context)


@login_required
@require_POST
def issue(request, pk):
    definition = get_object_or_404(selectors.organised_definitions(request.user), pk=pk)
    issued = services.issue_certificates(definition, acting_user=request.user)
    count = len(issued)
    messages.success(
        request,
        ngettext("%(count)d certificate issued.", "%(count)d certificates issued.", count) % {"count": count},
    )
    return redirect("certificates:mission", slug=definition.mission.slug)


@login_required
@require_POST
def revoke(request, pk):
    certificate = get_object_or_404(
        selectors.organised_certificates(request.user).select_related("definition__mission"), pk=pk
    )
    form = RevokeForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Say why the certificate is revoked."))
    elif certificate.revoked:
        messages.error(request, _("This certificate was revoked already."))
    else:
        services.revoke_certificate(certificate, acting_user=request.user, reason=form.cleaned_data["reason"])
        messages.success(request, _("Certificate revoked: its verification page now says so."))
    return redirect("certificates:mission", slug=certificate.definition.mission.slug)


@login_required
@require_POST
def mark(request, pk):
    """Mark a person of the list attended (`attended=1`) or take the mark back (`attended=0`)."""
    definition = get_object_or_404(selectors.organised_definitions(request.user), pk=pk)
    email = request.POST.get("email", "")
    try:
        if request.POST.get("attended") == "0":
            services.unmark_attended(definition, acting_user=request.user, email=email)
            messages.success(request, _("Attendance mark taken back."))
        else:
            services.mark_attended(definition, acting_user=request.user, email=email)
            messages.success(request, _("Marked attended: they qualify for the certificate."))
    except ValidationError as error:
        for problems in error.message_dict.values():
            for problem in problems:
                messages.error(request, problem)
    except ApplicationError as error:
        messages.error(request, error.message)
    return redirect("certificates:mission", slug=definition.mission.slug)
