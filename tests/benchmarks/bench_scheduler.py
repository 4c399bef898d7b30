"""Figures, not assertions on time: the meeting scheduler against the plain greedy at three sizes (make bench).

Each run is a fresh subprocess, so its peak resident memory (ru_maxrss) is the true peak of one size,
interpreter, numpy and scipy included. Times are wall-clock and CPU seconds of the scheduling call alone
(generating the instance is not counted); the load average is printed because other work on the
machine slows the wall clock, not the CPU time. Plans are checked against the hard rules (validate).

Then the hard variants at each size (tables for everyone, fragmented days, few tables; see
generator.py), each with the weight LP solved whole from the plain problem (scheduler_lp.py) at the
small and medium sizes, to show how far the scheduler's bound sits above the true LP optimum. The
scheduler has one objective (coverage, then weight, then idle time), so there is no count variant.
A run that does not finish in VARIANT_TIMEOUT seconds is reported as such, not waited for.
SCHEDULER_BENCH_FULL_LP=1 solves the whole LP at the large size too (a minute or more each).
"""

import json
import os
import resource
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
TIME_LIMIT = 10.0  # seconds, large size
MEMORY_LIMIT = 1024  # MiB, large size
VARIANT_TIMEOUT = 180  # seconds for one subprocess (scheduling plus, where asked, the whole LP)
HARD_VARIANTS = ("unlimited tables", "fragmented", "few tables")


def measure(size: str, method: str, variant: str = "standard", full_lp: bool = False) -> dict:
    """Run in a subprocess: schedule (or greedy) one benchmark size, validate, and report figures."""
    from events.meetings.scheduling import greedy, schedule, validate
    from events.meetings.scheduling.generator import generate

    problem = generate(size, variant=variant)
    started, cpu_started = time.perf_counter(), time.process_time()
    plan = (schedule if method == "schedule" else greedy)(problem)
    seconds, cpu_seconds = time.perf_counter() - started, time.process_time() - cpu_started
    peak_mib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    validate(problem, plan)
    quality = plan.quality
    lp_optimum = None
    if full_lp:
        from tests.benchmarks.scheduler_lp import lp_optimum as solve_whole

        lp_optimum = solve_whole(problem, quality.companies_with_meeting)
    return {
        "lp_optimum": lp_optimum,
        "tables": len(problem.tables),
        "meetings": quality.meetings,
        "weight": quality.total_weight,
        "weight_bound": quality.weight_bound,
        "weight_bound_exact": quality.weight_bound_exact,
        "percent": quality.weight_percent_of_bound,
        "covered": quality.companies_with_meeting,
        "coverage_bound": quality.coverage_bound,
        "coverage_exact": quality.coverage_bound_exact,
        "left_out": quality.companies_left_without_meeting,
        "gaps": quality.idle_gaps,
        "seconds": seconds,
        "cpu_seconds": cpu_seconds,
        "peak_mib": peak_mib,
        "requests": len(problem.requests),
    }


def _in_subprocess(size: str, method: str, variant: str = "standard", full_lp: bool = False) -> dict | None:
    """The figures, or None when the run took more than VARIANT_TIMEOUT seconds."""
    code = (
        "import json; from tests.benchmarks.bench_scheduler import measure; "
        f"print(json.dumps(measure({size!r}, {method!r}, {variant!r}, {full_lp!r})))"
    )
    try:
        result = subprocess.run(
            [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True, timeout=VARIANT_TIMEOUT
        )
    except subprocess.TimeoutExpired:
        return None
    return json.loads(result.stdout.strip().splitlines()[-1])


def _line(label: str, figures: dict) -> str:
    bound_kind = "LP optimum" if figures["weight_bound_exact"] else "LP bound"
    coverage_kind = "exact" if figures["coverage_exact"] else "upper bound"
    return (
        f"  {label:9} {figures['meetings']:5} meetings, weight {figures['weight']:.0f} of bound "
        f"{figures['weight_bound']:.1f} ({bound_kind}) = {figures['percent']:.2f} %; companies with a meeting "
        f"{figures['covered']} of bound {figures['coverage_bound']} ({coverage_kind}), "
        f"left without one where possible: {figures['left_out']}; idle gaps {figures['gaps']}; "
        f"{figures['seconds']:.2f} s wall, {figures['cpu_seconds']:.2f} s CPU; peak {figures['peak_mib']:.0f} MiB"
    )


def _verdict(passed: bool) -> str:
    return "PASS" if passed else "MISS"


@pytest.mark.parametrize("size", ["small", "medium", "large"])
def test_scheduler_against_the_greedy(size):
    ours = _in_subprocess(size, "schedule")
    baseline = _in_subprocess(size, "greedy")

    load = ", ".join(f"{value:.1f}" for value in os.getloadavg())
    print(f"\nmeeting scheduler, {size} ({ours['requests']} requests; load average {load} on {os.cpu_count()} cores)")
    print(_line("scheduler", ours))
    print(_line("greedy", baseline) + " (its time includes computing its bounds)")
    covered_all = ours["left_out"] == 0 and ours["coverage_exact"]
    print(f"  target: no company left without a meeting where one was possible: {_verdict(covered_all)}")
    print(f"  target: weight >= 99 % of the LP weight bound: {_verdict(ours['percent'] >= 99)}")
    if size == "large":
        print(f"  target: at most {TIME_LIMIT:.0f} s: {_verdict(ours['seconds'] <= TIME_LIMIT)}")
        print(f"  target: at most 1 GiB peak memory: {_verdict(ours['peak_mib'] <= MEMORY_LIMIT)}")


@pytest.mark.parametrize("variant", HARD_VARIANTS)
@pytest.mark.parametrize("size", ["small", "medium", "large"])
def test_scheduler_on_hard_variants(size, variant):
    full_lp = size != "large" or os.environ.get("SCHEDULER_BENCH_FULL_LP") == "1"
    ours = _in_subprocess(size, "schedule", variant, full_lp)

    print(f"\nmeeting scheduler, {size}, {variant}")
    if ours is None:
        print(f"  did not finish in {VARIANT_TIMEOUT} s: MISS")
        return
    print(f"  ({ours['requests']} requests, {ours['tables']} tables)")
    print(_line("scheduler", ours))
    if ours["lp_optimum"] is not None:
        above = 100.0 * (ours["weight_bound"] / ours["lp_optimum"] - 1) if ours["lp_optimum"] > 0 else 0.0
        print(
            f"  LP optimum solved whole, independently: {ours['lp_optimum']:.1f}; "
            f"the bound is {above:.2f} % above it: {_verdict(above <= 0.5)}"
        )
    print(f"  target: coverage equal to its bound: {_verdict(ours['left_out'] == 0)}")
    print(f"  target: weight >= 99 % of the LP weight bound: {_verdict(ours['percent'] >= 99)}")
    if size == "large":
        print(f"  target: at most {TIME_LIMIT:.0f} s: {_verdict(ours['seconds'] <= TIME_LIMIT)}")
        print(f"  target: at most 1 GiB peak memory: {_verdict(ours['peak_mib'] <= MEMORY_LIMIT)}")
