"""Reads for matching: the scorer's inputs from the database, and suggestions as people see them."""

from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Prefetch, Q

from events.matching.models import PriorityAnswer
from events.matching.scoring import CompanyText, PriorityText, Scores, normalise_certification
from events.missions.models import Delegate, Mission, Organization, ProcurementPriority
from events.missions.sector_taxonomy import industry_codes
from events.registrations.models import Registration


def priority_texts(priorities) -> list[PriorityText]:
    """The scorer's view of `priorities` (a queryset), in three queries whatever their number."""
    rows = priorities.select_related("sector").prefetch_related(
        Prefetch("owners", queryset=Delegate.objects.prefetch_related("sectors").order_by("full_name"))
    )
    texts = []
    for priority in rows:
        owners = list(priority.owners.all())
        texts.append(
            PriorityText(
                id=priority.pk,
                sector=priority.sector.slug,
                sector_name=priority.sector.label,
                codes=industry_codes(priority.sector.slug),
                text=" ".join(part for part in (priority.title, priority.seeking, priority.project) if part),
                certifications=tuple(priority.certifications or ()),
                owner_interests=frozenset(sector.slug for owner in owners for sector in owner.sectors.all()),
                owner_names=tuple(owner.full_name for owner in owners),
            )
        )
    return texts


def company_texts(organizations) -> list[CompanyText]:
    """The scorer's view of `organizations` (a queryset): profile, sectors, answers, in three queries."""
    rows = organizations.prefetch_related("sectors", "priority_answers").order_by("pk")
    texts = []
    for organization in rows:
        sectors = list(organization.sectors.all())
        answers = list(organization.priority_answers.all())
        texts.append(
            CompanyText(
                id=organization.pk,
                sectors=frozenset(sector.slug for sector in sectors),
                sector_names={sector.slug: sector.label for sector in sectors},
                codes=frozenset().union(*(industry_codes(sector.slug) for sector in sectors)),
                profile=" ".join(part for part in (organization.description, organization.offers) if part),
                answers={answer.priority_id: f"{answer.offer} {answer.references}" for answer in answers},
                certifications=frozenset(
                    normalise_certification(name) for answer in answers for name in answer.certifications
                ),
            )
        )
    return texts


@dataclass(frozen=True)
class Suggestion:
    """A delegate a company should ask first: the priority they own that the company serves best."""

    delegate: Delegate
    priority: ProcurementPriority
    score: int
    reasons: tuple[str, ...]
    missing: tuple[str, ...]


def missions_of_company(organization):
    """Published missions with priorities for which the company holds a confirmed registration."""
    return Mission.objects.filter(
        status=Mission.Status.PUBLISHED,
        stops__sessions__registrations__organization=organization,
        stops__sessions__registrations__status=Registration.Status.CONFIRMED,
        delegations__priorities__isnull=False,
    ).distinct()


def priorities_for_company(organization):
    """The priorities of the missions the company is registered for, as its priorities page lists them."""
    # And those an organiser invited it to serve, before it registers.
    mine = Q(delegation__mission__in=missions_of_company(organization)) | Q(invitations__organization=organization)
    return (
        ProcurementPriority.objects.filter(mine)
        .distinct()
        .select_related("sector", "delegation__mission")
        .prefetch_related("owners")
        .order_by("delegation__mission__start_date", "delegation", "order", "pk")
    )


def suggested_delegates(organization, *, limit: int = 5, leave_out=frozenset()) -> list[Suggestion]:
    """The delegates `organization` should ask first, best first, each once, with the reasons of the
    priority they own that it serves best. Priorities nobody owns are left out: there is nobody to ask."""
    priorities = ProcurementPriority.objects.filter(
        delegation__mission__in=missions_of_company(organization), owners__isnull=False
    ).distinct()
    priority_rows = {priority.pk: priority for priority in priorities.prefetch_related("owners")}
    if not priority_rows:
        return []
    scores = Scores(priority_texts(priorities), company_texts(Organization.objects.filter(pk=organization.pk)))
    best = {}
    for match in sorted(scores.matches, key=lambda match: -match.score):
        for owner in priority_rows[match.priority_id].owners.all():
            if owner.pk not in best and owner.pk not in leave_out:
                best[owner.pk] = (owner, match)
    suggestions = []
    for owner, match in sorted(best.values(), key=lambda item: (-item[1].score, item[0].full_name))[:limit]:
        reasons, missing = scores.explain(match)
        suggestions.append(Suggestion(owner, priority_rows[match.priority_id], match.score, reasons, missing))
    return suggestions


@dataclass(frozen=True)
class Answering:
    """A company that answered a priority a delegate owns, as the delegate's page lists it."""

    organization: Organization
    priority: ProcurementPriority
    score: int
    reasons: tuple[str, ...]
    missing: tuple[str, ...]


def companies_answering(user) -> list[Answering]:
    """The companies that answered the priorities `user` owns as a delegate, best first, with the reasons."""
    if not user.is_authenticated:
        return []
    priorities = ProcurementPriority.objects.filter(owners__user=user, answers__isnull=False).distinct()
    rows = {priority.pk: priority for priority in priorities.select_related("sector")}
    if not rows:
        return []
    organizations = Organization.objects.filter(priority_answers__priority__in=rows).distinct()
    by_id = organizations.in_bulk()
    answered = set(PriorityAnswer.objects.filter(priority__in=rows).values_list("priority_id", "organization_id"))
    scores = Scores(priority_texts(priorities), company_texts(organizations))
    found = []
    for match in scores.matches:
        if (match.priority_id, match.company_id) in answered:
            reasons, missing = scores.explain(match)
            found.append(Answering(by_id[match.company_id], rows[match.priority_id], match.score, reasons, missing))
    return sorted(found, key=lambda row: (-row.score, row.organization.name))


def owner_pair_scores(organization_ids, delegate_ids) -> dict[tuple[int, int], int]:
    """{(organization id, delegate id): the company's best score (0-100) against the priorities the delegate
    owns}, for the given companies and delegates; pairs where the delegate owns no priority are absent."""
    priorities = ProcurementPriority.objects.filter(owners__in=delegate_ids).distinct()
    owners = defaultdict(list)
    for priority, owner in ProcurementPriority.owners.through.objects.filter(
        procurementpriority__in=priorities, delegate__in=delegate_ids
    ).values_list("procurementpriority", "delegate"):
        owners[priority].append(owner)
    if not owners:
        return {}
    scores = Scores(priority_texts(priorities), company_texts(Organization.objects.filter(pk__in=organization_ids)))
    best = {}
    for match in scores.matches:
        for owner in owners[match.priority_id]:
            pair = (match.company_id, owner)
            best[pair] = max(best.get(pair, 0), match.score)
    return best


def pair_score(first, second) -> int | None:
    """The match score (0-100) of a company and a delegate, two meetings participants in either order: the
    company's best score against the priorities the delegate owns; None for any other pair."""
    company = next((side.organization_id for side in (first, second) if side.organization_id), None)
    delegate = next((side.delegate_id for side in (first, second) if side.delegate_id), None)
    if company is None or delegate is None:
        return None
    return owner_pair_scores([company], [delegate]).get((company, delegate))


def answers_of(organization) -> dict[int, PriorityAnswer]:
    return {answer.priority_id: answer for answer in PriorityAnswer.objects.filter(organization=organization)}


# A company scoring this much or more against a priority is counted as able to serve it (shown to organisers).
SUITABLE = 50
