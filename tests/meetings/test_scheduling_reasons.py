"""Every request left out carries the reason that is true of the final plan."""

import pytest

from events.meetings.scheduling import PinnedMeeting, Problem, UnplacedReason, schedule
from events.meetings.scheduling.generator import random_problem
from tests.meetings.scheduling_helpers import company, delegate, request


def _reasons(problem):
    plan = schedule(problem)
    return {u.request_id: (u.reason, u.participant_id) for u in plan.unplaced}


def test_no_common_slot():
    problem = Problem((company("c1", {1}), delegate("d1", {2})), (1, 2), ("T1",), (request("r1", "c1", "d1"),))

    assert _reasons(problem) == {"r1": (UnplacedReason.NO_COMMON_SLOT, None)}


def test_no_common_table_when_both_sides_sit_at_different_tables():
    people = (company("c1", {1}, table="T1"), delegate("d1", {1}, table="T2"))

    problem = Problem(people, (1,), ("T1", "T2"), (request("r1", "c1", "d1"),))

    assert _reasons(problem) == {"r1": (UnplacedReason.NO_COMMON_TABLE, None)}


def test_blocked_by_a_pinned_meeting():
    people = (company("c1", {1}), company("c2", {1, 2}), delegate("d1", {1}))
    requests = (request("r1", "c1", "d1"), request("r2", "c2", "d1"))

    problem = Problem(people, (1, 2), ("T1",), requests, (PinnedMeeting("r2", 1, "T1"),))

    assert _reasons(problem) == {"r1": (UnplacedReason.BLOCKED_BY_PINNED, None)}


def test_a_fully_booked_delegate_is_named():
    people = (company("c1", {1, 2}), company("c2", {1, 2}), company("c3", {1, 2}), delegate("d1", {1, 2}))
    requests = (request("r1", "c1", "d1", 5), request("r2", "c2", "d1", 5), request("r3", "c3", "d1", 1))

    problem = Problem(people, (1, 2), ("T1",), requests)

    assert _reasons(problem) == {"r3": (UnplacedReason.PARTICIPANT_FULLY_BOOKED, "d1")}


def test_both_booked_when_each_is_busy_in_a_different_slot():
    people = (
        company("c1", {1, 2}),
        company("c3", {2}),
        delegate("d1", {1, 2}),
        delegate("d2", {1}),
    )
    requests = (request("r", "c1", "d1", 1), request("r1", "c1", "d2", 10), request("r3", "c3", "d1", 10))

    problem = Problem(people, (1, 2), ("T1", "T2"), requests)

    assert _reasons(problem) == {"r": (UnplacedReason.BOTH_BOOKED, None)}


def test_no_table_free_when_the_room_is_full():
    people = (company("c1", {1}), company("c2", {1}), delegate("d1", {1}), delegate("d2", {1}))
    requests = (request("r1", "c1", "d1", 5), request("r2", "c2", "d2", 1))

    problem = Problem(people, (1,), ("T1",), requests)

    assert _reasons(problem) == {"r2": (UnplacedReason.NO_TABLE_FREE, None)}


def test_no_table_free_when_two_delegates_share_a_fixed_table():
    people = (
        company("c1", {1}),
        company("c2", {1}),
        delegate("d1", {1}, table="T1"),
        delegate("d2", {1}, table="T1"),
    )
    requests = (request("r1", "c1", "d1", 5), request("r2", "c2", "d2", 1))

    problem = Problem(people, (1,), ("T1", "T2"), requests)

    assert _reasons(problem) == {"r2": (UnplacedReason.NO_TABLE_FREE, None)}


@pytest.mark.parametrize("seed", range(8))
def test_reasons_hold_on_random_plans(seed):
    problem = random_problem(seed, company_to_company=seed % 2 == 1, pins=2, tables=2, availability=0.5)
    people = {p.id: p for p in problem.participants}
    requests = {r.id: r for r in problem.requests}

    plan = schedule(problem)

    busy = {}
    for meeting in plan.meetings:
        r = requests[meeting.request_id]
        busy[r.participant_a, meeting.slot] = busy[r.participant_b, meeting.slot] = meeting.request_id
    for unplaced in plan.unplaced:
        r = requests[unplaced.request_id]
        a, b = people[r.participant_a], people[r.participant_b]
        common = a.available_slots & b.available_slots
        a_busy = {s for s in common if (a.id, s) in busy}
        b_busy = {s for s in common if (b.id, s) in busy}
        if unplaced.reason == UnplacedReason.NO_COMMON_SLOT:
            assert not common
        elif unplaced.reason == UnplacedReason.PARTICIPANT_FULLY_BOOKED:
            assert unplaced.participant_id in (a.id, b.id)
            assert (a_busy if unplaced.participant_id == a.id else b_busy) == common
        elif unplaced.reason == UnplacedReason.BOTH_BOOKED:
            assert a_busy | b_busy == common
            assert a_busy != common
            assert b_busy != common
        elif unplaced.reason == UnplacedReason.NO_TABLE_FREE:
            assert common - a_busy - b_busy
        # Whatever the reason, nothing fits: no shared slot has both free and a table left.
        for s in common - a_busy - b_busy:
            tables_used = sum(1 for m in plan.meetings if m.slot == s)
            fixed = {t for t in (a.fixed_table, b.fixed_table) if t is not None}
            own_table_used = any(m.slot == s and m.table in fixed for m in plan.meetings)
            assert tables_used == len(problem.tables) or own_table_used or len(fixed) == 2
