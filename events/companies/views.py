"""Company profile pages: create, edit, logo, colleagues and invitations."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from events.companies import selectors, services
from events.companies.forms import (
    AcceptInvitationForm,
    CompanyProfileForm,
    InvitationForm,
    NewCompanyForm,
    OwnDetailsForm,
)
from events.core.bidi import with_isolated_names
from events.core.errors import ApplicationError
from events.core.forms import show_errors


def _next_url(request, default):
    target = request.POST.get("next") or request.GET.get("next")
    if target and url_has_allowed_host_and_scheme(target, {request.get_host()}, require_https=request.is_secure()):
        return target
    return default


def _save_profile(request, form, save):
    """Run `save` (profile and logo in one transaction); on refusal show the errors on the form."""
    try:
        with transaction.atomic():
            company = save()
            upload = form.cleaned_data.get("logo_upload")
            if upload:
                services.set_logo(company, acting_user=request.user, upload=upload)
    except (ValidationError, ApplicationError) as error:
        if isinstance(error, ValidationError) and "logo" in getattr(error, "error_dict", {}):
            error = ValidationError({"logo_upload": error.message_dict["logo"]})
        show_errors(form, error)
        return None
    return company


@login_required
def company_new(request):
    if selectors.company_of(request.user) is not None:
        return redirect(_next_url(request, "companies:profile"))
    form = NewCompanyForm(request.POST or None, request.FILES or None, initial={"full_name": request.user.full_name})
    if request.method == "POST" and form.is_valid():
        company = _save_profile(
            request,
            form,
            lambda: services.create_company(
                acting_user=request.user,
                job_title=form.cleaned_data["job_title"],
                full_name=form.cleaned_data["full_name"],
                **form.profile_fields(),
            ),
        )
        if company:
            messages.success(request, _("Your company profile is ready."))
            return redirect(_next_url(request, "companies:profile"))
    return render(request, "companies/company_form.html", {"form": form, "next": _next_url(request, "")})


@login_required
def company_profile(request):
    company = selectors.company_of(request.user)
    if company is None:
        return redirect("companies:new")
    form = CompanyProfileForm(request.POST or None, request.FILES or None, instance=company)
    if request.method == "POST" and form.is_valid():
        fields = form.profile_fields()
        if _save_profile(request, form, lambda: services.update_company(company, acting_user=request.user, **fields)):
            messages.success(request, _("Profile saved."))
            return redirect("companies:profile")
    company.refresh_from_db()
    return render(
        request,
        "companies/company_profile.html",
        {
            "company": company,
            "form": form,
            "invitation_form": InvitationForm(),
            "colleagues": selectors.colleagues(company),
            "invitations": selectors.open_invitations(company),
        },
    )


@login_required
def own_details(request):
    """A representative's own name and job title."""
    representative = getattr(request.user, "representative", None)
    if representative is None:
        return redirect(f"{reverse('companies:new')}?{urlencode({'next': request.path})}")
    initial = {"full_name": request.user.full_name, "job_title": representative.job_title}
    form = OwnDetailsForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.update_own_details(acting_user=request.user, **form.cleaned_data)
        except (ValidationError, ApplicationError) as error:
            show_errors(form, error)
        else:
            messages.success(request, _("Your details are saved."))
            return redirect("companies:profile")
    return render(request, "companies/own_details.html", {"form": form, "company": representative.organization})


@login_required
@require_POST
def invite(request):
    company = selectors.company_of(request.user)
    if company is None:
        return redirect("companies:new")
    form = InvitationForm(request.POST)
    if form.is_valid():
        try:
            services.invite_colleague(
                company,
                acting_user=request.user,
                email=form.cleaned_data["email"],
                base_url=request.build_absolute_uri("/"),
            )
        except (ValidationError, ApplicationError) as error:
            show_errors(form, error)
    if form.errors:
        for messages_of_field in form.errors.values():
            for message in messages_of_field:
                messages.error(request, message)
    else:
        messages.success(request, _("Invitation sent to %(email)s.") % {"email": form.cleaned_data["email"]})
    return redirect("companies:profile")


@login_required
@require_POST
def revoke(request, pk):
    company = selectors.company_of(request.user)
    invitation = get_object_or_404(selectors.open_invitations(company), pk=pk) if company else None
    if invitation is None:
        return redirect("companies:new")
    services.revoke_invitation(invitation, acting_user=request.user)
    messages.success(request, _("Invitation to %(email)s withdrawn.") % {"email": invitation.email})
    return redirect("companies:profile")


def join(request, token):
    """The link in an invitation: anyone may look; accepting needs the invited address signed in."""
    invitation = services.find_invitation(token)
    form = AcceptInvitationForm(request.POST or None)
    if invitation and request.method == "POST" and request.user.is_authenticated and form.is_valid():
        try:
            services.accept_invitation(token, acting_user=request.user, job_title=form.cleaned_data["job_title"])
        except ApplicationError as error:
            show_errors(form, error)
        else:
            messages.success(
                request, with_isolated_names(_("You now represent %(company)s."), company=invitation.organization)
            )
            return redirect("companies:profile")
    return render(
        request, "companies/join.html", {"invitation": invitation, "form": form}, status=200 if invitation else 404
    )
