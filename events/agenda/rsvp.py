"""Answering an invitation from the email: a signed link per answer, valid for the version it was sent with."""

from dataclasses import dataclass
from datetime import timedelta

from django.core import signing
from django.db import transaction
from django.utils import timezone

from events.agenda.models import Invitation

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
    """Record the answer of a signed link; a link to a changed or cancelled entry records nothing."""
    invitation = Invitation.objects.select_for_update().get(pk=rsvp.invitation.pk)
    if Rsvp(invitation, rsvp.answer, rsvp.sequence).current:
        invitation.answer = rsvp.answer
        invitation.answered_at = now or timezone.now()
        invitation.save(update_fields=["answer", "answered_at", "updated_at"])
    return invitation
