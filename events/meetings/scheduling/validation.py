"""validate(problem, plan): the hard rules, checked from scratch on the plain output.

It shares no code with the solver on purpose: a bug in the solver's bookkeeping cannot hide here.
"""

import math
from collections import defaultdict

from events.meetings.scheduling.plan import Plan
from events.meetings.scheduling.problem import ParticipantKind, Problem


class PlanViolation(AssertionError):
    """A plan breaks a hard rule, or its figures do not match its meetings."""


def validate(problem: Problem, plan: Plan) -> None:
    people = {p.id: p for p in problem.participants}
    requests = {r.id: r for r in problem.requests}
    slots, tables = set(problem.slots), set(problem.tables)
    seen: set = set()
    person_busy: dict = {}
    table_busy: dict = {}
    for meeting in plan.meetings:
        request = requests.get(meeting.request_id)
        _check(request is not None, f"meeting for unknown request {meeting.request_id!r}")
        _check(meeting.request_id not in seen, f"request {meeting.request_id!r} is placed twice")
        seen.add(meeting.request_id)
        _check(meeting.slot in slots, f"request {meeting.request_id!r} is in slot {meeting.slot!r}, not on the grid")
        _check(meeting.table in tables, f"request {meeting.request_id!r} is at unknown table {meeting.table!r}")
        for side in (request.participant_a, request.participant_b):
            person = people[side]
            _check(meeting.slot in person.available_slots, f"{side!r} is not available in slot {meeting.slot!r}")
            _check(
                person.fixed_table is None or person.fixed_table == meeting.table,
                f"{side!r} sits at table {person.fixed_table!r} but meets at {meeting.table!r}",
            )
            other = person_busy.setdefault((side, meeting.slot), meeting.request_id)
            _check(other == meeting.request_id, f"{side!r} has two meetings in slot {meeting.slot!r}")
        other = table_busy.setdefault((meeting.table, meeting.slot), meeting.request_id)
        _check(other == meeting.request_id, f"table {meeting.table!r} holds two meetings in slot {meeting.slot!r}")
    placed = {m.request_id: m for m in plan.meetings}
    pairs = [frozenset((requests[r].participant_a, requests[r].participant_b)) for r in placed]
    _check(len(pairs) == len(set(pairs)), "a pair of participants meets twice")
    for pin in problem.pinned:
        kept = placed.get(pin.request_id)
        _check(
            kept is not None and (kept.slot, kept.table) == (pin.slot, pin.table),
            f"pinned request {pin.request_id!r} was not kept in slot {pin.slot!r} at table {pin.table!r}",
        )
    unplaced = [u.request_id for u in plan.unplaced]
    _check(len(unplaced) == len(set(unplaced)), "a request is listed as unplaced twice")
    _check(set(unplaced).isdisjoint(placed), "a request is both placed and unplaced")
    _check(set(unplaced) | set(placed) == set(requests), "some request is neither placed nor explained")
    _check_figures(problem, plan, people, requests)


def _check_figures(problem: Problem, plan: Plan, people: dict, requests: dict) -> None:
    quality = plan.quality
    slots_of = defaultdict(list)
    for meeting in plan.meetings:
        request = requests[meeting.request_id]
        slots_of[request.participant_a].append(meeting.slot)
        slots_of[request.participant_b].append(meeting.slot)
    companies = sum(1 for p in slots_of if people[p].kind == ParticipantKind.COMPANY)
    weight = math.fsum(requests[m.request_id].weight for m in plan.meetings)
    gaps = 0
    for person, taken in slots_of.items():
        between = [s for s in problem.slots if min(taken) < s < max(taken)]
        gaps += sum(1 for s in between if s in people[person].available_slots and s not in taken)
    _check(quality.meetings == len(plan.meetings), "the meeting count is wrong")
    _check(quality.companies_with_meeting == companies, "the number of companies with a meeting is wrong")
    _check(abs(quality.total_weight - weight) <= 1e-6 * max(1.0, weight), "the total weight is wrong")
    _check(quality.idle_gaps == gaps, f"the idle gap count is {quality.idle_gaps}, not {gaps}")
    _check(quality.coverage_bound >= companies, "the coverage bound is below the coverage reached")
    _check(quality.weight_bound >= weight - 1e-6 * max(1.0, weight), "the weight bound is below the weight reached")


def _check(condition: bool, message: str) -> None:
    if not condition:
        raise PlanViolation(message)
