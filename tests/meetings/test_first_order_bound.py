"""The weight bound on models whose tables are never full (issue 10, "bounds that tell the truth, fast").

There the LP is solved whole by HiGHS's first-order method instead of by column generation. Its
bound must still be a bound (never below the LP optimum, solved here independently by simplex), be
tight (within 0.5 %), and come out the same on every run.
"""

import pytest
from scipy.optimize import linprog

from events.meetings.scheduling import bounds
from events.meetings.scheduling.generator import generate
from events.meetings.scheduling.instance import Instance
from events.meetings.scheduling.solver import schedule


@pytest.fixture
def first_order_everywhere(monkeypatch):
    # The path is taken above WHOLE_MODEL_OPTIONS options; at the small size, take it always.
    monkeypatch.setattr(bounds, "WHOLE_MODEL_OPTIONS", 0)


def lp_optimum(instance, min_companies):
    requests, slots = instance.option_arrays()
    matrix, rhs = bounds.coverage_model(instance, requests, slots, min_companies)
    gain = [0.0] * matrix.shape[1]
    for column, request in enumerate(requests):
        gain[column] = -instance.weight[request]
    return -linprog(gain, A_ub=matrix, b_ub=rhs, bounds=(0, 1), method="highs-ds").fun


@pytest.mark.usefixtures("first_order_everywhere")
@pytest.mark.parametrize("size", ["small", "medium"])
def test_the_first_order_bound_is_a_tight_bound_and_the_same_every_time(size):
    instance = Instance(generate(size, seed=2, variant="unlimited tables"))
    covered = len(instance.coverable_companies())
    assert bounds.tables_never_full(instance)

    first = bounds.weight_relaxation(instance, covered)
    again = bounds.weight_relaxation(instance, covered)
    optimum = lp_optimum(instance, covered)

    assert optimum - 1e-6 <= first.bound <= optimum * 1.005
    assert (first.bound, first.lp_value, first.x.tolist()) == (again.bound, again.lp_value, again.x.tolist())


@pytest.mark.usefixtures("first_order_everywhere")
def test_a_plan_rounded_from_it_reaches_99_percent_of_the_bound():
    plan = schedule(generate("medium", seed=2, variant="unlimited tables"))

    assert plan.quality.companies_with_meeting == plan.quality.coverage_bound
    assert plan.quality.weight_percent_of_bound >= 99.0


def test_tables_that_fill_up_keep_column_generation():
    assert not bounds.tables_never_full(Instance(generate("small", seed=2)))
