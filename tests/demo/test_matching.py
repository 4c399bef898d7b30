"""The demo walks issue 16's "Done when": a priority no registered company serves, with two companies of the
directory to invite, and the cybersecurity company's first suggestion."""

import pytest

from events.matching.selectors import suggested_delegates
from events.meetings.coverage import coverage
from events.missions.models import Mission, Organization

# One demo, loaded for the whole module (tests/demo/conftest.py); each test is rolled back.
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo")]


@pytest.fixture
def digital_mission():
    return Mission.objects.get(slug="morocco-digital-economy-reverse-trade-mission")


def test_the_artisans_marketplace_has_no_supplier_and_two_companies_to_invite(digital_mission):
    rows = {row.priority.title: row for row in coverage(digital_mission)}

    marketplace = rows["Online marketplace for artisans' cooperatives"]
    assert marketplace.without_supplier
    assert {company.slug for company, *_why in marketplace.candidates} == {"pecos-payments", "bayou-marketplaces"}


def test_the_cybersecurity_company_sees_the_soc_owner_first(digital_mission):
    bluebonnet = Organization.objects.get(slug="bluebonnet-cyber-defense")

    first = suggested_delegates(bluebonnet)[0]

    assert first.delegate.full_name == "Hicham El Idrissi"
    assert any("Cybersecurity" in reason for reason in first.reasons)
