import pytest

from events.missions.models import Sector
from tests.factories import OrganizationFactory, ProcurementPriorityFactory, RepresentativeFactory, UserFactory
from tests.matching.test_suggestions import Briefing
from tests.meetings.conftest import MeetingDay


@pytest.fixture
def day(organiser):
    """An Austin afternoon of one-to-ones where Delegate 0 owns a cybersecurity priority and Company 0, a
    cybersecurity company, fits it; Company 1 and Delegate 1 have nothing to do with it."""
    day = MeetingDay(organiser, companies=2, delegates=2, tables=2)
    cyber = Sector.objects.get(slug="cybersecurity")
    soc = ProcurementPriorityFactory(
        delegation=day.delegates[0].delegation,
        sector=cyber,
        title="National SOC upgrade",
        seeking="Security operations centre upgrade and analyst training.",
    )
    soc.owners.set([day.delegates[0]])
    day.delegates[0].sectors.set([cyber])
    company = day.companies[0].organization
    company.sectors.set([cyber])
    company.description = "Managed security operations centres and analyst training."
    company.save()
    return day


@pytest.fixture
def directory():
    """The Austin briefing (test_suggestions.Briefing), its organiser, and three e-government companies of the
    directory that fit its citizen portal priority; a logistics company that fits nothing."""
    briefing = Briefing()
    organiser = UserFactory()
    briefing.session.stop.mission.organisers.add(organiser)
    e_government = Sector.objects.get(slug="e-government")
    portals = []
    for name, text in (
        ("Hill Country GovTech", "Citizen portals, digital identity and e-signature for state governments."),
        ("Mission Peak Identity", "Digital identity and e-signature platforms; once-only data exchange."),
        ("Pecan Street Portals", "Citizen portal design and digital identity for cities."),
    ):
        representative = RepresentativeFactory(organization__name=name, organization__description=text)
        representative.organization.sectors.set([e_government])
        portals.append(representative.organization)
    OrganizationFactory(name="Gulfstream Logistics", description="Port terminals and cold-chain warehousing.")
    return briefing, organiser, portals
