"""The organiser's meeting board as a page: no accessibility violations (axe-core), it fits a
1,440 px window and a phone, breaks are labelled rows, and actions and runs update it in place."""

import datetime as dt

import pytest
from playwright.sync_api import expect

from events.meetings import services
from events.meetings.models import Meeting
from tests.e2e.test_meeting_board import book, cell, sign_in
from tests.meetings.conftest import MeetingDay
from tests.meetings.test_board_answers import answer

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

# Set on the window before an action; a full reload would lose it.
MARK_PAGE = "window.boardNotReloaded = true"
PAGE_NOT_RELOADED = "window.boardNotReloaded === true"


@pytest.fixture
def day(organiser):
    """Eight tables: wider than a 1,440 px window if the grid did not scroll in its own box."""
    return MeetingDay(organiser, companies=4, delegates=8, tables=8)


@pytest.fixture
def board(page, live_server, day):
    sign_in(page, live_server, day.organiser)

    def open_board(width=1440, height=900, query=""):
        page.set_viewport_size({"width": width, "height": height})
        page.goto(f"{live_server.url}/manage/sessions/{day.session.pk}/board/{query}")
        expect(page.get_by_role("heading", name="Meeting board: One-to-one meetings")).to_be_visible()
        return page

    return open_board


def page_width(page):
    return page.evaluate("document.scrollingElement.scrollWidth")


def busy_board(day):
    """Meetings pinned, in conflict and plain, and requests left to place."""
    book(day, day.accepted(0, 0), slot=0, table=0)
    pinned = book(day, day.accepted(1, 1), slot=1, table=1)
    services.pin_meeting(pinned, acting_user=day.organiser, pinned=True)
    book(day, day.accepted(2, 2), slot=2, table=7)
    services.set_presence(
        day.company(2), acting_user=day.organiser, arrives_at=dt.datetime(2099, 2, 13, 16, 0, tzinfo=day.stop.zone)
    )
    day.accepted(3, 3)
    day.accepted(0, 4)


@pytest.mark.parametrize("query", ["", "?by=delegates"])
def test_the_board_has_no_accessibility_violations(day, board, axe_violations, query):
    busy_board(day)
    page = board(query=query)

    violations = axe_violations(page)

    assert violations == []


def answered_board(day):
    """The busy board, published: at 13:30 the company declined and the delegate accepted; the others wait."""
    busy_board(day)
    services.publish_schedule(day.grid, acting_user=day.organiser)
    declined = Meeting.objects.get(grid=day.grid, working=True, slot=day.slots[0])
    answer(declined, day.companies[0].user.email, "DECLINED")
    answer(declined, day.delegates[0].calendar_address, "ACCEPTED")
    return declined


@pytest.mark.parametrize("query", ["", "?by=delegates"])
def test_the_board_with_invitation_answers_has_no_accessibility_violations(day, board, axe_violations, query):
    answered_board(day)
    page = board(query=query)

    violations = axe_violations(page)

    assert violations == []
    expect(page.locator("[data-answers]").first).to_have_text(
        "Invitation answers: ✗ Company 0 declined · ✓ Accepted: Delegate 0 (2 of 2 answered)"
    )


def test_the_answers_stay_on_a_card_redrawn_in_place(day, board):
    answered_board(day)
    page = board()
    page.evaluate(MARK_PAGE)
    declined = cell(page, "13:30", "Table 1").locator(".meeting")
    expect(declined).to_have_class("meeting declined")

    declined.get_by_role("button", name="Pin").click()

    expect(declined).to_have_class("meeting pinned declined")
    expect(declined.locator("[data-answers]")).to_have_text(
        "Invitation answers: ✗ Company 0 declined · ✓ Accepted: Delegate 0 (2 of 2 answered)"
    )
    expect(cell(page, "13:50", "Table 2").locator("[data-answers]")).to_have_text(
        "Invitation answers: ? No answer yet: Company 1 · ? No answer yet: Delegate 1 (0 of 2 answered)"
    )
    assert page.evaluate(PAGE_NOT_RELOADED) is True


def test_the_board_fits_a_1440_pixel_window_with_its_slot_column_and_header_row_sticky(day, board):
    busy_board(day)
    page = board(width=1440)
    grid = page.locator(".board-scroll")
    time_header = page.get_by_role("columnheader", name="Time")
    first_slot = page.get_by_role("rowheader", name="13:30")
    before = (time_header.bounding_box(), first_slot.bounding_box())

    grid.evaluate("box => box.scrollBy(400, 200)")

    assert page_width(page) <= 1440
    assert grid.evaluate("box => box.scrollWidth > box.clientWidth") is True
    after = (time_header.bounding_box(), first_slot.bounding_box())
    assert after[0]["y"] == before[0]["y"]  # the header row stays while the grid scrolls down
    assert after[1]["x"] == before[1]["x"]  # the slot column stays while the grid scrolls sideways


def test_on_a_phone_the_board_shows_one_table_at_a_time(day, board):
    busy_board(day)
    page = board(width=390, height=844)
    expect(page.get_by_role("columnheader", name="Table 1")).to_be_visible()
    expect(page.get_by_role("columnheader", name="Table 2")).to_be_hidden()

    page.get_by_label("Show the column of").select_option(label="Table 2")

    expect(page.get_by_role("columnheader", name="Table 2")).to_be_visible()
    expect(page.get_by_role("columnheader", name="Table 1")).to_be_hidden()
    pinned = cell(page, "13:50", "Table 2").get_by_role("button", name="Company 1 – Delegate 1", exact=True)
    expect(pinned).to_be_visible()
    assert page_width(page) <= 390


def test_on_a_phone_the_board_by_delegates_shows_one_delegate_at_a_time(day, board):
    busy_board(day)
    page = board(width=390, height=844, query="?by=delegates")

    page.get_by_label("Show the column of").select_option(label="Delegate 1")

    expect(page.get_by_role("columnheader", name="Delegate 1")).to_be_visible()
    expect(page.get_by_role("columnheader", name="Delegate 0")).to_be_hidden()
    assert page_width(page) <= 390


@pytest.mark.parametrize("query", ["", "?by=delegates"])
def test_a_break_is_a_labelled_row_in_time_order(day, board, query):
    page = board(query=query)

    row_headers = page.locator(".board tbody th[scope=row]").all_inner_texts()

    assert row_headers[5:8] == ["15:10", "15:30–15:50", "15:50"]
    break_row = page.get_by_role("row", name="15:30–15:50 Coffee")
    expect(break_row.get_by_role("cell")).to_have_text("Coffee")
    assert break_row.get_by_role("cell").get_attribute("colspan") == "8"


def test_the_progress_bar_ends_with_the_quality_line_without_a_reload(day, board):
    for company in range(3):
        day.accepted(company, company)
    page = board()
    page.evaluate(MARK_PAGE)

    page.get_by_role("button", name="Run the scheduler").click()

    status = page.get_by_role("status")
    expect(status).to_contain_text("Draft: placed 3 meetings")
    expect(status).to_contain_text("Companies with a meeting: 3 of 3 possible")
    expect(page.get_by_label("Scheduler progress")).to_have_js_property("value", 1)
    expect(page.get_by_text("Every accepted request has a meeting.")).to_be_visible()
    assert page.evaluate(PAGE_NOT_RELOADED) is True


def test_a_move_updates_the_board_in_place_and_keeps_the_keyboard_on_it(day, board):
    meeting = book(day, day.accepted(0, 0), slot=0, table=0)
    page = board()
    page.evaluate(MARK_PAGE)

    cell(page, "13:30", "Table 1").get_by_role("button", name="Company 0 – Delegate 0", exact=True).press("Enter")
    cell(page, "14:30", "Table 3").press("Enter")

    moved = cell(page, "14:30", "Table 3").get_by_role("button", name="Company 0 – Delegate 0", exact=True)
    expect(moved).to_be_focused()
    expect(page.get_by_role("status")).to_have_text("Meeting moved: Company 0 – Delegate 0")
    expect(cell(page, "13:30", "Table 1").locator(".meeting")).to_have_count(0)
    assert page.evaluate(PAGE_NOT_RELOADED) is True
    meeting.refresh_from_db()
    assert (meeting.slot, meeting.table) == (day.slots[3], day.tables[2])


def test_on_a_phone_a_long_name_wraps_inside_the_one_column_shown(day, board):
    """A helper at 375 px: the one table shown was 410 px wide with the demo's names, 1,125 px with a company
    of 134 characters, and the cards were cut off."""
    busy_board(day)
    company = day.companies[0].organization
    company.name = "Compagnie Marocaine de Développement des Infrastructures Numériques " + "X" * 60
    company.save()
    page = board(width=375, height=812)

    scroller = page.locator(".board-scroll")
    assert scroller.evaluate("el => el.scrollWidth - el.clientWidth") == 0
    assert page_width(page) <= 375
