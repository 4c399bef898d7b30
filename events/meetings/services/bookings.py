"""Booking, moving, swapping, pinning and cancelling meetings on the board.

Each change is checked first, so a refusal names the conflict; the database's unique rules on
seats and tables catch what two organisers change at the same instant, and that too is a 409.
"""

from django.db import IntegrityError, transaction
from django.utils.translation import gettext_lazy as _

from events.core.errors import ConflictError
from events.core.local_time import clock_at
from events.meetings.models import Meeting, MeetingRequest, MeetingSeat, Slot, Table
from events.meetings.selectors import available_slots
from events.missions.services import require_organiser

RACE_MESSAGES = {
    "one_meeting_per_participant_and_slot": _("Someone in this meeting was just booked elsewhere in this slot."),
    "one_meeting_per_table_and_slot": _("This table was just taken in this slot."),
    "one_working_meeting_per_request": _("This request was just booked."),
}


def _race(error) -> ConflictError:
    text = str(error)
    for name, message in RACE_MESSAGES.items():
        if name in text:
            return ConflictError(message)
    return ConflictError()


def _check_place(meeting_request, slot, table, *, ignoring=()):
    """Refuse a slot and table where this meeting cannot be; `ignoring` are meetings about to move away."""
    grid = meeting_request.grid
    if slot.grid_id != grid.pk:
        raise ConflictError(_("This slot is not part of this meeting session."), field="slot")
    if table.grid_id != grid.pk:
        raise ConflictError(_("This table is not part of this meeting session."), field="table")
    parties = [meeting_request.requester, meeting_request.receiver]
    free = available_slots(grid, parties, [slot])
    for party in parties:
        if slot.index not in free[party.pk]:
            raise ConflictError(
                _("%(name)s is not available at %(time)s.") % {"name": party.name, "time": _local_time(slot)},
                field="slot",
            )
    delegates = {party.delegate_id for party in parties if party.delegate_id}
    if table.delegate_id and table.delegate_id not in delegates:
        raise ConflictError(
            _("%(table)s is kept for %(delegate)s.") % {"table": table.name, "delegate": table.delegate.full_name},
            field="table",
        )
    fixed = Table.objects.filter(grid=grid, delegate_id__in=delegates).exclude(pk=table.pk).first()
    if fixed is not None:
        raise ConflictError(
            _("%(delegate)s meets only at %(table)s.") % {"delegate": fixed.delegate.full_name, "table": fixed.name},
            field="table",
        )
    others = Meeting.objects.filter(slot=slot, working=True).exclude(pk__in=[m.pk for m in ignoring])
    taken = others.filter(table=table).select_related("request__requester", "request__receiver").first()
    if taken is not None:
        raise ConflictError(
            _("%(table)s is taken at %(time)s by %(meeting)s.")
            % {"table": table.name, "time": _local_time(slot), "meeting": _names(taken.request)},
            field="table",
        )
    for party in parties:
        clash = (
            others.filter(seats__participant=party).select_related("request__requester", "request__receiver").first()
        )
        if clash is not None:
            raise ConflictError(
                _("%(name)s already meets %(other)s at %(time)s.")
                % {"name": party.name, "other": _counterpart(clash.request, party), "time": _local_time(slot)},
                field="slot",
            )


def _local_time(slot):
    return clock_at(slot.starts_at, slot.grid.session.stop.zone)


def _names(meeting_request):
    return f"{meeting_request.requester.name} – {meeting_request.receiver.name}"


def _counterpart(meeting_request, party):
    return meeting_request.receiver.name if meeting_request.requester_id == party.pk else meeting_request.requester.name


def write_seats(meeting):
    meeting.seats.all().delete()
    MeetingSeat.objects.bulk_create(
        MeetingSeat(meeting=meeting, slot=meeting.slot, participant_id=pk)
        for pk in (meeting.request.requester_id, meeting.request.receiver_id)
    )


def book_meeting(meeting_request, *, acting_user, slot, table, pinned=False) -> Meeting:
    """Place an accepted request at a slot and table."""
    require_organiser(acting_user, meeting_request.grid.session.stop.mission)
    if meeting_request.status != MeetingRequest.Status.ACCEPTED:
        raise ConflictError(_("Only an accepted request can be booked."), field="request")
    if Meeting.objects.filter(request=meeting_request, working=True).exists():
        raise ConflictError(_("This request is already booked; move its meeting instead."), field="request")
    _check_place(meeting_request, slot, table)
    try:
        with transaction.atomic():
            meeting = Meeting.objects.create(
                grid=meeting_request.grid,
                uid=meeting_request.uid,
                request=meeting_request,
                slot=slot,
                table=table,
                pinned=pinned,
                by_hand=True,
            )
            write_seats(meeting)
    except IntegrityError as error:
        raise _race(error) from error
    return meeting


def offer_anew(requests) -> None:
    """A suggestion offers its two sides one cell (a time and a table): once its cell changes (moved, swapped,
    placed again, its slot retimed), the answers given were to another one, and both sides are asked again.
    `requests`: a MeetingRequest queryset; those that are not suggestions are left as they are."""
    requests.filter(status=MeetingRequest.Status.SUGGESTED).update(requester_agrees=None, receiver_agrees=None)


def move_meeting(meeting, *, acting_user, slot, table) -> Meeting:
    require_organiser(acting_user, meeting.grid.session.stop.mission)
    _check_place(meeting.request, slot, table, ignoring=[meeting])
    try:
        with transaction.atomic():
            moved = (meeting.slot_id, meeting.table_id) != (slot.pk, table.pk)
            meeting.slot, meeting.table, meeting.by_hand = slot, table, True
            meeting.save(update_fields=["slot", "table", "by_hand", "updated_at"])
            MeetingSeat.objects.filter(meeting=meeting).update(slot=slot)
            if moved:
                offer_anew(MeetingRequest.objects.filter(pk=meeting.request_id))
    except IntegrityError as error:
        raise _race(error) from error
    return meeting


def swap_meetings(first, second, *, acting_user) -> tuple[Meeting, Meeting]:
    """Exchange the slots and tables of two meetings, both or neither."""
    require_organiser(acting_user, first.grid.session.stop.mission)
    if first.grid_id != second.grid_id:
        raise ConflictError(_("Both meetings must be in the same session."))
    if first.pk == second.pk:
        raise ConflictError(_("Choose another meeting to swap with."), field="other")
    _check_place(first.request, second.slot, second.table, ignoring=[first, second])
    _check_place(second.request, first.slot, first.table, ignoring=[first, second])
    try:
        with transaction.atomic():
            # The first steps out of the unique rules while the second takes its place.
            places = (first.slot, first.table), (second.slot, second.table)
            Meeting.objects.filter(pk=first.pk).update(working=False)
            MeetingSeat.objects.filter(meeting=first).update(working=False)
            second.slot, second.table, second.by_hand = *places[0], True
            second.save(update_fields=["slot", "table", "by_hand", "updated_at"])
            MeetingSeat.objects.filter(meeting=second).update(slot=second.slot)
            first.slot, first.table = places[1]
            first.working, first.by_hand = True, True
            first.save(update_fields=["slot", "table", "working", "by_hand", "updated_at"])
            MeetingSeat.objects.filter(meeting=first).update(slot=first.slot, working=True)
            offer_anew(MeetingRequest.objects.filter(pk__in=[first.request_id, second.request_id]))
    except IntegrityError as error:
        raise _race(error) from error
    return first, second


def pin_meeting(meeting, *, acting_user, pinned=True) -> Meeting:
    require_organiser(acting_user, meeting.grid.session.stop.mission)
    meeting.pinned = pinned
    meeting.save(update_fields=["pinned", "updated_at"])
    return meeting


@transaction.atomic
def cancel_meeting(meeting, *, acting_user) -> None:
    """Take a meeting off the board; its request stays accepted and waits to be placed again. A suggestion's
    is withdrawn with it: the organisers took back what they offered, and neither side is asked any more."""
    require_organiser(acting_user, meeting.grid.session.stop.mission)
    meeting.delete()
    if meeting.request.status == MeetingRequest.Status.SUGGESTED:
        MeetingRequest.objects.filter(pk=meeting.request_id).update(status=MeetingRequest.Status.WITHDRAWN)


def slot_and_table(grid, slot_id, table_id):
    """Look up a slot and a table of `grid` by id, as a 409 naming the field when they are not there."""
    slot = Slot.objects.filter(grid=grid, pk=slot_id).select_related("grid__session__stop").first()
    if slot is None:
        raise ConflictError(_("This slot is not part of this meeting session."), field="slot")
    table = Table.objects.filter(grid=grid, pk=table_id).select_related("delegate").first()
    if table is None:
        raise ConflictError(_("This table is not part of this meeting session."), field="table")
    return slot, table
