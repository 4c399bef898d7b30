"""Issue 11, case 3: a non-numeric id in a path is a 404 on every endpoint, never a 500."""

import pytest
from django.urls import get_resolver

pytestmark = pytest.mark.django_db

PATHS = [
    "/api/v1/company-invitations/abc/revoke/",
    "/api/v1/meeting-grids/abc/publish/",
    "/api/v1/meeting-grids/abc/runs/",
    "/api/v1/meeting-grids/abc/board/",
    "/api/v1/session-registrations/abc/",
    "/api/v1/session-registrations/abc/export/",
    "/api/v1/meetings/1e3/",
    "/api/v1/sessions/abc/",
]


@pytest.mark.parametrize("path", PATHS)
def test_a_non_numeric_id_is_a_404(api_client, organiser, path):
    api_client.force_authenticate(organiser)

    responses = [api_client.get(path), api_client.post(path, {}, format="json")]

    assert [response.status_code for response in responses] == [404, 404]


def test_every_api_path_with_an_id_types_it():
    untyped = [
        str(pattern.pattern)
        for pattern in get_resolver("config.api_router").url_patterns
        if "(?P<pk>[^/.]+)" in str(pattern.pattern)
    ]

    assert untyped == []


def test_a_json_list_body_is_a_400_not_a_500(api_client, organiser):
    from tests.meetings.conftest import MeetingDay

    day = MeetingDay(organiser)
    api_client.force_authenticate(day.companies[0].user)

    response = api_client.post(f"/api/v1/meeting-participants/{day.company(0).pk}/blocked/", [1, 2], format="json")

    assert response.status_code == 400
    assert response.json() == {"detail": 'The body must be a JSON object, e.g. {"field": value}.'}


def test_a_body_too_large_is_a_json_413(api_client, organiser, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000
    api_client.force_authenticate(organiser)

    response = api_client.post("/api/v1/missions/", {"title": "x" * 5000}, format="json")

    assert response.status_code == 413
    assert response.json() == {"detail": "The body is too large."}
