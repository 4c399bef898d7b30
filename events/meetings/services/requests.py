"""Asking for a meeting, answering, withdrawing; limits per side; mutual requests recognised."""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from events.core.errors import ConflictError, PermissionDeniedError
from events.core.models import clean_value
from events.core.signals import announce_attendance_changed
from events.matching.selectors import pair_score
from events.meetings import messages
from events.meetings.models import Meeting, MeetingGrid, MeetingOutcome, MeetingRequest, latest_version_id
from events.meetings.selectors import people_on_both_sides, people_speaking_for
from events.meetings.services.permissions import speaks_for
from events.missions.selectors import is_organiser
from events.notifications.services import enqueue_emails


def _check_pairing(grid, requester, receiver):
    if requester.grid_id != grid.pk or receiver.grid_id != grid.pk:
        raise ValidationError({"receiver": _("Both sides must take part in this meeting session.")})
    if requester.pk == receiver.pk:
        raise ValidationError({"receiver": _("Choose someone other than yourself.")})
    if grid.pairing == MeetingGrid.Pairing.COMPANIES_MEET_DELEGATES and requester.is_company == receiver.is_company:
        raise ValidationError({"receiver": _("At this session, companies meet delegates.")})
    shared = people_on_both_sides(people_speaking_for([requester, receiver]), requester, receiver)
    if shared:
        raise ValidationError(
            {
                "receiver": _("%(email)s would sit on both sides of this meeting: choose someone else.")
                % {"email": shared[0]}
            }
        )


def _check_limits(grid, requester, receiver):
    # Suggestions are the organisers' proposals: they use up nobody's requests.
    asked = (MeetingRequest.Status.PENDING, MeetingRequest.Status.ACCEPTED)
    active = MeetingRequest.objects.filter(grid=grid, status__in=asked)
    if requester.is_company and active.filter(requester=requester).count() >= grid.requests_per_company:
        raise ValidationError(
            {"receiver": _("You have used all %(limit)d of your requests.") % {"limit": grid.requests_per_company}}
        )
    if active.filter(receiver=receiver).count() >= grid.requests_per_delegate:
        raise ValidationError({"receiver": _("%(name)s receives no more requests.") % {"name": receiver.name}})


@transaction.atomic
def request_meeting(grid, *, acting_user, requester, receiver, message="", priority=2) -> MeetingRequest:
    """Ask for a meeting. If the other side already asked for the same, both requests are accepted at once."""
    if not (speaks_for(acting_user, requester) or is_organiser(acting_user, grid.session.stop.mission)):
        raise PermissionDeniedError(_("You can only ask for meetings for yourself or your company."))
    priority = clean_value(MeetingRequest, "priority", priority)
    _check_pairing(grid, requester, receiver)
    suggestion = _suggestion_between(grid, requester, receiver)
    if suggestion is not None:  # asking for a suggested meeting is agreeing to it
        return agree_to_suggestion(suggestion, side=requester, accept=True)
    reverse = _reverse_of(grid, requester, receiver)
    if reverse is not None:
        return _make_mutual(reverse, priority)
    _check_limits(grid, requester, receiver)
    meeting_request = MeetingRequest(
        grid=grid,
        requester=requester,
        receiver=receiver,
        message=message.strip(),
        priority=priority,
        created_by=acting_user,
        match_score=pair_score(requester, receiver),
    )
    meeting_request.full_clean(validate_constraints=False)
    try:
        with transaction.atomic():
            meeting_request.save()
    except IntegrityError as error:
        # The other side may have asked at the same moment: then it is one meeting, asked for by both.
        reverse = _reverse_of(grid, requester, receiver)
        if reverse is not None:
            return _make_mutual(reverse, priority)
        raise ConflictError(_("You have already asked for this meeting."), field="receiver") from error
    enqueue_emails([(email, None) for email in messages.request_received_emails(meeting_request)])
    return meeting_request


def _reverse_of(grid, requester, receiver):
    return (
        MeetingRequest.objects.select_for_update()
        .filter(grid=grid, requester=receiver, receiver=requester, status__in=MeetingRequest.ACTIVE_STATUSES)
        .first()
    )


def _make_mutual(reverse, priority) -> MeetingRequest:
    """Both sides asked: the first request stands, accepted, and its asker is told. Raises ConflictError (on
    `receiver`) when it was accepted already: asking back is then no news, and its asker had been told."""
    if reverse.status == MeetingRequest.Status.ACCEPTED:
        raise ConflictError(
            _("You already have a meeting agreed with %(name)s.") % {"name": reverse.requester.name},
            field="receiver",
        )
    reverse.mutual = True
    reverse.status = MeetingRequest.Status.ACCEPTED
    reverse.priority = max(reverse.priority, priority)
    reverse.save(update_fields=["mutual", "status", "priority", "updated_at"])
    enqueue_emails([(email, None) for email in messages.request_answered_emails(reverse)])
    return reverse


def _locked(meeting_request):
    return (
        MeetingRequest.objects.select_for_update()
        .select_related("grid__session__stop__mission")
        .get(pk=meeting_request.pk)
    )


@transaction.atomic
def answer_request(meeting_request, *, acting_user, accept, reason="") -> MeetingRequest:
    """The receiver (or an organiser for them) accepts or declines; declining removes a booked meeting.

    Raises ValidationError on `reason` for a reason that is too long or holds control characters.
    """
    meeting_request = _locked(meeting_request)
    mission = meeting_request.grid.session.stop.mission
    if not (speaks_for(acting_user, meeting_request.receiver) or is_organiser(acting_user, mission)):
        raise PermissionDeniedError(_("Only the person asked, or the organisers, can answer this request."))
    if meeting_request.status not in MeetingRequest.ACTIVE_STATUSES:
        raise ConflictError(_("This request was withdrawn."))
    if meeting_request.status == MeetingRequest.Status.SUGGESTED:
        return agree_to_suggestion(meeting_request, side=meeting_request.receiver, accept=accept)
    if not accept:
        _refuse_once_met(meeting_request)
    return _answer(meeting_request, accept=accept, reason=reason, decided_by=acting_user)


@transaction.atomic
def answer_request_by_link(link) -> MeetingRequest:
    """The receiver answers from the signed link mailed to them (the link is their authority).

    Records nothing for a request that is no longer waiting (answered, withdrawn, mutual).
    """
    meeting_request = _locked(link.meeting_request)
    if meeting_request.status != MeetingRequest.Status.PENDING:
        return meeting_request
    if not link.accept:
        _refuse_once_met(meeting_request)
    return _answer(meeting_request, accept=link.accept, reason="", decided_by=None)


def _answer(meeting_request, *, accept, reason, decided_by) -> MeetingRequest:
    """Record the answer; declining removes a booked meeting; whoever asked is told by mail."""
    was = meeting_request.status
    meeting_request.status = MeetingRequest.Status.ACCEPTED if accept else MeetingRequest.Status.DECLINED
    meeting_request.decided_by = decided_by
    meeting_request.decision_reason = clean_value(MeetingRequest, "decision_reason", reason, error_key="reason")
    meeting_request.save()
    if not accept:
        _take_off_the_schedule(meeting_request)
    if meeting_request.status != was:
        enqueue_emails([(email, None) for email in messages.request_answered_emails(meeting_request)])
    return meeting_request


@transaction.atomic
def withdraw_request(meeting_request, *, acting_user) -> MeetingRequest:
    meeting_request = _locked(meeting_request)
    mission = meeting_request.grid.session.stop.mission
    if not (speaks_for(acting_user, meeting_request.requester) or is_organiser(acting_user, mission)):
        raise PermissionDeniedError(_("Only whoever asked, or the organisers, can withdraw this request."))
    if meeting_request.status not in MeetingRequest.ACTIVE_STATUSES:
        raise ConflictError(_("This request is no longer active."))
    _refuse_once_met(meeting_request)
    meeting_request.status = MeetingRequest.Status.WITHDRAWN
    meeting_request.save()
    _take_off_the_schedule(meeting_request)
    return meeting_request


def _refuse_once_met(meeting_request) -> None:
    """Refuse to withdraw or decline a request whose published meeting has started, or that either side or the
    organisers marked held or no-show: it is a record. A helper withdrew a meeting held a week before, with a deal
    signed at it; it left the outcomes report while its deal stayed, and the other side heard nothing. Raises
    ConflictError "meeting_took_place" (409)."""
    started = Meeting.objects.filter(
        request=meeting_request, version=latest_version_id(), slot__starts_at__lte=timezone.now()
    )
    marked = MeetingOutcome.objects.filter(request=meeting_request).filter(
        Q(held_at__isnull=False) | Q(no_show_at__isnull=False)
    )
    if started.exists() or marked.exists():
        raise ConflictError(
            _(
                "This meeting took place, or has started: it stays on the record and can no longer be withdrawn "
                "or declined."
            ),
            code="meeting_took_place",
        )


def _take_off_the_schedule(meeting_request) -> None:
    """A request that no longer stands (withdrawn, declined) takes its meeting off the board and out of the
    published schedule at once, as a cancelled registration does: both people's calendars get a cancellation now,
    with their reminders, rather than at the organisers' next publish, which may come after the meeting. Older
    versions keep their copy: they are what was published then."""
    Meeting.objects.filter(request=meeting_request, working=True, version__isnull=True).delete()
    published, _ = Meeting.objects.filter(request=meeting_request, version=latest_version_id()).delete()
    if published:
        announce_attendance_changed(Meeting, sessions=[meeting_request.grid.session_id])


def _suggestion_between(grid, first, second):
    pair = Q(requester=first, receiver=second) | Q(requester=second, receiver=first)
    return (
        MeetingRequest.objects.select_for_update()
        .filter(pair, grid=grid, status=MeetingRequest.Status.SUGGESTED)
        .first()
    )


@transaction.atomic
def answer_suggestion(meeting_request, *, acting_user, accept: bool, cell=None) -> MeetingRequest:
    """One side of a suggested meeting accepts or declines it; the acting user speaks for that side.

    Both accepting makes it an accepted request, pinned in its cell and published with the schedule; either
    declining ends it and takes its meeting off the board. `cell`, (slot id, table id), is the cell the side
    was shown: an acceptance is refused (ConflictError) once the suggestion is elsewhere. Raises
    PermissionDeniedError for anyone who speaks for neither side, ConflictError once it is no longer a
    suggestion.
    """
    meeting_request = _locked(meeting_request)
    sides = [side for side in (meeting_request.requester, meeting_request.receiver) if speaks_for(acting_user, side)]
    if not sides:
        raise PermissionDeniedError(_("Only the two sides of a suggested meeting can answer it."))
    if meeting_request.status != MeetingRequest.Status.SUGGESTED:
        raise ConflictError(_("This suggestion was answered already."))
    if accept and cell is not None:
        placed = Meeting.objects.filter(request=meeting_request, working=True).values_list("slot_id", "table_id")
        if tuple(cell) not in set(placed):
            raise ConflictError(_("The organisers moved this suggestion: see its new time and answer again."))
    return agree_to_suggestion(meeting_request, side=sides[0], accept=accept)


def agree_to_suggestion(meeting_request, *, side, accept: bool) -> MeetingRequest:
    """Record `side`'s answer to a (locked) suggestion and settle it once both have agreed or one declined."""
    if side.pk == meeting_request.requester_id:
        meeting_request.requester_agrees = accept
    else:
        meeting_request.receiver_agrees = accept
    if not accept:
        meeting_request.status = MeetingRequest.Status.DECLINED
        Meeting.objects.filter(request=meeting_request, working=True).delete()
    elif meeting_request.requester_agrees and meeting_request.receiver_agrees:
        meeting_request.status = MeetingRequest.Status.ACCEPTED
        # Both agreed to this time and table: pinned there, so that no run moves it (the organisers may).
        Meeting.objects.filter(request=meeting_request, working=True).update(pinned=True)
    meeting_request.save()
    return meeting_request
