"""Two changes for the same person at once write one calendar entry and one invitation, on the real PostgreSQL.

A person with no invitation yet has no row to lock: without the per-person advisory lock, two syncs
both find nothing and both insert (the negative control sees the unique constraint refuse one of
them); with it, the second waits and finds the first's entry up to date.
"""

import threading
import time

import pytest
from django.db import connection

from events.agenda import contents
from events.agenda import invitations as invitations_module
from events.agenda.models import Invitation
from events.agenda.services import refresh_calendars
from events.notifications.models import OutboundEmail
from events.registrations.models import Attendee, Registration
from tests.factories import RepresentativeFactory, briefing_factory
from tests.support.concurrency import run_in_parallel

pytestmark = pytest.mark.django_db(transaction=True)

PEOPLE = 5
THREADS = 8


@pytest.fixture(autouse=True)
def postgresql_only():
    if connection.vendor != "postgresql":
        pytest.skip("concurrency guarantees are proven on PostgreSQL (set DATABASE_URL)")


@pytest.fixture
def slow_reading(monkeypatch):
    """Widen the window between reading what people hold and writing it, so that a race is certain."""
    real = contents.calendar_entries_for

    def read_then_pause(emails):
        held = real(emails)
        time.sleep(0.05)
        return held

    monkeypatch.setattr(contents, "calendar_entries_for", read_then_pause)


def confirmed_people():
    """People confirmed for a briefing behind the services' back, so none holds an invitation yet."""
    session = briefing_factory(capacity=50)
    emails = []
    for n in range(PEOPLE):
        representative = RepresentativeFactory()
        registration = Registration.objects.create(
            session=session,
            organization=representative.organization,
            registered_by=representative.user,
            status=Registration.Status.CONFIRMED,
            seats=1,
        )
        Attendee.objects.create(registration=registration, full_name=f"Person {n}", email=f"person{n}@example.com")
        emails.append(f"person{n}@example.com")
    return emails


def sync_from_threads(emails):
    """THREADS syncs of the same people at once; the crashes they met."""
    _refused, crashed = run_in_parallel([lambda: refresh_calendars(people=emails)] * THREADS, THREADS)
    return crashed


def test_parallel_syncs_of_the_same_people_write_each_entry_once(slow_reading):
    emails = confirmed_people()

    crashed = sync_from_threads(emails)

    assert crashed == []
    assert Invitation.objects.count() == PEOPLE
    assert OutboundEmail.objects.filter(kind="invitation.request").count() == PEOPLE


@pytest.fixture
def reading_together(monkeypatch):
    """Every sync reads what people hold before any writes: the race without a lock, made certain."""
    real, barrier = contents.calendar_entries_for, threading.Barrier(THREADS, timeout=30)

    def read_then_wait(emails):
        held = real(emails)
        barrier.wait()
        return held

    monkeypatch.setattr(contents, "calendar_entries_for", read_then_wait)


def test_negative_control_without_the_person_lock_the_race_is_seen(reading_together, monkeypatch):
    monkeypatch.setattr(invitations_module, "lock_people", lambda emails: None)
    emails = confirmed_people()

    crashed = sync_from_threads(emails)

    assert crashed != []
    assert {type(error).__name__ for error in crashed} == {"IntegrityError"}
