"""Arrivals are a record: a session people checked in at keeps them.

A helper moved a session two days on after its door had checked Claire in: the door page announced it would open
on the 3rd while listing her "arrived at 19:40", the arrivals export dated her arrival two days before the session,
and a certificate of attendance was issued, valid, for a session not yet held. Then a session held and checked in
was removed: its check-ins went with it, a certificate definition read "1 of 0 sessions", and the certificate
issued on it still verified. A session with arrivals is not removed, and does not move away from them.
"""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from events.checkin import services
from events.checkin.models import CheckIn
from events.missions.models import Session
from events.missions.services import remove_session, update_session

pytestmark = pytest.mark.django_db


@pytest.fixture
def arrived(door):
    badge = services.issue_badges(door.mission)["ana@lonestar.example"]
    services.check_in(door.session, acting_user=door.organiser, nonce="arrival-0001", secret=badge.secret)
    return door


def test_a_session_people_checked_in_at_is_not_removed(arrived, api_client):
    api_client.force_authenticate(arrived.organiser)

    response = api_client.delete(f"/api/v1/sessions/{arrived.session.pk}/")

    assert response.status_code == 400
    assert response.json() == {
        "non_field_errors": [
            "1 person has checked in at this session: it took place, and its arrivals are a record (certificates, "
            "reports). It cannot be removed."
        ]
    }
    assert Session.objects.filter(pk=arrived.session.pk).exists()
    assert CheckIn.objects.filter(session=arrived.session).count() == 1


def test_a_session_does_not_move_away_from_its_arrivals(arrived):
    session = arrived.session
    later = dt.timedelta(days=2)

    with pytest.raises(ValidationError) as refused:
        update_session(
            session, acting_user=arrived.organiser, starts_at=session.starts_at + later, ends_at=session.ends_at + later
        )

    assert list(refused.value.message_dict) == ["starts_at"]
    assert refused.value.message_dict["starts_at"][0].startswith("1 person has checked in at this session at ")
    session.refresh_from_db()
    assert CheckIn.objects.get(session=session).checked_in_at >= session.starts_at - dt.timedelta(hours=2)


def test_a_session_with_arrivals_may_still_run_longer(arrived):
    session = arrived.session

    update_session(session, acting_user=arrived.organiser, ends_at=session.ends_at + dt.timedelta(minutes=30))

    session.refresh_from_db()
    assert CheckIn.objects.filter(session=session).count() == 1


def test_a_session_nobody_checked_in_at_is_removed_as_before(door):
    remove_session(door.session, acting_user=door.organiser)

    assert not Session.objects.filter(pk=door.session.pk).exists()
