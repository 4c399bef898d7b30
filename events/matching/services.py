"""Writes for matching: a company answers a delegation's priority."""

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from events.companies.selectors import company_of
from events.core.errors import PermissionDeniedError
from events.matching.models import PriorityAnswer, PriorityInvitation
from events.matching.scoring import distinct_certifications
from events.missions.models import ProcurementPriority, Representative, mail_topic
from events.missions.services import require_organiser
from events.notifications.services import Intent, enqueue_emails


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
    answer.certifications = distinct_certifications(certifications)
    answer.full_clean()
    answer.save()
    return answer


COMPOSER = "matching"


@transaction.atomic
def invite_companies(priority, *, acting_user, companies: list[tuple]) -> int:
    """Invite `companies` ([(organization, score)]) to serve `priority`: one invitation per company and
    priority (a second click invites nobody twice), and a mail to each of its representatives, written in
    their language when sent. Returns how many companies were invited now.

    Locks the priority's row: a double click, or two organisers at once, invite and mail one after the
    other, and the later sees the earlier's invitations. Raises PermissionDeniedError for anyone who does
    not organise the priority's mission.
    """
    mission = priority.delegation.mission
    require_organiser(acting_user, mission)
    # Read who was invited only once the row is ours: two runs that both read first would both invite, and
    # both mail. The rows are then inserted as they are (no ignore_conflicts): a conflict would be a bug.
    ProcurementPriority.objects.select_for_update().get(pk=priority.pk)
    already = set(PriorityInvitation.objects.filter(priority=priority).values_list("organization_id", flat=True))
    new = {
        organization.pk: (organization, score) for organization, score in companies if organization.pk not in already
    }
    invitations = PriorityInvitation.objects.bulk_create(
        [
            PriorityInvitation(priority=priority, organization=organization, score=score, invited_by=acting_user)
            for organization, score in new.values()
        ]
    )
    people = Representative.objects.filter(organization_id__in=list(new))
    enqueue_emails(
        [
            (
                Intent(
                    to=person.user.email,
                    kind="matching.invitation",
                    composer=COMPOSER,
                    reference=f"priority-invitation:{priority.pk}:{person.organization_id}",
                    topic=mail_topic(mission.pk),
                ),
                None,
            )
            for person in people.select_related("user")
        ]
    )
    return len(invitations)
