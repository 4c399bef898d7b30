"""Every company endpoint and page, tried with another company's identifiers: 404 or 403, nothing changed."""

import pytest

from events.companies import services
from events.companies.models import Invitation
from tests.companies.conftest import image_upload

pytestmark = pytest.mark.django_db


def test_another_company_cannot_read_or_change_a_profile(api_client, client, representative, rival):
    company = representative.organization
    invitation = services.invite_colleague(
        company, acting_user=representative.user, email="chris@lonestar.example", base_url="http://testserver/"
    )
    api_client.force_authenticate(rival.user)
    client.force_login(rival.user)

    responses = [
        api_client.get(f"/api/v1/companies/{company.pk}/"),
        api_client.patch(f"/api/v1/companies/{company.pk}/", {"name": "Hijacked"}, format="json"),
        api_client.put(f"/api/v1/companies/{company.pk}/", {"name": "Hijacked", "country": "US"}, format="json"),
        api_client.post(f"/api/v1/companies/{company.pk}/logo/", {"logo": image_upload()}, format="multipart"),
        api_client.delete(f"/api/v1/companies/{company.pk}/logo/"),
        api_client.post(f"/api/v1/company-invitations/{invitation.pk}/revoke/", {}, format="json"),
        client.post(f"/company/invitations/{invitation.pk}/revoke/"),
    ]

    assert [r.status_code for r in responses] == [404, 404, 404, 404, 404, 404, 404]
    assert [c["id"] for c in api_client.get("/api/v1/companies/").json()["results"]] == [rival.organization.pk]
    assert api_client.get("/api/v1/company-invitations/").json()["results"] == []
    company.refresh_from_db()
    assert company.name == "Lone Star Cloud"
    assert not company.logo
    assert Invitation.objects.get().revoked_at is None


def test_the_profile_page_edits_only_ones_own_company(client, representative, rival):
    client.force_login(rival.user)

    page = client.get("/company/")
    response = client.post("/company/", {"name": "Renamed", "country": "US"})

    assert "Rival Systems" in page.content.decode()
    assert response.status_code == 302
    representative.organization.refresh_from_db()
    rival.organization.refresh_from_db()
    assert representative.organization.name == "Lone Star Cloud"
    assert rival.organization.name == "Renamed"
