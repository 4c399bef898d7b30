"""The board, agenda, registration and check-in pages in Arabic, in Chromium, on a desktop and a phone
(issue 15): the document is Arabic and right to left, the interface is translated, headings start on the
right, no page is wider than the window, and axe finds nothing."""

import pytest
from playwright.sync_api import expect

from tests.e2e.test_meeting_board import sign_in
from tests.meetings.conftest import MeetingDay

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def day(organiser):
    return MeetingDay(organiser, companies=2, delegates=2, tables=2)


def in_arabic(page, live_server, user):
    sign_in(page, live_server, user)
    page.context.add_cookies([{"name": "django_language", "value": "ar", "url": live_server.url}])


def check_arabic_layout(page, width, axe_violations):
    html = page.locator("html")
    assert (html.get_attribute("lang"), html.get_attribute("dir")) == ("ar", "rtl")
    expect(page.get_by_role("button", name="تسجيل الخروج")).to_be_visible()
    page_width = page.evaluate("document.documentElement.scrollWidth")
    assert page_width <= width, f"{page.url} is {page_width} px wide in a {width} px window"
    heading = page.locator("h1").first.bounding_box()
    text_box = page.locator("h1").first.evaluate(
        "h => { const r = document.createRange(); r.selectNodeContents(h); const b = r.getBoundingClientRect();"
        " return [b.left, b.right]; }"
    )
    # The heading's text starts at the right of its box (right to left), not at its left.
    assert heading["x"] + heading["width"] - text_box[1] < 2, (heading, text_box)
    assert axe_violations(page) == []


@pytest.mark.parametrize("width", [1280, 375])
def test_organiser_pages_in_arabic(page, live_server, day, width, axe_violations):
    page.set_viewport_size({"width": width, "height": 900})
    in_arabic(page, live_server, day.organiser)

    for path in (f"/manage/sessions/{day.session.pk}/board/", f"/manage/sessions/{day.session.pk}/door/"):
        page.goto(f"{live_server.url}{path}")
        check_arabic_layout(page, width, axe_violations)


@pytest.mark.parametrize("width", [1280, 375])
def test_company_pages_in_arabic(page, live_server, day, width, axe_violations):
    page.set_viewport_size({"width": width, "height": 900})
    in_arabic(page, live_server, day.companies[0].user)

    for path in ("/agenda/", f"/missions/{day.session.stop.mission.slug}/register/", "/meetings/"):
        page.goto(f"{live_server.url}{path}")
        check_arabic_layout(page, width, axe_violations)
