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
