import pytest
from playwright.sync_api import expect

from events.missions.models import Mission
from tests.factories import MissionFactory, UserFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_mission_page_shows_local_times_with_their_zone(page, live_server, two_zone_mission):
    page.goto(f"{live_server.url}/missions/{two_zone_mission.slug}/")

    briefing = page.locator(".session", has_text="Public business briefing")
    juniper = page.locator(".session", has_text="Juniper Networks")
    expect(briefing.locator(".session-time")).to_contain_text("09:00–12:00 CST")
    expect(briefing.locator(".session-time")).to_contain_text("America/Chicago")
    expect(juniper.locator(".session-time")).to_contain_text("10:00–12:30 PST")
    expect(juniper.locator(".session-time")).to_contain_text("America/Los_Angeles")
    expect(page.locator(".programme-day h3").first).to_contain_text("Saturday 13 February 2027")


def test_organiser_signs_in_and_sees_their_draft(page, live_server):
    organiser = UserFactory(email="organiser@agency.example")
    draft = MissionFactory(title="Dakhla investor visit", slug="dakhla", status=Mission.Status.DRAFT)
    draft.organisers.add(organiser)

    page.goto(f"{live_server.url}/")
    expect(page.get_by_text("Dakhla investor visit")).to_have_count(0)
    page.get_by_role("link", name="Sign in").click()
    page.get_by_label("Email").fill("organiser@agency.example")
    page.get_by_label("Password").fill("a-long-demo-password")
    page.get_by_role("button", name="Sign In").click()

    expect(page.get_by_role("link", name="Dakhla investor visit")).to_be_visible()
    page.get_by_role("link", name="Dakhla investor visit").click()
    expect(page.locator(".organiser-note")).to_contain_text("You organise this mission.")


def test_visitor_switches_the_mission_page_to_french(page, live_server, two_zone_mission):
    page.goto(f"{live_server.url}/missions/{two_zone_mission.slug}/")

    page.get_by_label("Language").select_option("fr")
    page.get_by_role("button", name="Change").click()

    expect(page.locator("html")).to_have_attribute("lang", "fr")
    expect(page.get_by_role("heading", name="Itinéraire")).to_be_visible()
    expect(page.locator(".programme-day h3").first).to_contain_text("samedi 13 février 2027")
    expect(page.locator(".session", has_text="Juniper Networks").locator(".session-time")).to_contain_text(
        "10:00–12:30 PST"
    )
