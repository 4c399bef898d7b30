import pytest

from events.missions.models import Sector
from tests.factories import ProcurementPriorityFactory
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
