"""Idle time in people's days: counting gaps and closing them without losing any meeting.

A gap is a slot between someone's first and last meeting in which they are available but not meeting.
Slots they are not available in do not count (they are busy elsewhere), nor do breaks (absent from the
grid). Closing gaps only moves meetings between slots, so the set of meetings, hence coverage and
weight, never changes. Three moves, each kept only when the total number of gaps falls:
- relocation: a meeting moves to a slot where both people and a table are free;
- swap: two meetings of one person trade slots (that person's day keeps its shape, the others' change);
- exchange: someone's first or last meeting moves into their gap, and a meeting of that (full) slot
  moves back in its place, so no slot needs another table.
"""

from events.meetings.scheduling.state import FREE, State

# Gap slots tried per meeting by an exchange; each costs a scan of the meetings in that slot.
EXCHANGE_TARGETS = 2


class GapCounter:
    def __init__(self, state: State):
        self.state = state
        # Available slots before each position, per person: gaps in a span are then one subtraction.
        self.prefix = []
        for row in state.instance.available:
            running, sums = 0, [0]
            for free in row:
                running += free
                sums.append(running)
            self.prefix.append(sums)

    def of(self, p: int) -> int:
        slots = self.state.slots_of[p]
        if len(slots) < 2:
            return 0
        return self.prefix[p][slots[-1] + 1] - self.prefix[p][slots[0]] - len(slots)

    def change(self, p: int, old: int, new: int) -> int:
        """How p's gaps change if p's meeting in slot `old` moves to slot `new` (not applied)."""
        slots = self.state.slots_of[p]
        if len(slots) < 2:
            return 0
        # The number of meetings stays the same, so only the spans' available slots differ. Written out
        # by hand: closing gaps asks this about a million times on "tables for everyone" at the large size.
        start, end = slots[0], slots[-1]
        first = slots[1] if start == old else start
        last = slots[-2] if end == old else end
        if new < first:
            first = new
        if new > last:
            last = new
        prefix = self.prefix[p]
        return prefix[last + 1] - prefix[first] - prefix[end + 1] + prefix[start]

    def total(self) -> int:
        return sum(self.of(p) for p in range(self.state.instance.n_participants))


def close_gaps(state: State, passes: int = 8) -> None:
    """Relocate, swap and exchange meetings while a pass still closes 3 % of the gaps or more."""
    counter = GapCounter(state)
    closer = _Closer(state, counter)
    for _ in range(passes):
        before = counter.total()
        for p in range(state.instance.n_participants):
            if counter.of(p) == 0:
                continue
            for s in list(state.slots_of[p]):
                m = state.busy[p][s]
                if state.pinned[m] or state.slot_of[m] != s:
                    continue
                if not closer.relocate(m) and not closer.swap(p, m):
                    closer.exchange(p, m)
        if before - counter.total() < 0.03 * before:
            break
    state.journal.clear()


class _Closer:
    def __init__(self, state: State, counter: GapCounter):
        self.state = state
        self.counter = counter
        instance = state.instance
        self.side_a, self.side_b = instance.side_a, instance.side_b
        self.options = instance.options
        self.option_sets = [frozenset(slots) for slots in instance.options]

    def _other(self, m: int, p: int) -> int:
        return self.side_b[m] if self.side_a[m] == p else self.side_a[m]

    def relocate(self, m: int) -> bool:
        state, change = self.state, self.counter.change
        a, b, here = self.side_a[m], self.side_b[m], state.slot_of[m]
        for s in self.options[m]:
            if s != here and change(a, here, s) + change(b, here, s) < 0 and state.fits(m, s):
                state.move(m, s)
                return True
        return False

    def swap(self, p: int, m: int) -> bool:
        """Trade slots with another meeting of m's counterpart, moving p's meeting within p's day."""
        state, change = self.state, self.counter.change
        pivot = self._other(m, p)
        here = state.slot_of[m]
        for s in list(state.slots_of[pivot]):
            n = state.busy[pivot][s]
            if n == m or state.pinned[n] or s not in self.option_sets[m] or here not in self.option_sets[n]:
                continue
            other = self._other(n, pivot)
            if other != p and change(p, here, s) + change(other, s, here) < 0 and self.state.trade(m, s, n, here):
                return True
        return False

    def exchange(self, p: int, m: int) -> bool:
        state, change, busy, option_sets = self.state, self.counter.change, self.state.busy, self.option_sets
        slots = state.slots_of[p]
        here = state.slot_of[m]
        if here != slots[0] and here != slots[-1]:
            return False  # moving a meeting inside the span does not shorten it
        q = self._other(m, p)
        available = state.instance.available[p]
        targets = [
            gap
            for gap in range(slots[0] + 1, slots[-1])
            if busy[p][gap] == FREE and available[gap] and busy[q][gap] == FREE and gap in self.option_sets[m]
        ]
        # The gaps farthest from m shorten the day most; a few of them are enough to look at.
        targets.sort(key=lambda gap: (-abs(gap - here), gap))
        for gap in targets[:EXCHANGE_TARGETS]:
            ours = change(p, here, gap) + change(q, here, gap)
            if ours >= 0:
                continue
            for n in list(state.in_slot[gap]):
                c, d = self.side_a[n], self.side_b[n]
                if busy[c][here] != FREE or busy[d][here] != FREE or state.pinned[n] or here not in option_sets[n]:
                    continue
                if ours + change(c, gap, here) + change(d, gap, here) < 0 and self.state.trade(m, gap, n, here):
                    return True
        return False
