"""Calendar invitations (iTIP over email) and reminders, kept in step with what people attend.

Whatever changes what people attend (publishing a schedule, confirming or cancelling a registration)
calls sync() with the entries of one scope as they now are. A new entry is a REQUEST; a changed one
a REQUEST with the same UID and the SEQUENCE raised by one, so calendars replace it in place; one
that dropped out, or a person who did, a CANCEL. Reminders are outbox rows due before the start:
written with each REQUEST, cancelled with each change and each CANCEL, so a moved meeting's
reminders move with it and a cancelled one's never go. All of it is written in the caller's
transaction: a change that rolls back sends nothing.
"""

import hashlib
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db import transaction
from django.utils import timezone

from events.agenda import messages
from events.agenda.messages import REMINDER_KIND, reminder_reference
from events.agenda.models import Invitation
from events.notifications.services import cancel_pending, enqueue_emails


@dataclass(frozen=True)
class Invitee:
    email: str
    name: str
    language: str
    # What this person's calendar calls the entry ("Meeting with Acme" on one side, with the delegate
    # on the other) and whom they meet, if anyone.
    title: str
    counterpart: str = ""


@dataclass(frozen=True)
class Entry:
    """One meeting or session as it now stands, and the people it is in the calendar of."""

    uid: str
    kind: str  # "meeting" or "session"
    starts_at: datetime
    ends_at: datetime
    zone: str
    location: str
    mission: str
    details: str
    invitees: tuple[Invitee, ...]
    reminder_minutes: tuple[int, ...] = ()
    # False: keep the entry's reminders, but mail no invitation, update or cancellation for it.
    invite: bool = True

    def fingerprint(self, invitee: Invitee) -> str:
        what = "|".join((self.starts_at.isoformat(), self.ends_at.isoformat(), self.zone, self.location, invitee.title))
        return hashlib.sha256(what.encode()).hexdigest()


@transaction.atomic
def sync(scope: str, entries: list[Entry], *, now=None) -> dict[str, int]:
    """Send what changed in `scope` since the last sync; returns how many requests and cancels were written."""
    now = now or timezone.now()
    locked = Invitation.objects.select_for_update()
    existing = {(i.uid, i.email): i for i in locked.filter(scope=scope)}
    # The same person invited to the same entry from another scope (attending a session for two
    # companies): one calendar entry, so one invitation, which this scope takes over.
    elsewhere = {
        (i.uid, i.email): i for i in locked.filter(uid__in={entry.uid for entry in entries}).exclude(scope=scope)
    }
    requests, seen = [], set()
    for entry in entries:
        for invitee in entry.invitees:
            key = (entry.uid, invitee.email.lower())
            if key in seen:
                continue
            seen.add(key)
            invitation = existing.get(key) or elsewhere.get(key)
            fingerprint = entry.fingerprint(invitee)
            if invitation is not None and not invitation.cancelled and invitation.fingerprint == fingerprint:
                continue
            requests.append((entry, invitee, _updated(invitation, scope, entry, invitee, fingerprint)))
    dropped = [i for key, i in existing.items() if key not in seen and not i.cancelled]
    for invitation in dropped:
        invitation.sequence += 1
        invitation.cancelled = True
    _save(requests, dropped)

    emails = []
    for entry, invitee, invitation in requests:
        if invitation.sequence > 0:
            cancel_pending(kind=REMINDER_KIND, reference=reminder_reference(invitation))
        if entry.invite:
            emails.append((messages.invitation_email(entry, invitee, invitation, now=now), None))
        emails += _reminders(entry, invitee, invitation, now)
    for invitation in dropped:
        cancel_pending(kind=REMINDER_KIND, reference=reminder_reference(invitation))
        if invitation.mailed:
            emails.append((messages.cancellation_email(invitation, now=now), None))
    enqueue_emails(emails)
    return {"requests": len(requests), "cancellations": len(dropped)}


def _updated(invitation, scope, entry, invitee, fingerprint) -> Invitation:
    if invitation is None:
        invitation = Invitation(uid=entry.uid, scope=scope, email=invitee.email.lower())
    else:
        invitation.sequence += 1
        if invitation.cancelled or invitation.starts_at != entry.starts_at:
            # A new time is a new question: an earlier yes does not hold for it.
            invitation.answer, invitation.answered_at = Invitation.Answer.NEEDS_ACTION, None
        invitation.cancelled = False
    invitation.scope = scope
    # Once mailed, a later change or cancellation is mailed too, so no calendar keeps a stale entry.
    invitation.mailed = entry.invite or (invitation.pk is not None and invitation.mailed)
    invitation.name, invitation.language = invitee.name, invitee.language
    invitation.fingerprint = fingerprint
    invitation.title, invitation.location = invitee.title[:250], entry.location[:300]
    invitation.starts_at, invitation.ends_at, invitation.zone = entry.starts_at, entry.ends_at, entry.zone
    return invitation


def _save(requests, dropped) -> None:
    new = [invitation for _, _, invitation in requests if invitation.pk is None]
    changed = [invitation for _, _, invitation in requests if invitation.pk is not None] + dropped
    Invitation.objects.bulk_create(new)
    Invitation.objects.bulk_update(
        changed,
        [
            "sequence",
            "cancelled",
            "mailed",
            "answer",
            "answered_at",
            "scope",
            "name",
            "language",
            "fingerprint",
            "title",
            "location",
            "starts_at",
            "ends_at",
            "zone",
        ],
        batch_size=500,
    )


def _reminders(entry, invitee, invitation, now) -> list:
    reminders = []
    for minutes in entry.reminder_minutes:
        due_at = entry.starts_at - timedelta(minutes=minutes)
        if due_at > now:  # a reminder whose time has passed would only arrive late
            reminders.append((messages.reminder_email(entry, invitee, invitation, minutes), due_at))
    return reminders
