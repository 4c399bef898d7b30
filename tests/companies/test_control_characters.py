"""A company name ends up in mail subjects: a line break in it is refused on the API and on the pages."""

import re

import pytest
from django.core.exceptions import ValidationError

from events.companies import services
from events.missions.models import Organization, Representative
from events.notifications.models import OutboundEmail
from tests.factories import SectorFactory, UserFactory

pytestmark = pytest.mark.django_db

ACME_LINE_BREAK = "Write this on a single line: remove the line break at position 5."


def test_a_company_name_with_a_line_break_is_refused_and_nothing_changes(api_client, representative):
    api_client.force_authenticate(representative.user)
    company = representative.organization

    response = api_client.patch(f"/api/v1/companies/{company.pk}/", {"name": "Acme\nInc"}, format="json")

    assert response.status_code == 400
    assert response.json() == {"name": [ACME_LINE_BREAK]}
    company.refresh_from_db()
    assert company.name == "Lone Star Cloud"


def test_a_job_title_with_a_line_break_is_refused_and_no_company_is_created(api_client):
    api_client.force_authenticate(UserFactory())

    response = api_client.post(
        "/api/v1/companies/", {"name": "Acme", "country": "US", "job_title": "CEO\r\nBcc: x"}, format="json"
    )

    assert response.status_code == 400
    assert response.json() == {"job_title": ["Write this on a single line: remove the line break at position 4."]}
    assert not Organization.objects.exists()


def test_what_a_company_offers_keeps_its_lines_but_not_an_escape(api_client, representative):
    api_client.force_authenticate(representative.user)
    company = representative.organization
    url = f"/api/v1/companies/{company.pk}/"

    kept = api_client.patch(url, {"offers": "Data centres\r\nManaged Kubernetes"}, format="json")
    refused = api_client.patch(url, {"offers": "Data centres\x1b]8;;http://evil\x07"}, format="json")

    assert kept.status_code == 200
    assert refused.status_code == 400
    assert refused.json() == {"offers": ["Remove the invisible control character U+001B at position 13."]}
    company.refresh_from_db()
    assert company.offers == "Data centres\r\nManaged Kubernetes"


def test_the_profile_page_shows_the_error_on_the_name(client, representative):
    client.force_login(representative.user)

    response = client.post("/company/", {"name": "Acme\nInc", "country": "US"})

    assert response.status_code == 200
    assert response.context["form"].errors == {"name": [ACME_LINE_BREAK]}
    assert ACME_LINE_BREAK in response.content.decode()
    representative.organization.refresh_from_db()
    assert representative.organization.name == "Lone Star Cloud"


def test_the_new_company_page_refuses_a_full_name_on_two_lines(client):
    user = UserFactory(full_name="")
    client.force_login(user)

    response = client.post("/company/new/", {"name": "Acme", "country": "US", "full_name": "Ana\nRuiz"})

    assert response.status_code == 200
    assert response.context["form"].errors == {
        "full_name": ["Write this on a single line: remove the line break at position 4."]
    }
    assert not Organization.objects.exists()
    user.refresh_from_db()
    assert user.full_name == ""


def test_a_colleague_joining_with_a_job_title_on_two_lines_is_refused(api_client, representative):
    services.invite_colleague(
        representative.organization,
        acting_user=representative.user,
        email="chris@lonestar.example",
        base_url="http://testserver/",
    )
    token = re.search(r"/company/join/([\w-]+)/", OutboundEmail.objects.get().body_text).group(1)
    colleague = UserFactory(email="chris@lonestar.example")
    api_client.force_authenticate(colleague)

    response = api_client.post(
        "/api/v1/company-invitations/accept/", {"token": token, "job_title": "CTO\nX"}, format="json"
    )

    assert response.status_code == 400
    assert response.json() == {"job_title": ["Write this on a single line: remove the line break at position 4."]}
    assert not Representative.objects.filter(user=colleague).exists()


def test_a_nul_in_a_sector_is_refused_on_sectors(api_client, representative):
    api_client.force_authenticate(representative.user)
    company = representative.organization
    SectorFactory(slug="cloud-computing", name="Cloud computing")

    response = api_client.patch(f"/api/v1/companies/{company.pk}/", {"sectors": ["cloud\x00computing"]}, format="json")

    assert response.status_code == 400
    assert response.json() == {"sectors": ["Remove the invisible control character U+0000 at position 6."]}
    assert list(company.sectors.all()) == []


def test_the_service_refuses_a_job_title_on_two_lines(representative):
    colleague = UserFactory(email="chris@lonestar.example")

    with pytest.raises(ValidationError) as caught:
        services.accept_invitation("any-token", acting_user=colleague, job_title="CTO\nX")

    assert caught.value.message_dict == {
        "job_title": ["Write this on a single line: remove the line break at position 4."]
    }
