import pytest
from django.urls import reverse

from tests.factories import MissionFactory, StopFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def two_zone_mission():
    mission = MissionFactory(slug="morocco-digital")
    StopFactory(mission=mission)
    return mission


def test_mission_page_speaks_french(client, two_zone_mission):
    client.post(reverse("set_language"), {"language": "fr", "next": "/"})

    response = client.get(reverse("missions:detail", args=[two_zone_mission.slug]))

    assert response.headers["Content-Language"] == "fr"
    assert "Programme" in response.text
    assert "Itinéraire" in response.text
