"""Issue 11, case 5: under the Content-Security-Policy every page still works and nothing is blocked."""

import pytest
from playwright.sync_api import expect

from tests.e2e.test_meeting_board import sign_in
from tests.factories import UserFactory
from tests.meetings.conftest import MeetingDay

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def blocked_by_the_policy(page, live_server, paths):
    refused = []
    page.on(
        "console", lambda message: refused.append(message.text) if "Content Security Policy" in message.text else None
    )
    for path in paths:
        page.goto(live_server.url + path)
        page.wait_for_load_state("networkidle")
    return refused


def test_pages_load_their_scripts_and_nothing_is_refused(page, live_server, organiser, two_zone_mission):
    day = MeetingDay(organiser)
    superuser = UserFactory(is_staff=True, is_superuser=True)
    sign_in(page, live_server, superuser)

    refused = blocked_by_the_policy(
        page,
        live_server,
        [
            "/",
            f"/missions/{two_zone_mission.slug}/",
            "/agenda/",
            f"/manage/sessions/{day.session.pk}/board/",
            "/admin/",
            "/admin/missions/session/add/",
            "/api/docs/",
        ],
    )

    assert refused == []
    page.goto(live_server.url + "/api/docs/")
    expect(page.locator(".swagger-ui")).to_be_visible()
    expect(page.get_by_text("Trade missions API")).to_be_visible()
