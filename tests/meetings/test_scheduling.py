"""The scheduler keeps the hard rules, pinned meetings and its word: same problem, same plan."""

import random
import subprocess
import sys
from pathlib import Path

import pytest

from events.meetings.scheduling import (
    PinConflictError,
    PinnedMeeting,
    Problem,
    ProblemError,
    greedy,
    schedule,
    validate,
)
from events.meetings.scheduling.generator import generate, random_problem
from tests.meetings.scheduling_helpers import company, delegate, request


@pytest.mark.parametrize("company_to_company", [False, True])
@pytest.mark.parametrize("seed", range(25))
def test_plans_keep_the_hard_rules_on_random_problems(seed, company_to_company):
    problem = random_problem(
        seed,
        company_to_company=company_to_company,
        tables=1 + seed % 4,
        fixed_tables=seed % 3,
        pins=seed % 4,
        availability=0.4 + 0.1 * (seed % 5),
    )

    plan = schedule(problem)
    baseline = greedy(problem)

    validate(problem, plan)
    validate(problem, baseline)
    assert plan.quality.companies_with_meeting >= baseline.quality.companies_with_meeting


@pytest.mark.parametrize("seed", range(6))
def test_pinned_meetings_are_kept_exactly(seed):
    problem = random_problem(seed, pins=4, fixed_tables=2, tables=3)

    plan = schedule(problem)

    placed = {m.request_id: (m.slot, m.table) for m in plan.meetings}
    assert len(problem.pinned) >= 2
    assert all(placed[pin.request_id] == (pin.slot, pin.table) for pin in problem.pinned)


def test_the_same_problem_gives_the_same_plan():
    problem = generate("small", seed=3)

    first, second = schedule(problem), schedule(problem)

    assert repr(first) == repr(second)


@pytest.mark.parametrize("seed", range(3))
def test_input_order_does_not_change_the_plan(seed):
    problem = random_problem(seed, company_to_company=True, pins=2, companies=20, requests=60)
    rng = random.Random(seed)

    def shuffled(items):
        return rng.sample(list(items), len(items))

    reordered = Problem(
        shuffled(problem.participants),
        shuffled(problem.slots),
        shuffled(problem.tables),
        shuffled(problem.requests),
        shuffled(problem.pinned),
    )

    assert repr(schedule(reordered)) == repr(schedule(problem))


def _day(pins):
    people = (
        company("c1", {1, 2}),
        company("c2", {1, 2}),
        delegate("d1", {1, 2}, table="T1"),
        delegate("d2", {1, 2}),
    )
    requests = (request("r1", "c1", "d1"), request("r2", "c2", "d1"), request("r3", "c1", "d2"))
    return Problem(people, (1, 2), ("T1", "T2"), requests, pins)


@pytest.mark.parametrize(
    ("pins", "message"),
    [
        ((PinnedMeeting("r1", 1, "T1"), PinnedMeeting("r3", 1, "T2")), "both need participant 'c1' in slot 1"),
        ((PinnedMeeting("r1", 1, "T1"), PinnedMeeting("r2", 1, "T1")), "both need participant 'd1' in slot 1"),
        ((PinnedMeeting("r1", 2, "T2"),), "'d1' only meets at table 'T1'"),
        ((PinnedMeeting("r3", 3, "T2"),), "slot 3, not on the grid"),
        ((PinnedMeeting("r9", 1, "T2"),), "unknown request 'r9'"),
        ((PinnedMeeting("r3", 1, "T2"), PinnedMeeting("r3", 2, "T2")), "'r3' is pinned twice"),
    ],
)
def test_conflicting_pins_are_refused(pins, message):
    with pytest.raises(PinConflictError, match=message):
        _day(pins)


def test_pins_on_one_table_in_one_slot_are_refused():
    people = (company("c1", {1}), company("c2", {1}), delegate("d1", {1}), delegate("d2", {1}))
    requests = (request("r1", "c1", "d1"), request("r2", "c2", "d2"))
    pins = (PinnedMeeting("r1", 1, "T1"), PinnedMeeting("r2", 1, "T1"))

    with pytest.raises(PinConflictError, match="both need table 'T1' in slot 1"):
        Problem(people, (1,), ("T1", "T2"), requests, pins)


def test_a_pin_where_someone_is_unavailable_is_refused():
    people = (company("c1", {2}), delegate("d1", {1, 2}))

    with pytest.raises(PinConflictError, match="when 'c1' is not available"):
        Problem(people, (1, 2), ("T1",), (request("r1", "c1", "d1"),), (PinnedMeeting("r1", 1, "T1"),))


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"weight": 0}, "positive weight"),
        ({"weight": float("nan")}, "positive weight"),
        ({"weight": True}, "not a number"),
        ({"b": "nobody"}, "unknown participant 'nobody'"),
        ({"b": "c1"}, "meet themselves"),
    ],
)
def test_bad_requests_are_refused(change, message):
    fields = {"a": "c1", "b": "d1", "weight": 1} | change

    with pytest.raises(ProblemError, match=message):
        Problem(
            (company("c1", {1}), delegate("d1", {1})),
            (1,),
            ("T1",),
            (request("r1", fields["a"], fields["b"], fields["weight"]),),
        )


def test_availability_off_the_grid_and_unknown_tables_are_refused():
    with pytest.raises(ProblemError, match="slot 5, which is not on the grid"):
        Problem((company("c1", {1, 5}),), (1, 2), ("T1",), ())
    with pytest.raises(ProblemError, match="fixed table 'T9', which does not exist"):
        Problem((delegate("d1", {1}, table="T9"),), (1,), ("T1",), ())
    with pytest.raises(ProblemError, match="duplicate participant id 'c1'"):
        Problem((company("c1", {1}), company("c1", {1})), (1,), ("T1",), ())


def test_progress_runs_from_zero_to_one_with_a_label():
    reports = []

    schedule(random_problem(1), progress=lambda fraction, phase: reports.append((fraction, phase)))

    fractions = [fraction for fraction, _ in reports]
    assert fractions[0] == 0.0
    assert fractions[-1] == 1.0
    assert fractions == sorted(fractions)
    assert all(phase for _, phase in reports)


def test_the_scheduler_imports_nothing_from_django():
    code = "import sys, events.meetings.scheduling; print(sorted(m for m in sys.modules if m.startswith('django')))"

    root = Path(__file__).resolve().parents[2]
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=root)

    assert result.stdout.strip() == "[]"


@pytest.mark.parametrize("second", [("c1", "d1"), ("d1", "c1")])
def test_two_requests_for_one_pair_are_refused_either_way(second):
    people = (company("c1", {1, 2}), delegate("d1", {1, 2}))

    with pytest.raises(ProblemError, match=r"more than one request for the pair \['c1', 'd1'\]"):
        Problem(people, (1, 2), ("T1", "T2"), (request("r1", "c1", "d1"), request("r2", *second)))
