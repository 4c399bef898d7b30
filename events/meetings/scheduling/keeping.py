"""The third aim, after coverage and weight: move as few published meetings as possible.

When an organiser re-optimises a published schedule, every meeting that changes slot or table mails
both its people an update, and every one dropped a cancellation. First, published meetings the plan
left out come back in place of meetings that weigh no more (bring_published_back). Then, the plan's
set of meetings decides coverage and weight; where they sit does not. So, with the set fixed, each
published meeting that ended elsewhere goes back to its published slot when that slot has room for
it, or by swapping places with a meeting that blocks it and fits where it was, if that blocker is
not itself back home. Idle time comes after this aim: gaps
are then closed around the meetings at home, which hold their places meanwhile (held_in_place).

Tables are the last step (tables.py): a meeting back in its published slot gets its published table
when that table is free there.
"""

from contextlib import contextmanager

from events.meetings.scheduling.state import FREE, State

PASSES = 4


def bring_published_back(state: State) -> int:
    """Put back published meetings the plan left out, each in place of one meeting that weighs no more
    and is not published, as long as no company loses its only meeting; returns how many came back.

    The weight aim often has many equal optima (requests of equal weight): this picks, among them,
    the ones that keep what people already hold. Weight never drops and coverage never does.
    """
    instance = state.instance
    published = instance.published
    back = 0
    for r in sorted(published):
        if state.slot_of[r] != FREE:
            continue
        home_slot = published[r][0]
        for s in (home_slot, *(x for x in instance.options[r] if x != home_slot)):
            if _replace_into(state, r, s, published):
                back += 1
                break
    return back


def _replace_into(state: State, r: int, s: int, published: dict) -> bool:
    instance = state.instance
    if state.fits(r, s):
        state.place(r, s)
        return True
    blockers = state.blockers(r, s)
    if len(blockers) != 1 or state.count[s] > instance.n_tables:
        return False
    (q,) = blockers
    if state.pinned[q] or q in published or instance.weight[q] > instance.weight[r]:
        return False
    sides_r = (instance.side_a[r], instance.side_b[r])
    for c in (instance.side_a[q], instance.side_b[q]):
        if instance.is_company[c] and state.meetings_of[c] == 1 and c not in sides_r:
            return False  # c would lose its only meeting
    mark = len(state.journal)
    state.remove(q)
    if not state.fits(r, s):
        state.rollback(mark)
        return False
    state.place(r, s)
    # The meeting that made room may still fit elsewhere: then nothing at all is lost.
    for x in instance.options[q]:
        if state.fits(q, x):
            state.place(q, x)
            break
    return True


def take_published_home(state: State) -> list[int]:
    """Move published meetings back to their published slots where the plan allows; returns those at home."""
    home = {r: s for r, (s, _t) in state.instance.published.items()}
    for _pass in range(PASSES):
        moved_now = 0
        for r in sorted(home):
            s = home[r]
            where = state.slot_of[r]
            if where in (FREE, s) or state.pinned[r]:
                continue
            if _go_home(state, r, s, where, home):
                moved_now += 1
        if not moved_now:
            break
    return [r for r, s in sorted(home.items()) if state.slot_of[r] == s and not state.pinned[r]]


@contextmanager
def held_in_place(state: State, requests):
    """The meetings of `requests` count as pinned inside the block (for the idle-gap moves that follow)."""
    for r in requests:
        state.pinned[r] = True
    try:
        yield
    finally:
        for r in requests:
            state.pinned[r] = False


def _go_home(state: State, r: int, home_slot: int, where: int, home: dict) -> bool:
    mark = len(state.journal)
    state.remove(r)
    if state.fits(r, home_slot):
        state.place(r, home_slot)
        return True
    blockers = state.blockers(r, home_slot)
    state.rollback(mark)
    # One meeting in the way, movable, not at its own home, and it fits where r was: swap them.
    if len(blockers) != 1:
        return False
    (other,) = blockers
    if state.pinned[other] or home.get(other) == home_slot or where not in state.instance.options[other]:
        return False
    return state.trade(r, home_slot, other, where)
