"""The organiser's board, and the meetings page of companies and delegates."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_POST
from django_permissions_policy.decorators import permissions_policy_override

from events.companies.selectors import company_of
from events.core.bidi import with_isolated_names
from events.core.errors import ApplicationError
from events.core.forms import show_errors
from events.core.text import whole_number
from events.matching.selectors import companies_answering, suggested_delegates
from events.meetings import answer_links, selectors, services
from events.meetings.forms import GridForm
from events.meetings.models import MeetingGrid, MeetingRequest
from events.meetings.services.permissions import speaks_for
from events.meetings.table_cards import table_cards_pdf
from events.missions.models import Session, mail_topic
from events.missions.selectors import organised_session_or_404
from events.notifications.selectors import unreachable_recipients

# Why the scheduler could not place a request, as an organiser reads it (codes from scheduling.plan).
UNPLACED_REASONS = {
    "no_common_slot": gettext_lazy("never free at the same time"),
    "no_common_table": gettext_lazy("fixed at different tables"),
    "blocked_by_pinned": gettext_lazy(
        "their common times are taken by meetings the run keeps where they are (pinned, published, placed by hand"
        " or suggested)"
    ),
    "no_table_free": gettext_lazy("no table free when both are"),
    "participant_fully_booked": gettext_lazy("one side is fully booked"),
    "both_booked": gettext_lazy("both sides are booked when the other is free"),
}


@login_required
def board(request, pk):
    """The board of one meeting session (by session id), for the mission's organisers only; a session whose
    meetings are not set up yet leads to setting them up."""
    grid = selectors.grids_for_organiser(request.user).select_related("session__stop").filter(session_id=pk).first()
    if grid is None:
        _organised_b2b_session(request, pk)  # a 404 for anyone else
        return redirect("meetings:set-up", pk=pk)
    context = selectors.board(grid)
    by_delegates = request.GET.get("by") == "delegates"
    if by_delegates:
        delegates = [p for p in context["participants"] if p.delegate_id]
        seats = {}
        for meeting in context["meetings"]:
            for party in (meeting.request.requester, meeting.request.receiver):
                seats[(meeting.slot_id, party.pk)] = meeting
        context["delegate_rows"] = selectors.timeline(
            [
                {"slot": slot, "cells": [seats.get((slot.pk, delegate.pk)) for delegate in delegates]}
                for slot in context["slots"]
            ],
            context["breaks"],
        )
        context["delegates"] = delegates
    last_run = context["last_run"]
    context.update(
        by_delegates=by_delegates,
        session=grid.session,
        mission=grid.session.stop.mission,
        zone=grid.session.stop.time_zone,
        unreachable=list(unreachable_recipients(mail_topic(grid.session.stop.mission_id))),
        outcomes=selectors.meeting_outcomes(grid, now=timezone.now()),
        reasons={e["request"]: UNPLACED_REASONS.get(e["reason"], e["reason"]) for e in last_run.unplaced}
        if last_run and last_run.status == "done"
        else {},
    )
    return render(request, "meetings/board.html", context)


@login_required
def table_cards(request, pk):
    """The session's table cards as one PDF (a card a page, each with its table's QR code), for its organisers
    only. The codes mark meetings held: never cached on the way."""
    grid = get_object_or_404(selectors.grids_for_organiser(request.user).select_related("session__stop"), session_id=pk)
    response = HttpResponse(table_cards_pdf(grid), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="tables-session-{grid.session_id}.pdf"'
    response["Cache-Control"] = "private, no-store"
    return response


def _suggestions(user, seats) -> list[tuple]:
    """[(suggestion, (participant, counterpart) to ask them through, or None)] for a company's page."""
    company = company_of(user)
    if company is None:
        return []
    askable = {other.delegate_id: (participant, other) for participant, others in seats for other in others}
    # Delegates the company already asked or meets are not suggested again.
    asked = selectors.delegates_asked_by(company)
    return [
        (suggestion, askable.get(suggestion.delegate.pk))
        for suggestion in suggested_delegates(company, leave_out=asked)
    ]


# The site denies itself the camera; the meetings page takes it back, for itself alone: at a meeting, either
# side scans the other's badge or the table's card with it.
@permissions_policy_override({**settings.PERMISSIONS_POLICY, "camera": ["self"]})
@login_required
def my_meetings(request):
    """A company's or a delegate's published meetings, their requests, and whom they may still ask."""
    return _meetings_page(request)


def _meetings_page(request, *, asking=None, status=200):
    """The meetings page; `asking` is a refused request form ({"participant", "error", "message", "priority"})."""
    mine = list(
        selectors.participants_of(request.user).select_related("grid__session__stop", "organization", "delegate")
    )
    for participant in mine:
        participant.refused_request = asking if asking and asking["participant"] == participant.pk else None
    seats = [(participant, selectors.counterparts(participant)) for participant in mine]
    # With each side's answer to its invitation: a decline is said to the other side here too.
    meetings = selectors.with_answers(selectors.published_meetings_involving(request.user))
    return render(
        request,
        "meetings/mine.html",
        {
            "meetings": meetings,
            "requests": selectors.requests_of(request.user),
            # Their time is the schedule's: a request's row does not say the organisers' draft beside it.
            "scheduled": {meeting.request_id for meeting in meetings},
            "seats": seats,
            "suggestions": _suggestions(request.user, seats),
            "answering": companies_answering(request.user),
            "mine": mine,
            "not_yet": selectors.meeting_sessions_not_open_to(request.user),
            "priorities": MeetingRequest.Priority.choices,
            "now": timezone.now(),
        },
        status=status,
    )


@login_required
@require_POST
def ask(request, participant_pk):
    requester = get_object_or_404(selectors.participants_of(request.user), pk=participant_pk)
    # A tampered form (receiver=abc, or someone this seat may not ask) is a refused form, not a crash.
    receiver_pk = whole_number(request.POST.get("receiver"), minimum=1)
    receiver = selectors.counterparts(requester).filter(pk=receiver_pk).first() if receiver_pk else None
    if receiver is None:
        asking = {
            "participant": requester.pk,
            "error": _("Choose whom to meet."),
            "message": request.POST.get("message", ""),
            "priority": whole_number(request.POST.get("priority")),
        }
        return _meetings_page(request, asking=asking, status=400)
    try:
        asked = services.request_meeting(
            requester.grid,
            acting_user=request.user,
            requester=requester,
            receiver=receiver,
            message=request.POST.get("message", ""),
            priority=request.POST.get("priority") or MeetingRequest.Priority.NORMAL,
        )
    except (ValidationError, ApplicationError) as error:
        # The page again, with what was typed and whom it was for: a redirect lost a careful pitch.
        asking = {
            "participant": requester.pk,
            "receiver": receiver.pk,
            "error": " ".join(getattr(error, "messages", [str(getattr(error, "message", error))])),
            "message": request.POST.get("message", ""),
            "priority": whole_number(request.POST.get("priority")),
        }
        return _meetings_page(request, asking=asking, status=400)
    messages.success(request, with_isolated_names(_what_asking_did(asked), name=receiver.name))
    return redirect("meetings:mine")


def _what_asking_did(asked) -> str:
    """What asking (or accepting a suggestion) came to: a request sent, a meeting both sides had asked for, or a
    suggestion agreed to (asking for a suggested meeting is accepting it: services.request_meeting). A message
    with %(name)s, the other side."""
    if asked.mutual:
        return _("%(name)s had asked to meet you too: your meeting is agreed.")
    if asked.status == MeetingRequest.Status.ACCEPTED:
        return _(
            "Both sides accepted the meeting with %(name)s: it is in your schedule once the organisers publish it."
        )
    if asked.status == MeetingRequest.Status.SUGGESTED:
        return _("You accepted the meeting with %(name)s: it is published once the other side accepts too.")
    return _("Request sent to %(name)s.")


@login_required
@require_POST
def held(request, pk):
    """ "We met": either side marks its published meeting held (services.mark_held)."""
    meeting = get_object_or_404(selectors.published_meetings_involving(request.user), pk=pk)
    try:
        services.mark_held(meeting, acting_user=request.user)
    except ApplicationError as error:
        messages.error(request, error.message)
    else:
        messages.success(
            request, _("Noted: your meeting with %(name)s took place.") % {"name": _other_side(meeting, request.user)}
        )
    return redirect("meetings:mine")


@login_required
@require_POST
def no_show(request, pk):
    """An organiser confirms a no-show from the board (services.confirm_no_show)."""
    meeting = get_object_or_404(selectors.published_meetings_organised_by(request.user).select_related("grid"), pk=pk)
    try:
        services.confirm_no_show(meeting, acting_user=request.user)
    except ApplicationError as error:
        messages.error(request, error.message)
    return redirect("meetings:board", pk=meeting.grid.session_id)


def _other_side(meeting, user) -> str:
    requester, receiver = meeting.request.requester, meeting.request.receiver
    return receiver.name if services.permissions.sits_on_the_side_of(user, requester) else requester.name


@login_required
@require_POST
def answer(request, pk):
    meeting_request = get_object_or_404(selectors.requests_of(request.user), pk=pk)
    operation = request.POST.get("answer")
    try:
        if operation == "withdraw":
            services.withdraw_request(meeting_request, acting_user=request.user)
        else:
            services.answer_request(meeting_request, acting_user=request.user, accept=operation == "accept")
    except ApplicationError as error:
        messages.error(request, error.message)
    return redirect("meetings:mine")


def answer_link(request, token):
    """A meeting request answered from its email: the link shows the question, a button records the answer."""
    link = answer_links.read_answer_link(token)
    if link is None:
        raise Http404
    recorded = False
    if request.method == "POST" and link.current:
        link = answer_links.AnswerLink(services.answer_request_by_link(link), link.answer)
        recorded = True
    status = 410 if link.meeting_request is None else 200  # gone with a side that left the session
    return render(request, "meetings/answer_link.html", {"link": link, "recorded": recorded}, status=status)


def _organised_b2b_session(request, pk):
    return organised_session_or_404(request.user, pk, kind=Session.Kind.B2B_MEETINGS)


@login_required
def set_up(request, pk):
    """Open a B2B session's one-to-one meetings, or reshape them before any is booked (services.set_up_grid):
    slot length, tables, breaks on the stop's clock, who meets whom, request limits. The mission's organisers
    only (a 404 for anyone else); a refusal is said on the field at fault, with nothing written."""
    session = _organised_b2b_session(request, pk)
    grid = MeetingGrid.objects.filter(session=session).first()
    status = 200
    if request.method == "POST":
        form = GridForm(request.POST, session=session)
        if form.is_valid():
            try:
                services.set_up_grid(session, acting_user=request.user, **form.cleaned_data)
            except (ValidationError, ApplicationError) as error:
                show_errors(form, error)
            else:
                messages.success(request, _("The one-to-one meetings are set up: companies may now ask for meetings."))
                return redirect("meetings:board", pk=session.pk)
        status = 400
    else:
        form = GridForm(initial=GridForm.initial_for(grid) if grid else None, session=session)
    context = {"form": form, "session": session, "mission": session.stop.mission, "grid": grid}
    return render(request, "meetings/set_up.html", context, status=status)


@login_required
@require_POST
def suggest(request, pk):
    """The organiser asks for suggested meetings in a session's empty cells (services.suggest_meetings)."""
    grid = get_object_or_404(selectors.grids_for_organiser(request.user), session_id=pk)
    on_board = services.suggest_meetings(grid, acting_user=request.user)
    messages.success(
        request,
        ngettext(
            "%(count)s suggested meeting is on the board.", "%(count)s suggested meetings are on the board.", on_board
        )
        % {"count": on_board},
    )
    return redirect("meetings:board", pk=pk)


@login_required
@require_POST
def answer_suggestion(request, pk):
    """One side accepts or declines a suggested meeting from its meetings page."""
    meeting_request = get_object_or_404(selectors.requests_of(request.user), pk=pk)
    try:
        # The cell the page showed, so that a yes given to an older time is refused (services.answer_suggestion).
        shown = [whole_number(request.POST.get(name), minimum=1) for name in ("slot", "table")]
        answered = services.answer_suggestion(
            meeting_request,
            acting_user=request.user,
            accept=request.POST.get("answer") == "accept",
            cell=shown if None not in shown else None,
        )
    except ApplicationError as error:
        messages.error(request, error.message)
        return redirect("meetings:mine")
    asks = speaks_for(request.user, meeting_request.requester)
    other = meeting_request.receiver if asks else meeting_request.requester
    if answered.status == MeetingRequest.Status.DECLINED:
        said = _("You declined the meeting with %(name)s.")
    else:
        said = _what_asking_did(answered)
    messages.success(request, with_isolated_names(said, name=other.name))
    return redirect("meetings:mine")
