"""Inviting companies from the directory to serve a priority, from the organiser's coverage view."""

from events.matching import services as matching_services
from events.meetings.coverage import coverage


def invite_candidates(priority, *, acting_user, company_ids) -> int:
    """Invite those of `company_ids` the coverage view offers for `priority` (the best of the directory not
    yet invited nor registered, as scored now) and nobody else; returns how many were invited now.

    Raises PermissionDeniedError for anyone who does not organise the priority's mission (matching's
    invite_companies, which also writes the invitations and their mail).
    """
    mission = priority.delegation.mission
    row = next(row for row in coverage(mission) if row.priority.pk == priority.pk)
    chosen = [(company, score) for company, score, *_why in row.candidates if company.pk in company_ids]
    return matching_services.invite_companies(priority, acting_user=acting_user, companies=chosen)
