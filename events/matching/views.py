"""A company's page of the delegations' priorities, each with its answer."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from events.companies.selectors import company_of
from events.core.errors import ApplicationError
from events.core.forms import show_errors
from events.matching import selectors, services
from events.matching.forms import PriorityAnswerForm


@login_required
def priorities(request):
    """The priorities of the missions the company is registered for, and its answer to each."""
    company = company_of(request.user)
    if company is None:
        return render(request, "matching/priorities.html", {"company": None, "rows": []}, status=403)
    return render(request, "matching/priorities.html", {"company": company, "rows": _rows(company, {})})


@login_required
def answer(request, pk):
    """Record a company's answer to one priority; the page again with field errors when refused."""
    company = company_of(request.user)
    priority = get_object_or_404(selectors.priorities_for_company(company), pk=pk) if company else None
    if priority is None or request.method != "POST":
        return redirect("matching:priorities")
    form = PriorityAnswerForm(request.POST, auto_id=_auto_id(priority.pk))
    if form.is_valid():
        try:
            services.answer_priority(priority, acting_user=request.user, **form.cleaned_data)
        except (ValidationError, ApplicationError) as error:
            show_errors(form, error)
        else:
            messages.success(request, _("Your answer is saved; your suggestions take it into account."))
            return redirect(reverse("matching:priorities") + f"#priority-{priority.pk}")
    context = {"company": company, "rows": _rows(company, {priority.pk: form})}
    return render(request, "matching/priorities.html", context, status=400)


def _auto_id(pk) -> str:
    # One form per priority on the page: each its own ids, so each label names its own field.
    return f"id_{pk}_%s"


def _rows(company, forms_given) -> list[tuple]:
    answers = selectors.answers_of(company)
    rows = []
    for priority in selectors.priorities_for_company(company):
        form = forms_given.get(priority.pk)
        if form is None:
            given = answers.get(priority.pk)
            initial = {}
            if given:
                initial = {"offer": given.offer, "references": given.references}
                initial["certifications"] = ", ".join(given.certifications)
            form = PriorityAnswerForm(initial=initial, auto_id=_auto_id(priority.pk))
        rows.append((priority, form, priority.pk in answers))
    return rows
