"""Concrete table ids for the meetings of a finished state.

The search only kept counts (meetings per slot <= tables, one meeting per fixed table per slot), which is
enough: fixed-table and pinned meetings take their own tables, which are distinct, and the rest take what
is left. Tables nobody is fixed to are handed out first, so a delegate's own table is lent to others only
when the room is full; and a person who just met at a table keeps it for their next meeting if it is free,
so fewer people walk around the room. Before all that, a meeting in its published slot takes its
published table back if it is free (keeping.py: published meetings move as little as they can).
"""

from events.meetings.scheduling.instance import NO_TABLE
from events.meetings.scheduling.state import State


def assign_tables(state: State) -> dict[int, int]:
    """Table index per placed request."""
    instance = state.instance
    someone_fixed = {t for t in instance.fixed_table if t != NO_TABLE}
    preference = sorted(range(instance.n_tables), key=lambda t: (t in someone_fixed, t))
    table_of: dict[int, int] = {}
    last_table = [NO_TABLE] * instance.n_participants
    for s in range(instance.n_slots):
        meetings = sorted(state.in_slot[s])
        taken = set()
        floating = []
        for r in meetings:
            table = state.pin_table.get(r, instance.request_table[r])
            if table == NO_TABLE:
                floating.append(r)
            else:
                table_of[r] = table
                taken.add(table)
        free = [t for t in preference if t not in taken]
        free_set = set(free)
        for r in floating:
            published = instance.published.get(r)
            if published is not None and published[0] == s and published[1] in free_set:
                free_set.discard(published[1])
                table_of[r] = published[1]
        floating = [r for r in floating if r not in table_of]
        for r in floating:
            a, b = instance.side_a[r], instance.side_b[r]
            table = next((t for t in (last_table[a], last_table[b]) if t in free_set and t not in someone_fixed), None)
            if table is None:
                table = next(t for t in free if t in free_set)
            free_set.discard(table)
            table_of[r] = table
        for r in meetings:
            last_table[instance.side_a[r]] = last_table[instance.side_b[r]] = table_of[r]
    return table_of
