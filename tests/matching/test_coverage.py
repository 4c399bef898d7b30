"""The organiser's coverage view (issue 16, "Done when"): a priority with no supplier, and inviting two
matching companies from the directory, once."""

import pytest

from events.matching.models import PriorityInvitation
from events.meetings.coverage import coverage
from events.notifications.models import OutboundEmail
from tests.factories import OrganizationFactory, RepresentativeFactory, UserFactory
from tests.support.outbox import sent

pytestmark = pytest.mark.django_db


def test_a_priority_nobody_at_the_mission_serves_is_flagged_with_companies_to_invite(directory):
    briefing, _organiser, portals = directory

    rows = {row.priority: row for row in coverage(briefing.session.stop.mission)}

    portal = rows[briefing.portal]
    assert portal.without_supplier
    assert {company for company, *_why in portal.candidates} <= set(portals)
    assert len(portal.candidates) == 3
    assert not rows[briefing.soc].without_supplier  # the registered cybersecurity company can serve it


def test_the_organiser_invites_two_companies_once_and_their_representatives_are_mailed(client, directory):
    briefing, organiser, _portals = directory
    mission = briefing.session.stop.mission
    client.force_login(organiser)
    page = client.get(f"/manage/missions/{mission.slug}/priorities/").content.decode()
    (portal,) = [row for row in coverage(mission) if row.priority == briefing.portal]
    two = [str(company.pk) for company, *_why in portal.candidates[:2]]

    first = client.post(
        f"/manage/missions/{mission.slug}/priorities/", {"priority": briefing.portal.pk, "company": two}
    )
    again = client.post(
        f"/manage/missions/{mission.slug}/priorities/", {"priority": briefing.portal.pk, "company": two}
    )

    assert "no supplier yet" in page
    assert (first.status_code, again.status_code) == (302, 302)
    assert sorted(str(pk) for pk in PriorityInvitation.objects.values_list("organization_id", flat=True)) == sorted(two)
    mails = sent(OutboundEmail.objects.filter(kind="matching.invitation"))
    assert len(mails) == 2
    assert all("Citizen e-services platform" in mail.subject for mail in mails)
    assert all("/priorities/" in mail.body_text for mail in mails)
    (after,) = [row for row in coverage(mission) if row.priority == briefing.portal]
    assert after.invited == 2
    assert len(after.candidates) == 1  # the two invited are no longer offered


def test_only_the_missions_organisers_see_and_invite(client, directory):
    briefing, _organiser, portals = directory
    mission = briefing.session.stop.mission
    client.force_login(UserFactory())

    assert client.get(f"/manage/missions/{mission.slug}/priorities/").status_code == 404
    response = client.post(
        f"/manage/missions/{mission.slug}/priorities/", {"priority": briefing.portal.pk, "company": [portals[0].pk]}
    )
    assert response.status_code == 404
    assert not PriorityInvitation.objects.exists()


@pytest.mark.parametrize("priority", ["abc", "³", str(2**70)])
def test_a_priority_that_is_no_id_is_a_404(client, directory, priority):
    briefing, organiser, _portals = directory
    client.force_login(organiser)

    response = client.post(f"/manage/missions/{briefing.session.stop.mission.slug}/priorities/", {"priority": priority})

    assert response.status_code == 404


@pytest.mark.parametrize("more", [0, 5])
def test_the_coverage_view_takes_the_same_queries_whatever_the_number_of_priorities(
    client, directory, more, django_assert_max_num_queries
):
    from tests.factories import DelegateFactory, ProcurementPriorityFactory

    briefing, organiser, _portals = directory
    for n in range(more):
        priority = ProcurementPriorityFactory(
            delegation=briefing.soc.delegation, sector=briefing.soc.sector, title=f"Extra {n}"
        )
        priority.owners.set([DelegateFactory(delegation=briefing.soc.delegation)])
    client.force_login(organiser)

    with django_assert_max_num_queries(22):
        response = client.get(f"/manage/missions/{briefing.session.stop.mission.slug}/priorities/")

    assert response.status_code == 200


def test_the_delegations_own_organisations_and_companies_nobody_represents_are_never_offered(directory):
    briefing, _organiser, portals = directory
    from events.missions.models import Organization

    buyer = RepresentativeFactory(
        organization__name="Moroccan Portal Agency",
        organization__description="Citizen portals, digital identity and e-signature.",
    ).organization
    buyer.sectors.set(portals[0].sectors.all())
    briefing.nadia.organization = buyer
    briefing.nadia.save()
    unreachable = OrganizationFactory(
        name="Nobody Portals", description="Citizen portals, digital identity and e-signature for states."
    )
    unreachable.sectors.set(portals[0].sectors.all())

    (portal,) = [row for row in coverage(briefing.session.stop.mission) if row.priority == briefing.portal]

    offered = {company for company, *_why in portal.candidates}
    assert buyer not in offered
    assert unreachable not in offered
    assert Organization.objects.filter(pk__in=[company.pk for company in offered]).count() == len(offered)
