"""Badge downloads as pages: organisers get the mission's PDF, each person their own; others a 404."""

import io

import pypdf
import pytest
from django.urls import reverse

from events.checkin import services
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def page_count(response):
    body = b"".join(response.streaming_content) if response.streaming else response.content
    assert body.startswith(b"%PDF-")
    return len(pypdf.PdfReader(io.BytesIO(body)).pages)


def mission_badges_url(door, layout=None):
    url = reverse("checkin:mission-badges", args=[door.mission.slug])
    return f"{url}?layout={layout}" if layout else url


@pytest.mark.parametrize(("layout", "pages"), [(None, 4), ("a6", 4), ("a4", 1)])
def test_an_organiser_downloads_the_mission_s_badges_as_one_pdf(client, door, layout, pages):
    client.force_login(door.organiser)

    response = client.get(mission_badges_url(door, layout))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == f'attachment; filename="badges-{door.mission.slug}-{layout or "a6"}.pdf"'
    assert response["Cache-Control"] == "private, no-store"
    assert page_count(response) == pages
    assert set(services.issue_badges(door.mission)) == {
        "organiser@agency.example",
        "omar@dakhla.example",
        "ana@lonestar.example",
        "bo@lonestar.example",
    }


def test_an_unknown_layout_is_a_400(client, door):
    client.force_login(door.organiser)

    assert client.get(mission_badges_url(door, "letter")).status_code == 400


@pytest.mark.parametrize("who", ["volunteer", "company", "delegate"])
def test_only_organisers_get_the_mission_s_badges(client, door, who):
    door.mission.check_in_staff.create(user=door.volunteer)
    client.force_login({"volunteer": door.volunteer, "company": door.company.user, "delegate": door.delegate.user}[who])

    response = client.get(mission_badges_url(door))

    assert response.status_code == 404


def test_a_stranger_is_sent_to_sign_in(client, door):
    response = client.get(mission_badges_url(door))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


def test_the_mission_page_links_organisers_to_the_badges(client, door):
    client.force_login(door.organiser)

    page = client.get(reverse("missions:detail", args=[door.mission.slug])).content.decode()

    assert f'href="{mission_badges_url(door, "a6")}"' in page
    assert f'href="{mission_badges_url(door, "a4")}"' in page


def test_a_person_downloads_their_own_badge_and_nobody_else_s(client, door):
    ana = UserFactory(email="ana@lonestar.example")
    client.force_login(ana)

    response = client.get(reverse("checkin:own-badge", args=[door.mission.slug]))

    assert response.status_code == 200
    assert response["Content-Disposition"] == f'attachment; filename="badge-{door.mission.slug}.pdf"'
    assert page_count(response) == 1
    body = b"".join(response.streaming_content) if response.streaming else response.content
    assert "Ana Ruiz" in pypdf.PdfReader(io.BytesIO(body)).pages[0].extract_text()


@pytest.mark.parametrize("email", ["cy@gone.example", "nobody@example.com"])
def test_someone_without_a_role_has_no_badge(client, door, email):
    client.force_login(UserFactory(email=email))

    response = client.get(reverse("checkin:own-badge", args=[door.mission.slug]))

    assert response.status_code == 404


def test_the_agenda_links_each_mission_a_person_has_a_badge_for(client, door):
    client.force_login(door.delegate.user)

    page = client.get(reverse("agenda:page")).content.decode()

    assert f'href="{reverse("checkin:own-badge", args=[door.mission.slug])}"' in page


def test_the_agenda_shows_no_badge_to_someone_without_a_role(client, door):
    client.force_login(UserFactory(email="cy@gone.example"))

    page = client.get(reverse("agenda:page")).content.decode()

    assert reverse("checkin:own-badge", args=[door.mission.slug]) not in page
