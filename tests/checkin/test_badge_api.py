"""Badge PDFs through the API: organisers get a mission's, each person their own; errors in JSON."""

import io

import pypdf
import pytest

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def url(door, suffix=""):
    return f"/api/v1/mission-badges/{door.mission.pk}/{suffix}"


@pytest.mark.parametrize(("layout", "pages"), [("a6", 4), ("a4", 1)])
def test_an_organiser_gets_the_badges_pdf_even_asking_for_it_by_accept(api_client, door, layout, pages):
    api_client.force_authenticate(door.organiser)

    response = api_client.get(url(door), {"layout": layout}, HTTP_ACCEPT="application/pdf")

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert len(pypdf.PdfReader(io.BytesIO(response.content)).pages) == pages


def test_someone_else_gets_a_404_in_json_even_asking_for_a_pdf(api_client, door):
    api_client.force_authenticate(door.company.user)

    response = api_client.get(url(door), HTTP_ACCEPT="application/pdf")

    assert response.status_code == 404
    assert response["Content-Type"] == "application/json"


def test_an_unknown_layout_is_a_400(api_client, door):
    api_client.force_authenticate(door.organiser)

    response = api_client.get(url(door), {"layout": "letter"})

    assert response.status_code == 400
    assert list(response.json()) == ["layout"]


def test_a_person_gets_their_own_badge_and_without_a_role_a_404(api_client, door):
    api_client.force_authenticate(UserFactory(email="bo@lonestar.example"))
    own = api_client.get(url(door, "mine/"))
    api_client.force_authenticate(UserFactory(email="cy@gone.example"))
    cancelled = api_client.get(url(door, "mine/"))

    assert own.status_code == 200
    assert len(pypdf.PdfReader(io.BytesIO(own.content)).pages) == 1
    assert cancelled.status_code == 404


def test_anonymous_callers_are_refused(api_client, door):
    assert api_client.get(url(door)).status_code in (401, 403)
