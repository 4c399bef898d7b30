"""The weight LP solved whole, built from the problem's plain data: a check on the scheduler's own bound.

It shares no code with the scheduler's models (bounds.py): a constraint missing there is not missing
here. One variable per request and common slot, one per company to cover; every row of the hard rules.
"""

import numpy as np
from scipy import sparse
from scipy.optimize import linprog

from events.meetings.scheduling import ParticipantKind, Problem


def lp_optimum(problem: Problem, min_companies: int) -> float:
    """The LP optimum of the weight over plans covering at least `min_companies` companies."""
    if problem.pinned:
        raise ValueError("the independent LP does not model pinned meetings")
    people = {p.id: p for p in problem.participants}
    columns, weights = [], []
    for request in problem.requests:
        a, b = people[request.participant_a], people[request.participant_b]
        fixed = {t for t in (a.fixed_table, b.fixed_table) if t is not None}
        if len(fixed) > 1 or not problem.tables:
            continue
        table = next(iter(fixed), None)
        for slot in sorted(a.available_slots & b.available_slots):
            columns.append((request.id, a.id, b.id, slot, table))
            weights.append(float(request.weight))
    rows: dict[tuple, int] = {}
    entries_row, entries_col = [], []
    for j, (request_id, a, b, slot, table) in enumerate(columns):
        keys = [("request", request_id), ("person", a, slot), ("person", b, slot), ("room", slot)]
        if table is not None:
            keys.append(("table", table, slot))
        for key in keys:
            entries_row.append(rows.setdefault(key, len(rows)))
            entries_col.append(j)
    rhs = [float(len(problem.tables)) if key[0] == "room" else 1.0 for key in rows]
    companies = sorted({p for _, a, b, _, _ in columns for p in (a, b) if people[p].kind == ParticipantKind.COMPANY})
    company_row = {c: len(rows) + i for i, c in enumerate(companies)}
    values = [1.0] * len(entries_row)
    n_x = len(columns)
    for j, (_, a, b, _, _) in enumerate(columns):  # y[c] - (c's x) <= 0
        for p in (a, b):
            if p in company_row:
                entries_row.append(company_row[p])
                entries_col.append(j)
                values.append(-1.0)
    for i, c in enumerate(companies):
        entries_row.append(company_row[c])
        entries_col.append(n_x + i)
        values.append(1.0)
    rhs.extend([0.0] * len(companies))
    enough = len(rhs)  # -sum(y) <= -min_companies
    entries_row.extend([enough] * len(companies))
    entries_col.extend(range(n_x, n_x + len(companies)))
    values.extend([-1.0] * len(companies))
    rhs.append(-float(min_companies))
    matrix = sparse.csr_array((values, (entries_row, entries_col)), shape=(len(rhs), n_x + len(companies)))
    cost = -np.concatenate([np.asarray(weights), np.zeros(len(companies))])
    result = linprog(cost, A_ub=matrix, b_ub=np.asarray(rhs), bounds=(0, 1), method="highs")
    if result.status != 0:
        raise RuntimeError(f"the independent LP failed: {result.message}")
    return -float(result.fun)
