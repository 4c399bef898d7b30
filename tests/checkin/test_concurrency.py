"""Issue 13 on PostgreSQL: ten scanners at once, double taps at two doors and queues uploaded twice.

Invariants, read in SQL afterwards: one entry per badge scanned, one scan row per nonce, every answer to
a re-upload the answer to its first upload. The negative control removes the unique rule on entries and
shows the same burst then records a badge twice: the database's constraint is what holds the line.
"""

import random
import uuid

import pytest
from django.db import connection

from events.checkin import services
from events.checkin.models import CheckIn, Scan
from tests.support.concurrency import run_in_parallel

pytestmark = pytest.mark.django_db(transaction=True)

SCANNERS = 10


@pytest.fixture(autouse=True)
def postgresql_only():
    if connection.vendor != "postgresql":
        pytest.skip("concurrency guarantees are proven on PostgreSQL (set DATABASE_URL)")


def burst(door, scans=300):
    """`scans` scans of the door's four badges in random order: each badge tapped at several doors, and one
    scan in ten uploaded twice (the same nonce). Returns the jobs and where their answers go."""
    badges = list(services.issue_badges(door.mission).values())
    picks = random.Random(13)
    nonces = [uuid.uuid4().hex for _ in range(scans)]
    jobs, answers = [], {}
    for number, nonce in enumerate(nonces):
        badge = badges[number % len(badges)]
        for _copy in range(2 if number % 10 == 0 else 1):

            def job(nonce=nonce, badge=badge):
                result = services.check_in(door.session, acting_user=door.organiser, nonce=nonce, secret=badge.secret)
                answers.setdefault(nonce, []).append(result.scan.outcome)

            jobs.append(job)
    picks.shuffle(jobs)
    return jobs, answers, len(nonces), len(badges)


def test_ten_scanners_record_each_entry_once_and_each_scan_once(door):
    jobs, answers, nonces, badges = burst(door)

    refused, crashed = run_in_parallel(jobs, SCANNERS)

    assert (refused, crashed) == ([], [])
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*), count(DISTINCT badge_id) FROM checkin_checkin WHERE session_id = %s", [door.session.pk]
        )
        entries, distinct_badges = cursor.fetchone()
    assert entries == distinct_badges == badges
    assert Scan.objects.count() == nonces
    assert Scan.objects.filter(outcome="checked_in").count() == badges
    assert all(len(set(outcomes)) == 1 for outcomes in answers.values())


def test_negative_control_without_the_unique_rule_a_badge_enters_twice(door):
    with connection.cursor() as cursor:
        cursor.execute("ALTER TABLE checkin_checkin DROP CONSTRAINT one_check_in_per_session_and_badge")
    try:
        jobs, _answers, _nonces, badges = burst(door)
        run_in_parallel(jobs, SCANNERS)
        assert CheckIn.objects.count() > badges
    finally:
        CheckIn.objects.all().delete()
        with connection.cursor() as cursor:
            cursor.execute(
                "ALTER TABLE checkin_checkin ADD CONSTRAINT one_check_in_per_session_and_badge"
                " UNIQUE (session_id, badge_id)"
            )
