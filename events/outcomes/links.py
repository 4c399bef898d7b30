"""The signed link in a feedback mail: which form, and to whom it was sent. No password, as RSVP links.

The link alone records nothing (mail scanners open links): the form is answered by a POST. It stays
good for a year; whether the form still takes answers is the wave's rule (selectors.is_open), not the
link's age.
"""

from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.core import signing
from django.urls import reverse

from events.outcomes.models import FeedbackRequest

SALT = "outcomes.feedback"
MAX_AGE = timedelta(days=400)


def feedback_token(feedback_request, email: str) -> str:
    return signing.dumps({"f": feedback_request.pk, "e": email.lower()}, salt=SALT, compress=True)


def feedback_url(feedback_request, email: str) -> str:
    return settings.SITE_URL + reverse("outcomes:feedback", args=[feedback_token(feedback_request, email)])


@dataclass(frozen=True)
class FeedbackLink:
    feedback_request: FeedbackRequest
    email: str


def read_feedback_link(token: str) -> FeedbackLink | None:
    """The form and the address a signed link stands for, or None for a forged or expired one."""
    try:
        data = signing.loads(token, salt=SALT, max_age=MAX_AGE)
    except signing.BadSignature:
        return None
    feedback_request = (
        FeedbackRequest.objects.filter(pk=data.get("f"))
        .select_related("lead__mission", "wave", "meeting__grid__session__stop", "organization", "delegate")
        .first()
    )
    if feedback_request is None or not isinstance(data.get("e"), str):
        return None
    return FeedbackLink(feedback_request, data["e"])
