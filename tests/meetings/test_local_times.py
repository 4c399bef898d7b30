"""Presence and blocked periods are read at the stop, like every time planned there (issue 9, case 3's kind)."""

import datetime as dt

import pytest

from events.meetings.models import BlockedPeriod
from tests.meetings.conftest import MeetingDay

pytestmark = pytest.mark.django_db


@pytest.fixture
def day(organiser):
    return MeetingDay(organiser)


def test_an_arrival_without_an_offset_is_read_at_the_stop(api_client, day):
    participant = day.company(0)
    api_client.force_authenticate(day.companies[0].user)

    response = api_client.patch(
        f"/api/v1/meeting-participants/{participant.pk}/", {"arrives_at": "2099-02-13T14:00:00"}, format="json"
    )

    participant.refresh_from_db()
    assert response.status_code == 200
    assert participant.arrives_at == dt.datetime(2099, 2, 13, 20, 0, tzinfo=dt.UTC)  # 14:00 in Austin (CST)


def test_a_blocked_period_in_the_hour_the_clocks_skip_is_refused(api_client, day):
    participant = day.company(0)
    api_client.force_authenticate(day.companies[0].user)

    response = api_client.post(
        f"/api/v1/meeting-participants/{participant.pk}/blocked/",
        {"starts_at": "2099-03-08T02:30:00", "ends_at": "2099-03-08T04:00:00"},
        format="json",
    )

    assert response.status_code == 400
    assert response.json()["starts_at"] == [
        "02:30 on 8 March 2099 does not exist in America/Chicago: clocks go from 02:00 to 03:00."
    ]
    assert BlockedPeriod.objects.count() == 0


def test_a_blocked_period_outside_the_session_is_refused_on_its_start(api_client, day):
    """A tester blocked 11:00-11:20 on the day after the session: it was accepted, and meant nothing."""
    participant = day.company(0)
    api_client.force_authenticate(day.companies[0].user)

    response = api_client.post(
        f"/api/v1/meeting-participants/{participant.pk}/blocked/",
        {"starts_at": "2099-02-14T11:00:00", "ends_at": "2099-02-14T11:20:00"},
        format="json",
    )

    assert response.status_code == 400
    assert response.json()["starts_at"] == [
        "Block a time within the session: 13 Feb 2099, 13:30 to 13 Feb 2099, 17:30 (America/Chicago)."
    ]
    assert BlockedPeriod.objects.count() == 0


def test_slots_breaks_and_meetings_are_named_on_the_clock_of_their_place(day):
    """A helper read "Company 0 → Delegate 0 @ 20:50 Table 2" in the admin for a meeting at 14:50 in Austin: the
    names of slots, breaks and meetings said the hour in UTC."""
    from events.meetings import services

    meeting = services.book_meeting(
        day.accepted(0, 0), acting_user=day.organiser, slot=day.slots[0], table=day.tables[1]
    )

    assert str(day.slots[0]) == "13:30"
    assert str(meeting).endswith("@ 13:30 Table 2")
    pause = day.grid.breaks.get()
    pause.label = ""
    assert str(pause) == "15:30–15:50"
