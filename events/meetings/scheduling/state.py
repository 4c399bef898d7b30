"""A schedule being built: who is busy when, how full each slot is, and a journal to undo tentative moves.

Table ids are not chosen here. Per slot it is enough that the meetings fit in the number of tables and
that each fixed table holds at most one meeting; concrete tables are handed out at the end (tables.py).
"""

import bisect
import heapq

from events.meetings.scheduling.instance import NO_TABLE, Instance

FREE = -1


class State:
    def __init__(self, instance: Instance):
        self.instance = instance
        n_slots = instance.n_slots
        self.busy = [[FREE] * n_slots for _ in range(instance.n_participants)]
        self.table_busy = [[FREE] * n_slots for _ in range(instance.n_tables)]
        self.count = [0] * n_slots
        # Meetings per slot in the order they arrived: dicts keep that order, so scans are reproducible.
        self.in_slot: list[dict[int, None]] = [{} for _ in range(n_slots)]
        self.slot_of = [FREE] * instance.n_requests
        self.meetings_of = [0] * instance.n_participants
        # Companies with a meeting, kept as meetings come and go: the search asks after every move, and
        # counting over everyone each time took a third of the run on "few tables" at the large size.
        self._covered = 0
        # Each person's meeting slots in order, for idle-gap arithmetic.
        self.slots_of: list[list[int]] = [[] for _ in range(instance.n_participants)]
        self.pinned = [False] * instance.n_requests
        self.journal: list[tuple[int, int]] = []
        # Counts every primitive change, undoing included: whatever was worked out from the state at one
        # count still holds while it stays the same.
        self.changes = 0
        # Movable meetings per slot by weight, lightest on top; entries of meetings that left are dropped
        # when they surface (a meeting that comes back is simply pushed again).
        self._by_weight: list[list[tuple[float, int]]] = [[] for _ in range(n_slots)]
        self.pin_table: dict[int, int] = {}
        for r, s, t in instance.pins:
            self.pinned[r] = True
            self.pin_table[r] = t
            self._put(r, s, t)
        self.journal.clear()

    # Primitive changes; each is journalled so a failed chain of moves can be rolled back exactly.

    def _table_of(self, r: int) -> int:
        return self.pin_table.get(r, self.instance.request_table[r])

    def _put(self, r: int, s: int, table: int) -> None:
        a, b = self.instance.side_a[r], self.instance.side_b[r]
        self.busy[a][s] = r
        self.busy[b][s] = r
        if table != NO_TABLE:
            self.table_busy[table][s] = r
        self.count[s] += 1
        self.in_slot[s][r] = None
        if not self.pinned[r]:
            heapq.heappush(self._by_weight[s], (self.instance.weight[r], r))
        self.slot_of[r] = s
        for p in (a, b):
            self.meetings_of[p] += 1
            if self.meetings_of[p] == 1 and self.instance.is_company[p]:
                self._covered += 1
        bisect.insort(self.slots_of[a], s)
        bisect.insort(self.slots_of[b], s)
        self.journal.append((r, FREE))
        self.changes += 1

    def remove(self, r: int) -> None:
        s = self.slot_of[r]
        a, b = self.instance.side_a[r], self.instance.side_b[r]
        self.busy[a][s] = FREE
        self.busy[b][s] = FREE
        table = self._table_of(r)
        if table != NO_TABLE:
            self.table_busy[table][s] = FREE
        self.count[s] -= 1
        del self.in_slot[s][r]
        self.slot_of[r] = FREE
        for p in (a, b):
            self.meetings_of[p] -= 1
            if self.meetings_of[p] == 0 and self.instance.is_company[p]:
                self._covered -= 1
        self.slots_of[a].remove(s)
        self.slots_of[b].remove(s)
        self.journal.append((r, s))
        self.changes += 1

    def place(self, r: int, s: int) -> None:
        self._put(r, s, self._table_of(r))

    def move(self, r: int, s: int) -> None:
        self.remove(r)
        self.place(r, s)

    def trade(self, m: int, to_m: int, n: int, to_n: int) -> bool:
        """Move m to slot to_m and n to slot to_n together if the rules allow; nothing changes when not."""
        mark = len(self.journal)
        self.remove(m)
        self.remove(n)
        if self.fits(m, to_m):
            self.place(m, to_m)
            if self.fits(n, to_n):
                self.place(n, to_n)
                return True
        self.rollback(mark)
        return False

    def rollback(self, mark: int) -> None:
        while len(self.journal) > mark:
            r, previous = self.journal.pop()
            if previous == FREE:
                self.remove(r)
            else:
                self.place(r, previous)
            # Undoing writes a journal entry of its own; drop it so the journal shrinks.
            self.journal.pop()

    # Questions.

    def fits(self, r: int, s: int) -> bool:
        """Could request r (not placed in s) be placed in slot s as things stand?"""
        instance = self.instance
        if self.busy[instance.side_a[r]][s] != FREE or self.busy[instance.side_b[r]][s] != FREE:
            return False
        if self.count[s] >= instance.n_tables:
            return False
        table = instance.request_table[r]
        return table == NO_TABLE or self.table_busy[table][s] == FREE

    def blockers(self, r: int, s: int) -> list[int]:
        """The meetings that stand in r's way in slot s: each side's meeting there and its fixed table's."""
        instance = self.instance
        found = []
        for holder in (self.busy[instance.side_a[r]][s], self.busy[instance.side_b[r]][s]):
            if holder != FREE and holder not in found:
                found.append(holder)
        table = instance.request_table[r]
        if table != NO_TABLE:
            holder = self.table_busy[table][s]
            if holder != FREE and holder not in found:
                found.append(holder)
        return found

    def lightest(self, s: int) -> int:
        """The lightest movable meeting in slot s (lowest index on ties), or FREE."""
        heap = self._by_weight[s]
        while heap and self.slot_of[heap[0][1]] != s:
            heapq.heappop(heap)
        return heap[0][1] if heap else FREE

    def covered_companies(self) -> int:
        return self._covered

    def placed(self) -> list[int]:
        return [r for r in range(self.instance.n_requests) if self.slot_of[r] != FREE]
