"""schedule(problem) -> Plan: one-to-one meetings, best for coverage, then weight, then idle time.

Why this approach. The exact model (x[request, slot] binary; one meeting per person, per fixed table
and per request; no more meetings than tables in a slot) is a MIP that HiGHS does not close at the
large size (3,000 people, 20,000 requests) in a minute. Its linear relaxation is tight on these
problems, its optimal vertices integral or nearly so, but solved whole it alone takes about 10 s there.
A plain greedy is fast but leaves companies without any meeting and 8-15 % of the weight behind. So:

1. Construct: requests heaviest first, each in the fitting slot where its two people and the room are
   least in demand; then each company without a meeting is covered by augmenting paths (push a
   meeting out, re-home it, or re-cover the company that loses it) and, when tables are scarce, by
   shifts (meetings move on slot by slot to free a table for two companies without one). Reaching
   the coverage bound here spares a second LP when rounding would reach it. If that falls short of
   the coverage bound, the max flow's (or the coverage MIP's) own cover seeds a second construction.
2. Relax: the weight LP with the coverage reached required. On large problems, column generation
   seeded with the plan's meetings and the options heavier than their slot's going price: restricted
   LPs of a third of the options, kept in one HiGHS instance that goes on from its last basis as
   columns are priced in, solve in about a second in all, and their duals priced against every option
   give a valid bound (exact once nothing prices out; we stop within 0.05 %). Where tables never fill
   (tables for everyone), the slot rows carry no price and column generation would add nearly every
   option: the whole LP is solved by HiGHS's first-order method instead, its duals giving the bound.
3. Round: rebuild from the LP vertex (integral values first, then fractional ones by value, then the
   rest greedily), re-cover, keep the better plan (coverage first, then weight).
4. Improve, only when still more than 0.1 % below the bound: ejection chains insert unplaced requests
   heaviest first while that gains weight and covers as many companies; and on small problems, where
   half-integral LP vertices (odd cycles of companies meeting companies) defeat rounding, the MIP
   itself (exact.py).
5. Close idle gaps by relocations, swaps and exchanges that keep every meeting; when re-optimising a
   published schedule, take published meetings back to their slots where they fit (keeping.py: the
   third aim, before idle time); hand out tables, published ones first.

Every step iterates in a fixed order and stops on counts, never on a clock: same problem, same plan.
"""

from collections.abc import Callable

import numpy as np

from events.meetings.scheduling.bounds import coverage_bound, exact_coverage, weight_relaxation
from events.meetings.scheduling.exact import solve_exactly
from events.meetings.scheduling.gaps import close_gaps
from events.meetings.scheduling.instance import Instance
from events.meetings.scheduling.keeping import bring_published_back, held_in_place, take_published_home
from events.meetings.scheduling.outcome import build_plan, lp_seed, total_weight
from events.meetings.scheduling.plan import Plan
from events.meetings.scheduling.problem import Problem
from events.meetings.scheduling.search import Search
from events.meetings.scheduling.state import State

Progress = Callable[[float, str], None]

IMPROVEMENT_PASSES = 4
# Within 0.1 % of the weight bound, more search costs more time than it can find weight.
GOOD_ENOUGH = 1e-3


def schedule(problem: Problem, progress: Progress | None = None) -> Plan:
    report = progress or (lambda fraction, phase: None)
    report(0.0, "preparing")
    instance = Instance(problem)
    coverable = set(instance.coverable_companies())
    report(0.05, "bounding coverage")
    coverage = coverage_bound(instance)

    report(0.1, "placing meetings")
    state = _construct(instance, coverable, coverage.value)
    if state.covered_companies() < coverage.value and not coverage.exact:
        coverage = exact_coverage(instance, state.covered_companies(), coverage)
    if coverage.witness and state.covered_companies() < coverage.value:
        # The flow (or the MIP) knows a cover the search missed: build around it.
        state = _better(state, _construct(instance, coverable, coverage.value, first=coverage.witness))

    report(0.3, "solving the linear relaxation")
    relaxation = weight_relaxation(instance, state.covered_companies(), lp_seed(state))

    report(0.6, "rounding the relaxation")
    if relaxation.x is not None and relaxation.lp_value > total_weight(state) + 1e-6:
        state = _better(state, _round(instance, coverable, coverage.value, relaxation.x))
        if state.covered_companies() > relaxation.min_companies:
            # Rounding covered more companies than the relaxation required. When tables are scarce, each
            # company more costs weight: require them, and round the relaxation that knows it.
            relaxation = weight_relaxation(instance, state.covered_companies(), lp_seed(state))
            if relaxation.x is not None and relaxation.lp_value > total_weight(state) + 1e-6:
                state = _better(state, _round(instance, coverable, coverage.value, relaxation.x))

    if total_weight(state) < relaxation.bound * (1 - GOOD_ENOUGH):
        Search(state, coverable).improve_weight(
            IMPROVEMENT_PASSES, on_pass=lambda done, total: report(0.6 + 0.2 * done / total, "improving weight")
        )
    if total_weight(state) < relaxation.bound * (1 - GOOD_ENOUGH):
        report(0.75, "solving exactly")
        chosen = solve_exactly(instance, state.covered_companies())
        if chosen is not None:
            state = _better(state, _construct(instance, coverable, coverage.value, first=chosen))
    # Published meetings back in place first (the third aim), then idle gaps closed around them.
    at_home = []
    if instance.published:
        bring_published_back(state)
        at_home = take_published_home(state)
    report(0.8, "closing idle gaps")
    with held_in_place(state, at_home):
        close_gaps(state)
        # Moving meetings can free a slot a left-out request fits in; weight comes before idle time.
        # The few meetings it adds open few gaps: one more pass is enough (a full run cost seconds on
        # "tables for everyone" at the large size, for a last fraction of a percent of idle time).
        if Search(state, coverable).place_greedily(_by_weight(instance), _preference(instance)):
            close_gaps(state, passes=1)

    report(0.95, "assigning tables")
    if state.covered_companies() > relaxation.min_companies:
        relaxation = None  # a bound for less coverage than reached is loose: build_plan solves it again
    plan = build_plan(state, coverage, relaxation)
    report(1.0, "done")
    return plan


def _preference(instance: Instance):
    """Rank slots for a request by how many other requests want its two people and the room then."""
    demand = [[0] * instance.n_slots for _ in range(instance.n_participants)]
    per_slot = [0] * instance.n_slots
    for r, options in enumerate(instance.options):
        a, b = instance.side_a[r], instance.side_b[r]
        for s in options:
            demand[a][s] += 1
            demand[b][s] += 1
            per_slot[s] += 1
    pressure = [count / max(1, instance.n_tables) for count in per_slot]
    side_a, side_b = instance.side_a, instance.side_b
    return lambda r, s: demand[side_a[r]][s] + demand[side_b[r]][s] + pressure[s]


def _by_weight(instance: Instance) -> list[int]:
    return sorted(
        (r for r in range(instance.n_requests) if instance.options[r]),
        key=lambda r: (-instance.weight[r], len(instance.options[r]), r),
    )


def _construct(instance: Instance, coverable: set[int], target: int, first=()) -> State:
    state = State(instance)
    search = Search(state, coverable)
    search.place_in_order(first)
    search.place_greedily(_by_weight(instance), _preference(instance))
    search.cover_companies(target)
    return state


def _round(instance: Instance, coverable: set[int], target: int, x: np.ndarray) -> State:
    requests, slots = instance.option_arrays()
    state = State(instance)
    search = Search(state, coverable)
    weight = np.asarray(instance.weight)[requests]
    chosen = np.flatnonzero(x > 1e-6)
    # Integral values first (they fit together), then by LP value, heavier and lower index first on ties.
    order = chosen[np.lexsort((slots[chosen], requests[chosen], -weight[chosen], -np.round(x[chosen], 6)))]
    search.place_in_order(zip(requests[order].tolist(), slots[order].tolist(), strict=True))
    search.place_greedily(_by_weight(instance), _preference(instance))
    search.cover_companies(target)
    return state


def _better(one: State, other: State) -> State:
    def key(state: State):
        return (state.covered_companies(), total_weight(state))

    return other if key(other) > key(one) else one
