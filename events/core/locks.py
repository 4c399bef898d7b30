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


# The first key of the locks on a person's roles in a mission (agenda's PERSON_LOCK is 90_001, registrations'
# ATTENDANCE_LOCK 90_002).
MISSION_ROLES = 90_003


def hold_mission_roles(mission_id: int, addresses) -> None:
    """Hold the lock on each (mission, address): taken by whoever makes a person a delegate of the mission and by
    whoever names them a company's attendee at one of its B2B meeting sessions, each before reading the other's
    rows. A person is one or the other, never both (they would sit on both sides of a meeting); without a shared
    lock, two transactions at once each found the other's row missing and both wrote theirs."""
    hold_keys(MISSION_ROLES, [f"{mission_id}:{address.lower()}" for address in addresses if address])
