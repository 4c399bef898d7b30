"""An organiser reads a session's registrations across the page's width and downloads the Excel export,
which opens with the answers and the registration times in the place's local time."""

import datetime as dt
import re
from zoneinfo import ZoneInfo

import pytest
from openpyxl import load_workbook
from playwright.sync_api import expect

from events.missions.models import Session
from events.registrations.models import Question, Registration
from events.registrations.services import cancel_registration, register_company
from tests.factories import MissionFactory, RepresentativeFactory, SessionFactory, StopFactory
from tests.support.browser import sign_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

OFFER = (
    (
        "Desalinated irrigation for greenhouse growers, with export certification and cold-chain logistics "
        "from the free zone to the port: "
    )
    * 3
    + "https://oasis-agritech.example/catalogue/"
    + "greenhouse-" * 20
)


def test_the_organiser_downloads_an_excel_export_with_the_answers_and_local_times(
    page, live_server, organiser, axe_violations, tmp_path
):
    mission = MissionFactory(title="Dakhla investor visit", slug="dakhla-visit")
    mission.organisers.add(organiser)
    stop = StopFactory(
        mission=mission, city="Dakhla", region="Dakhla-Oued Ed-Dahab", country="MA", time_zone="Africa/Casablanca"
    )
    session = SessionFactory(
        stop=stop,
        title="Free zone briefing",
        starts_at=dt.datetime(2099, 2, 12, 10, 0, tzinfo=ZoneInfo("Africa/Casablanca")),
        ends_at=dt.datetime(2099, 2, 12, 12, 0, tzinfo=ZoneInfo("Africa/Casablanca")),
        capacity=20,
        registration_mode=Session.RegistrationMode.OPEN,
    )
    offer = Question.objects.create(session=session, label="What do you offer?", kind="long_text")
    company = RepresentativeFactory(organization__name="Oasis Agritech")
    registration = register_company(
        session,
        acting_user=company.user,
        organization=company.organization,
        attendees=[{"full_name": "Leila Amrani", "email": "leila@oasis.example"}],
        answers={offer.pk: OFFER},
    )
    # 09:14 in Dakhla by the pinned tz database (Morocco stays on +00 from September 2026, the system's may not).
    registered = dt.datetime(2099, 2, 10, 9, 14, tzinfo=ZoneInfo("Africa/Casablanca"))
    Registration.objects.filter(pk=registration.pk).update(created_at=registered)
    # A registration cancelled later shows its status with when: "Cancelled since 11 Feb 2099, 01:35 (...)".
    other = RepresentativeFactory(organization__name="Sahara Solar Cooperative")
    cancelled = register_company(
        session,
        acting_user=other.user,
        organization=other.organization,
        attendees=[{"full_name": "Youssef Benali", "email": "youssef@sahara-solar.example", "job_title": "CTO"}],
        answers={offer.pk: OFFER},
    )
    cancel_registration(cancelled, acting_user=organiser)
    Registration.objects.filter(pk=cancelled.pk).update(
        created_at=registered, updated_at=registered + dt.timedelta(hours=16, minutes=21)
    )
    page.set_viewport_size({"width": 1400, "height": 900})
    sign_in(page, live_server, organiser.email)

    page.goto(f"{live_server.url}/manage/sessions/{session.pk}/registrations/")
    row = page.get_by_role("row", name="Oasis Agritech")
    expect(row).to_contain_text("10 Feb 2099, 09:14 (Africa/Casablanca)")
    expect(row.locator("dd")).to_have_text(OFFER.strip())
    table_width = page.locator("table.registrations").bounding_box()["width"]
    page_width = page.evaluate("document.documentElement.clientWidth")
    with page.expect_download() as downloading:
        page.get_by_role("link", name="Export Excel").click()
    download = downloading.value
    saved = tmp_path / download.suggested_filename
    download.save_as(saved)
    sheet = load_workbook(saved).active

    assert table_width > 1200  # the window's width, not the 32rem reading column it was held to
    assert page.evaluate("document.documentElement.scrollWidth") == page_width  # long answers wrap
    assert axe_violations(page) == []
    for width in (1280, 1440):  # a laptop and a desktop: the table fits its box, nothing scrolls sideways
        page.set_viewport_size({"width": width, "height": 900})
        box = page.evaluate(
            "(() => { const box = document.querySelector('.table-scroll');"
            " return [box.scrollWidth, box.clientWidth, document.documentElement.scrollWidth]; })()"
        )
        assert box == [box[1], box[1], width], f"at {width} px: table, its box, the page"
        # A status label never splits; the line saying since when may wrap.
        assert page.evaluate(
            "[...document.querySelectorAll('table.registrations .status')].map(s => s.getClientRects().length)"
        ) == [1, 1]
    expect(page.get_by_role("row", name=re.compile("Sahara Solar")).locator(".decided-at")).to_have_text(
        "since 11 Feb 2099, 01:35 (Africa/Casablanca)"
    )
    page.set_viewport_size({"width": 390, "height": 800})  # a phone: the table scrolls in its box, not the page
    assert page.evaluate("document.documentElement.scrollWidth") == 390
    assert download.suggested_filename == f"registrations-session-{session.pk}.xlsx"
    header = [cell.value for cell in sheet[1]]
    values = [cell.value for cell in sheet[2]]
    assert header[8:] == [
        "Registered at (Africa/Casablanca)",
        "Waitlist position",
        "Reason given",
        "What do you offer?",
    ]
    assert values[:6] == ["Oasis Agritech", "United States of America", None, "Confirmed", 1, "Leila Amrani"]
    assert values[8] == dt.datetime(2099, 2, 10, 9, 14)
    assert sheet.cell(row=2, column=9).is_date
    assert values[11] == OFFER.strip()


@pytest.mark.parametrize("width", [1280, 375])
def test_inline_forms_break_their_labels_between_words_never_inside_one(page, live_server, organiser, width):
    """A tester read "Capacit / y (seats)" and "Save / capacit / y" beside the capacity field."""
    session = SessionFactory(capacity=20, registration_mode=Session.RegistrationMode.OPEN)
    session.stop.mission.organisers.add(organiser)
    page.set_viewport_size({"width": width, "height": 800})
    sign_in(page, live_server, organiser.email)

    page.goto(f"{live_server.url}/manage/sessions/{session.pk}/registrations/")

    for element in (page.locator("label[for=capacity]"), page.locator(".capacity-form button")):
        # Each word whole on its line: the box is at least as wide as its longest word.
        longest_word = element.evaluate(
            """(node) => {
                const probe = document.createElement('span');
                probe.style.whiteSpace = 'nowrap';
                let widest = 0;
                for (const word of node.textContent.trim().split(/\\s+/)) {
                    probe.textContent = word;
                    node.appendChild(probe);
                    widest = Math.max(widest, probe.getBoundingClientRect().width);
                    node.removeChild(probe);
                }
                return widest;
            }"""
        )
        assert element.evaluate("(node) => node.getBoundingClientRect().width") >= longest_word - 0.5
