"""Where a benchmark's machine time goes: the CPU seconds each kind of process used during a run.

On a machine with two cores, a rate is set by what every process on it spends per request, not only the
web server: the database, the cache and the benchmark's own clients share the cores. `measure` reads
every process's CPU time (user + system, psutil) before and after the block it wraps.

Kinds, by name or command line: "gunicorn" (its arbiter and workers), "postgresql" (every backend),
"redis", "celery" (a worker and its children), "clients" (this process: the benchmark's threads) and
"other". A process that starts and ends inside the block is not seen; the servers here live throughout.
"""

import contextlib
import os
from collections import Counter

import psutil

KINDS = ("gunicorn", "postgresql", "redis", "celery", "clients", "other")


def _kind(process: dict) -> str:
    if process["pid"] == os.getpid():
        return "clients"
    words = " ".join([process["name"] or "", *(process["cmdline"] or [])])
    for marker, kind in (
        ("gunicorn", "gunicorn"),
        ("postgres", "postgresql"),
        ("redis", "redis"),
        ("celery", "celery"),
    ):
        if marker in words:
            return kind
    return "other"


def cpu_seconds() -> Counter:
    """CPU seconds used so far, summed by kind of process (KINDS)."""
    used = Counter()
    for process in psutil.process_iter(["pid", "name", "cmdline", "cpu_times"]):
        times = process.info["cpu_times"]
        if times is not None:  # another user's process, or one that ended while being read
            used[_kind(process.info)] += times.user + times.system
    return used


class Usage:
    """The CPU seconds by kind used inside a `measure` block; per_request(n) in milliseconds."""

    def __init__(self):
        self.seconds = Counter()

    def per_request(self, requests: int) -> dict[str, float]:
        """Milliseconds of CPU per request for each kind that used any, and "total"."""
        shares = {kind: self.seconds[kind] * 1000 / requests for kind in KINDS if self.seconds[kind] > 0}
        return {**shares, "total": sum(shares.values())}


@contextlib.contextmanager
def measure():
    """Measure the CPU time each kind of process uses inside the block: yields a Usage, filled at its end."""
    usage = Usage()
    before = cpu_seconds()
    try:
        yield usage
    finally:
        after = cpu_seconds()
        usage.seconds = Counter({kind: max(0.0, after[kind] - before[kind]) for kind in KINDS})


def describe(per_request: dict[str, float]) -> str:
    """One line: "gunicorn 13.0, postgresql 3.0, ... = 17.0 ms"."""
    parts = ", ".join(f"{kind} {ms:.2f}" for kind, ms in per_request.items() if kind != "total")
    return f"{parts} = {per_request['total']:.2f} ms"
