"""A finished State as a Plan: tables handed out, a reason for every request left out, the figures."""

import math

import numpy as np

from events.meetings.scheduling.bounds import (
    WHOLE_MODEL_OPTIONS,
    CoverageBound,
    Relaxation,
    exact_coverage,
    weight_relaxation,
)
from events.meetings.scheduling.gaps import GapCounter
from events.meetings.scheduling.instance import IMPOSSIBLE_TABLE, NO_TABLE, Instance
from events.meetings.scheduling.plan import PlacedMeeting, Plan, Quality, UnplacedReason, UnplacedRequest
from events.meetings.scheduling.state import FREE, State
from events.meetings.scheduling.tables import assign_tables


def total_weight(state: State) -> float:
    # Summed in request order so the float result does not depend on how the plan was reached.
    return math.fsum(state.instance.weight[r] for r in state.placed())


def build_plan(state: State, coverage: CoverageBound, relaxation: Relaxation | None = None) -> Plan:
    """The plan of a finished state, with its bounds.

    `relaxation` may come from a coverage no higher than the plan's (a bound for plans that cover
    fewer companies is a bound for this one too); without it, the LP is solved here.
    """
    instance = state.instance
    covered = state.covered_companies()
    if relaxation is None:
        relaxation = weight_relaxation(instance, covered, lp_seed(state))
    table_of = assign_tables(state)
    table_order = {table: i for i, table in enumerate(instance.table_ids)}
    meetings = tuple(
        sorted(
            (
                PlacedMeeting(instance.request_ids[r], instance.slot_values[state.slot_of[r]], instance.table_ids[t])
                for r, t in table_of.items()
            ),
            key=lambda m: (m.slot, table_order[m.table]),
        )
    )
    unplaced = tuple(unplaced_reason(state, r) for r in range(instance.n_requests) if state.slot_of[r] == FREE)
    weight = total_weight(state)
    bound, exact = _coverage(instance, coverage, covered)
    quality = Quality(
        meetings=len(meetings),
        companies_with_meeting=covered,
        coverage_bound=bound,
        coverage_bound_exact=exact,
        total_weight=weight,
        weight_bound=max(relaxation.bound, weight),  # max() only absorbs float noise in the last digit
        # A relaxation that asked for less coverage than the plan reached is a bound, not the optimum.
        weight_bound_exact=relaxation.exact and relaxation.min_companies == covered,
        idle_gaps=GapCounter(state).total(),
    )
    return Plan(meetings=meetings, unplaced=unplaced, quality=quality)


def _coverage(instance: Instance, coverage: CoverageBound, covered: int) -> tuple[int, bool]:
    """The coverage bound, tightened by the coverage MIP when the plan falls short of a mere count."""
    if covered >= coverage.value:
        return covered, True
    if not coverage.exact and coverage.witness is None:  # a count, not yet a MIP's answer
        coverage = exact_coverage(instance, covered, coverage)
    return max(coverage.value, covered), coverage.exact or covered >= coverage.value


def lp_seed(state: State) -> np.ndarray | None:
    """The options for the first restricted LP, or None to solve the whole LP (small problems).

    The plan's meetings, one option per request left out (the one where least is in its way), and
    every option that would pay at prices read off the plan: a full slot's table is worth the heaviest
    request kept out of it only for want of a table; a person's time in a slot is worth half of what
    their meeting there adds above that. Options that do not pay at these prices would not enter the
    LP's solution either, unless its duals say so, and then column generation prices them in.
    """
    instance = state.instance
    requests, slots = instance.option_arrays()
    if len(requests) <= WHOLE_MODEL_OPTIONS:
        return None
    weight = np.asarray(instance.weight)
    full = np.asarray(state.count) >= instance.n_tables
    price = np.zeros(instance.n_slots)
    side_a, side_b = np.asarray(instance.side_a), np.asarray(instance.side_b)
    busy = np.asarray(state.busy)
    placed_at = np.asarray(state.slot_of)[requests]
    free = (busy[side_a[requests], slots] == FREE) & (busy[side_b[requests], slots] == FREE)
    kept_out_by_tables = (placed_at == FREE) & free & full[slots]
    np.maximum.at(price, slots[kept_out_by_tables], weight[requests][kept_out_by_tables])
    share = np.zeros(busy.shape)
    placed = np.flatnonzero(np.asarray(state.slot_of) != FREE)
    placed_slots = np.asarray(state.slot_of)[placed]
    worth = np.maximum(weight[placed] - price[placed_slots], 0.0)
    share[side_a[placed], placed_slots] = worth
    share[side_b[placed], placed_slots] = worth
    pays = weight[requests] - price[slots] - share[side_a[requests], slots] - share[side_b[requests], slots] > 1e-9
    seed = (placed_at == slots) | pays
    in_the_way = np.where(free, 0, 1) + full[slots]
    left_out = np.flatnonzero(placed_at == FREE)
    order = left_out[np.lexsort((in_the_way[left_out], requests[left_out]))]
    first = np.ones(len(order), dtype=bool)
    first[1:] = requests[order][1:] != requests[order][:-1]
    seed[order[first]] = True
    return seed


def unplaced_reason(state: State, r: int) -> UnplacedRequest:
    """Why r is out, read off the state: what occupies each slot the two of them share."""
    instance = state.instance
    request_id = instance.request_ids[r]
    common = instance.common_slots[r]
    if not common:
        return UnplacedRequest(request_id, UnplacedReason.NO_COMMON_SLOT)
    if instance.request_table[r] == IMPOSSIBLE_TABLE:
        return UnplacedRequest(request_id, UnplacedReason.NO_COMMON_TABLE)
    if not instance.options[r]:
        return UnplacedRequest(request_id, UnplacedReason.BLOCKED_BY_PINNED)
    a, b = instance.side_a[r], instance.side_b[r]
    table = instance.request_table[r]
    a_always = b_always = True
    for s in common:
        a_busy, b_busy = state.busy[a][s] != FREE, state.busy[b][s] != FREE
        a_always &= a_busy
        b_always &= b_busy
        if not a_busy and not b_busy:
            table_taken = table != NO_TABLE and state.table_busy[table][s] != FREE
            if table_taken or state.count[s] >= instance.n_tables:
                return UnplacedRequest(request_id, UnplacedReason.NO_TABLE_FREE)
            raise AssertionError(f"request {request_id!r} fits in slot {instance.slot_values[s]!r} but was left out")
    if a_always:
        return UnplacedRequest(request_id, UnplacedReason.PARTICIPANT_FULLY_BOOKED, instance.participant_ids[a])
    if b_always:
        return UnplacedRequest(request_id, UnplacedReason.PARTICIPANT_FULLY_BOOKED, instance.participant_ids[b])
    return UnplacedRequest(request_id, UnplacedReason.BOTH_BOOKED)
