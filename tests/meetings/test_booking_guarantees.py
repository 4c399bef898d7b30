"""The database itself refuses double bookings; parallel bookings leave no overlap (PostgreSQL)."""

import random
import time

import pytest
from django.db import IntegrityError, connection, transaction

from events.meetings import services
from events.meetings.models import Meeting, MeetingSeat
from events.meetings.services import bookings
from tests.meetings.conftest import MeetingDay
from tests.registrations.test_concurrency import run_in_parallel


@pytest.mark.django_db
def test_the_database_refuses_a_second_meeting_for_a_person_or_a_table_in_a_slot(day):
    booked = services.book_meeting(
        day.accepted(0, 0), acting_user=day.organiser, slot=day.slots[0], table=day.tables[0]
    )
    other = day.accepted(1, 0)

    with pytest.raises(IntegrityError), transaction.atomic():
        Meeting.objects.create(grid=day.grid, request=other, slot=day.slots[0], table=day.tables[0])
    with transaction.atomic():
        meeting = Meeting.objects.create(grid=day.grid, request=other, slot=day.slots[0], table=day.tables[1])
        with pytest.raises(IntegrityError), transaction.atomic():
            MeetingSeat.objects.create(meeting=meeting, slot=day.slots[0], participant=booked.request.receiver)
        transaction.set_rollback(True)


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("checks", ["on", "off"], ids=["service-checks-on", "database-alone"])
def test_a_thousand_parallel_random_bookings_leave_no_overlap(organiser, monkeypatch, checks):
    """With the service's checks switched off, the database's rules alone must still refuse every overlap."""
    if connection.vendor != "postgresql":
        pytest.skip("concurrency guarantees are proven on PostgreSQL (set DATABASE_URL)")
    day = MeetingDay(organiser, companies=24, delegates=8, tables=4)
    rng = random.Random(7)
    requests = [day.accepted(company, delegate) for company in range(24) for delegate in rng.sample(range(8), 3)]
    # Widen the gap between the checks and the insert, so that races happen and the database must catch them.
    real_check = bookings._check_place

    def check_then_pause(*args, **kwargs):
        if checks == "on":
            real_check(*args, **kwargs)
        time.sleep(0.001)

    monkeypatch.setattr(bookings, "_check_place", check_then_pause)

    def job(meeting_request, slot, table):
        return lambda: services.book_meeting(meeting_request, acting_user=organiser, slot=slot, table=table)

    jobs = [job(rng.choice(requests), rng.choice(day.slots), rng.choice(day.tables)) for _ in range(1000)]

    refused, crashed = run_in_parallel(jobs, workers=20)

    assert crashed == []
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM (SELECT slot_id, participant_id FROM meetings_meetingseat WHERE working"
            " GROUP BY 1, 2 HAVING count(*) > 1) AS people"
        )
        people_twice = cursor.fetchone()[0]
        cursor.execute(
            "SELECT count(*) FROM (SELECT slot_id, table_id FROM meetings_meeting WHERE working"
            " GROUP BY 1, 2 HAVING count(*) > 1) AS tables"
        )
        tables_twice = cursor.fetchone()[0]
    placed = Meeting.objects.filter(grid=day.grid).count()
    raced = [e for e in refused if "just" in str(e.message)]
    outcome = f"{placed} placed, {len(refused)} refused, {len(raced)} by the database"
    print(f"\n1000 parallel bookings, checks {checks}: {outcome}")
    assert (people_twice, tables_twice) == (0, 0)
    assert placed + len(refused) == 1000
    assert placed > 20
    assert raced, "no race reached the database; the test would not see a missing constraint"
