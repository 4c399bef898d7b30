"""Figures, not assertions on time: check-in at the door through the API on PostgreSQL (make bench).

Issue 13's measure: 2,000 scans from 10 scanners at once (10 staff, each with a token, each on its own
keep-alive connection) through one production-settings gunicorn, with 5 % double taps (the same badge
scanned again with a new nonce: "already checked in") and 5 % re-uploads (the same nonce again, as an
offline queue sent twice). Printed: scans per second, p50 and p95 latency, and the invariants read from
the database: entries = distinct badges scanned (no double check-in), one scan row per nonce (none lost,
none counted twice).
"""

import datetime as dt
import json
import os
import random
import statistics
import uuid
from collections import Counter

import pytest
from django.db import connection
from django.utils import timezone
from rest_framework.authtoken.models import Token

from events.checkin import services
from events.checkin.models import CheckIn, CheckInStaff, Scan
from events.registrations.models import Attendee, Registration
from tests.benchmarks.bench_registration_http import percentile, post_all
from tests.benchmarks.bench_registration_rush import gunicorn, services_up  # noqa: F401 - fixtures
from tests.factories import RepresentativeFactory, UserFactory, briefing_factory

pytestmark = pytest.mark.django_db(transaction=True)

SCANS = 2000
SCANNERS = 10
PATH = "/api/v1/check-ins/"


def door_with_people(count):
    """A briefing under way, its door open (checkin.selectors.door_hours), with `count` confirmed attendees (bulk,
    no mail) and ten staff with tokens."""
    now = timezone.now()
    session = briefing_factory(
        capacity=None, attendees_per_company=1, starts_at=now, ends_at=now + dt.timedelta(hours=2)
    )
    mission = session.stop.mission
    company = RepresentativeFactory()
    registration = Registration.objects.create(
        session=session, organization=company.organization, registered_by=company.user, status="confirmed", seats=count
    )
    Attendee.objects.bulk_create(
        Attendee(registration=registration, full_name=f"Guest {n}", email=f"guest{n}@door.example")
        for n in range(count)
    )
    staff = [UserFactory() for _ in range(SCANNERS)]
    for user in staff:
        CheckInStaff.objects.create(mission=mission, user=user)
    tokens = [Token.objects.create(user=user).key for user in staff]
    badges = list(services.issue_badges(mission).values())
    return session, badges, tokens


def test_two_thousand_scans_from_ten_scanners(gunicorn):  # noqa: F811 - the fixture
    people = int(SCANS * 0.9)
    session, badges, tokens = door_with_people(people)
    picks = random.Random(13)
    scans = []
    for number in range(people):
        scans.append({"session": session.pk, "nonce": uuid.uuid4().hex, "secret": badges[number].secret})
    double_taps = [{**scans[picks.randrange(people)], "nonce": uuid.uuid4().hex} for _ in range(SCANS // 20)]
    re_uploads = [dict(scans[picks.randrange(people)]) for _ in range(SCANS // 20)]
    bodies = scans + double_taps + re_uploads
    picks.shuffle(bodies)
    jobs = [(tokens[n % SCANNERS], json.dumps(body)) for n, body in enumerate(bodies)]
    load_before = os.getloadavg()[0]

    elapsed, results = post_all(gunicorn, jobs, SCANNERS, path=PATH)

    statuses = Counter(status for status, _, _ in results)
    outcomes = Counter(json.loads(body)["outcome"] for status, _, body in results if status in (200, 201))
    latencies = [latency for _, latency, _ in results]
    nonces = {body["nonce"] for body in bodies}
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*), count(DISTINCT badge_id) FROM checkin_checkin WHERE session_id = %s", [session.pk]
        )
        entries, distinct = cursor.fetchone()
    print(
        f"\ncheck-in at the door: {len(bodies)} scans ({people} people, {len(double_taps)} double taps, "
        f"{len(re_uploads)} re-uploads) from {SCANNERS} scanners, {os.cpu_count()} cores, "
        f"load before {load_before:.1f}\n"
        f"  {len(bodies) / elapsed:.0f} scans/s; latency p50 {statistics.median(latencies) * 1000:.0f} ms, "
        f"p95 {percentile(latencies, 0.95) * 1000:.0f} ms, max {max(latencies) * 1000:.0f} ms\n"
        f"  HTTP {dict(statuses)}; outcomes {dict(outcomes)}\n"
        f"  database: {entries} entries for {distinct} badges (double check-ins: {entries - distinct}); "
        f"{Scan.objects.count()} scan rows for {len(nonces)} nonces (lost: {len(nonces) - Scan.objects.count()})"
    )
    assert statuses == {201: len(nonces), 200: len(bodies) - len(nonces)}
    assert entries == distinct == people
    assert Scan.objects.count() == len(nonces)
    assert CheckIn.objects.count() == people
