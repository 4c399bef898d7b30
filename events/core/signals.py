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

from django.conf import settings
from django.db import transaction
from django.dispatch import Signal

from events.core.wake import wake

FOLLOW_TASK = "events.core.follow_announcements"
SWEEP_TASK = "events.core.sweep_announcements"

attendance_changed = Signal()

# A person's address moved from `old` to `new` in `missions` (ids): an attendee's corrected address, a delegate's new
# one (on the roster or on their account). Sent inside the sender's transaction, as attendance_changed. The apps that
# keep a person's records by their address in a mission (badges and check-ins, attendance marks, certificates) move
# them: a corrected address had lost the person their badge and arrival, and earned them a second certificate.
address_moved = Signal()

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


def announce_address_moved(sender, *, missions, old, new) -> None:
    """Send address_moved for a real move (addresses compared in lower case, as people are keyed)."""
    old, new = (old or "").lower(), (new or "").lower()
    if old and new and old != new and missions:
        address_moved.send(sender=sender, missions=sorted(set(missions)), old=old, new=new)


@contextmanager
def announcements_batched(sender):
    """Gather what the operations inside announce and send it once at the end (nothing if they raise).

    For work that changes many rows in one go (a tz data upgrade moving a session and its slots):
    each person is then brought up to date once, with one message, not once per row. Inside another
    batch, what is announced goes out with that one.
    """
    if _batch.get() is not None:
        yield
        return
    batch = (set(), set())
    token = _batch.set(batch)
    try:
        yield
    finally:
        _batch.reset(token)
    if batch[0] or batch[1]:
        attendance_changed.send(sender=sender, sessions=sorted(batch[0]), people=sorted(batch[1]))


@contextmanager
def announcements_left_to_worker():
    """Gather what the operations inside announce, write it as one PendingAnnouncement row in the caller's
    transaction, and leave following it (the calendars, their invitations and reminders) to a worker.

    For a transaction that holds a hot lock: a registration holds its session's row lock only while it
    decides the seat, not while every attendee's calendar is worked out and rendered. The change and
    its announcement still commit or roll back together; the worker follows it after commit (within
    about a second, or within the sweep's 10 s if the broker was down). Where tasks run in-process
    (the embedded default, the tests) it is followed at the end of the block, as before.
    """
    from events.core.models import PendingAnnouncement

    batch = (set(), set())
    token = _batch.set(batch)
    try:
        yield
    finally:
        _batch.reset(token)
    if not (batch[0] or batch[1]):
        return
    announcement = PendingAnnouncement.objects.create(sessions=sorted(batch[0]), people=sorted(batch[1]))
    if settings.CELERY_TASK_ALWAYS_EAGER:
        follow_announcements([announcement.pk])
    else:
        # Woken once for every request that commits within a second (events.core.wake): in a rush, one
        # task follows the announcements of many registrations together.
        transaction.on_commit(lambda: wake(SWEEP_TASK))


def follow_announcements(pks=None) -> int:
    """Send `attendance_changed` for pending announcements (these ids, or all of them) and delete them.

    One transaction: the rows are locked (a row another worker follows is skipped), what they name is
    announced once for all of them, and they are deleted with what the listeners wrote. Listeners
    work out the present state again, so following an announcement twice, or late, changes nothing
    more. Returns how many rows were followed.
    """
    from events.core.models import PendingAnnouncement

    with transaction.atomic():
        pending = PendingAnnouncement.objects.select_for_update(skip_locked=True).order_by("pk")
        if pks is not None:
            pending = pending.filter(pk__in=pks)
        rows = list(pending[:FOLLOW_BATCH])
        if not rows:
            return 0
        sessions = {session for row in rows for session in row.sessions}
        people = {person for row in rows for person in row.people}
        attendance_changed.send(sender=PendingAnnouncement, sessions=sorted(sessions), people=sorted(people))
        PendingAnnouncement.objects.filter(pk__in=[row.pk for row in rows]).delete()
    return len(rows)


# Announcements one sweep follows together: people at a burst's session are brought up to date in one go.
FOLLOW_BATCH = 200


def sweep_announcements() -> int:
    """Follow every pending announcement (run by Celery beat); returns how many."""
    total = 0
    while followed := follow_announcements():
        total += followed
    return total
