"""What the domain apps announce, so that the apps built on them (the agenda) can follow.

A lower app never calls a higher one (DESIGN.md): missions, registrations and meetings send
`attendance_changed` and the agenda, which listens in `events/agenda/receivers.py`, works out again
what each affected person's calendar should hold and sends the difference.

The signal is sent inside the sender's transaction, not on commit, on purpose: the invitations
and reminders it leads to are outbox rows that must commit or roll back with the change itself
(DESIGN.md, "every notification is a row first"). Sent after commit, a crash between the two
commits would lose the update, and the person's calendar would silently stay wrong.

Arguments (keywords):
    sessions: ids of sessions whose time, place, title, programme or meetings changed, or that
        were removed: everyone who attends them, or did, is brought up to date.
    people: email addresses of people whose own attendance changed (a registration confirmed or
        cancelled, a seat in a delegation given or taken), including addresses that no longer
        appear anywhere (a delegate removed, an address changed).
"""

from contextlib import contextmanager
from contextvars import ContextVar

from django.dispatch import Signal

attendance_changed = Signal()

# Inside announcements_batched(): what has been announced so far, to be sent once at the end.
_batch: ContextVar[tuple[set, set] | None] = ContextVar("attendance_batch", default=None)


def announce_attendance_changed(sender, *, sessions=(), people=()) -> None:
    sessions, people = set(sessions), {email.lower() for email in people if email}
    batch = _batch.get()
    if batch is not None:
        batch[0].update(sessions)
        batch[1].update(people)
    elif sessions or people:
        attendance_changed.send(sender=sender, sessions=sorted(sessions), people=sorted(people))


@contextmanager
def announcements_batched(sender):
    """Gather what the operations inside announce and send it once at the end (nothing if they raise).

    For work that changes many rows in one go (a tz data upgrade moving a session and its slots):
    each person is then brought up to date once, with one message, not once per row.
    """
    batch = (set(), set())
    token = _batch.set(batch)
    try:
        yield
    finally:
        _batch.reset(token)
    if batch[0] or batch[1]:
        attendance_changed.send(sender=sender, sessions=sorted(batch[0]), people=sorted(batch[1]))
