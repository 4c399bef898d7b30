"""Upper bounds: how many companies any plan could cover, and what any plan with that coverage could weigh.

Coverage. When every request with a usable slot pairs one company with a non-company and companies have
no fixed tables (a briefing: companies meet delegates), the most companies coverable is exactly a max
flow: company -> (other side, slot) -> (fixed table, slot) -> slot -> sink, with capacities 1, 1, 1 and
the free tables of the slot. One meeting per covered company is all coverage needs, so a company's own
clashes cannot bind and the flow is exact. Otherwise (companies meeting companies) a covered company
needs a request with a usable slot, which gives a count; when a plan falls short of it, the coverage
MIP (HiGHS, node-limited) gives an exact value or a valid bound, on problems small enough to afford it.
The count is capped by the tables: a slot seats at most its free tables' meetings, each of which gives
a meeting to at most two companies.

Weight. The linear relaxation of x[request, slot] in [0, 1] with one meeting per person and per fixed
table per slot, at most one per request, no more meetings than tables per slot, and y[company] <= the
sum of its x with sum(y) >= the coverage required. Solved by HiGHS; see weight_relaxation.
"""

import math
from dataclasses import dataclass

import highspy
import numpy as np
from scipy import sparse
from scipy.optimize import LinearConstraint, milp
from scipy.sparse.csgraph import maximum_flow

from events.meetings.scheduling.instance import NO_TABLE, Instance

# Up to this many options, LPs and MIPs are solved whole (a second or two); above, by column generation.
WHOLE_MODEL_OPTIONS = 40_000
# Column generation stops once its bound is this close to the restricted LP's value (0.05 %).
TOLERANCE = 5e-4
# Columns solved over all rounds of column generation before it settles for the bound it has: a count,
# not a clock, so the bound is reproducible (about five seconds of LP at the large size; with a table
# for everyone, where the restricted LPs are slow, about 40 s, and the bound 0.15 % above the optimum).
MASTER_EFFORT = 150_000
# First-order iterations for the LP on models whose tables are never full (_first_order): it converges
# in a few thousand there; the count only stops a model it cannot solve, whose bound is then looser.
PDLP_ITERATIONS = 40_000
# Branch-and-bound nodes for the coverage MIP: a count, not a clock, so the answer is reproducible.
COVERAGE_NODES = 2_000


@dataclass(frozen=True)
class CoverageBound:
    value: int
    exact: bool
    # Meetings (request, slot) that together cover `value` companies, when the method yields them.
    witness: tuple[tuple[int, int], ...] | None = None


@dataclass(frozen=True)
class Relaxation:
    # A valid upper bound on the weight; -inf when no plan can cover that many companies.
    bound: float
    # The (restricted) LP's optimum and solution: x per option, in Instance.option_arrays() order.
    lp_value: float
    x: np.ndarray | None
    # True when `bound` is the LP optimum itself, not only above it.
    exact: bool
    # The coverage the relaxation required.
    min_companies: int


def coverage_bound(instance: Instance) -> CoverageBound:
    if _is_briefing(instance):
        value, witness = _coverage_by_flow(instance)
        return CoverageBound(value, True, witness)
    return CoverageBound(_coverage_by_count(instance), False)


def _coverage_by_count(instance: Instance) -> int:
    """Companies with a usable request, but no more than the free tables can seat: each meeting beyond
    the pins takes a table in a slot and gives a meeting to at most two companies (one, when no usable
    request joins two companies still to cover)."""
    pinned = instance.companies_covered_by_pins()
    to_cover = len(instance.coverable_companies()) - len(pinned)
    pinned_per_slot = np.bincount([s for _, s, _ in instance.pins], minlength=instance.n_slots)
    in_use = np.zeros(instance.n_slots, dtype=bool)
    per_meeting = 1
    for r, options in enumerate(instance.options):
        if options:
            in_use[list(options)] = True
            sides = (instance.side_a[r], instance.side_b[r])
            if all(instance.is_company[p] and p not in pinned for p in sides):
                per_meeting = 2
    seats = int(np.maximum(instance.n_tables - pinned_per_slot, 0)[in_use].sum())
    return len(pinned) + min(to_cover, per_meeting * seats)


def exact_coverage(instance: Instance, reached: int, count: CoverageBound) -> CoverageBound:
    """Tighten a counting bound that a plan did not reach: the coverage MIP's optimum or dual bound."""
    requests, slots = instance.option_arrays()
    if len(requests) > WHOLE_MODEL_OPTIONS:
        return count
    coverage, n_companies, pinned = _coverage_rows(instance, requests, len(requests))
    if n_companies == 0:
        return CoverageBound(pinned, True, ())
    n_columns = len(requests) + n_companies
    matrix, rhs = _stack([*_option_rows(instance, requests, slots), coverage], n_columns)
    cost = np.zeros(n_columns)
    cost[len(requests) :] = -1.0
    integrality = np.zeros(n_columns)
    integrality[: len(requests)] = 1
    result = milp(
        cost,
        constraints=LinearConstraint(matrix, -np.inf, rhs),
        integrality=integrality,
        bounds=(0, 1),
        options={"node_limit": COVERAGE_NODES},
    )
    if result.x is None:
        return count
    best = pinned + round(-result.fun)
    bound = pinned + math.floor(-result.mip_dual_bound + 1e-6)
    chosen = np.flatnonzero(result.x[: len(requests)] > 0.5)
    witness = tuple(zip(requests[chosen].tolist(), slots[chosen].tolist(), strict=True))
    return CoverageBound(min(bound, count.value), best >= min(bound, count.value), witness)


def _is_briefing(instance: Instance) -> bool:
    for r, options in enumerate(instance.options):
        companies = [p for p in (instance.side_a[r], instance.side_b[r]) if instance.is_company[p]]
        if options and companies and (len(companies) == 2 or instance.fixed_table[companies[0]] != NO_TABLE):
            return False
    return True


def _coverage_by_flow(instance: Instance) -> tuple[int, tuple[tuple[int, int], ...]]:
    pinned_covered = instance.companies_covered_by_pins()
    pinned_per_slot = np.bincount([s for _, s, _ in instance.pins], minlength=instance.n_slots)
    nodes: dict[tuple, int] = {}
    edges: dict[tuple[int, int], int] = {}
    request_on: dict[tuple[int, int], int] = {}

    def node(key: tuple) -> int:
        return nodes.setdefault(key, len(nodes) + 2)  # 0 is the source, 1 the sink

    for r, options in enumerate(instance.options):
        a, b = instance.side_a[r], instance.side_b[r]
        company, other = (a, b) if instance.is_company[a] else (b, a)
        if not options or not instance.is_company[company] or company in pinned_covered:
            continue
        source_side = node(("company", company))
        edges[0, source_side] = 1
        table = instance.request_table[r]
        for s in options:
            seat, slot = node(("seat", other, s)), node(("slot", s))
            edges[source_side, seat] = 1
            request_on.setdefault((source_side, seat), r)
            if table == NO_TABLE:
                edges[seat, slot] = 1
            else:
                fixed = node(("table", table, s))
                edges[seat, fixed] = 1
                edges[fixed, slot] = 1
            edges[slot, 1] = int(instance.n_tables - pinned_per_slot[s])
    if not edges:
        return len(pinned_covered), ()
    tails, heads = np.array(list(edges), dtype=np.int32).T
    size = len(nodes) + 2
    capacities = np.fromiter(edges.values(), dtype=np.int32, count=len(edges))
    graph = sparse.csr_array((capacities, (tails, heads)), shape=(size, size), dtype=np.int32)
    flow = maximum_flow(graph, 0, 1, method="dinic").flow.tocoo()
    used = {(int(t), int(h)) for t, h, f in zip(flow.row, flow.col, flow.data, strict=True) if f > 0}
    slot_of_seat = {index: key[2] for key, index in nodes.items() if key[0] == "seat"}
    witness = sorted((r, slot_of_seat[seat]) for (side, seat), r in request_on.items() if (side, seat) in used)
    return len(pinned_covered) + len(witness), tuple(witness)


def _option_rows(instance: Instance, requests: np.ndarray, slots: np.ndarray) -> list[tuple]:
    """Blocks (rows, columns, right-hand side, values) of the hard rules over the option variables."""
    n_slots = instance.n_slots
    columns = np.arange(len(requests))
    side_a = np.asarray(instance.side_a, dtype=np.int64)[requests]
    side_b = np.asarray(instance.side_b, dtype=np.int64)[requests]
    tables = np.asarray(instance.request_table, dtype=np.int64)[requests]
    fixed = tables >= 0
    blocks = []
    # One meeting per request; per person and slot; per fixed table and slot. A row with a single
    # variable says no more than x <= 1 and is left out.
    for keys, cols in (
        (requests, columns),
        (np.concatenate([side_a * n_slots + slots, side_b * n_slots + slots]), np.tile(columns, 2)),
        (tables[fixed] * n_slots + slots[fixed], columns[fixed]),
    ):
        _, rows, counts = np.unique(keys, return_inverse=True, return_counts=True)
        keep = counts[rows] > 1
        _, rows = np.unique(rows[keep], return_inverse=True)
        if len(rows):
            blocks.append((rows, cols[keep], np.ones(int(rows.max()) + 1), np.ones(len(rows))))
    pinned_per_slot = np.bincount(np.array([s for _, s, _ in instance.pins], dtype=np.int64), minlength=n_slots)
    capacity = (instance.n_tables - pinned_per_slot).astype(float)
    binding = np.flatnonzero(np.bincount(slots, minlength=n_slots) > capacity)
    if len(binding):
        keep = np.isin(slots, binding)
        blocks.append((np.searchsorted(binding, slots[keep]), columns[keep], capacity[binding], np.ones(keep.sum())))
    return blocks


def _coverage_rows(instance: Instance, requests: np.ndarray, n_options: int) -> tuple[tuple, int, int]:
    """y[c] - (c's x) <= 0 for each company coverable but not covered by a pin, placed after the x."""
    pinned = instance.companies_covered_by_pins()
    companies = [c for c in instance.coverable_companies() if c not in pinned]
    position = np.full(instance.n_participants, -1, dtype=np.int64)
    position[companies] = np.arange(len(companies))
    columns = np.arange(len(requests))
    rows, cols, values = [np.arange(len(companies))], [n_options + np.arange(len(companies))], [np.ones(len(companies))]
    for side in (instance.side_a, instance.side_b):
        where = position[np.asarray(side, dtype=np.int64)[requests]]
        keep = where >= 0
        rows.append(where[keep])
        cols.append(columns[keep])
        values.append(-np.ones(int(keep.sum())))
    block = (np.concatenate(rows), np.concatenate(cols), np.zeros(len(companies)), np.concatenate(values))
    return block, len(companies), len(pinned)


def _stack(blocks: list[tuple], n_columns: int) -> tuple[sparse.csc_array, np.ndarray]:
    rows, cols, rhs, values, offset = [], [], [], [], 0
    for block_rows, block_cols, block_rhs, block_values in blocks:
        rows.append(block_rows + offset)
        cols.append(block_cols)
        rhs.append(block_rhs)
        values.append(block_values)
        offset += len(block_rhs)
    if not blocks:
        return sparse.csc_array((0, n_columns)), np.zeros(0)
    matrix = sparse.csc_array(
        (np.concatenate(values), (np.concatenate(rows), np.concatenate(cols))), shape=(offset, n_columns)
    )
    return matrix, np.concatenate(rhs)


def coverage_model(instance: Instance, requests: np.ndarray, slots: np.ndarray, min_companies: int):
    """Rows A x <= b of the hard rules over the options, and, when companies must be covered, the y
    columns after them with y[c] <= (c's x) and sum(y) >= the coverage still needed beyond the pins."""
    n_options = len(requests)
    blocks = _option_rows(instance, requests, slots)
    coverage, n_companies, pinned_companies = _coverage_rows(instance, requests, n_options)
    needed = min_companies - pinned_companies
    if needed <= 0:
        return _stack(blocks, n_options)
    all_y = n_options + np.arange(n_companies)
    enough = (np.zeros(n_companies, dtype=np.int64), all_y, np.array([-float(needed)]), -np.ones(n_companies))
    return _stack([*blocks, coverage, enough], n_options + n_companies)


def weight_relaxation(instance: Instance, min_companies: int, seed: np.ndarray | None = None) -> Relaxation:
    """An upper bound on the weight of any plan covering at least `min_companies` companies.

    Column generation: the LP is solved on the options in `seed` (all options when None), its duals are
    priced against every option, every option that would pay is added, and again.
    Whatever the duals, the dual objective with each request's shortfall added to its row is a valid
    bound (weak duality); it is the LP optimum itself once the restricted LP reaches it (`exact`).
    """
    requests, slots = instance.option_arrays()
    n_options = len(requests)
    pinned_weight = math.fsum(instance.weight[r] for r, _, _ in instance.pins)
    if min_companies > len(instance.coverable_companies()):
        return Relaxation(-math.inf, -math.inf, None, True, min_companies)
    if n_options == 0:
        return Relaxation(pinned_weight, pinned_weight, np.zeros(0), True, min_companies)
    matrix, rhs = coverage_model(instance, requests, slots, min_companies)
    n_columns = matrix.shape[1]
    gain = np.zeros(n_columns)
    gain[:n_options] = np.asarray(instance.weight)[requests]
    if n_options > WHOLE_MODEL_OPTIONS and tables_never_full(instance):
        relaxation = _first_order(matrix, rhs, gain, requests, instance.n_requests, min_companies, pinned_weight)
        if relaxation is not None:
            return relaxation
    in_master = np.ones(n_columns, dtype=bool)
    if seed is not None:
        in_master[:n_options] = seed
    master = _Master(matrix, rhs, gain)
    master.add(np.flatnonzero(in_master))
    effort = 0
    while True:
        effort += master.n_columns
        solved = master.solve()
        if not solved and not in_master.all():
            master.add(np.flatnonzero(~in_master))  # the seed could not reach the coverage: take the whole model
            in_master[:] = True
            solved = master.solve()
        if not solved:
            return Relaxation(-math.inf, -math.inf, None, True, min_companies)
        x, duals = master.solution(n_columns)
        value = float(gain @ x)
        reduced = gain - matrix.T @ duals
        bound = _dual_bound(reduced, rhs, duals, requests, instance.n_requests)
        pricing = (reduced > 1e-9) & ~in_master
        if not pricing.any() or bound - value <= TOLERANCE * max(1.0, abs(value)) or effort >= MASTER_EFFORT:
            break
        in_master |= pricing
        master.add(np.flatnonzero(pricing))
    exact = bound - value <= 1e-9 * max(1.0, abs(value))
    bound = value if exact else max(bound, value)
    # Rounded up, never down: a bound a hair too low would claim more than it proves.
    return Relaxation(_round_up(pinned_weight + bound), pinned_weight + value, x[:n_options], exact, min_companies)


class _Master:
    """The restricted LP of column generation, kept in one HiGHS instance: columns priced in are added to it
    and simplex goes on from the last basis, where solving each round afresh (scipy's linprog) repeated
    thousands of iterations (on "few tables" at the large size, four rounds of 0.4-1.4 s became two of 0.5).

    Deterministic: one thread, no clock.
    """

    def __init__(self, matrix, rhs: np.ndarray, gain: np.ndarray):
        self.matrix = sparse.csc_array(matrix)
        self.cost = -gain  # HiGHS minimises
        self.columns: list[int] = []
        self.highs = highspy.Highs()
        self.highs.silent()
        for option, value in (("solver", "simplex"), ("threads", 1)):
            self.highs.setOptionValue(option, value)
        n_rows = self.matrix.shape[0]
        model = highspy.HighsLp()
        model.num_col_, model.num_row_ = 0, n_rows
        model.row_lower_, model.row_upper_ = np.full(n_rows, -highspy.kHighsInf), np.asarray(rhs, dtype=float)
        model.a_matrix_.format_ = highspy.MatrixFormat.kColwise
        model.a_matrix_.start_ = np.zeros(1, dtype=np.int32)
        self.highs.passModel(model)

    @property
    def n_columns(self) -> int:
        return len(self.columns)

    def add(self, columns: np.ndarray) -> None:
        block = self.matrix[:, columns]
        self.highs.addCols(
            len(columns),
            self.cost[columns],
            np.zeros(len(columns)),
            np.ones(len(columns)),
            block.nnz,
            block.indptr[:-1].astype(np.int32),
            block.indices.astype(np.int32),
            block.data.astype(float),
        )
        self.columns.extend(columns.tolist())

    def solve(self) -> bool:
        """True when solved, False when infeasible."""
        self.highs.run()
        status = self.highs.getModelStatus()
        if status in (highspy.HighsModelStatus.kInfeasible, highspy.HighsModelStatus.kUnboundedOrInfeasible):
            return False
        if status != highspy.HighsModelStatus.kOptimal:
            raise RuntimeError(f"the linear relaxation failed: {self.highs.modelStatusToString(status)}")
        return True

    def solution(self, n_columns: int) -> tuple[np.ndarray, np.ndarray]:
        """x over all columns (0 outside the master) and the rows' prices (>= 0)."""
        solution = self.highs.getSolution()
        x = np.zeros(n_columns)
        x[self.columns] = solution.col_value
        # Minimising -gain over rows "<= rhs": the rows' duals are <= 0; their prices are the opposite.
        return x, np.maximum(-np.asarray(solution.row_dual), 0.0)


def tables_never_full(instance: Instance) -> bool:
    """Whether no slot can ever have all its tables taken: at most half its available people meet then.

    Then the rows "no more meetings than tables" never bind and carry no price, so column generation
    sees nearly every option pay and adds them all, round after round (the LP on "tables for
    everyone" at the large size took half a minute that way).
    """
    available = np.asarray(instance.available, dtype=bool).sum(axis=0) if instance.n_participants else []
    return all(count // 2 <= instance.n_tables for count in available)


def _first_order(matrix, rhs, gain, requests, n_requests, min_companies, pinned_weight) -> Relaxation | None:
    """The whole LP by HiGHS's first-order method (PDLP), without crossover: seconds where simplex takes
    minutes on these degenerate models. Its duals give the bound by weak duality (_dual_bound), valid
    whatever their accuracy; its x, often fractional, orders the rounding. None if it returns no solution.

    Deterministic: one thread, a count of iterations, no clock.
    """
    n_rows, n_columns = matrix.shape
    n_options = len(requests)
    highs = highspy.Highs()
    highs.silent()
    for option, value in (
        ("solver", "pdlp"),
        ("run_crossover", "off"),
        ("threads", 1),
        ("pdlp_iteration_limit", PDLP_ITERATIONS),
    ):
        highs.setOptionValue(option, value)
    model = highspy.HighsLp()
    model.num_col_, model.num_row_ = n_columns, n_rows
    model.col_cost_ = -gain
    model.col_lower_, model.col_upper_ = np.zeros(n_columns), np.ones(n_columns)
    model.row_lower_, model.row_upper_ = np.full(n_rows, -highspy.kHighsInf), rhs
    model.a_matrix_.format_ = highspy.MatrixFormat.kColwise
    csc = sparse.csc_array(matrix)
    model.a_matrix_.start_, model.a_matrix_.index_, model.a_matrix_.value_ = csc.indptr, csc.indices, csc.data
    highs.passModel(model)
    highs.run()
    solution = highs.getSolution()
    if not solution.value_valid or not solution.dual_valid:
        return None
    # Minimising -gain over rows "<= rhs": the rows' duals are <= 0; their prices are the opposite.
    duals = np.maximum(-np.asarray(solution.row_dual), 0.0)
    x = np.clip(np.asarray(solution.col_value), 0.0, 1.0)
    value = float(gain @ x)
    bound = _dual_bound(gain - matrix.T @ duals, rhs, duals, requests, n_requests)
    # x may break a row by the method's tolerance: its weight is not claimed as reached, only the bound is.
    return Relaxation(
        _round_up(pinned_weight + bound), pinned_weight + min(value, bound), x[:n_options], False, min_companies
    )


def _dual_bound(reduced: np.ndarray, rhs: np.ndarray, duals: np.ndarray, requests: np.ndarray, n_requests: int):
    """b.u, plus what each request's best option still gains over its dual price, plus y's likewise."""
    n_options = len(requests)
    shortfall = np.zeros(n_requests)
    np.maximum.at(shortfall, requests, np.maximum(reduced[:n_options], 0.0))
    return float(rhs @ duals + shortfall.sum() + np.maximum(reduced[n_options:], 0.0).sum())


def _round_up(value: float) -> float:
    return math.ceil(value * 1e6 - 1e-3) / 1e6
