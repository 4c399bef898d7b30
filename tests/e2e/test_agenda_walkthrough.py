"""The agenda in the browser: a delegate signs in with an emailed code, reads each session in the time of
its place and subscribes to the feed; a company representative downloads a meeting as an .ics file."""

import re
from pathlib import Path

import pytest
from django.core import mail
from playwright.sync_api import expect

from events.meetings import services as meeting_services
from events.missions.models import Session
from tests.factories import DelegateFactory, DelegationFactory, UserFactory
from tests.meetings.conftest import MeetingDay

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

SIGN_IN_CODE = re.compile(r"^([A-Z0-9]{4}-[A-Z0-9]{4})$", re.MULTILINE)


@pytest.fixture
def delegate(two_zone_mission):
    """Omar Tazi, a delegate of the Austin and Silicon Valley mission, who has never set a password."""
    user = UserFactory(email="omar@digital.example.ma", full_name="Omar Tazi", password=None)
    DelegateFactory(delegation=DelegationFactory(mission=two_zone_mission), full_name="Omar Tazi", user=user)
    return user


@pytest.fixture
def published(organiser):
    """An Austin meeting afternoon: Company 0 meets Delegate 1 at 15:50, published."""
    day = MeetingDay(organiser)
    meeting_services.book_meeting(day.accepted(0, 1), acting_user=organiser, slot=day.slots[6], table=day.tables[1])
    meeting_services.publish_schedule(day.grid, acting_user=organiser)
    return day


def sign_in_with_a_code(page, email):
    page.get_by_role("link", name="Send me a sign-in code").click()
    page.get_by_label("Email").fill(email)
    page.get_by_role("button", name="Request Code").click()
    expect(page.get_by_role("heading", name="Enter Sign-In Code")).to_be_visible()
    codes = [SIGN_IN_CODE.search(message.body) for message in mail.outbox if message.to == [email]]
    (code,) = [code.group(1) for code in codes if code]
    page.get_by_label("Code").fill(code)
    page.get_by_role("button", name="Confirm").click()


def sign_in_with_a_password(page, email):
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill("a-long-demo-password")
    page.get_by_role("button", name="Sign In").click()


def test_delegate_reads_the_agenda_in_local_time_and_copies_the_feed_link(page, live_server, delegate):
    page.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=live_server.url)
    page.goto(f"{live_server.url}/agenda/")
    expect(page).to_have_url(re.compile(r"/accounts/login/\?next=/agenda/"))

    sign_in_with_a_code(page, "omar@digital.example.ma")

    expect(page.get_by_role("heading", name="Your agenda", level=1)).to_be_visible()
    expect(page).to_have_url(f"{live_server.url}/agenda/")
    briefing = page.locator(".agenda-session", has_text="Public business briefing")
    expect(briefing.locator(".agenda-when")).to_have_text(
        "Saturday 13 February 2027, 09:00–12:00 CST (America/Chicago)"
    )
    visit = page.locator(".agenda-session", has_text="Site visit: Juniper Networks")
    expect(visit.locator(".agenda-when")).to_have_text(
        "Tuesday 16 February 2027, 10:00–12:30 PST (America/Los_Angeles)"
    )
    expect(page.locator(".agenda-leg h2")).to_have_text(
        ["In Austin, Texas, United States of America", "In San Jose, California, United States of America"]
    )

    show_my_zone = page.get_by_role("link", name="Also show my time zone")
    # agenda.js names the browser's zone in the link once it runs: on a loaded machine the click came first.
    expect(show_my_zone).to_have_attribute("href", re.compile(r"tz="))
    show_my_zone.click()
    expect(briefing.locator(".agenda-viewer-time")).to_have_text(
        "Your time: Saturday 13 February 2027, 16:00–19:00 (Europe/Paris)"
    )

    page.get_by_role("button", name="Get my calendar link").click()
    expect(page.get_by_text("Your calendar link is ready.")).to_be_visible()
    link = page.get_by_label("Your calendar link")
    # The whole address, on the server's own scheme, host and port: the test server, like the demo's, speaks http.
    expect(link).to_have_value(re.compile(r"^http://localhost:\d+/agenda/feed/[\w-]{43}\.ics$"))
    page.set_viewport_size({"width": 360, "height": 740})  # a phone: the address wraps, none of it hidden
    hidden = "el => [el.scrollWidth - el.clientWidth, el.scrollHeight - el.clientHeight]"
    assert link.evaluate(hidden) == [0, 0]
    page.set_viewport_size({"width": 1280, "height": 720})
    page.get_by_role("button", name="Copy link").click()

    status = page.locator("#feed-link-status")
    expect(status).to_have_text("Copied")
    expect(status).to_be_visible()
    expect(status).to_have_attribute("aria-live", "polite")
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied == link.input_value()
    feed = page.request.get(copied)
    assert feed.status == 200
    assert feed.headers["content-type"] == "text/calendar; charset=utf-8"
    briefing_session = Session.objects.get(title="Public business briefing")
    assert f"UID:session-{briefing_session.pk}@trade-missions.events" in feed.text()

    page.reload()
    expect(page.get_by_label("Your calendar link")).to_have_count(0)
    expect(page.get_by_text("Your calendar link is active.")).to_be_visible()


def test_company_downloads_a_published_meeting_as_an_ics_file(page, live_server, published):
    representative = published.companies[0]
    meeting = published.grid.meetings.get(version__isnull=False)
    page.goto(f"{live_server.url}/agenda/")
    sign_in_with_a_password(page, representative.user.email)

    card = page.locator(".agenda-meeting", has_text="Meeting with Delegate 1")
    expect(card.locator(".agenda-when")).to_have_text("Friday 13 February 2099, 15:50–16:10 CST (America/Chicago)")
    with page.expect_download() as started:
        card.get_by_role("link", name=re.compile(r"^Add to calendar \(\.ics\)")).click()
    download = started.value

    assert download.suggested_filename == f"meeting-{meeting.uid}.ics"
    body = Path(download.path()).read_bytes().decode()
    assert body.startswith("BEGIN:VCALENDAR\r\n")
    assert body.rstrip().endswith("END:VCALENDAR")
    assert body.count("BEGIN:VEVENT") == 1
    assert f"UID:meeting-{meeting.uid}@trade-missions.events" in body
    assert "SUMMARY:Meeting with Delegate 1" in body
    assert "DTSTART;TZID=America/Chicago:20990213T155000" in body
