"""The organiser's meeting board in the browser: book a request by dragging it (or choosing it, then a
cell), move a meeting, see a refusal when a delegate is already busy, pin a meeting, see a meeting
marked when one side can no longer come, and run the scheduler, publish, and find the meetings on
both sides."""

import datetime as dt

import pytest
from django.test import Client
from playwright.sync_api import expect

from events.meetings import services
from events.meetings.models import Meeting
from tests.meetings.conftest import MeetingDay

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def day(organiser):
    return MeetingDay(organiser)


def sign_in(page, live_server, user):
    """Sign the browser in as `user` through a session cookie (sign-in itself is tested elsewhere)."""
    client = Client()
    client.force_login(user)
    page.context.clear_cookies()
    page.context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
    )


@pytest.fixture
def board(page, live_server, day):
    """The board page, opened by its organiser."""
    sign_in(page, live_server, day.organiser)

    def open_board():
        # The window the board is laid out for; in a shorter one a drag would have to scroll the page mid-way.
        page.set_viewport_size({"width": 1440, "height": 900})
        page.goto(f"{live_server.url}/manage/sessions/{day.session.pk}/board/")
        expect(page.get_by_role("heading", name="Meeting board: One-to-one meetings")).to_be_visible()
        return page

    return open_board


def cell(page, time, table):
    return page.get_by_role("cell", name=f"{time} · {table}", exact=True)


def meeting_in(cell, names):
    return cell.get_by_role("button", name=names, exact=True)


def request_in_list(page, names):
    return page.locator(".unplaced .request", has_text=names)


def book(day, meeting_request, slot, table):
    return services.book_meeting(
        meeting_request, acting_user=day.organiser, slot=day.slots[slot], table=day.tables[table]
    )


def test_organiser_drags_an_accepted_request_onto_an_empty_cell(day, board):
    meeting_request = day.accepted(0, 0)
    page = board()
    expect(page.get_by_role("heading", name="1 accepted request not placed")).to_be_visible()

    request_in_list(page, "Company 0 – Delegate 0").drag_to(cell(page, "13:50", "Table 2"))

    expect(meeting_in(cell(page, "13:50", "Table 2"), "Company 0 – Delegate 0")).to_be_visible()
    expect(page.get_by_text("Every accepted request has a meeting.")).to_be_visible()
    meeting = Meeting.objects.get(request=meeting_request, working=True)
    assert (meeting.slot, meeting.table) == (day.slots[1], day.tables[1])


def test_organiser_chooses_a_request_then_clicks_an_empty_cell(day, board):
    meeting_request = day.accepted(1, 2)
    page = board()

    request_in_list(page, "Company 1 – Delegate 2").click()
    expect(page.get_by_role("status")).to_have_text("Company 1 – Delegate 2")
    cell(page, "14:10", "Table 3").click()

    expect(meeting_in(cell(page, "14:10", "Table 3"), "Company 1 – Delegate 2")).to_be_visible()
    meeting = Meeting.objects.get(request=meeting_request, working=True)
    assert (meeting.slot, meeting.table) == (day.slots[2], day.tables[2])


def test_organiser_books_a_request_with_the_keyboard_only(day, board):
    meeting_request = day.accepted(1, 2)
    page = board()

    request_in_list(page, "Company 1 – Delegate 2").focus()
    page.keyboard.press("Enter")
    page.keyboard.press("Shift+Tab")
    expect(cell(page, "17:10", "Table 3")).to_be_focused(timeout=1_000)
    page.keyboard.press("Enter")

    expect(meeting_in(cell(page, "17:10", "Table 3"), "Company 1 – Delegate 2")).to_be_visible()
    meeting = Meeting.objects.get(request=meeting_request, working=True)
    assert (meeting.slot, meeting.table) == (day.slots[-1], day.tables[2])


def test_organiser_drags_a_meeting_to_another_empty_cell(day, board):
    meeting = book(day, day.accepted(0, 0), slot=0, table=0)
    page = board()

    cell(page, "13:30", "Table 1").locator(".meeting").drag_to(cell(page, "14:30", "Table 3"))

    expect(meeting_in(cell(page, "14:30", "Table 3"), "Company 0 – Delegate 0")).to_be_visible()
    expect(cell(page, "13:30", "Table 1").locator(".meeting")).to_have_count(0)
    meeting.refresh_from_db()
    assert (meeting.slot, meeting.table) == (day.slots[3], day.tables[2])


def test_booking_a_busy_delegate_is_refused_and_nothing_changes(day, board):
    booked = book(day, day.accepted(0, 0), slot=0, table=0)
    day.accepted(1, 0)
    page = board()

    request_in_list(page, "Company 1 – Delegate 0").drag_to(cell(page, "13:30", "Table 2"))

    status = page.get_by_role("status")
    expect(status).to_have_text("Refused: Delegate 0 already meets Company 0 at 13:30.")
    expect(status).to_have_class("board-status message-error")
    expect(cell(page, "13:30", "Table 2").locator(".meeting")).to_have_count(0)
    expect(request_in_list(page, "Company 1 – Delegate 0")).to_be_visible()
    assert list(Meeting.objects.filter(working=True)) == [booked]


def test_organiser_pins_a_meeting(day, board):
    meeting = book(day, day.accepted(2, 1), slot=4, table=0)
    page = board()
    booked = cell(page, "14:50", "Table 1").locator(".meeting")

    booked.get_by_role("button", name="Pin").click()

    expect(booked).to_have_class("meeting pinned")
    expect(booked.get_by_role("button", name="Unpin")).to_be_visible()
    meeting.refresh_from_db()
    assert meeting.pinned is True


def test_organiser_pins_a_meeting_with_the_keyboard(day, board):
    meeting = book(day, day.accepted(2, 1), slot=4, table=0)
    page = board()
    booked = cell(page, "14:50", "Table 1").locator(".meeting")

    booked.get_by_role("button", name="Pin").focus()
    page.keyboard.press("Enter")

    expect(booked.get_by_role("button", name="Unpin")).to_be_visible(timeout=1_000)
    meeting.refresh_from_db()
    assert meeting.pinned is True


def test_meeting_is_marked_when_a_company_arrives_after_it(day, board):
    book(day, day.accepted(0, 1), slot=0, table=1)
    services.set_presence(
        day.company(0),
        acting_user=day.organiser,
        arrives_at=dt.datetime(2099, 2, 13, 15, 0, tzinfo=day.stop.zone),
    )

    page = board()

    booked = cell(page, "13:30", "Table 2").locator(".meeting")
    expect(booked).to_have_class("meeting conflict")
    expect(booked.locator(".conflict-note")).to_have_text("Conflict: Company 0 not available")


def test_organiser_runs_the_scheduler_publishes_and_both_sides_see_their_meetings(day, board, page, live_server):
    for company in range(3):
        for delegate in range(2):
            day.accepted(company, delegate, priority=1 + (company + delegate) % 3)
    page = board()
    expect(page.get_by_role("heading", name="6 accepted requests not placed")).to_be_visible()

    page.get_by_role("button", name="Run the scheduler").click()

    expect(page.get_by_label("Scheduler progress")).to_be_attached()
    quality = page.locator("[data-quality]")
    expect(quality).to_contain_text("Draft: placed 6 meetings")
    expect(quality).to_contain_text("Companies with a meeting: 3 of 3 possible; left without one: 0.")
    expect(page.get_by_text("Every accepted request has a meeting.")).to_be_visible()
    assert Meeting.objects.filter(grid=day.grid, working=True).count() == 6

    page.get_by_role("button", name="Publish").click()
    expect(page.get_by_text("Published: version 1")).to_be_visible()

    meeting = Meeting.objects.filter(grid=day.grid, working=True, request__receiver=day.delegate(0)).first()
    company = meeting.request.requester
    local_time = meeting.slot.starts_at.astimezone(day.stop.zone).strftime("%H:%M")
    representative = company.organization.representatives.get().user
    for user in (day.delegates[0].user, representative):
        sign_in(page, live_server, user)
        page.goto(f"{live_server.url}/meetings/")
        row = page.locator(".meetings tbody tr", has_text=f"{company.name} – Delegate 0")
        expect(row).to_contain_text(f"{local_time}–")
        expect(row).to_contain_text(meeting.table.name)


def test_a_refusal_shows_the_board_as_it_now_is(day, board):
    """Two organisers on one board (a helper's walk): B's move onto a cell A had just filled was refused, and B's
    board still showed that cell empty, and A's meeting where it had been, until B reloaded the page."""
    first = book(day, day.accepted(0, 0), slot=0, table=0)
    book(day, day.accepted(1, 1), slot=1, table=0)
    page = board()
    # Meanwhile another organiser moves the first meeting to 14:30, Table 3.
    services.move_meeting(first, acting_user=day.organiser, slot=day.slots[3], table=day.tables[2])

    cell(page, "13:50", "Table 1").locator(".meeting").drag_to(cell(page, "14:30", "Table 3"))

    expect(page.get_by_role("status")).to_contain_text("Refused:")
    expect(meeting_in(cell(page, "14:30", "Table 3"), "Company 0 – Delegate 0")).to_be_visible()
    expect(cell(page, "13:30", "Table 1").locator(".meeting")).to_have_count(0)


def test_escape_puts_a_chosen_request_down(day, board):
    """A helper chose a request with the keyboard, pressed Escape, and the next Enter on an empty cell still
    booked it."""
    day.accepted(1, 2)
    page = board()

    request_in_list(page, "Company 1 – Delegate 2").focus()
    page.keyboard.press("Enter")
    page.keyboard.press("Escape")
    expect(page.get_by_role("status")).to_have_text("Nothing chosen.")
    page.keyboard.press("Shift+Tab")
    expect(cell(page, "17:10", "Table 3")).to_be_focused(timeout=1_000)
    page.keyboard.press("Enter")

    expect(cell(page, "17:10", "Table 3").locator(".meeting")).to_have_count(0)
    assert not Meeting.objects.filter(working=True).exists()
