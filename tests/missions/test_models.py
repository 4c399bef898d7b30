"""The database itself refuses what validation would: a bulk import or a race cannot slip past."""

import datetime as dt

import pytest
from django.db import IntegrityError

from events.missions.models import Delegate, Mission, Session, Stop
from tests.factories import DelegateFactory, DelegationFactory, MissionFactory, SessionFactory, StopFactory

pytestmark = pytest.mark.django_db


def test_database_refuses_a_mission_ending_before_it_starts():
    with pytest.raises(IntegrityError):
        Mission.objects.create(
            title="x", slug="x", kind="summit", start_date=dt.date(2027, 2, 10), end_date=dt.date(2027, 2, 9)
        )


def test_database_refuses_a_stop_ending_before_it_starts():
    mission = MissionFactory()

    with pytest.raises(IntegrityError):
        Stop.objects.create(
            mission=mission, city="Austin", country="US", time_zone="America/Chicago",
            start_date=dt.date(2027, 2, 12), end_date=dt.date(2027, 2, 11),
        )  # fmt: skip


def test_database_refuses_two_stops_at_the_same_place_in_the_order():
    stop = StopFactory(order=1)

    with pytest.raises(IntegrityError):
        StopFactory(mission=stop.mission, order=1)


def test_database_refuses_a_session_ending_before_it_starts():
    session = SessionFactory()

    with pytest.raises(IntegrityError):
        Session.objects.filter(pk=session.pk).update(ends_at=session.starts_at)


def test_database_refuses_a_second_head_of_delegation():
    delegation = DelegationFactory()
    DelegateFactory(delegation=delegation, role=Delegate.Role.HEAD)

    with pytest.raises(IntegrityError):
        DelegateFactory(delegation=delegation, role=Delegate.Role.HEAD)


def test_database_refuses_the_same_email_twice_on_a_roster_whatever_its_case():
    delegation = DelegationFactory()
    DelegateFactory(delegation=delegation, email="amina@example.ma")

    with pytest.raises(IntegrityError):
        DelegateFactory(delegation=delegation, email="Amina@Example.ma")


def test_delegates_without_email_may_share_a_roster():
    delegation = DelegationFactory()

    DelegateFactory(delegation=delegation, email="")
    DelegateFactory(delegation=delegation, email="")

    assert delegation.delegates.count() == 2


def test_a_venue_that_names_its_city_is_not_followed_by_the_city_again():
    from tests.factories import SessionFactory, StopFactory

    stop = StopFactory(city="Austin")
    named = SessionFactory(stop=stop, venue="AT&T Hotel and Conference Center, Austin")
    plain = SessionFactory(stop=stop, venue="AT&T Hotel and Conference Center")

    assert named.calendar_location == "AT&T Hotel and Conference Center, Austin"
    assert plain.calendar_location == "AT&T Hotel and Conference Center, Austin"
