"""Issue 14's dashboard in the browser: the organiser opens it from the mission page on a desktop and on a
phone; each chart is drawn (an <svg> in each figure), nothing is wider than the window, and axe finds
nothing to fix; nor on the leads, funding (with a field's error) and waves pages."""

import re

import pytest
from playwright.sync_api import expect

from tests.outcomes.conftest import afternoon  # noqa: F401  (the fixtures behind `reported`)
from tests.outcomes.test_figures import reported  # noqa: F401  (a cited and an uncited deal)
from tests.support.browser import sign_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("width", [1280, 375])
def test_the_organiser_reads_the_dashboard(page, live_server, reported, width, axe_violations):  # noqa: F811
    page.set_viewport_size({"width": width, "height": 900})
    sign_in(page, live_server, reported.organiser.email)

    page.goto(f"{live_server.url}/missions/{reported.mission.slug}/")
    page.locator(".organiser-note").get_by_role("link", name="Outcomes").click()

    expect(page.get_by_role("heading", level=1)).to_contain_text("Outcomes")
    charts = page.locator("figure.chart")
    expect(charts).to_have_count(4)
    for n in range(4):
        drawn = charts.nth(n).locator("svg")
        expect(drawn).to_have_count(1)
        box = drawn.bounding_box()
        assert box["width"] > 100
        assert box["height"] > 40
        assert box["x"] + box["width"] <= width
    expect(page.get_by_role("img", name="Meetings, from request to held")).to_be_visible()
    uncited = page.locator("table.deals-table tr", has_text="Company 1")
    expect(uncited).to_contain_text("Not for citation")
    expect(page.locator("[data-ratio] strong")).to_have_text("3.50")
    page_width = page.evaluate("document.documentElement.scrollWidth")
    assert page_width <= width, f"the dashboard is {page_width} px wide in a {width} px window"
    assert axe_violations(page) == []

    page.get_by_role("link", name=re.compile(r"2 leads")).click()
    expect(page.locator("table[data-rows=leads] tbody tr")).to_have_count(2)
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    assert axe_violations(page) == []

    page.get_by_role("navigation", name="Outcomes").get_by_role("link", name="Funding").click()
    page.get_by_label("Exchange rates").fill("MAD 0.10\nEUR ten")
    page.get_by_role("button", name="Save").click()
    expect(page.locator(".errorlist")).to_contain_text("Line 2 (“EUR ten”)")
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    assert axe_violations(page) == []

    page.get_by_role("navigation", name="Outcomes").get_by_role("link", name="Follow-up waves").click()
    expect(page.locator("table[data-rows=waves] tbody tr")).to_have_count(2)
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    assert axe_violations(page) == []
