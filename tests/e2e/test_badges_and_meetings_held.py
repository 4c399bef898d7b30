"""Issue 13's "Done when", the parts left to the browser: the organiser prints the Austin briefing's
badges from the mission page; a company and a delegate each say their one-to-one took place."""

import datetime as dt

import pytest
from django.utils import timezone
from playwright.sync_api import expect
from pypdf import PdfReader

from events.checkin.models import BadgePrint
from events.checkin.services import build_badge_print
from events.meetings import services as meetings
from events.meetings.models import Meeting
from tests.checkin.conftest import Door
from tests.meetings.conftest import MeetingDay
from tests.support.browser import sign_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_the_organiser_prints_the_briefings_badges_from_the_mission_page(page, live_server, organiser, tmp_path):
    door = Door(organiser)
    sign_in(page, live_server, organiser.email)
    page.goto(f"{live_server.url}/missions/{door.mission.slug}/")

    page.get_by_role("link", name="Badges (PDF)").click()
    page.get_by_role("button", name="Prepare badges (A6, one a page)").click()
    # No broker in tests: the worker's task runs in-process once the request commits, so it is ready at once.
    expect(page.get_by_text("The badges are being prepared")).to_be_visible()
    with page.expect_download() as downloading:
        page.get_by_role("link", name="Download 4 badges").click()
    saved = tmp_path / downloading.value.suggested_filename
    downloading.value.save_as(saved)

    pdf = PdfReader(saved)
    text = "\n".join(page_.extract_text() for page_ in pdf.pages)
    # The organiser, the delegate and the two confirmed attendees; not the cancelled one.
    assert len(pdf.pages) == 4
    assert "Ana Ruiz" in text
    assert "Omar Tazi" in text
    assert "Cy Gone" not in text


def test_the_badges_page_shows_the_download_once_a_worker_has_built_it(page, live_server, organiser):
    door = Door(organiser)
    # Queued, as the service leaves it when a broker takes the task (in tests the task would run at once).
    queued = BadgePrint.objects.create(mission=door.mission, layout="a4", requested_by=organiser)
    refused = []
    page.on(
        "console", lambda message: refused.append(message.text) if "Content Security Policy" in message.text else None
    )
    sign_in(page, live_server, organiser.email)
    page.goto(f"{live_server.url}/manage/missions/{door.mission.slug}/badges/")
    expect(page.get_by_text("This page updates itself when they are ready.")).to_be_visible()

    build_badge_print(queued.pk)  # the worker, here in the test; the page's script notices by itself

    expect(page.get_by_role("link", name="Download 4 badges")).to_be_visible(timeout=10_000)
    assert refused == []


def test_a_company_and_a_delegate_say_their_meeting_took_place(page, live_server, organiser, axe_violations):
    day = MeetingDay(organiser)
    meetings.book_meeting(day.accepted(0, 0), acting_user=organiser, slot=day.slots[0], table=day.tables[0])
    meetings.publish_schedule(day.grid, acting_user=organiser)
    slot = day.slots[0]
    slot.starts_at = timezone.now() - dt.timedelta(minutes=5)  # the meeting is happening now
    slot.ends_at = slot.starts_at + dt.timedelta(minutes=20)
    slot.save(update_fields=["starts_at", "ends_at"])

    sign_in(page, live_server, day.companies[0].user.email)
    page.goto(f"{live_server.url}/meetings/")
    page.get_by_role("button", name="We met").click()
    expect(page.get_by_text("Noted: your meeting with Delegate 0 took place.")).to_be_visible()
    expect(page.get_by_text("Held (marked at")).to_be_visible()
    assert axe_violations(page) == []

    page.get_by_role("button", name="Sign out").click()
    sign_in(page, live_server, day.delegates[0].user.email)
    page.goto(f"{live_server.url}/meetings/")
    # The company said so already: the delegate sees the meeting held, with the company's time.
    expect(page.get_by_text("Held (marked at")).to_be_visible()
    published = Meeting.objects.get(version__isnull=False)
    assert published.request.outcome.marked_by == day.companies[0].user
