"""Writes for matching: a company answers a delegation's priority."""

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from events.companies.selectors import company_of
from events.core.errors import PermissionDeniedError
from events.matching.models import PriorityAnswer


@transaction.atomic
def answer_priority(priority, *, acting_user, offer: str, references: str = "", certifications=()) -> PriorityAnswer:
    """Record (or replace) what the acting user's company says it can do for `priority`.

    Raises PermissionDeniedError for anyone who represents no company, and ValidationError per field
    (an empty offer, a newline in a certification, more than 20 of them); nothing is written then.
    """
    organization = company_of(acting_user)
    if organization is None:
        raise PermissionDeniedError(_("Only a company's representative can answer a priority."))
    answer = PriorityAnswer.objects.filter(organization=organization, priority=priority).first() or PriorityAnswer(
        organization=organization, priority=priority
    )
    answer.offer, answer.references = offer, references
    answer.certifications = [name.strip() for name in certifications if name.strip()]
    answer.full_clean()
    answer.save()
    return answer
