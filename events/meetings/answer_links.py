"""Answering a meeting request from its email: a signed link per answer, a button on the page records it.

The link alone changes nothing (mail scanners and link previews open links); it stays good while
the request waits for an answer, for at most 60 days.
"""

from dataclasses import dataclass
from datetime import timedelta

from django.core import signing

from events.meetings.models import MeetingRequest

SALT = "meetings.answer"
ANSWERS = ("accept", "decline")


def answer_token(meeting_request, answer: str) -> str:
    return signing.dumps({"r": meeting_request.pk, "a": answer}, salt=SALT, compress=True)


@dataclass(frozen=True)
class AnswerLink:
    """`meeting_request` is None once the request is gone: it went with a side that left the session (a
    cancelled registration, a delegate made the interpreter), and the link says so rather than nothing."""

    meeting_request: MeetingRequest | None
    answer: str

    @property
    def accept(self) -> bool:
        return self.answer == "accept"

    @property
    def current(self) -> bool:
        """False once the request was answered, withdrawn, accepted by both sides, or is gone."""
        return self.meeting_request is not None and self.meeting_request.status == MeetingRequest.Status.PENDING


def read_answer_link(token: str, *, max_age=timedelta(days=60)) -> AnswerLink | None:
    """The request and answer a signed link stands for (the request None once it is gone), or None for a forged
    or expired link."""
    try:
        data = signing.loads(token, salt=SALT, max_age=max_age)
    except signing.BadSignature:
        return None
    meeting_request = (
        MeetingRequest.objects.filter(pk=data.get("r"))
        .select_related("grid__session__stop__mission", "requester__organization", "requester__delegate")
        .first()
    )
    if data.get("a") not in ANSWERS:
        return None
    return AnswerLink(meeting_request, data["a"])
