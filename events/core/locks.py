"""Transaction-level advisory locks on keys that have no row to lock yet (a person, a person at a session)."""

from django.db import connection


def hold_keys(namespace: int, keys) -> None:
    """Hold PostgreSQL's transaction-level advisory lock on each of `keys` (texts) until the transaction ends.

    `namespace` is the lock's first key, a number of the caller's own, so no other lock shares it; each text
    is hashed into the second. Taken in key order, so two transactions over overlapping keys queue instead of
    deadlocking. A row could be locked instead only once it exists: two transactions would both find none and
    both insert. SQLite serialises writers anyway: nothing to do there.
    """
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT pg_advisory_xact_lock(%s, hashtext(key)) FROM unnest(%s::text[]) AS key ORDER BY key",
            [namespace, sorted(keys)],
        )
