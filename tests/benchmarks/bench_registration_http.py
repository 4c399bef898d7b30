"""Figures, not assertions on time: registrations per second through gunicorn and the API (make bench).

A real gunicorn serves the test database; companies register over HTTP with their API tokens from a
pool of keep-alive connections, all for one briefing, so every request queues on the same session row
lock: this is the worst case for a popular briefing, not the average page.

Workers: sync, 4 processes (2 x the 2 cores), as the README deploys. A registration is CPU work
in Python (about ten queries to write and decide) that waits a little on PostgreSQL and
on the session row lock; four processes keep both cores busy while some wait, with no GIL shared
between them. Measured here on 1000 registrations: sync x4 34-35/s, sync x5 36/s, gthread 4x2 32/s,
gthread 2x4 20-28/s (two interpreters' GILs on two cores shared with PostgreSQL and the client).
Sync workers close the connection after each response, so the clients' keep-alive is moot there.
DJANGO_CONN_MAX_AGE passes through (0 by default, as in production today; 60 measured about 15%
faster). Mail is the in-process outbox path (Celery eager, Django's locmem backend), so each request
also writes and delivers its confirmation.
"""

import http.client
import json
import os
import statistics
import threading
import time
from collections import Counter

import pytest
from django.db import connection
from django.utils import timezone
from rest_framework.authtoken.models import Token

from events.accounts.models import User
from events.missions.models import Organization, Representative
from events.notifications.models import OutboundEmail
from events.registrations.models import Registration
from events.registrations.selectors import confirmed_seats
from tests.benchmarks.gunicorn import WORKER_CLASS, WORKERS, postgres_url
from tests.benchmarks.gunicorn import gunicorn as serve
from tests.factories import OrganizationFactory, UserFactory, briefing_factory

pytestmark = pytest.mark.django_db(transaction=True)

SEATS = 200
COMPANIES = 1000
CLIENTS = 8
PATH = "/api/v1/registrations/"
CONN_MAX_AGE = os.environ.get("DJANGO_CONN_MAX_AGE", "0")


@pytest.fixture
def gunicorn():
    """A gunicorn on a free port, serving the test database; yields its port, stopped afterwards."""
    if connection.vendor != "postgresql":
        pytest.skip("the HTTP benchmark runs on PostgreSQL (set DATABASE_URL)")
    environment = {
        "DJANGO_SETTINGS_MODULE": "config.settings.test",
        "DATABASE_URL": postgres_url(),
        "DJANGO_EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
        "CELERY_TASK_ALWAYS_EAGER": "true",
        "DJANGO_CONN_MAX_AGE": CONN_MAX_AGE,
    }
    with serve(environment, probe_path="/api/v1/", workers=WORKERS, worker_class=WORKER_CLASS) as port:
        yield port


def companies_with_tokens(count):
    """`count` companies, each with a representative who holds an API token; returns the token keys."""
    users = User.objects.bulk_create(UserFactory.build_batch(count))
    organizations = Organization.objects.bulk_create(OrganizationFactory.build_batch(count))
    Representative.objects.bulk_create(
        Representative(user=user, organization=organization)
        for user, organization in zip(users, organizations, strict=True)
    )
    tokens = Token.objects.bulk_create(Token(user=user, key=Token.generate_key()) for user in users)
    return [token.key for token in tokens]


def registration_body(session, number):
    attendee = {"full_name": f"Buyer {number}", "email": f"buyer{number}@company{number}.example", "job_title": "CTO"}
    return json.dumps({"session": session.pk, "attendees": [attendee]})


def post_all(port, jobs, clients, *, method="POST", path=PATH):
    """Send the (token, body) jobs from `clients` threads, each on its own keep-alive connection, started
    together (a token or body of None: none sent).

    Returns (wall time, [(status, latency, body)]); status 0 is a connection that failed.
    """
    barrier = threading.Barrier(clients + 1)
    results = []
    lock = threading.Lock()

    def work(chunk):
        client = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        mine = []
        barrier.wait()
        for token, body in chunk:
            headers = {"Authorization": f"Token {token}", "Content-Type": "application/json"} if token else {}
            started = time.perf_counter()
            try:
                client.request(method, path, body=body, headers=headers)
                response = client.getresponse()
                status, payload = response.status, response.read()
                if response.will_close:
                    client.close()
            except (OSError, http.client.HTTPException):
                status, payload = 0, b""
                client.close()
            mine.append((status, time.perf_counter() - started, payload))
        client.close()
        with lock:
            results.extend(mine)

    threads = [threading.Thread(target=work, args=(jobs[n::clients],)) for n in range(clients)]
    for thread in threads:
        thread.start()
    barrier.wait()
    started = time.perf_counter()
    for thread in threads:
        thread.join()
    return time.perf_counter() - started, results


def percentile(values, share):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def test_registrations_per_second_through_gunicorn(gunicorn):
    session = briefing_factory(capacity=SEATS, attendees_per_company=1)
    tokens = companies_with_tokens(COMPANIES)
    jobs = [(token, registration_body(session, number)) for number, token in enumerate(tokens)]
    load_before = os.getloadavg()[0]  # other work on the machine skews the figures: say how much

    elapsed, results = post_all(gunicorn, jobs, CLIENTS)

    statuses = Counter(status for status, _, _ in results)
    latencies = [latency * 1000 for _, latency, _ in results]
    created = [json.loads(body) for status, _, body in results if status == 201]
    outcomes = Counter(registration["status"] for registration in created)
    positions = sorted(r["waitlist_position"] for r in created if r["status"] == "waitlisted")
    registrations = Registration.objects.filter(session=session)
    numbers = list(
        registrations.filter(status="waitlisted").order_by("waitlist_number").values_list("waitlist_number", flat=True)
    )
    # Mail: a message per registration, a calendar invitation per confirmed attendee, sent at once;
    # reminders before the session, pending until their time.
    outbox = Counter(f"{kind} {status}" for kind, status in OutboundEmail.objects.values_list("kind", "status"))
    print(
        f"\nregistrations over HTTP: {COMPANIES} POSTs from {CLIENTS} keep-alive clients to gunicorn "
        f"({WORKERS} {WORKER_CLASS} workers, {os.cpu_count()} cores, load average before {load_before:.1f}, "
        f"DJANGO_CONN_MAX_AGE={CONN_MAX_AGE}) on a {SEATS}-seat briefing\n"
        f"  wall {elapsed:.2f} s, {COMPANIES / elapsed:.0f} registrations/s; latency "
        f"p50 {statistics.median(latencies):.0f} ms, p95 {percentile(latencies, 0.95):.0f} ms, "
        f"max {max(latencies):.0f} ms\n"
        f"  HTTP statuses {dict(statuses)}; responses {dict(outcomes)}\n"
        f"  database: confirmed seats {confirmed_seats(session)}, waitlist numbers "
        f"{numbers[0] if numbers else '-'}..{numbers[-1] if numbers else '-'} ({len(numbers)} rows), "
        f"registrations {registrations.count()}, outbox {dict(outbox)}"
    )
    assert statuses == {201: COMPANIES}
    assert outcomes == {"confirmed": SEATS, "waitlisted": COMPANIES - SEATS}
    assert confirmed_seats(session) == SEATS
    assert numbers == list(range(1, COMPANIES - SEATS + 1))
    assert positions == numbers
    assert sum(count for key, count in outbox.items() if key.startswith("registration.")) == COMPANIES
    assert not OutboundEmail.objects.filter(status="pending", due_at__lte=timezone.now()).exists()
