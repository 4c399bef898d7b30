"""The board page and the meetings page, through Django's test client."""

import pytest

from events.meetings import services
from events.meetings.models import MeetingRequest

pytestmark = pytest.mark.django_db


def test_the_board_shows_meetings_requests_and_conflicts(client, day):
    booked = services.book_meeting(
        day.accepted(0, 0), acting_user=day.organiser, slot=day.slots[0], table=day.tables[0]
    )
    day.accepted(1, 1)
    # The company then says it arrives later: its booked meeting is now a conflict to resolve.
    services.set_presence(day.company(0), acting_user=day.organiser, arrives_at=day.slots[3].starts_at)
    client.force_login(day.organiser)

    page = client.get(f"/manage/sessions/{day.session.pk}/board/").content.decode()
    by_delegates = client.get(f"/manage/sessions/{day.session.pk}/board/?by=delegates").content.decode()

    assert f'data-meeting="{booked.pk}"' in page
    assert "meeting conflict" in page
    assert "Conflict: <bdi>Company 0</bdi> not available" in page
    assert "1 accepted request not placed" in page
    assert "<bdi>Company 1</bdi> – <bdi>Delegate 1</bdi>" in page
    assert '<th scope="col" data-column="0"><bdi>Delegate 0</bdi></th>' in by_delegates


def test_the_board_is_for_the_missions_organisers_only(client, day, organiser):
    client.force_login(day.companies[0].user)

    assert client.get(f"/manage/sessions/{day.session.pk}/board/").status_code == 404


def test_a_company_asks_from_its_meetings_page_and_the_delegate_accepts(client, day):
    client.force_login(day.companies[0].user)
    page = client.get("/meetings/").content.decode()
    assert "Ask for a meeting at “One-to-one meetings”" in page
    assert "Delegate 2" in page
    assert "Company 1" not in page  # companies meet delegates here

    client.post(
        f"/meetings/ask/{day.company(0).pk}/",
        {"receiver": day.delegate(2).pk, "priority": "3", "message": "Data centres"},
    )
    request = MeetingRequest.objects.get()
    client.force_login(day.delegates[2].user)
    client.post(f"/meetings/requests/{request.pk}/answer/", {"answer": "accept"})

    request.refresh_from_db()
    assert (request.priority, request.message, request.status) == (3, "Data centres", "accepted")


def test_a_request_with_a_bad_priority_or_a_long_message_is_refused_with_the_reason(client, day):
    client.force_login(day.companies[0].user)
    url = f"/meetings/ask/{day.company(0).pk}/"

    bad_priority = client.post(url, {"receiver": day.delegate(2).pk, "priority": "urgent"}, follow=True)
    too_long = client.post(url, {"receiver": day.delegate(2).pk, "priority": "2", "message": "x" * 501}, follow=True)

    assert bad_priority.status_code == 400  # the page again, with what was typed
    assert "must be an integer" in bad_priority.text
    assert "at most 500 characters" in too_long.text
    assert not MeetingRequest.objects.exists()


def test_published_meetings_appear_on_both_sides(client, day):
    services.book_meeting(day.accepted(0, 1), acting_user=day.organiser, slot=day.slots[6], table=day.tables[1])
    services.publish_schedule(day.grid, acting_user=day.organiser)

    client.force_login(day.companies[0].user)
    company_page = client.get("/meetings/").content.decode()
    client.force_login(day.delegates[1].user)
    delegate_page = client.get("/meetings/").content.decode()

    for page in (company_page, delegate_page):
        assert "<bdi>Company 0</bdi> – <bdi>Delegate 1</bdi>" in page
        assert "15:50–16:10" in page
        assert "Table 2" in page


@pytest.mark.parametrize("receiver", ["abc", "", "٣", str(2**70), "-1"])
def test_a_tampered_receiver_is_a_400_with_the_error_on_whom_to_meet(client, day, receiver):
    """A form posted with receiver=abc was a 500 (Field 'id' expected a number)."""
    client.force_login(day.companies[0].user)

    response = client.post(
        f"/meetings/ask/{day.company(0).pk}/", {"receiver": receiver, "priority": "2", "message": "Data centres"}
    )

    page = response.content.decode()
    participant = day.company(0).pk
    assert response.status_code == 400
    assert f'<p id="receiver-{participant}-error" class="field-error">Choose whom to meet.</p>' in page
    assert f'aria-describedby="receiver-{participant}-error"' in page
    assert ">Data centres</textarea>" in page
    assert not MeetingRequest.objects.exists()


def test_a_receiver_one_may_not_ask_is_a_400_with_the_error_on_whom_to_meet(client, day):
    client.force_login(day.companies[0].user)

    response = client.post(f"/meetings/ask/{day.company(0).pk}/", {"receiver": day.company(1).pk, "priority": "2"})

    assert response.status_code == 400
    assert "Choose whom to meet." in response.content.decode()
    assert not MeetingRequest.objects.exists()


def test_a_requests_message_keeps_its_lines_on_the_meetings_page(client, day):
    """A helper wrote a request on three lines: the mail and the answer page kept them, the meetings page ran
    them into one."""
    services.request_meeting(
        day.grid,
        acting_user=day.companies[0].user,
        requester=day.company(0),
        receiver=day.delegate(0),
        message="We build data centres.\nTier III, in Casablanca.",
    )
    client.force_login(day.delegates[0].user)

    page = client.get("/meetings/").content.decode()

    assert "We build data centres.<br>Tier III, in Casablanca." in page
