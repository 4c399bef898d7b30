"""Running the scheduler in the background and applying its plan to the board.

The run reads the board into a pure Problem (events.meetings.scheduling knows nothing of Django),
reports progress on its row as it goes, and applies the plan in one transaction: pinned meetings
stay, the other working meetings are replaced. If someone changed the board meanwhile so that the
plan no longer fits (a request withdrawn, a table removed, a slot gone or renumbered, a person no longer
free when the plan meets them), the run fails, saying so; nothing half-applied.
"""

import dataclasses
import logging
import time

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from events.core.errors import ConflictError
from events.meetings.models import Meeting, MeetingRequest, MeetingSeat, SchedulerRun
from events.meetings.selectors import (
    available_slots,
    latest_version,
    people_on_both_sides,
    people_speaking_for,
    schedule_diff,
    working_meetings,
)
from events.meetings.services.grids import sync_participants
from events.meetings.services.suggestions import place_suggestions
from events.missions.services import require_organiser

logger = logging.getLogger(__name__)
RUN_TASK = "events.meetings.run_scheduler"
PROGRESS_EVERY = 0.3  # seconds between progress writes: the bar moves, the database is not flooded


def start_run(grid, *, acting_user, reoptimise=False) -> SchedulerRun:
    """Queue a run for `grid`; one at a time per grid (a second is a 409).

    By default the run keeps every published meeting and every meeting placed by hand where it is
    (unless one of its people is no longer free then) and places what is new around them;
    `reoptimise` lets it move all but the pinned ones. Raises ConflictError for a grid with no table.
    """
    require_organiser(acting_user, grid.session.stop.mission)
    if not grid.tables.exists():
        # A run of a grid with no table placed nothing and reported "100% of what is possible" (0 of 0), with
        # "fixed at different tables" as every request's reason.
        raise ConflictError(_("This session has no tables yet: add at least one before running the scheduler."))
    try:
        with transaction.atomic():
            run = SchedulerRun.objects.create(
                grid=grid, started_by=acting_user, reoptimise=reoptimise, phase=str(_("Waiting for a worker"))
            )
            transaction.on_commit(lambda: _hand_to_worker(run.pk))
    except IntegrityError as error:
        raise ConflictError(_("The scheduler is already running for this session.")) from error
    return run


def _hand_to_worker(run_id):
    from celery import current_app
    from django.conf import settings

    if settings.CELERY_TASK_ALWAYS_EAGER:
        execute_run(run_id)
        return
    try:
        current_app.send_task(RUN_TASK, args=[run_id])
    except Exception:  # noqa: BLE001 - a stopped broker must not fail the organiser's click
        logger.exception("could not hand scheduler run %s to a worker", run_id)
        SchedulerRun.objects.filter(pk=run_id).update(
            status=SchedulerRun.Status.FAILED,
            error=str(_("No worker could be reached; try again.")),
            finished_at=timezone.now(),
        )


def build_problem(grid, *, reoptimise=False):
    """The board as a pure scheduling problem, the request objects by id, and the meetings it keeps in place."""
    from events.meetings.scheduling import problem as pure

    sync_participants(grid)
    participants = list(grid.participants.select_related("delegate__user"))
    people = people_speaking_for(participants)
    slots = list(grid.slots.all())
    tables = list(grid.tables.all())
    free = available_slots(grid, participants, slots)
    fixed_tables = {table.delegate_id: table.pk for table in tables if table.delegate_id}
    # A pair that shares a person is no meeting (requests refuse it; older data may hold one): left unplaced.
    placing = (MeetingRequest.Status.ACCEPTED, MeetingRequest.Status.SUGGESTED)
    requests = {
        r.pk: r
        for r in MeetingRequest.objects.filter(grid=grid, status__in=placing).select_related("requester", "receiver")
        if not people_on_both_sides(people, r.requester, r.receiver)
    }
    pinned = _kept_in_place(grid, free, requests, fixed_tables, reoptimise=reoptimise)
    kept = {meeting.request_id for meeting in pinned}
    # A suggestion offers one cell, which its sides may have accepted already: kept there like a pinned meeting,
    # and else left to place_suggestions after the run (offered anew), never placed by the run itself.
    requests = {pk: r for pk, r in requests.items() if r.status == MeetingRequest.Status.ACCEPTED or pk in kept}
    problem = pure.Problem(
        participants=tuple(
            pure.Participant(
                id=p.pk,
                kind=pure.ParticipantKind.COMPANY if p.organization_id else pure.ParticipantKind.DELEGATE,
                available_slots=frozenset(free[p.pk]),
                fixed_table=fixed_tables.get(p.delegate_id) if p.delegate_id else None,
            )
            for p in participants
        ),
        slots=tuple(slot.index for slot in slots),
        tables=tuple(table.pk for table in tables),
        requests=tuple(
            pure.MeetingRequest(id=r.pk, participant_a=r.requester_id, participant_b=r.receiver_id, weight=r.weight)
            for r in requests.values()
        ),
        pinned=tuple(pure.PinnedMeeting(request_id=m.request_id, slot=m.slot.index, table=m.table_id) for m in pinned),
        # Re-optimising may move published meetings, but as few as it can (the scheduler's third aim).
        published=tuple(
            pure.PinnedMeeting(request_id=m.request_id, slot=m.slot.index, table=m.table_id)
            for m in _published_meetings(grid)
            if m.request_id in requests and m.request_id not in kept
        ),
    )
    return problem, requests, kept


def _published_meetings(grid) -> list:
    latest = latest_version(grid)
    return list(Meeting.objects.filter(version=latest).select_related("slot")) if latest else []


def _kept_in_place(grid, free, requests, fixed_tables, *, reoptimise) -> list:
    """The board's meetings a run must not move: pinned ones and suggestions one side has agreed to (each offers
    its sides one cell); unless re-optimising, also those published or placed by hand, and suggestions nobody has
    answered; in each case as long as the request still stands and both people are free then at that table.

    Re-optimising frees the cell of a suggestion nobody answered: it only takes what is left (place_suggestions,
    after the run), and had kept an accepted request from the one time its people shared.
    """
    latest = latest_version(grid)
    published = set(latest.meetings.values_list("uid", flat=True)) if latest else set()
    kept = []
    for meeting in working_meetings(grid):
        suggested = meeting.request.status == MeetingRequest.Status.SUGGESTED
        answered = meeting.request.requester_agrees or meeting.request.receiver_agrees
        decided = (
            meeting.pinned
            or (suggested and (answered or not reoptimise))
            or (not reoptimise and (meeting.by_hand or meeting.uid in published))
        )
        request = requests.get(meeting.request_id)
        if not decided or request is None:
            continue
        sides = (meeting.request.requester, meeting.request.receiver)
        free_then = all(meeting.slot.index in free[side.pk] for side in sides)
        right_table = all(
            fixed_tables.get(side.delegate_id, meeting.table_id) == meeting.table_id
            for side in sides
            if side.delegate_id
        )
        # Even a pinned meeting is placed again when one of its people is no longer free then (a blocked
        # period, a later arrival): kept, it would make the whole run fail (PinConflictError).
        if free_then and right_table:
            kept.append(meeting)
    return kept


def _progress_writer(run_id):
    last = [0.0]

    def report(fraction, phase=""):
        now = time.monotonic()
        if now - last[0] < PROGRESS_EVERY and fraction < 1:
            return
        last[0] = now
        SchedulerRun.objects.filter(pk=run_id).update(progress=min(max(fraction, 0), 1), phase=str(phase)[:100])

    return report


def execute_run(run_id) -> SchedulerRun:
    """Do a queued run (in a worker): solve, then apply the plan to the board in one transaction."""
    claimed = SchedulerRun.objects.filter(pk=run_id, status=SchedulerRun.Status.QUEUED).update(
        status=SchedulerRun.Status.RUNNING, phase=str(_("Reading the board"))
    )
    run = SchedulerRun.objects.select_related("grid__session__stop").get(pk=run_id)
    if not claimed:
        return run  # another worker has it, or it is over
    # Imported here, as in build_problem: numpy and scipy load in the worker that runs the scheduler,
    # not in every web process.
    from events.meetings.scheduling.solver import schedule

    try:
        problem, requests, kept = build_problem(run.grid, reoptimise=run.reoptimise)
        plan = schedule(problem, progress=_progress_writer(run.pk))
        pins = _apply(run.grid, plan, requests, kept)
        diff = schedule_diff(run.grid)
    except Exception as error:  # noqa: BLE001 - any failure is the run's outcome, shown to the organiser
        logger.exception("scheduler run %s failed", run_id)
        message = (
            _("The board changed during the run; run the scheduler again.")
            if isinstance(error, IntegrityError | BoardChanged)
            else str(error)
        )
        SchedulerRun.objects.filter(pk=run.pk).update(
            status=SchedulerRun.Status.FAILED, error=str(message), finished_at=timezone.now()
        )
    else:
        SchedulerRun.objects.filter(pk=run.pk).update(
            status=SchedulerRun.Status.DONE,
            progress=1,
            phase=str(_("Done")),
            finished_at=timezone.now(),
            quality={
                **_quality(plan),
                "published_kept": len(diff.kept),
                "published_moved": len(diff.moved),
                **pins,
            },
            unplaced=[
                {"request": u.request_id, "reason": str(u.reason), "participant": u.participant_id}
                for u in plan.unplaced
            ],
        )
    run.refresh_from_db()
    return run


def _sides(request) -> tuple[int, int]:
    return request.requester_id, request.receiver_id


def _quality(plan) -> dict:
    quality = plan.quality
    return {
        **dataclasses.asdict(quality),
        "companies_left_without_meeting": quality.companies_left_without_meeting,
        "weight_percent_of_bound": round(quality.weight_percent_of_bound, 2),
    }


class BoardChanged(Exception):
    """The plan no longer fits the board: changed while the scheduler solved it."""


@transaction.atomic
def _apply(grid, plan, requests, kept) -> dict[str, int]:
    """Replace the board's meetings by the plan's, except those kept in place (the plan holds them there).
    Returns how many pinned meetings it had to place again elsewhere (pinned_moved) or could not place
    (pinned_unplaced): one of their people is no longer free at the pinned time.

    The plan was solved on the board as it was read; under the grid's lock (which a session's new times
    take too: grids.follow_session) each new meeting is checked against the board as it is now: its slot
    still there, both people free in it. Raises BoardChanged otherwise; the database refuses the rest (a
    request or a table gone, a seat taken twice) with IntegrityError.
    """
    type(grid).objects.select_for_update().get(pk=grid.pk)
    slots = {slot.index: slot for slot in grid.slots.all()}
    placing = [placed for placed in plan.meetings if placed.request_id not in kept]
    parties = {side for placed in placing for side in _sides(requests[placed.request_id])}
    free = available_slots(grid, grid.participants.filter(pk__in=parties), slots.values())
    if any(
        placed.slot not in slots
        or any(placed.slot not in free.get(side, ()) for side in _sides(requests[placed.request_id]))
        for placed in placing
    ):
        raise BoardChanged()
    replaced = Meeting.objects.filter(grid=grid, working=True, version__isnull=True).exclude(request_id__in=kept)
    # A pinned meeting the run had to place again (one of its people is no longer free then) keeps its pin where
    # it lands: the organiser's word that it matters, lost silently before.
    pinned = set(replaced.filter(pinned=True).values_list("request_id", flat=True))
    replaced.delete()
    new = [
        Meeting(
            grid=grid,
            uid=requests[placed.request_id].uid,
            request_id=placed.request_id,
            slot=slots[placed.slot],
            table_id=placed.table,
            pinned=placed.request_id in pinned,
        )
        for placed in placing
    ]
    Meeting.objects.bulk_create(new)
    MeetingSeat.objects.bulk_create(
        MeetingSeat(meeting=meeting, slot=meeting.slot, participant_id=pk)
        for meeting in new
        for pk in (requests[meeting.request_id].requester_id, requests[meeting.request_id].receiver_id)
    )
    # Suggestions waiting for an answer are not the run's to place: they come back into what it left.
    place_suggestions(grid)
    moved = sum(1 for meeting in new if meeting.pinned)
    return {"pinned_moved": moved, "pinned_unplaced": len(pinned) - moved}
