"""The board shows how both sides answered each published meeting's calendar invitation (issue 10).

The answers are the agenda's (events.agenda.models.Invitation); the board asks for them with
events.meetings.signals.rsvp_answers_wanted, since meetings may not import the agenda.
"""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from events.agenda.models import Invitation
from events.agenda.rsvp import read_rsvp, record_answer, rsvp_token
from events.meetings import selectors, services
from events.meetings.signals import rsvp_answers
from tests.meetings.conftest import MeetingDay

pytestmark = pytest.mark.django_db


def answer(meeting, email, partstat):
    """What a person's click on the link in their invitation records (events.agenda.rsvp)."""
    invitation = Invitation.objects.get(uid__contains=str(meeting.uid), email=email.lower())
    record_answer(read_rsvp(rsvp_token(invitation, partstat)))


def board_url(day):
    return f"/manage/sessions/{day.session.pk}/board/"


def answers_on(page) -> list[str]:
    """The answers as a sighted reader sees them: tags and visually hidden words left out."""
    spans = re.findall(r'<span class="answers[^"]*"[^>]*data-answers>(.*?)</span>\s*$', page, flags=re.M)
    texts = []
    for span in spans:
        span = re.sub(r'<span class="visually-hidden">[^<]*</span>', "", span)
        texts.append(" ".join(re.sub(r"<[^>]+>", "", span).split()))
    return texts


def published_meeting(day, company=0, delegate=0, slot=0):
    meeting = services.book_meeting(
        day.accepted(company, delegate), acting_user=day.organiser, slot=day.slots[slot], table=day.tables[delegate]
    )
    services.publish_schedule(day.grid, acting_user=day.organiser)
    return meeting


def test_the_delegate_accepts_the_company_declines_and_the_board_says_so(client, day):
    meeting = published_meeting(day)
    answer(meeting, day.delegates[0].calendar_address, "ACCEPTED")
    answer(meeting, day.companies[0].user.email, "DECLINED")
    client.force_login(day.organiser)

    page = client.get(board_url(day)).content.decode()
    by_delegates = client.get(board_url(day) + "?by=delegates").content.decode()

    assert answers_on(page) == ["✗ Company 0 declined · ✓ Delegate 0 (2 of 2 answered)"]
    assert answers_on(by_delegates) == ["✗ Company 0 declined · ✓ Delegate 0 (2 of 2 answered)"]
    assert 'class="meeting declined"' in page
    assert f'aria-describedby="answers-{meeting.pk}"' in page
    assert '<span class="visually-hidden">Accepted:</span> <bdi>Delegate 0</bdi>' in page


def test_a_side_with_no_answer_yet_is_marked_and_counted(client, day):
    meeting = published_meeting(day)
    answer(meeting, day.delegates[0].calendar_address, "ACCEPTED")
    client.force_login(day.organiser)

    page = client.get(board_url(day)).content.decode()

    assert answers_on(page) == ["? Company 0 · ✓ Delegate 0 (1 of 2 answered)"]
    assert "declined" not in page.split('data-region="board"')[1].split("</table>")[0]


def test_a_meeting_not_yet_published_shows_no_answers(client, day):
    services.book_meeting(day.accepted(0, 0), acting_user=day.organiser, slot=day.slots[0], table=day.tables[0])
    client.force_login(day.organiser)

    page = client.get(board_url(day)).content.decode()

    assert answers_on(page) == []


def test_answers_count_every_attendee_of_the_company(day):
    meeting = published_meeting(day)
    answer(meeting, day.companies[0].user.email, "ACCEPTED")

    answers = selectors.board(day.grid)["answers"][meeting.pk]

    assert [(side.name, side.answer, side.answered, len(side.answers)) for side in answers.sides] == [
        ("Company 0", "ACCEPTED", 1, 1),
        ("Delegate 0", "NEEDS-ACTION", 0, 1),
    ]
    assert (answers.answered, answers.people, answers.declined) == (1, 2, False)


def test_the_agenda_answers_for_many_meetings_in_one_query(day, django_assert_num_queries):
    meetings = [published_meeting(day, company=n, delegate=n) for n in range(3)]
    answer(meetings[1], day.delegates[1].calendar_address, "DECLINED")

    with django_assert_num_queries(1):
        answers = rsvp_answers([meeting.uid for meeting in meetings])

    assert answers[str(meetings[1].uid)] == {
        day.companies[1].user.email.lower(): "NEEDS-ACTION",
        day.delegates[1].calendar_address: "DECLINED",
    }
    assert sorted(answers) == sorted(str(meeting.uid) for meeting in meetings)


def published_day(organiser, meetings):
    """A day with `meetings` published meetings, every one answered by its delegate."""
    day = MeetingDay(organiser, companies=8, delegates=4, tables=4)
    booked = [
        services.book_meeting(
            day.accepted(n, n % 4), acting_user=organiser, slot=day.slots[n // 4], table=day.tables[n % 4]
        )
        for n in range(meetings)
    ]
    services.publish_schedule(day.grid, acting_user=organiser)
    for n, meeting in enumerate(booked):
        answer(meeting, day.delegates[n % 4].calendar_address, "ACCEPTED" if n % 2 else "DECLINED")
    return day


def test_the_board_page_and_api_query_counts_stay_flat(client, organiser, django_assert_max_num_queries):
    small, large = published_day(organiser, 1), published_day(organiser, 8)
    client.force_login(organiser)
    pages = {
        "page": lambda day: board_url(day),
        "by delegates": lambda day: board_url(day) + "?by=delegates",
        "api": lambda day: f"/api/v1/meeting-grids/{day.grid.pk}/board/",
    }
    counts = {}
    for name, url in pages.items():
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url(small)).status_code == 200
        counts[name] = len(captured.captured_queries)

    for name, url in pages.items():
        with django_assert_max_num_queries(counts[name]):
            response = client.get(url(large))
        assert response.status_code == 200
    assert len(answers_on(client.get(board_url(large)).content.decode())) == 8


def test_the_board_api_gives_both_sides_answers_by_meeting(api_client, day):
    meeting = published_meeting(day)
    answer(meeting, day.delegates[0].calendar_address, "ACCEPTED")
    answer(meeting, day.companies[0].user.email, "DECLINED")
    api_client.force_authenticate(day.organiser)

    board = api_client.get(f"/api/v1/meeting-grids/{day.grid.pk}/board/").json()

    assert board["answers"] == {
        str(meeting.pk): {
            "sides": [
                {"name": "Company 0", "answer": "DECLINED", "answered": 1, "people": 1},
                {"name": "Delegate 0", "answer": "ACCEPTED", "answered": 1, "people": 1},
            ],
            "answered": 2,
            "people": 2,
            "declined": True,
        }
    }
