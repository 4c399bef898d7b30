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

from django.dispatch import Signal

attendance_changed = Signal()


def announce_attendance_changed(sender, *, sessions=(), people=()) -> None:
    sessions, people = sorted(set(sessions)), sorted({email.lower() for email in people if email})
    if sessions or people:
        attendance_changed.send(sender=sender, sessions=sessions, people=people)
