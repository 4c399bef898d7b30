"""Small problems solved outright: the weight MIP with the coverage reached, by HiGHS branch and bound.

The search is excellent on briefings and on large B2B days, but on a small B2B day (companies meeting
companies) the LP's vertices are often half-integral (odd cycles of requests in one slot), and rounding
them can leave a few percent on the table. A MIP of a few thousand binaries closes that in well under a
second; the node limit is a count, not a clock, so the answer stays reproducible.
"""

import numpy as np
from scipy.optimize import LinearConstraint, milp

from events.meetings.scheduling.bounds import coverage_model
from events.meetings.scheduling.instance import Instance

# Above this many options the MIP is not attempted: it would not pay for its time.
MIP_OPTIONS = 5_000
MIP_NODES = 5_000


def solve_exactly(instance: Instance, min_companies: int) -> list[tuple[int, int]] | None:
    """The meetings (request, slot) of the best plan covering `min_companies`, or None if not attempted."""
    requests, slots = instance.option_arrays()
    if not 0 < len(requests) <= MIP_OPTIONS:
        return None
    matrix, rhs = coverage_model(instance, requests, slots, min_companies)
    n_columns = matrix.shape[1]
    cost = np.zeros(n_columns)
    cost[: len(requests)] = -np.asarray(instance.weight)[requests]
    integrality = np.zeros(n_columns)
    integrality[: len(requests)] = 1
    result = milp(
        cost,
        constraints=LinearConstraint(matrix, -np.inf, rhs),
        integrality=integrality,
        bounds=(0, 1),
        options={"node_limit": MIP_NODES},
    )
    if result.x is None:
        return None
    chosen = np.flatnonzero(result.x[: len(requests)] > 0.5)
    return list(zip(requests[chosen].tolist(), slots[chosen].tolist(), strict=True))
