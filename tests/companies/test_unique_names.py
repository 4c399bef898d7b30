"""A company's name says who is at the table: in delegates' requests, on the board, in every meeting's calendar title.
A helper renamed Lone Star Cloud "Hill Country GovTech" (another company's name) on the API: accepted, and the
delegates were mailed "Updated: Meeting with Hill Country GovTech" for Lone Star's meeting, two entries with one
title in their calendars."""

import pytest

from events.companies import services
from events.missions.models import Organization
from tests.factories import OrganizationFactory, UserFactory

pytestmark = pytest.mark.django_db

TAKEN = "Another organisation has this name: add what tells yours apart (its city, its legal form)."


@pytest.mark.parametrize("name", ["Hill Country GovTech", "hill country govtech", "  Hill Country GovTech "])
def test_a_company_cannot_take_another_organisations_name(api_client, representative, name):
    OrganizationFactory(name="Hill Country GovTech")
    api_client.force_authenticate(representative.user)
    company = representative.organization

    response = api_client.patch(f"/api/v1/companies/{company.pk}/", {"name": name}, format="json")

    assert response.status_code == 400
    assert response.json() == {"name": [TAKEN]}
    company.refresh_from_db()
    assert company.name == "Lone Star Cloud"


def test_a_new_company_cannot_take_another_organisations_name_and_nothing_is_created(client):
    OrganizationFactory(name="Hill Country GovTech")
    user = UserFactory()
    client.force_login(user)

    page = client.post("/company/new/", {"name": "HILL COUNTRY GOVTECH", "country": "US", "full_name": "Ann Lee"})

    assert page.status_code == 200
    assert TAKEN in page.content.decode()
    assert Organization.objects.count() == 1


def test_a_company_keeps_its_own_name_in_another_case(representative):
    company = services.update_company(
        representative.organization, acting_user=representative.user, name="LONE STAR CLOUD"
    )

    assert company.name == "LONE STAR CLOUD"
