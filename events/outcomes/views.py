"""The feedback form reached from its mail: a signed link, no password (links.py)."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse

from events.core.errors import ApplicationError
from events.core.forms import show_errors
from events.outcomes import selectors, services
from events.outcomes.forms import FeedbackForm
from events.outcomes.links import feedback_token, read_feedback_link
from events.outcomes.models import ANSWER_FIELDS, Stage


def feedback(request, token):
    link = read_feedback_link(token)
    if link is None:
        raise Http404
    form_request = link.feedback_request
    is_open = selectors.is_open(form_request)
    latest = selectors.latest_answer(form_request)
    # A form not answered yet starts from the party's last word on this lead (a deal, its value), if any.
    starting_point = latest or selectors.latest_answer_of_party(form_request)
    initial = {name: getattr(starting_point, name) for name in ANSWER_FIELDS} if starting_point else {}
    if starting_point is not None and starting_point.took_place is not None:
        initial["took_place"] = "yes" if starting_point.took_place else "no"
    form = FeedbackForm(request.POST or None, feedback_request=form_request, initial=initial)
    if request.method == "POST" and is_open and form.is_valid():
        try:
            services.submit_feedback(form_request, email=link.email, **form.answer())
        except (ValidationError, ApplicationError) as error:
            show_errors(form, error)
        else:
            return redirect(f"{request.path}?saved=1")
    return render(
        request,
        "outcomes/feedback.html",
        {
            "form": form,
            "form_request": form_request,
            "other": selectors.counterpart_name(form_request),
            "is_open": is_open,
            "saved": request.GET.get("saved") == "1" and latest is not None,
            "history": list(form_request.answers.order_by("-answered_at", "-pk")),
            "zone": selectors.zone_of_form(form_request),
        },
    )


@login_required
def my_leads(request):
    """The signed-in person's leads (their company's, or their delegate seat's): whom they met, where it
    stands by their own answers, and the forms still open to them. The counterpart's answers are not shown."""
    leads = list(selectors.leads_of(request.user))
    open_ids = selectors.open_forms(form for lead in leads for form in lead.own_forms)
    mine = selectors.party_keys_of(request.user)
    rows = []
    for lead in leads:
        answers = selectors.answers_of_lead(lead)
        rows.append(
            {
                "lead": lead,
                "counterpart": next((name for key, name in selectors.parties_of_lead(lead) if key not in mine), ""),
                "stage": selectors.stage_of(answers),
                "answers": answers,
                "open_forms": [
                    {"form": form, "url": reverse("outcomes:feedback", args=[feedback_token(form, request.user.email)])}
                    for form in lead.own_forms
                    if form.pk in open_ids
                ],
            }
        )
    return render(request, "outcomes/my_leads.html", {"rows": rows, "stages": dict(Stage.choices)})
