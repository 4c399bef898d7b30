"""The plain greedy, kept as the baseline the scheduler is measured against.

Requests by weight (heaviest first, then in id order), each in the first slot of the grid where both
people and a table are free. It is what a person does by hand, and what the first version of a
scheduler usually does: fast, and blind to the company it leaves without any meeting.
"""

from events.meetings.scheduling.bounds import coverage_bound
from events.meetings.scheduling.instance import Instance
from events.meetings.scheduling.outcome import build_plan
from events.meetings.scheduling.plan import Plan
from events.meetings.scheduling.problem import Problem
from events.meetings.scheduling.state import State


def greedy(problem: Problem) -> Plan:
    instance = Instance(problem)
    state = State(instance)
    for r in sorted(range(instance.n_requests), key=lambda r: (-instance.weight[r], r)):
        slot = next((s for s in instance.options[r] if state.fits(r, s)), None)
        if slot is not None:
            state.place(r, slot)
    state.journal.clear()
    return build_plan(state, coverage_bound(instance))
