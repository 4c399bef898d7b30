"""Suggested meetings (issue 16): the matcher's best pairs placed into a grid's empty cells, for both sides
to accept before they are published."""

from collections import defaultdict

from django.db import transaction

from events.matching.selectors import SUITABLE, owner_pair_scores
from events.meetings.models import Meeting, MeetingRequest, Participant, Slot, Table
from events.meetings.selectors import available_slots, people_on_both_sides, people_speaking_for, working_meetings
from events.meetings.services.bookings import offer_anew, write_seats
from events.missions.services import require_organiser


@transaction.atomic
def suggest_meetings(grid, *, acting_user, per_company: int = 2) -> int:
    """Suggest each company its best delegates to meet (score SUITABLE or more, at most `per_company`, none
    it already asked or was asked by) and place every unplaced suggestion into an empty cell: a slot both
    are free at, at a table free then (a delegate's own table if they have one). Nothing real moves: a
    suggestion only takes what is left. Returns how many suggestions are on the board now.

    Raises PermissionDeniedError for anyone who does not organise the session's mission.
    """
    require_organiser(acting_user, grid.session.stop.mission)
    _create_suggestions(grid, acting_user, per_company)
    return place_suggestions(grid)


def _create_suggestions(grid, acting_user, per_company) -> None:
    participants = list(Participant.objects.filter(grid=grid).select_related("delegate__user"))
    companies = {p.organization_id: p for p in participants if p.organization_id}
    delegates = {p.delegate_id: p for p in participants if p.delegate_id}
    if not companies or not delegates:
        return
    taken = set()
    # Any request between a pair, whatever became of it: a declined or withdrawn one is an answer already.
    for first, second in MeetingRequest.objects.filter(grid=grid).values_list("requester", "receiver"):
        taken |= {(first, second), (second, first)}
    best = {
        (companies[organization].pk, delegates[delegate].pk): score
        for (organization, delegate), score in owner_pair_scores(list(companies), list(delegates)).items()
    }
    # A company whose attendee is the delegate (data older than the rule) is no pair: nobody meets themselves.
    people, by_pk = people_speaking_for(participants), {p.pk: p for p in participants}
    taken |= {
        (company, delegate)
        for company, delegate in best
        if people_on_both_sides(people, by_pk[company], by_pk[delegate])
    }
    chosen = defaultdict(list)
    for (company, delegate), score in sorted(best.items(), key=lambda item: -item[1]):
        if score >= SUITABLE and (company, delegate) not in taken and len(chosen[company]) < per_company:
            chosen[company].append((delegate, score))
    MeetingRequest.objects.bulk_create(
        MeetingRequest(
            grid=grid,
            requester_id=company,
            receiver_id=delegate,
            status=MeetingRequest.Status.SUGGESTED,
            priority=MeetingRequest.Priority.LOW,
            match_score=score,
            created_by=acting_user,
        )
        for company, pairs in chosen.items()
        for delegate, score in pairs
    )


def place_suggestions(grid) -> int:
    """Place every suggestion not on the board into an empty cell; how many are on the board then. A run
    calls it after writing its plan, so that suggestions waiting for an answer come back around it."""
    suggestions = list(
        MeetingRequest.objects.filter(grid=grid, status=MeetingRequest.Status.SUGGESTED)
        .select_related("requester", "receiver")
        .order_by("-match_score", "pk")
    )
    board = list(working_meetings(grid))
    placed = {meeting.request_id for meeting in board}
    slots = list(Slot.objects.filter(grid=grid).order_by("index"))
    tables = list(Table.objects.filter(grid=grid).order_by("position", "pk"))
    busy = {
        (seat_participant, meeting.slot_id)
        for meeting in board
        for seat_participant in (meeting.request.requester_id, meeting.request.receiver_id)
    }
    used = {(meeting.slot_id, meeting.table_id) for meeting in board}
    free = available_slots(grid, [p for s in suggestions for p in (s.requester, s.receiver)], slots)
    on_board = len([s for s in suggestions if s.pk in placed])
    for suggestion in suggestions:
        if suggestion.pk in placed:
            continue
        cell = _empty_cell(suggestion, slots, tables, free, busy, used)
        if cell is None:
            continue
        slot, table = cell
        meeting = Meeting.objects.create(grid=grid, uid=suggestion.uid, request=suggestion, slot=slot, table=table)
        write_seats(meeting)
        offer_anew(MeetingRequest.objects.filter(pk=suggestion.pk))  # placed again elsewhere: asked again
        busy |= {(suggestion.requester_id, slot.pk), (suggestion.receiver_id, slot.pk)}
        used.add((slot.pk, table.pk))
        on_board += 1
    return on_board


def _empty_cell(suggestion, slots, tables, free, busy, used):
    sides = (suggestion.requester, suggestion.receiver)
    own = [table for table in tables if table.delegate_id and table.delegate_id in {s.delegate_id for s in sides}]
    candidates = own or [table for table in tables if not table.delegate_id]
    for slot in slots:
        if any(slot.index not in free[side.pk] or (side.pk, slot.pk) in busy for side in sides):
            continue
        for table in candidates:
            if (slot.pk, table.pk) not in used:
                return slot, table
    return None
