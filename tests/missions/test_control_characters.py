"""Control characters in mission text: a 400 on the field, a form error in the admin, nothing written."""

import pytest

from events.missions.models import Delegate, Session, Stop
from tests.factories import (
    DelegateFactory,
    DelegationFactory,
    SectorFactory,
    SessionFactory,
    UserFactory,
)
from tests.missions.test_api_validation import session_payload, stop_payload

pytestmark = pytest.mark.django_db

LINE_BREAK_AT_9 = "Write this on a single line: remove the line break at position 9."


def test_a_session_title_with_a_line_break_is_refused_on_title(organiser_client, own_mission):
    austin = own_mission.stops.get()

    response = organiser_client.post("/api/v1/sessions/", session_payload(austin, title="Briefing\r\nX"), format="json")

    assert response.status_code == 400
    assert response.json() == {"title": [LINE_BREAK_AT_9]}
    assert Session.objects.count() == 0


def test_a_session_title_cannot_gain_a_line_break(organiser_client, own_mission):
    session = SessionFactory(stop=own_mission.stops.get(), title="Public business briefing")

    response = organiser_client.patch(f"/api/v1/sessions/{session.pk}/", {"title": "Briefing\r\nX"}, format="json")

    assert response.status_code == 400
    assert response.json() == {"title": [LINE_BREAK_AT_9]}
    session.refresh_from_db()
    assert session.title == "Public business briefing"


def test_a_nul_in_a_session_venue_is_a_400_not_a_500(organiser_client, own_mission):
    austin = own_mission.stops.get()

    response = organiser_client.post(
        "/api/v1/sessions/", session_payload(austin, venue="Hilton\x00Austin"), format="json"
    )

    assert response.status_code == 400
    assert set(response.json()) == {"venue"}
    assert "Remove the invisible control character U+0000 at position 7." in response.json()["venue"]
    assert Session.objects.count() == 0


def test_a_line_separator_in_a_stop_city_is_refused_on_city(organiser_client, own_mission):
    response = organiser_client.post("/api/v1/stops/", stop_payload(own_mission, city="San\u2028Jose"), format="json")

    assert response.status_code == 400
    assert response.json() == {"city": ["Write this on a single line: remove the line break at position 4."]}
    assert Stop.objects.filter(mission=own_mission).count() == 1


def test_a_description_keeps_its_line_breaks(organiser_client, own_mission):
    austin = own_mission.stops.get()

    response = organiser_client.post(
        "/api/v1/sessions/", session_payload(austin, description="line1\nline2"), format="json"
    )

    assert response.status_code == 201, response.json()
    assert Session.objects.get().description == "line1\nline2"


@pytest.mark.parametrize(
    ("description", "message"),
    [
        ("line1\x00", "Remove the invisible control character U+0000 at position 6."),
        ("\x1b[2Jline1", "Remove the invisible control character U+001B at position 1."),
    ],
    ids=["nul", "escape"],
)
def test_a_description_refuses_other_control_characters(organiser_client, own_mission, description, message):
    austin = own_mission.stops.get()

    response = organiser_client.post(
        "/api/v1/sessions/", session_payload(austin, description=description), format="json"
    )

    assert response.status_code == 400
    assert set(response.json()) == {"description"}
    assert message in response.json()["description"]
    assert Session.objects.count() == 0


def test_a_nul_in_a_delegates_name_is_refused_on_full_name(organiser_client, own_mission):
    delegation = DelegationFactory(mission=own_mission)

    response = organiser_client.post(
        "/api/v1/delegates/", {"delegation": delegation.pk, "full_name": "Amina\x00 Idrissi"}, format="json"
    )

    assert response.status_code == 400
    assert set(response.json()) == {"full_name"}
    assert "Remove the invisible control character U+0000 at position 6." in response.json()["full_name"]
    assert Delegate.objects.count() == 0


def test_a_nul_in_a_delegates_sector_is_refused_on_sectors(organiser_client, own_mission):
    delegate = DelegateFactory(delegation=DelegationFactory(mission=own_mission))
    SectorFactory(slug="cloud-computing", name="Cloud computing")

    response = organiser_client.patch(
        f"/api/v1/delegates/{delegate.pk}/", {"sectors": ["cloud-computing\x00"]}, format="json"
    )

    assert response.status_code == 400
    assert set(response.json()) == {"sectors"}
    assert list(delegate.sectors.all()) == []


def test_a_job_title_with_an_escape_sequence_is_refused_on_job_title(organiser_client, own_mission):
    delegate = DelegateFactory(delegation=DelegationFactory(mission=own_mission), job_title="Director")

    response = organiser_client.patch(
        f"/api/v1/delegates/{delegate.pk}/", {"job_title": "Director\x1b[8m"}, format="json"
    )

    assert response.status_code == 400
    assert response.json() == {"job_title": ["Remove the invisible control character U+001B at position 9."]}
    delegate.refresh_from_db()
    assert delegate.job_title == "Director"


def test_the_admin_shows_the_error_on_the_field(client):
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    sector = SectorFactory(slug="cloud-computing", name="Cloud computing")

    response = client.post(
        f"/admin/missions/sector/{sector.pk}/change/",
        {"slug": "cloud-computing", "name": "Cloud\ncomputing", "name_fr": "Informatique en nuage"},
    )

    assert response.status_code == 200
    assert response.context["adminform"].form.errors == {
        "name": ["Write this on a single line: remove the line break at position 6."]
    }
    sector.refresh_from_db()
    assert sector.name == "Cloud computing"
