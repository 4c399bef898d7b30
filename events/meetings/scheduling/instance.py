"""The problem in integer indices, with each request's usable slots worked out once.

Everything downstream works on positions: participants, requests and tables by their sorted order, slots
by their place on the grid. Integers in lists keep the search fast and its iteration order fixed.
"""

import numpy as np

from events.meetings.scheduling.problem import ParticipantKind, Problem

NO_TABLE = -1
# A request whose two sides sit at different fixed tables: no table can hold it.
IMPOSSIBLE_TABLE = -2


class Instance:
    def __init__(self, problem: Problem):
        self.problem = problem
        self.participant_ids = [p.id for p in problem.participants]
        self.request_ids = [r.id for r in problem.requests]
        self.slot_values = list(problem.slots)
        self.table_ids = list(problem.tables)
        self.n_participants = len(self.participant_ids)
        self.n_requests = len(self.request_ids)
        self.n_slots = len(self.slot_values)
        self.n_tables = len(self.table_ids)

        person = {pid: i for i, pid in enumerate(self.participant_ids)}
        slot = {value: i for i, value in enumerate(self.slot_values)}
        table = {tid: i for i, tid in enumerate(self.table_ids)}
        self.is_company = [p.kind == ParticipantKind.COMPANY for p in problem.participants]
        self.fixed_table = [NO_TABLE if p.fixed_table is None else table[p.fixed_table] for p in problem.participants]
        self.available = [[False] * self.n_slots for _ in problem.participants]
        for i, p in enumerate(problem.participants):
            for value in p.available_slots:
                self.available[i][slot[value]] = True

        self.side_a = [person[r.participant_a] for r in problem.requests]
        self.side_b = [person[r.participant_b] for r in problem.requests]
        self.weight = [float(r.weight) for r in problem.requests]
        self.requests_of = [[] for _ in range(self.n_participants)]
        for r in range(self.n_requests):
            self.requests_of[self.side_a[r]].append(r)
            self.requests_of[self.side_b[r]].append(r)
        self.request_table = [self._table_for(r) for r in range(self.n_requests)]
        self.common_slots = [self._common(r) for r in range(self.n_requests)]

        index = {rid: i for i, rid in enumerate(self.request_ids)}
        self.pins = [(index[pin.request_id], slot[pin.slot], table[pin.table]) for pin in problem.pinned]
        self.pinned_slot = [-1] * self.n_requests
        for r, s, _ in self.pins:
            self.pinned_slot[r] = s
        self.options = self._options()
        # Where each published meeting stands (slot, table index), for the requests that can still go there.
        self.published = {}
        for meeting in problem.published:
            r = index[meeting.request_id]
            s, t = slot.get(meeting.slot), table.get(meeting.table, NO_TABLE)
            if s is not None and s in self.options[r]:
                self.published[r] = (s, t)

    def _table_for(self, r: int) -> int:
        a, b = self.fixed_table[self.side_a[r]], self.fixed_table[self.side_b[r]]
        if self.n_tables == 0 or (a != NO_TABLE and b != NO_TABLE and a != b):
            return IMPOSSIBLE_TABLE
        return a if a != NO_TABLE else b

    def _common(self, r: int) -> tuple[int, ...]:
        a, b = self.available[self.side_a[r]], self.available[self.side_b[r]]
        return tuple(s for s in range(self.n_slots) if a[s] and b[s])

    def _options(self) -> list[tuple[int, ...]]:
        """Slots where a request could go once the pinned meetings are in place (none for pinned requests)."""
        person_busy, table_busy, pinned_count = set(), set(), [0] * self.n_slots
        for r, s, t in self.pins:
            person_busy.update(((self.side_a[r], s), (self.side_b[r], s)))
            table_busy.add((t, s))
            pinned_count[s] += 1
        options = []
        for r in range(self.n_requests):
            table = self.request_table[r]
            if self.pinned_slot[r] >= 0 or table == IMPOSSIBLE_TABLE:
                options.append(())
                continue
            a, b = self.side_a[r], self.side_b[r]
            options.append(
                tuple(
                    s
                    for s in self.common_slots[r]
                    if (a, s) not in person_busy
                    and (b, s) not in person_busy
                    and (table == NO_TABLE or (table, s) not in table_busy)
                    and pinned_count[s] < self.n_tables
                )
            )
        return options

    def option_arrays(self) -> tuple[np.ndarray, np.ndarray]:
        """Every (request, slot) a meeting could take, flattened for the linear models."""
        lengths = np.fromiter((len(o) for o in self.options), dtype=np.int64, count=self.n_requests)
        requests = np.repeat(np.arange(self.n_requests, dtype=np.int64), lengths)
        slots = np.fromiter((s for o in self.options for s in o), dtype=np.int64, count=int(lengths.sum()))
        return requests, slots

    def companies_covered_by_pins(self) -> set[int]:
        return {p for r, _, _ in self.pins for p in (self.side_a[r], self.side_b[r]) if self.is_company[p]}

    def coverable_companies(self) -> list[int]:
        """Companies that have a pinned meeting or at least one request with a usable slot."""
        covered = self.companies_covered_by_pins()
        for r, options in enumerate(self.options):
            if options:
                covered.update(p for p in (self.side_a[r], self.side_b[r]) if self.is_company[p])
        return sorted(covered)
