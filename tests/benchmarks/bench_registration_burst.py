"""Figures, not assertions on time: the registration burst on PostgreSQL (make bench)."""

import time

import pytest
from django.db import connection

from events.registrations.models import Registration
from tests.factories import briefing_factory
from tests.registrations.test_concurrency import registration_jobs, run_in_parallel, seats_and_waitlist

pytestmark = pytest.mark.django_db(transaction=True)


def test_burst_of_500_registrations_on_20_seats():
    if connection.vendor != "postgresql":
        pytest.skip("the burst is measured on PostgreSQL (set DATABASE_URL)")
    session = briefing_factory(capacity=20, attendees_per_company=1)
    jobs = registration_jobs(session, 500)

    started = time.perf_counter()
    refused, crashed = run_in_parallel(jobs, workers=50)
    elapsed = time.perf_counter() - started

    seats, numbers = seats_and_waitlist(session)
    print(
        f"\nregistration burst: 500 attempts from 50 threads in {elapsed:.2f} s "
        f"({500 / elapsed:.0f} registrations/s, outbox rows and in-process mail included); "
        f"confirmed seats {seats}, waitlisted {len(numbers)}, refused {len(refused)}, crashed {len(crashed)}, "
        f"rows {Registration.objects.filter(session=session).count()}"
    )
