"""A session's door is open from two hours before it starts until it ends: a scan outside those hours checks
nobody in.

A helper opened the door page of a training day two weeks past and checked a trainee in "today": the arrivals
export said so, and the certificate they did not earn was issued on that check-in. A badge scanned a year before
a session checked its holder in as well.
"""

import datetime as dt

import pytest
import time_machine

from events.checkin import services
from events.checkin.models import CheckIn, Scan
from tests.checkin.conftest import Door

pytestmark = pytest.mark.django_db


@pytest.fixture
def door(organiser):
    return Door(organiser)  # built now, long before the session (registering needs that): no travel yet


def scan(door, nonce, *, scanned_at=None):
    badge = services.issue_badges(door.mission)["ana@lonestar.example"]
    return services.check_in(
        door.session, acting_user=door.organiser, nonce=nonce, secret=badge.secret, scanned_at=scanned_at
    )


@pytest.mark.parametrize(
    "when",
    [dt.timedelta(hours=-2, minutes=-1), dt.timedelta(days=-400)],
    ids=["just before the door opens", "a year before"],
)
def test_a_badge_scanned_before_the_door_opens_checks_nobody_in(door, when):
    with time_machine.travel(door.session.starts_at + when):
        result = scan(door, "early-0001")

    assert (result.scan.outcome, result.checked_in_at) == ("door_closed", None)
    assert result.holder.name == "Ana Ruiz"  # the door says whose badge it is, and why it does not let them in
    assert not CheckIn.objects.exists()


def test_a_badge_scanned_after_the_session_ended_checks_nobody_in(door):
    with time_machine.travel(door.session.ends_at + dt.timedelta(days=14)):
        result = scan(door, "late-00001")

    assert result.scan.outcome == "door_closed"
    assert not CheckIn.objects.exists()
    assert Scan.objects.get().outcome == "door_closed"  # kept, as every scan is: a re-upload is answered the same


def test_the_door_opens_two_hours_before_the_session_and_closes_when_it_ends(door):
    with time_machine.travel(door.session.starts_at - dt.timedelta(hours=2)):
        opening = scan(door, "open-00001")
    with time_machine.travel(door.session.ends_at):
        closing = services.check_in(
            door.session,
            acting_user=door.organiser,
            nonce="open-00002",
            secret=services.issue_badges(door.mission)["bo@lonestar.example"].secret,
        )

    assert (opening.scan.outcome, closing.scan.outcome) == ("checked_in", "checked_in")


def test_a_scan_kept_on_a_phone_while_the_door_was_open_counts_when_uploaded_after_it_closed(door):
    scanned_at = door.session.starts_at + dt.timedelta(minutes=10)
    with time_machine.travel(door.session.ends_at + dt.timedelta(hours=3)):
        result = scan(door, "queued-001", scanned_at=scanned_at)

    assert (result.scan.outcome, result.checked_in_at) == ("checked_in", scanned_at)


def test_the_api_and_the_door_page_say_when_the_door_is_open(api_client, client, door):
    door.mission.organisers.add(door.volunteer)
    api_client.force_authenticate(door.organiser)
    badge = services.issue_badges(door.mission)["ana@lonestar.example"]

    with time_machine.travel(door.session.starts_at - dt.timedelta(days=1)):
        answer = api_client.post(
            "/api/v1/check-ins/", {"session": door.session.pk, "nonce": "api-early-1", "secret": badge.secret}
        )
        client.force_login(door.organiser)
        page = client.get(f"/manage/sessions/{door.session.pk}/door/").content.decode()

    assert answer.status_code == 201
    assert (answer.json()["outcome"], answer.json()["outcome_label"]) == ("door_closed", "The door is not open")
    assert answer.json()["checked_in_at"] is None
    assert "The door opens two hours before the session, Tuesday 10 February 2099, 07:00: scans before" in page
    assert 'data-door-closed="' in page
