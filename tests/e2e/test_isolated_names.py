"""Names keep their order beside each other, measured where Chromium draws them (issue 15, "What was seen").

The board labels a meeting "requester – receiver". Two Arabic names around an English dash, without
isolation, become one right-to-left run and the requester is drawn to the right of the receiver, so an
English reader reads the pair swapped; two Latin names in the Arabic interface swap the other way.
"""

import pytest
from playwright.sync_api import expect

from events.meetings import services
from tests.e2e.test_meeting_board import sign_in
from tests.meetings.conftest import MeetingDay

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

# The left and right edges of the first occurrence of each text inside `element`, as drawn.
EDGES = """(element, texts) => texts.map((wanted) => {
  const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const at = node.data.indexOf(wanted);
    if (at < 0) continue;
    const range = document.createRange();
    range.setStart(node, at);
    range.setEnd(node, at + wanted.length);
    const box = range.getBoundingClientRect();
    return [box.left, box.right];
  }
  return null;
})"""


def label_edges(page, live_server, day, *, language):
    sign_in(page, live_server, day.organiser)
    page.context.add_cookies([{"name": "django_language", "value": language, "url": live_server.url}])
    page.set_viewport_size({"width": 1440, "height": 900})
    page.goto(f"{live_server.url}/manage/sessions/{day.session.pk}/board/")
    label = page.locator(".meeting .meeting-choose").first
    expect(label).to_be_visible()
    requester, receiver = day.companies[0].organization.name, day.delegates[0].full_name
    return label.evaluate(EDGES, [requester, receiver])


def placed_meeting(organiser, requester: str, receiver: str) -> MeetingDay:
    day = MeetingDay(organiser)
    organization = day.companies[0].organization
    organization.name = requester
    organization.save(update_fields=["name"])
    delegate = day.delegates[0]
    delegate.full_name = receiver
    delegate.save(update_fields=["full_name"])
    meeting_request = day.accepted(0, 0)
    services.book_meeting(meeting_request, acting_user=organiser, slot=day.slots[0], table=day.tables[0])
    return day


def test_two_arabic_names_read_requester_first_in_the_english_board(page, live_server, organiser):
    day = placed_meeting(organiser, "شركة الداخلة للصيد", "عمر التازي")

    (requester_left, requester_right), (receiver_left, _right) = label_edges(page, live_server, day, language="en")

    # Left to right: the requester, the dash, then the receiver.
    assert requester_right <= receiver_left, (requester_left, requester_right, receiver_left)


def test_two_latin_names_read_requester_first_in_the_arabic_board(page, live_server, organiser):
    day = placed_meeting(organiser, "Dakhla Fisheries", "Omar Tazi")

    (requester_left, _right), (_left, receiver_right) = label_edges(page, live_server, day, language="ar")

    assert page.locator("html").get_attribute("dir") == "rtl"
    # Right to left: the requester, the dash, then the receiver, drawn to the requester's left.
    assert receiver_right <= requester_left, (requester_left, receiver_right)
