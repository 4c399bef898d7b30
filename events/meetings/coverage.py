"""The organiser's coverage of a delegation's priorities (issue 16): for each, the companies that answer or
could serve it (events.matching), the meetings its owners have in the latest published schedules, and the
best companies of the directory to invite. Here, not in matching, because it reads the meetings."""

from collections import Counter, defaultdict
from dataclasses import dataclass

from events.matching.scoring import Scores
from events.matching.selectors import SUITABLE, company_texts, priority_texts
from events.meetings.models import Meeting, latest_version_id
from events.missions.models import Delegate, Organization, ProcurementPriority, Representative
from events.registrations.models import Registration


@dataclass(frozen=True)
class Coverage:
    """One priority as the organiser's coverage view shows it."""

    priority: ProcurementPriority
    answered: int  # companies that answered it
    suitable: int  # companies registered for the mission scoring SUITABLE or more
    meetings: int  # meetings placed with its owners, in the latest published schedules
    invited: int
    candidates: list[tuple]  # [(company, score, reasons, missing)], the best not yet invited, not registered

    @property
    def without_supplier(self) -> bool:
        """No company at the mission answers it or could serve it: one to invite companies for."""
        return not self.answered and not self.suitable


def coverage(mission, *, candidates: int = 3) -> list[Coverage]:
    """Each of the mission's priorities: who answers, who could, how many meetings its owners have, and the
    best companies of the directory to invite; in a flat number of queries."""
    priorities = ProcurementPriority.objects.filter(delegation__mission=mission).order_by("delegation", "order", "pk")
    rows = list(priorities.select_related("sector").prefetch_related("owners", "answers", "invitations"))
    if not rows:
        return []
    companies = Organization.objects.filter(kind=Organization.Kind.COMPANY)
    # Never offered as suppliers: the delegation's own organisations (they buy); and only companies someone
    # represents can be invited, since the invitation is a mail to them.
    own = set(Delegate.objects.filter(delegation__mission=mission).values_list("organization_id", flat=True))
    reachable = set(Representative.objects.filter(organization__in=companies).values_list("organization_id", flat=True))
    by_id = companies.in_bulk()
    registered = set(
        Registration.objects.filter(session__stop__mission=mission).values_list("organization_id", flat=True)
    )
    scores = Scores(priority_texts(priorities), company_texts(companies))
    owners_meetings = Counter()
    versions = Meeting.objects.filter(grid__session__stop__mission=mission, version=latest_version_id())
    for requester, receiver in versions.values_list("request__requester__delegate", "request__receiver__delegate"):
        for delegate in (requester, receiver):
            if delegate:
                owners_meetings[delegate] += 1
    found = []
    by_priority = defaultdict(list)
    for match in scores.matches:
        by_priority[match.priority_id].append(match)
    for priority in rows:
        matches = by_priority[priority.pk]
        invited = {invitation.organization_id for invitation in priority.invitations.all()}
        best = [
            match
            for match in matches
            if match.score >= SUITABLE and match.company_id in reachable - own - invited - registered
        ][:candidates]
        found.append(
            Coverage(
                priority=priority,
                answered=len(priority.answers.all()),
                suitable=sum(1 for match in matches if match.score >= SUITABLE and match.company_id in registered),
                meetings=sum(owners_meetings[owner.pk] for owner in priority.owners.all()),
                invited=len(invited),
                candidates=[(by_id[match.company_id], match.score, *scores.explain(match)) for match in best],
            )
        )
    return found
