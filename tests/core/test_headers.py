"""Issue 11, case 5: the security headers of a page and of the API."""

import pytest

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("path", ["/", "/api/v1/missions/", "/api/docs/"])
def test_a_content_security_policy_allows_no_inline_script(client, path):
    response = client.get(path)

    policy = dict(part.strip().split(" ", 1) for part in response["Content-Security-Policy"].split(";") if part.strip())
    assert response.status_code == 200
    assert policy["script-src"] == "'self'"
    assert policy["object-src"] == "'none'"
    assert policy["frame-ancestors"] == "'none'"


def test_browser_features_the_site_does_not_use_are_denied(client):
    response = client.get("/")

    denied = response["Permissions-Policy"]
    assert "camera=()" in denied
    assert "geolocation=()" in denied
    assert "microphone=()" in denied


def test_production_asks_for_a_year_of_hsts_with_preload(monkeypatch):
    import importlib
    import sys

    monkeypatch.setattr("config.settings.base.SECRET_KEY", "test-only-not-secret")
    monkeypatch.setenv("CACHE_URL", "redis://127.0.0.1:6379/1")
    monkeypatch.setattr("config.settings.base.PUBLIC_SITE_URL", "https://missions.example.org")
    sys.modules.pop("config.settings.production", None)
    production = importlib.import_module("config.settings.production")

    assert production.SECURE_HSTS_SECONDS >= 365 * 24 * 3600
    assert (production.SECURE_HSTS_PRELOAD, production.SECURE_HSTS_INCLUDE_SUBDOMAINS) == (True, True)
