import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_mission_page_speaks_french(client, two_zone_mission):
    client.post(reverse("set_language"), {"language": "fr", "next": "/"})

    response = client.get(reverse("missions:detail", args=[two_zone_mission.slug]))

    assert response.headers["Content-Language"] == "fr"
    assert "Programme" in response.text
    assert "Itinéraire" in response.text
