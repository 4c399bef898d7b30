"""Marking a one-to-one held, and confirming a no-show (issue 13).

Either side marks its meeting held ("we met", or by scanning the other's badge at the table) from the
moment its slot starts; the time is kept. A published meeting whose slot has ended unmarked is a no-show
candidate (selectors.meeting_outcomes); only an organiser confirms a no-show, and a meeting marked held
afterwards (a late tap) takes the no-show back: the two sides saying they met outweighs the register.
"""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from events.core.errors import ConflictError, PermissionDeniedError
from events.meetings.models import Meeting, MeetingOutcome
from events.meetings.services.permissions import sits_on_the_side_of
from events.missions.selectors import is_organiser
from events.missions.services import require_organiser


@transaction.atomic
def mark_held(meeting, *, acting_user, now=None) -> MeetingOutcome:
    """Record that `meeting` (a published meeting) took place; the first mark's time stands.

    For either side's people (those who speak for it and those who sit in it: services.permissions) and the
    mission's organisers. Raises PermissionDeniedError for others and
    ConflictError before the slot starts.
    """
    now = now or timezone.now()
    meeting = Meeting.objects.select_related(
        "slot", "request__requester__delegate", "request__receiver__delegate", "grid__session__stop__mission"
    ).get(pk=meeting.pk)
    sides = (meeting.request.requester, meeting.request.receiver)
    mission = meeting.grid.session.stop.mission
    if not (any(sits_on_the_side_of(acting_user, side) for side in sides) or is_organiser(acting_user, mission)):
        raise PermissionDeniedError(_("Only the two sides of a meeting and the organisers can say it took place."))
    if now < meeting.slot.starts_at:
        raise ConflictError(_("This meeting has not started yet."))
    outcome, _created = MeetingOutcome.objects.select_for_update().get_or_create(request=meeting.request)
    if outcome.held_at is None:
        outcome.held_at, outcome.marked_by = now, acting_user
        outcome.no_show_at, outcome.no_show_by = None, None
        outcome.save()
    return outcome


@transaction.atomic
def confirm_no_show(meeting, *, acting_user, now=None) -> MeetingOutcome:
    """An organiser confirms that a meeting whose slot has ended did not take place.

    Raises PermissionDeniedError for anyone else, ConflictError before the slot ends or when it was
    marked held.
    """
    now = now or timezone.now()
    meeting = Meeting.objects.select_related("slot", "grid__session__stop__mission").get(pk=meeting.pk)
    require_organiser(acting_user, meeting.grid.session.stop.mission)
    if now < meeting.slot.ends_at:
        raise ConflictError(_("A meeting can be a no-show only once its time is over."))
    outcome, _created = MeetingOutcome.objects.select_for_update().get_or_create(request=meeting.request)
    if outcome.held_at is not None:
        raise ConflictError(_("One side marked this meeting held; it is not a no-show."))
    if outcome.no_show_at is None:
        outcome.no_show_at, outcome.no_show_by = now, acting_user
        outcome.save()
    return outcome
