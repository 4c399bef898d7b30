"""Calendar invitations (iTIP over email) and reminders, kept in step with what people attend.

Whatever changes what people attend (a schedule published, a registration confirmed or cancelled, a
session moved, a stop renamed, a delegate added) ends in sync_people() for the people it touches.
For each of them it asks events.agenda.contents what their calendar should hold now, across all
their roles, and sends the difference from what they were last sent (the Invitation rows): a new
entry is a REQUEST; a changed one a REQUEST with the same UID and the entry's own SEQUENCE, so
calendars replace it in place; one they should no longer hold a CANCEL. Reminders are outbox rows
due before the start: written with each REQUEST, cancelled with each change and each CANCEL, so a
moved meeting's reminders move with it and a cancelled one's never go. All of it is written in the
caller's transaction: a change that rolls back sends nothing. Running it again changes nothing.
"""

import hashlib
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.db import transaction
from django.utils import timezone

from events.agenda import messages
from events.agenda.messages import REMINDER_KIND, reminder_reference
from events.agenda.models import Invitation, MovedAddress
from events.core.locks import hold_keys
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
    # The title in every language of the site ((code, title) pairs): what was sent in another language is
    # compared in that language, so that a new language alone is no change (Entry.fingerprint).
    titles: tuple[tuple[str, str], ...] = ()

    def title_in(self, language: str) -> str:
        return dict(self.titles).get(language, self.title)


@dataclass(frozen=True)
class Entry:
    """One meeting or session as it now stands, and the people it is in the calendar of.

    `sequence` and `revised_at` are the entry's revision (SEQUENCE, LAST-MODIFIED), read from the
    session or meeting itself, so the feed, the download and every invitation carry the same ones; an
    invitation adds the revisions its person alone was sent (Invitation.own_revisions: a cancellation,
    an invitation again after one), so that the person's calendar takes each message as newer.
    """

    uid: str
    scope: str  # what the entry belongs to (session-<id>), so it can be found after the session is gone
    topic: str  # whose mail it is (mission:<id>)
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
    sequence: int = 0
    revised_at: datetime | None = None

    def fingerprint(self, invitee: Invitee, language: str = "") -> str:
        """What the person's calendar shows of the entry, as sent in `language` (by default theirs now)."""
        what = "|".join(
            (
                self.starts_at.isoformat(),
                self.ends_at.isoformat(),
                self.zone,
                self.location,
                invitee.title_in(language or invitee.language),
                str(self.sequence),
            )
        )
        return hashlib.sha256(what.encode()).hexdigest()


@dataclass
class _Difference:
    """What to send so that people's calendars hold what they should: the result of comparing."""

    requests: list = field(default_factory=list)  # (entry, invitee, is an update, invitation)
    reminded: list = field(default_factory=list)  # (entry, invitee, invitation): new reminders only
    dropped: list = field(default_factory=list)  # invitations to cancel


@transaction.atomic
def sync_people(emails, *, now=None) -> dict[str, int]:
    """Bring each person's calendar to what it should hold; returns how many requests and cancels were written.

    Takes each person's lock (lock_people, in address order, so two syncs of overlapping people queue
    rather than deadlock). A person's mail is written once per change, whatever number of roles led to it.
    """
    from events.agenda.contents import calendar_entries_for

    now = now or timezone.now()
    emails = sorted({email.lower() for email in emails if email})
    if not emails:
        return {"requests": 0, "cancellations": 0}
    lock_people(emails)
    # Row locks too: an answer recorded from an RSVP link meanwhile must not be written over.
    sent = Invitation.objects.select_for_update().filter(email__in=emails).order_by("pk")
    difference = _compare(calendar_entries_for(emails), {(i.uid, i.email): i for i in sent}, now)
    _carry_answers(difference.requests)
    _save(difference.requests, difference.dropped + [invitation for *_, invitation in difference.reminded])
    _send(difference, now)
    return {"requests": len(difference.requests), "cancellations": len(difference.dropped)}


# The first key of our advisory locks on people: a number of our own, so no other lock shares it.
PERSON_LOCK = 90_001


def lock_people(emails) -> None:
    """Serialise the syncs of each person until the end of the transaction, in address order.

    A person's Invitation rows could be locked, but a person with none yet has nothing to lock: two
    syncs would both find nothing and both insert the same entry (core.locks.hold_keys).
    """
    hold_keys(PERSON_LOCK, emails)


def _compare(held, existing, now) -> _Difference:
    difference = _Difference()
    for email, entries in held.items():
        for uid, (entry, invitee) in entries.items():
            if entry.ends_at <= now:
                # Over: the calendar keeps the entry as it was sent. An update of it (a stop's zone corrected after
                # a training sent 42 "Will you attend?") or a first invitation to it would only be noise.
                continue
            invitation = existing.get((uid, email))
            fingerprint = entry.fingerprint(invitee)
            holds_it = invitation is not None and not invitation.cancelled
            delivered = holds_it and invitation.delivery != Invitation.Delivery.FAILED
            # Compared in the language it was sent in: a person's new language is no change to the entry.
            unchanged = delivered and invitation.fingerprint == entry.fingerprint(invitee, invitation.language)
            if unchanged and (invitation.mailed or not entry.invite):
                if (invitation.reminder_minutes, invitation.language) != (
                    list(entry.reminder_minutes),
                    invitee.language,
                ):
                    # The same entry: no mail, but the reminders to come are written again, in the language
                    # and at the times it has now, and the next message about it speaks that language.
                    invitation.reminder_minutes = list(entry.reminder_minutes)
                    invitation.language, invitation.fingerprint = invitee.language, fingerprint
                    invitation.title = invitee.title[:250]
                    difference.reminded.append((entry, invitee, invitation))
                continue
            # An update only for whom holds the entry already; a first invitation may well carry SEQUENCE 3.
            update = delivered and invitation.mailed
            difference.requests.append((entry, invitee, update, _updated(invitation, entry, invitee, fingerprint, now)))
    for (uid, email), invitation in existing.items():
        if uid not in held.get(email, {}) and not invitation.cancelled:
            if invitation.ends_at is not None and invitation.ends_at <= now:
                continue  # over, as above: what happened stays in the calendar
            invitation.cancelled, invitation.fingerprint = True, ""
            invitation.stamped_at = _next_stamp(invitation, now)
            difference.dropped.append(invitation)
    return difference


def _carry_answers(requests) -> None:
    """A first invitation at an address its person moved to (MovedAddress) holds the answer they gave at an earlier
    address to the same entry at the same time: they answered; only their address changed. A new time is a new
    question (_updated). Two queries, whatever the number of people."""
    first = {(invitation.uid, invitation.email): invitation for *_, invitation in requests if invitation.pk is None}
    if not first:
        return
    earlier = defaultdict(set)  # new address -> every address it moved from, over several moves too
    moves = MovedAddress.objects.filter(new__in={email for _uid, email in first}).values_list("new", "old")
    for new, old in moves:
        earlier[new].add(old)
    if not earlier:
        return
    answers = (
        Invitation.objects.filter(uid__in={uid for uid, _email in first}, email__in=set().union(*earlier.values()))
        .exclude(answer=Invitation.Answer.NEEDS_ACTION)
        .order_by("answered_at")
        .values_list("uid", "email", "starts_at", "answer", "answered_at")
    )
    for uid, old, starts_at, answer, answered_at in answers:  # the latest answer last, so it holds
        for (entry_uid, email), invitation in first.items():
            if entry_uid == uid and old in earlier[email] and invitation.starts_at == starts_at:
                invitation.answer, invitation.answered_at = answer, answered_at


def _send(difference, now) -> None:
    """Write the mail and the reminders of a difference to the outbox, replacing pending reminders."""
    touched = [invitation for *_, invitation in (*difference.reminded, *difference.requests)] + difference.dropped
    cancel_pending(kind=REMINDER_KIND, references=[reminder_reference(invitation) for invitation in touched])
    emails, mailed = [], []
    for entry, invitee, invitation in difference.reminded:
        emails += _reminders(entry, invitee, invitation, now)
    for entry, invitee, update, invitation in difference.requests:
        if invitation.mailed:
            message = messages.invitation_email(entry, invitee, invitation, update=update, now=invitation.stamped_at)
            emails.append((message, None))
            mailed.append(invitation)
        emails += _reminders(entry, invitee, invitation, now)
    told = [invitation for invitation in difference.dropped if invitation.mailed]
    going_on = _going_on({invitation.uid for invitation in told})
    for invitation in told:
        message = messages.cancellation_email(invitation, now=invitation.stamped_at, goes_on=invitation.uid in going_on)
        emails.append((message, None))
        mailed.append(invitation)
    _track_delivery(mailed, enqueue_emails(emails))


def _going_on(uids) -> set[str]:
    """Of the dropped entries' `uids`, those whose event still takes place (contents.entries_going_on)."""
    from events.agenda.contents import entries_going_on

    return entries_going_on(uids) if uids else set()


def _track_delivery(invitations, rows) -> None:
    """Each invitation waits for its newest message: only the provider's acceptance makes it up to date."""
    by_reference = {row.reference: row.pk for row in rows if row.kind.startswith("invitation.")}
    for invitation in invitations:
        invitation.last_message_id = by_reference[f"invitation:{invitation.pk}"]
        invitation.delivery = Invitation.Delivery.PENDING
    Invitation.objects.bulk_update(invitations, ["last_message_id", "delivery"], batch_size=500)


def record_delivery(row, *, delivered: bool) -> int:
    """The outbox's word on a message: the invitation it was the newest message of is sent, or failed."""
    delivery = Invitation.Delivery.SENT if delivered else Invitation.Delivery.FAILED
    return Invitation.objects.filter(last_message_id=row.pk).update(delivery=delivery)


def _next_stamp(invitation, now) -> datetime:
    """DTSTAMP for the next message about an entry: strictly after the last, so clients order equal SEQUENCEs.

    RFC 5546 section 2.1.5: with equal SEQUENCE, the message with the later DTSTAMP wins. Calendars
    read it to the second.
    """
    stamp = now.replace(microsecond=0)
    if invitation.stamped_at is not None and stamp <= invitation.stamped_at:
        stamp = invitation.stamped_at + timedelta(seconds=1)
    return stamp


def _updated(invitation, entry, invitee, fingerprint, now) -> Invitation:
    if invitation is None:
        invitation = Invitation(uid=entry.uid, email=invitee.email.lower())
    else:
        if invitation.cancelled or invitation.starts_at != entry.starts_at:
            # A new time is a new question: an earlier yes does not hold for it.
            invitation.answer, invitation.answered_at = Invitation.Answer.NEEDS_ACTION, None
        _newer_than_held(invitation, entry)
    invitation.cancelled = False
    invitation.scope, invitation.topic = entry.scope, entry.topic
    invitation.sequence = entry.sequence + invitation.own_revisions
    invitation.stamped_at = _next_stamp(invitation, now)
    # Once mailed, a later change or cancellation is mailed too, so no calendar keeps a stale entry.
    invitation.mailed = entry.invite or (invitation.pk is not None and invitation.mailed)
    invitation.name, invitation.language = invitee.name, invitee.language
    invitation.fingerprint = fingerprint
    invitation.title, invitation.location = invitee.title[:250], entry.location[:300]
    invitation.starts_at, invitation.ends_at, invitation.zone = entry.starts_at, entry.ends_at, entry.zone
    invitation.revised_at = entry.revised_at
    invitation.reminder_minutes = list(entry.reminder_minutes)
    return invitation


def _newer_than_held(invitation, entry) -> None:
    """Raise the person's own revisions of an entry so that what is sent now carries a SEQUENCE above the last one
    sent about it, whatever that was: calendars ignore a REQUEST older than what they hold (RFC 5546 section
    2.1.5), a cancellation included.

    The entry's own revision may be below it: a meeting cancelled after two moves (CANCEL at 2) and booked
    again is a new row of the same UID, at 0; invited again after a cancellation, an entry that did not
    change is no newer than the CANCEL; the other side of a meeting renamed changes what this person sees but
    not the entry's revision. Each was a special case once; the rule is one.
    """
    invitation.own_revisions = max(invitation.own_revisions, invitation.sequence + 1 - entry.sequence)


def _save(requests, dropped) -> None:
    new = [invitation for *_, invitation in requests if invitation.pk is None]
    changed = [invitation for *_, invitation in requests if invitation.pk is not None] + dropped
    Invitation.objects.bulk_create(new)
    Invitation.objects.bulk_update(
        changed,
        [
            "sequence",
            "own_revisions",
            "stamped_at",
            "revised_at",
            "cancelled",
            "mailed",
            "answer",
            "answered_at",
            "scope",
            "topic",
            "name",
            "language",
            "fingerprint",
            "reminder_minutes",
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
