"""Company profiles through the API: create, edit, logo, and nobody else's profile."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from events.missions.models import Organization, Representative
from tests.companies.conftest import image_upload
from tests.factories import SectorFactory, UserFactory

pytestmark = pytest.mark.django_db

PROFILE = {
    "name": "Lone Star Cloud Systems",
    "country": "US",
    "city": "Austin",
    "website": "https://lonestar.example",
    "description": "Sovereign cloud for public agencies.",
    "offers": "Data-centre design, managed Kubernetes.",
    "size": "50-249",
    "job_title": "Export manager",
}


def test_a_user_creates_a_company_and_becomes_its_representative(api_client):
    user = UserFactory()
    SectorFactory(slug="cloud-computing", name="Cloud computing")
    api_client.force_authenticate(user)

    response = api_client.post("/api/v1/companies/", {**PROFILE, "sectors": ["cloud-computing"]}, format="json")

    assert response.status_code == 201, response.json()
    company = Organization.objects.get(pk=response.json()["id"])
    assert company.kind == Organization.Kind.COMPANY
    assert company.slug == "lone-star-cloud-systems"
    assert [s.slug for s in company.sectors.all()] == ["cloud-computing"]
    assert Representative.objects.get(user=user).job_title == "Export manager"
    assert response.json()["offers"] == PROFILE["offers"]


def test_missing_and_invalid_fields_are_named_and_nothing_is_written(api_client):
    api_client.force_authenticate(UserFactory())

    response = api_client.post(
        "/api/v1/companies/", {"website": "not a url", "size": "huge", "country": "ZZ"}, format="json"
    )

    assert response.status_code == 400
    assert {"name", "website", "size", "country"} <= set(response.json())
    assert not Organization.objects.exists()


def test_a_representative_cannot_create_a_second_company(api_client, representative):
    api_client.force_authenticate(representative.user)

    response = api_client.post("/api/v1/companies/", PROFILE, format="json")

    assert response.status_code == 409
    assert "Lone Star Cloud" in response.json()["name"][0]
    assert Organization.objects.count() == 1


def test_a_representative_edits_the_profile(api_client, representative):
    api_client.force_authenticate(representative.user)
    company = representative.organization

    response = api_client.patch(f"/api/v1/companies/{company.pk}/", {"city": "Round Rock"}, format="json")

    assert response.status_code == 200
    company.refresh_from_db()
    assert company.city == "Round Rock"


def test_the_logo_is_re_encoded_to_a_small_png_without_metadata(api_client, representative):
    api_client.force_authenticate(representative.user)
    company = representative.organization
    exif = Image.Exif()
    exif[0x010E] = "secret description"
    upload = image_upload("JPEG", size=(2000, 1000), exif=exif.tobytes())

    response = api_client.post(f"/api/v1/companies/{company.pk}/logo/", {"logo": upload}, format="multipart")

    assert response.status_code == 200, response.json()
    company.refresh_from_db()
    with company.logo.open("rb") as stored:
        data = stored.read()
    image = Image.open(io.BytesIO(data))
    assert image.format == "PNG"
    assert max(image.size) == 512
    assert b"secret description" not in data
    assert response.json()["logo"].endswith(".png")


def test_a_payload_appended_to_an_image_does_not_survive(api_client, representative):
    api_client.force_authenticate(representative.user)
    company = representative.organization
    upload = image_upload("PNG", extra=b"<script>alert(1)</script>")

    response = api_client.post(f"/api/v1/companies/{company.pk}/logo/", {"logo": upload}, format="multipart")

    assert response.status_code == 200
    company.refresh_from_db()
    with company.logo.open("rb") as stored:
        assert b"<script>" not in stored.read()


@pytest.mark.parametrize(
    ("upload", "message"),
    [
        (SimpleUploadedFile("logo.svg", b'<svg xmlns="http://www.w3.org/2000/svg"><script/></svg>'), "SVG"),
        (SimpleUploadedFile("logo.png", b'<?xml version="1.0"?><svg></svg>'), "SVG"),
        (SimpleUploadedFile("logo.png", b"%PDF-1.7 not an image at all"), "not an image"),
        (SimpleUploadedFile("logo.png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 64), "not an image"),
        (image_upload("BMP"), "PNG, JPEG, GIF or WebP"),
        (SimpleUploadedFile("logo.png", b"\x00" * (2 * 1024 * 1024 + 1)), "2 MB"),
    ],
    ids=["svg", "svg-named-png", "pdf", "truncated-png", "bmp", "too-large"],
)
def test_unacceptable_logos_are_refused_on_the_logo_field(api_client, representative, upload, message):
    api_client.force_authenticate(representative.user)
    company = representative.organization

    response = api_client.post(f"/api/v1/companies/{company.pk}/logo/", {"logo": upload}, format="multipart")

    assert response.status_code == 400
    assert message in response.json()["logo"][0]
    company.refresh_from_db()
    assert not company.logo


def test_the_logo_can_be_removed(api_client, representative):
    api_client.force_authenticate(representative.user)
    company = representative.organization
    api_client.post(f"/api/v1/companies/{company.pk}/logo/", {"logo": image_upload()}, format="multipart")

    assert api_client.delete(f"/api/v1/companies/{company.pk}/logo/").status_code == 204
    company.refresh_from_db()
    assert not company.logo


def test_the_public_directory_shows_the_profile(api_client, representative):
    response = api_client.get(f"/api/v1/organizations/{representative.organization.pk}/")

    assert response.status_code == 200
    assert {"offers", "size", "logo"} <= set(response.json())
