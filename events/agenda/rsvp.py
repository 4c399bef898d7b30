"""Answering an invitation from the email: a signed link per answer, valid for the version it was sent with."""

from dataclasses import dataclass
from datetime import timedelta

from django.core import signing
from django.db import transaction
from django.utils import timezone

from events.agenda.models import Invitation
from events.notifications.services import enqueue_emails

RSVP_SALT = "agenda.rsvp"
ANSWERS = (Invitation.Answer.ACCEPTED, Invitation.Answer.DECLINED)


def rsvp_token(invitation, answer: str) -> str:
    return signing.dumps({"i": invitation.pk, "s": invitation.sequence, "a": answer}, salt=RSVP_SALT, compress=True)


@dataclass(frozen=True)
class Rsvp:
    invitation: Invitation
    answer: str
    sequence: int

    @property
    def current(self) -> bool:
        """False when the entry changed or was cancelled after this link was sent."""
        return not self.invitation.cancelled and self.invitation.sequence == self.sequence


def read_rsvp(token: str, *, max_age=timedelta(days=120)) -> Rsvp | None:
    """The invitation and answer a signed link stands for, or None for a forged or expired one."""
    try:
        data = signing.loads(token, salt=RSVP_SALT, max_age=max_age)
    except signing.BadSignature:
        return None
    answer = data.get("a")
    invitation = Invitation.objects.filter(pk=data.get("i")).first()
    if answer not in ANSWERS or invitation is None or not isinstance(data.get("s"), int):
        return None
    return Rsvp(invitation, answer, data["s"])


@transaction.atomic
def record_answer(rsvp: Rsvp, *, now=None) -> Invitation:
    """Record the answer of a signed link; a link to a changed or cancelled entry records nothing.

    A meeting newly declined is said to the other people it was sent to (both sides of the table, the
    decliner's colleagues too), once: the organisers see it on their board, the others must not learn it
    by waiting at an empty table. A decline taken back (a yes after it) is said to them too: told of the
    decline, they heard nothing more and kept believing the meeting off.
    """
    invitation = Invitation.objects.select_for_update().get(pk=rsvp.invitation.pk)
    if Rsvp(invitation, rsvp.answer, rsvp.sequence).current:
        declined = Invitation.Answer.DECLINED
        newly_declined = rsvp.answer == declined != invitation.answer
        taken_back = invitation.answer == declined and rsvp.answer == Invitation.Answer.ACCEPTED
        invitation.answer = rsvp.answer
        invitation.answered_at = now or timezone.now()
        invitation.save(update_fields=["answer", "answered_at", "updated_at"])
        if newly_declined or taken_back:
            _tell_the_others(invitation)
    return invitation


def _tell_the_others(answered) -> None:
    """The others of a meeting are told its person declined it, or will attend after all (their answer now)."""
    # Imported here: the messages sign their answer links with this module (rsvp_token).
    from events.agenda.contents import is_meeting_uid
    from events.agenda.messages import declined_email

    if not is_meeting_uid(answered.uid):
        return  # a session's attendees each answer for themselves
    others = Invitation.objects.filter(uid=answered.uid, cancelled=False, mailed=True).exclude(email=answered.email)
    enqueue_emails([(declined_email(other, by=answered), None) for other in others.order_by("pk")])
