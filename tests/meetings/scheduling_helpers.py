"""Builders for hand-made scheduling problems, and an exact solver to hold the scheduler against."""

import numpy as np
from scipy.optimize import LinearConstraint, milp
from scipy.sparse import lil_array

from events.meetings.scheduling import MeetingRequest, Participant, ParticipantKind


def company(pid, slots, table=None):
    return Participant(pid, ParticipantKind.COMPANY, frozenset(slots), table)


def delegate(pid, slots, table=None):
    return Participant(pid, ParticipantKind.DELEGATE, frozenset(slots), table)


def request(rid, a, b, weight=1):
    return MeetingRequest(rid, a, b, weight)


def slots_of(plan, problem, person):
    sides = {r.id: (r.participant_a, r.participant_b) for r in problem.requests}
    return sorted(m.slot for m in plan.meetings if person in sides[m.request_id])


def exact_optimum(problem) -> tuple[int, float]:
    """(most companies covered, most weight with that coverage), by MIP over x[request, slot, table].

    Written from the rules, not from the scheduler's model: concrete tables instead of counts per slot.
    """
    people = {p.id: p for p in problem.participants}
    pins = {pin.request_id: pin for pin in problem.pinned}
    variables = []
    for request_ in problem.requests:
        a, b = people[request_.participant_a], people[request_.participant_b]
        fixed = {t for t in (a.fixed_table, b.fixed_table) if t is not None}
        for slot in sorted(a.available_slots & b.available_slots):
            for table in problem.tables:
                if fixed <= {table}:
                    variables.append((request_, slot, table))
    companies = [p.id for p in problem.participants if p.kind == ParticipantKind.COMPANY]
    n_x, n_columns = len(variables), len(variables) + len(companies)
    rows, upper = [], []

    def row(columns, values, bound):
        rows.append((columns, values))
        upper.append(bound)

    groups: dict = {}
    for j, (request_, slot, table) in enumerate(variables):
        for key in (
            ("request", request_.id),
            ("person", request_.participant_a, slot),
            ("person", request_.participant_b, slot),
            ("table", table, slot),
        ):
            groups.setdefault(key, []).append(j)
    for columns in groups.values():
        row(columns, [1] * len(columns), 1)
    for i, cid in enumerate(companies):
        mine = [j for j, (r, _, _) in enumerate(variables) if cid in (r.participant_a, r.participant_b)]
        row([n_x + i, *mine], [1] + [-1] * len(mine), 0)
    lower = np.zeros(n_columns)
    for j, (request_, slot, table) in enumerate(variables):
        pin = pins.get(request_.id)
        if pin is not None and (pin.slot, pin.table) == (slot, table):
            lower[j] = 1
    matrix = lil_array((len(rows), n_columns))
    for i, (columns, values) in enumerate(rows):
        for column, value in zip(columns, values, strict=True):
            matrix[i, column] = value
    constraints = [LinearConstraint(matrix.tocsr(), -np.inf, np.array(upper, dtype=float))]
    integrality = np.ones(n_columns)
    bounds = (lower, np.ones(n_columns))

    cover = np.zeros(n_columns)
    cover[n_x:] = -1
    best_cover = round(-milp(cover, constraints=constraints, integrality=integrality, bounds=bounds).fun)
    enough = np.zeros(n_columns)
    enough[n_x:] = 1
    constraints.append(LinearConstraint(enough, best_cover, np.inf))
    weight = np.zeros(n_columns)
    weight[:n_x] = [-r.weight for r, _, _ in variables]
    best_weight = -milp(weight, constraints=constraints, integrality=integrality, bounds=bounds).fun
    return best_cover, best_weight
