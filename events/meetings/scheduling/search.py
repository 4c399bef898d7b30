"""Placement and local search on a State.

Moves:
- relocation: a placed meeting moves to another slot both of its people have free;
- insertion with ejection: a request takes a slot, pushing out what stands in its way (each side's
  meeting there, its fixed table's meeting, or the lightest meeting when all tables are taken); the
  pushed-out meetings settle elsewhere if a slot fits them, or are lost. Kept only when it gains weight
  and leaves no fewer companies with a meeting (an ejection chain of length two);
- augmenting path, for a company without a meeting: it takes a slot by pushing out the only meeting of
  another company, which takes a slot by pushing out the only meeting of a third, and so on until one
  can take a slot without leaving anyone uncovered (or, taking it with another company that had none,
  leaving one). A full slot gives up its lightest meeting, or one that uncovers fewer companies. Found
  breadth first, like augmenting paths in a matching, so each costs one sweep over the options;
- shift, when no path is left: a meeting moves to another slot (whose table is free, or given up by a
  meeting that uncovers at most one company) so that two companies without a meeting can meet in its.

All moves are tried on the state and rolled back through its journal when they do not pay, so nothing
is ever half-applied, and every loop runs in a fixed order: the search is deterministic.
"""

from collections import deque

from events.meetings.scheduling.state import FREE, State

EPSILON = 1e-9
BLOCKED = -2


class Search:
    def __init__(self, state: State, coverable: set[int]):
        self.state = state
        instance = state.instance
        self.instance = instance
        self.options = instance.options
        self.weight = instance.weight
        self.side_a = instance.side_a
        self.side_b = instance.side_b
        self.is_company = instance.is_company
        self.coverable = [p in coverable for p in range(instance.n_participants)]
        self._spare: dict[int, list[int]] = {}
        self._spare_at = -1  # the state's change count when _spare was worked out
        self.option_sets = [frozenset(slots) for slots in instance.options]

    # Relocation.

    def _move_directly(self, m: int) -> bool:
        state = self.state
        here = state.slot_of[m]
        for s in self.options[m]:
            if s != here and state.fits(m, s):
                state.move(m, s)
                return True
        return False

    def _settle(self, m: int, depth: int) -> bool:
        """Place unplaced meeting m where it fits, relocating one layer of blockers if `depth`; no loss."""
        state = self.state
        for s in self.options[m]:
            if state.fits(m, s):
                state.place(m, s)
                return True
        if depth == 0:
            return False
        for s in self.options[m]:
            blockers = state.blockers(m, s)
            if not blockers or any(state.pinned[b] for b in blockers):
                continue
            mark = len(state.journal)
            if all(self._move_directly(b) for b in blockers) and state.fits(m, s):
                state.place(m, s)
                return True
            state.rollback(mark)
        return False

    # Insertion with ejection.

    def _push_in(self, r: int, s: int, taken: int = FREE) -> list[int] | None:
        """Put r in slot s, removing what is in the way (for a table, `taken` if given and still there, else
        the lightest meeting); the removed meetings, or None (pinned in the way).

        The state is left changed either way; the caller keeps it or rolls back to its mark.
        """
        state = self.state
        ejected = []
        for b in state.blockers(r, s):
            if state.pinned[b]:
                return None
            state.remove(b)
            ejected.append(b)
        if state.count[s] >= self.instance.n_tables:
            out = taken if taken != FREE and state.slot_of[taken] == s else state.lightest(s)
            if out == FREE or state.pinned[out]:
                return None
            state.remove(out)
            ejected.append(out)
        state.place(r, s)
        return ejected

    def _attempt(self, r: int, s: int) -> float | None:
        """Push r into s and re-settle what it pushed out; the weight lost, or None if fewer companies would
        have a meeting. The caller keeps the changed state or rolls back to its mark.

        Fewer, not others: a meeting of two companies without one may take the place of a lighter one of
        two others (when tables are scarce and every company in a meeting has only that one, it is the
        only way weight can grow)."""
        state = self.state
        before = state.covered_companies()
        ejected = self._push_in(r, s)
        if ejected is None:
            return None
        loss = 0.0
        for b in ejected:
            if not self._settle(b, 0):
                loss += self.weight[b]
        return None if state.covered_companies() < before else loss

    def _surely_loses(self, r: int, s: int, worth: float) -> bool:
        """Whether pushing r into s would lose `worth` or more, or leave fewer companies with a meeting, read
        off the state without trying it (which costs moves and their rollback): a meeting it pushes out is lost
        unless another slot fits it as things stand, since only slot s changes. When tables are scarce and
        every slot full, nothing pushed out fits anywhere, and every attempt is known to fail beforehand.
        """
        state = self.state
        sides = (self.side_a[r], self.side_b[r])
        out = state.blockers(r, s)
        for_table = FREE
        if state.count[s] - len(out) >= self.instance.n_tables:
            for_table = state.lightest(s)
            if for_table == FREE:
                return True
            if for_table in out:
                return False  # _push_in takes the lightest of the others: not worked out here
            out = [*out, for_table]
        loss = 0.0
        gains = sum(1 for p in sides if self.is_company[p] and state.meetings_of[p] == 0)
        losers = 0
        for b in out:
            if state.pinned[b]:
                return True
            if b == for_table and len(out) > 1:
                continue  # with a blocker gone too, it may fit back into s
            if any(t != s and state.fits(b, t) for t in self.options[b]):
                continue
            loss += self.weight[b]
            if loss >= worth - EPSILON:
                return True
            for p in (self.side_a[b], self.side_b[b]):
                if self.is_company[p] and state.meetings_of[p] == 1 and p not in sides:
                    losers += 1
            if losers > gains:
                return True
        return False

    def _insert_if_it_pays(self, r: int) -> bool:
        """Insert r where that loses least, if it loses less than r weighs."""
        state = self.state
        best_loss, best_slot = self.weight[r], None
        for s in self.options[r]:
            if self._surely_loses(r, s, best_loss):
                continue
            mark = len(state.journal)
            loss = self._attempt(r, s)
            state.rollback(mark)
            if loss is not None and loss < best_loss - EPSILON:
                best_loss, best_slot = loss, s
                if loss <= EPSILON:
                    break
        if best_slot is None:
            return False
        mark = len(state.journal)
        if self._attempt(r, best_slot) is None:
            state.rollback(mark)
            return False
        return True

    # Coverage.

    def cover_companies(self, target: int) -> None:
        """Give a meeting to coverable companies without one, hardest (fewest choices) first, until
        `target` companies are covered (the coverage bound: beyond it every attempt is bound to fail)."""
        state = self.state
        instance = self.instance
        covered = state.covered_companies()
        companies = [p for p in range(instance.n_participants) if self.coverable[p] and self.is_company[p]]
        choices = {p: sum(len(self.options[r]) for r in instance.requests_of[p]) for p in companies}
        companies.sort(key=lambda p: (choices[p], p))
        progress = True
        # A company skipped as dead may have a path once a later one is covered: sweep again while a
        # sweep covers any (a failed sweep costs about one search of the whole graph, since the dead
        # are not searched twice). After a sweep, meetings moving to other slots may make room.
        while progress and covered < target:
            progress = False
            # Taken afresh each time: a path or a shift may leave a company other than its start uncovered.
            uncovered = [p for p in companies if state.meetings_of[p] == 0]
            # Companies a failed search went through cannot start a path either until the plan changes.
            dead: set[int] = set()
            for company in uncovered:
                if covered >= target:
                    break
                if state.meetings_of[company] > 0 or company in dead:
                    continue
                if any(self._settle(r, 1) for r in self._open_requests(company)) or self._augment(company, dead):
                    covered = state.covered_companies()
                    dead.clear()
                    progress = True
                state.journal.clear()
            # A shift costs a fraction of a sweep: shift while that covers more before sweeping again.
            while covered < target and self._shift_to_cover([p for p in companies if state.meetings_of[p] == 0]):
                covered = state.covered_companies()
                progress = True
            state.journal.clear()

    def _shift_to_cover(self, uncovered: list[int]) -> bool:
        """Two companies without a meeting meet in slot s, where a table is freed by a chain of meetings
        each moving one slot on (s's to a second slot, the second's to a third...), ending in a slot where a
        table is free or given up by a meeting that uncovers at most one company: True when that covers
        more (state changed). Augmenting paths keep each meeting in its slot, so they miss this: on "few
        tables", the last slots' tables are all that is left and only companies already met are there.

        Found breadth first over the slots, from every slot such a pair could take: each slot's meetings
        are looked at once, so a search costs one sweep over the placed meetings' options.
        """
        state = self.state
        instance = self.instance
        busy = state.busy
        # Requests of two companies without a meeting, by the slots they could take, heaviest first.
        pairs_in: dict[int, list[int]] = {}
        for p in uncovered:
            if state.meetings_of[p]:
                continue
            for r in instance.requests_of[p]:
                other = self.side_b[r] if self.side_a[r] == p else self.side_a[r]
                if other > p and self.is_company[other] and state.meetings_of[other] == 0 and self.coverable[other]:
                    for s in self.options[r]:
                        pairs_in.setdefault(s, []).append(r)
        for requests in pairs_in.values():
            requests.sort(key=lambda r: (-self.weight[r], r))
        # Slots that need a table, each with the meeting that would leave for the slot asking it and that slot.
        needs: dict[int, tuple[int, int] | None] = dict.fromkeys(sorted(pairs_in))
        queue = deque(needs)
        while queue:
            x = queue.popleft()
            for m in list(state.in_slot[x]):
                if state.pinned[m]:
                    continue
                a, b = self.side_a[m], self.side_b[m]
                for to in self.options[m]:
                    if to == x:
                        continue
                    # Every meeting that could end the chain is tried, not only the first to reach the slot:
                    # a fixed table, or the chain behind it, may stop one and not another.
                    givers = [FREE] if state.count[to] < instance.n_tables else self._spare_in(to)
                    for q in givers:
                        if (
                            busy[a][to] in (FREE, q)
                            and busy[b][to] in (FREE, q)
                            and self._shift(q, m, to, x, needs, pairs_in)
                        ):
                            return True
                    if to not in needs and busy[a][to] == FREE and busy[b][to] == FREE:
                        needs[to] = (m, x)
                        queue.append(to)
        return False

    def _shift(self, q: int, m: int, to: int, x: int, needs: dict, pairs_in: dict) -> bool:
        """Take q out of `to` (unless FREE), move m from x to `to` and on along `needs` back to the slot a
        pair asked for, and place the pair there; kept when more companies have a meeting."""
        state = self.state
        before = state.covered_companies()
        mark = len(state.journal)
        if q != FREE:
            state.remove(q)
        moves = [(m, to)]
        while needs[x] is not None:
            mover, source = needs[x]
            moves.append((mover, x))
            x = source
        for mover, slot in moves:
            state.remove(mover)
            if not state.fits(mover, slot):
                state.rollback(mark)
                return False
            state.place(mover, slot)
        pair = next((r for r in pairs_in[x] if state.fits(r, x)), None)
        if pair is not None:
            state.place(pair, x)
            if q != FREE:
                self._settle(q, 0)
            if state.covered_companies() > before:
                return True
        state.rollback(mark)
        return False

    def _open_requests(self, company: int) -> list[int]:
        state = self.state
        return sorted(
            (r for r in self.instance.requests_of[company] if state.slot_of[r] == FREE and self.options[r]),
            key=lambda r: (-self.weight[r], r),
        )

    def _augment(self, start: int, dead: set[int]) -> bool:
        """Cover `start` along the shortest augmenting path; True when covered (state changed)."""
        state = self.state
        sole = {start: FREE}  # the company's only meeting, which its predecessor on the path pushes out
        # company -> (predecessor, request, slot, the meeting taken out of that full slot for its table)
        step: dict[int, tuple[int, int, int, int]] = {}
        queue = deque([start])
        while queue:
            u = queue.popleft()
            for r in self._open_requests(u):
                for s in self.options[r]:
                    v, taken = self._would_uncover(r, s, u, sole[u], start)
                    if v == FREE:
                        return self._apply_path(step, u, r, s, taken)
                    if v != BLOCKED and v not in sole and v not in dead:
                        sole[v] = state.busy[v][state.slots_of[v][0]]
                        step[v] = (u, r, s, taken)
                        queue.append(v)
        dead.update(sole)
        return False

    def _would_uncover(self, r: int, s: int, u: int, leaving: int, start: int) -> tuple[int, int]:
        """Pushing r into s for company u: (FREE if the path gains a company with this step, the one company
        that would lose its only meeting, or BLOCKED; the meeting taken out of s for its table, or FREE).

        A full slot gives up its lightest meeting; when that would uncover two companies, another of its
        meetings that uncovers fewer (when tables are scarce, every meeting but a company's second one
        gives two companies their only meeting: the lightest is nearly never the one to take out).
        """
        state = self.state
        in_the_way = [b for b in state.blockers(r, s) if b != leaving]
        tables_taken = state.count[s] - len(in_the_way) - (state.slot_of[leaving] == s if leaving != FREE else 0)
        if tables_taken < self.instance.n_tables:
            return self._loser(r, in_the_way, start), FREE
        found, taken = BLOCKED, FREE
        lightest = state.lightest(s)
        if lightest not in (FREE, leaving) and lightest not in in_the_way:
            found, taken = self._loser(r, [*in_the_way, lightest], start), lightest
        if found != FREE:
            for q in self._spare_in(s):
                if q in (leaving, lightest) or q in in_the_way:
                    continue
                loser = self._loser(r, [*in_the_way, q], start)
                if loser == FREE:
                    return FREE, q
                if found == BLOCKED and loser != BLOCKED:
                    found, taken = loser, q
        return found, taken

    def _loser(self, r: int, removed: list[int], start: int) -> int:
        """FREE if taking out `removed` and placing r gains a company, the one company it uncovers, or
        BLOCKED. Placing r covers the path's company and also r's other side when that had no meeting,
        so that step may uncover one company and still gain."""
        state = self.state
        sides = (self.side_a[r], self.side_b[r])
        losers = set()
        for b in removed:
            if state.pinned[b]:
                return BLOCKED
            for p in (self.side_a[b], self.side_b[b]):
                if self.is_company[p] and state.meetings_of[p] == 1 and p not in sides:
                    losers.add(p)
        if len(losers) > 1:
            return BLOCKED
        if not losers:
            return FREE
        gains_another = any(
            p != start and self.is_company[p] and state.meetings_of[p] == 0 and self.coverable[p] for p in sides
        )
        return FREE if gains_another else losers.pop()

    def _spare_in(self, s: int) -> list[int]:
        """The movable meetings of slot s whose removal alone uncovers at most one company, fewest first,
        then lightest; worked out again only once the state has changed (searches that fail change
        nothing, and on "few tables" thousands of them ask)."""
        state = self.state
        if self._spare_at != state.changes:
            self._spare.clear()
            self._spare_at = state.changes
        spare = self._spare.get(s)
        if spare is None:
            meetings_of, is_company, weight = state.meetings_of, self.is_company, self.weight
            ranked = []
            for q in state.in_slot[s]:
                if state.pinned[q]:
                    continue
                a, b = self.side_a[q], self.side_b[q]
                alone = (is_company[a] and meetings_of[a] == 1) + (is_company[b] and meetings_of[b] == 1)
                if alone <= 1:
                    ranked.append((alone, weight[q], q))
            spare = self._spare[s] = [q for _, _, q in sorted(ranked)]
        return spare

    def _apply_path(self, step: dict, last: int, r: int, s: int, taken: int) -> bool:
        state = self.state
        path = [(r, s, taken)]
        company = last
        while company in step:
            company, request, slot, out = step[company]
            path.append((request, slot, out))
        before = state.covered_companies()
        mark = len(state.journal)
        ejected = []
        for request, slot, out in reversed(path):
            pushed = self._push_in(request, slot, out)
            if pushed is None:
                state.rollback(mark)
                return False
            ejected.extend(pushed)
        for b in ejected:
            if state.slot_of[b] == FREE:
                self._settle(b, 0)
        if state.covered_companies() > before:
            return True
        state.rollback(mark)
        return False

    # Placement and weight.

    def place_in_order(self, candidates) -> None:
        """Place each (request, slot) that still fits, in the order given."""
        state = self.state
        for r, s in candidates:
            if state.slot_of[r] == FREE and state.fits(r, s):
                state.place(r, s)
        state.journal.clear()

    def place_greedily(self, requests, preference) -> int:
        """Place each request, in order, in its fitting slot that `preference(r, s)` ranks lowest, or
        by relocating what blocks it; how many were placed."""
        state = self.state
        placed = 0
        for r in requests:
            if state.slot_of[r] != FREE:
                continue
            fitting = [s for s in self.options[r] if state.fits(r, s)]
            if fitting:
                state.place(r, min(fitting, key=lambda s: (preference(r, s), s)))
                placed += 1
            elif self._settle(r, 1):
                placed += 1
        state.journal.clear()
        return placed

    def improve_weight(self, passes: int, on_pass=None) -> None:
        """Insert unplaced requests, heaviest first, whenever that gains weight; until a pass finds nothing."""
        state = self.state
        order = sorted(
            (r for r in range(self.instance.n_requests) if self.options[r]), key=lambda r: (-self.weight[r], r)
        )
        for number in range(passes):
            improved = False
            for r in order:
                if state.slot_of[r] != FREE:
                    continue
                if self._settle(r, 1) or self._insert_if_it_pays(r):
                    improved = True
                state.journal.clear()
            if on_pass:
                on_pass(number + 1, passes)
            if not improved:
                break
