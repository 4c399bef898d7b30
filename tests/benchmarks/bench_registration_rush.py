"""Figures, not assertions on time: an announcement rush through gunicorn, with and without a worker (make bench).

Issue 12's measure. One gunicorn (4 sync workers, production settings, PostgreSQL, a Redis broker and
cache) serves, in one run:
1. a bare Django view: the yardstick (requests per second from the same clients), and beside it the
   cheapest authenticated API read, which shows how much of the bare view's rate any API call keeps;
2. the rush with no worker: 500 companies post a registration at once from 50 clients for a 20-seat
   briefing; the outbox and the announcements wait in the database and the broker;
3. the same rush on a second briefing while a real Celery worker sends the mail and works out the
   calendars of the first rush and of this one at the same time.
Goals on this 2-core machine: rate >= 0.15 of the bare view and p95 <= 1 s without a worker; p95 <= 2 s
with one. Seats hold in both: 20 confirmed, waitlist 1..480, no 5xx, every message written once.

Fresh workers are warmed first (imports, URL resolvers, connections), so that the yardstick is the warm
rate: a cold first sample ran 30% below the warm one. Beside each rate it prints the machine time a request
costs, process by process (machine_time): on two cores shared by the server, PostgreSQL and the clients,
that is what sets a rate, and it shows how much a registration could cost at 0.15 of the bare view.
"""

import json
import os
import statistics
import tempfile
from collections import Counter
from pathlib import Path

import pytest
from django.db import connection

from config.celery import app
from events.core.models import PendingAnnouncement
from events.notifications.models import OutboundEmail
from events.registrations.models import Registration
from events.registrations.selectors import confirmed_seats
from tests.benchmarks.bench_registration_http import companies_with_tokens, percentile, post_all
from tests.benchmarks.gunicorn import WORKER_CLASS, WORKERS, postgres_url
from tests.benchmarks.gunicorn import gunicorn as serve
from tests.benchmarks.machine_time import describe, measure
from tests.factories import briefing_factory
from tests.support import workers

pytestmark = pytest.mark.django_db(transaction=True)

SEATS = 20
ATTEMPTS = 500
CLIENTS = 50
BARE_REQUESTS = 3000
WARM_UP = 500
BARE_PATH = "/bench/bare/"
PATH = "/api/v1/registrations/"
API_READ_PATH = "/api/v1/sectors/"
GOALS = {"ratio without a worker": 0.15, "p95 without a worker": 1.0, "p95 with a worker": 2.0}


@pytest.fixture
def services_up():
    if connection.vendor != "postgresql" or not os.environ.get("CELERY_BROKER_URL"):
        pytest.skip("the rush benchmark needs PostgreSQL (DATABASE_URL) and Redis (CELERY_BROKER_URL)")
    app.control.purge()


@pytest.fixture
def gunicorn(services_up):
    environment = {
        "DJANGO_SETTINGS_MODULE": "tests.benchmarks.rush_settings",
        "DJANGO_SECRET_KEY": "benchmark-only-not-secret",
        "DJANGO_SECURE_SSL_REDIRECT": "false",
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
        "DATABASE_URL": postgres_url(),
        "CELERY_BROKER_URL": os.environ["CELERY_BROKER_URL"],
        "CACHE_URL": "redis://127.0.0.1:6379/5",
        "SITE_URL": "https://missions.example.org",
        "DJANGO_LOG_LEVEL": "WARNING",
    }
    with serve(environment, probe_path=BARE_PATH, workers=WORKERS, worker_class=WORKER_CLASS) as port:
        yield port


def warm_up(port, session, tokens):
    """What a fresh worker's first requests pay once (imports, the URL resolver, a database connection):
    bare views, API reads and registrations refused for want of attendees, which write nothing."""
    post_all(port, [(None, None)] * WARM_UP, CLIENTS, method="GET", path=BARE_PATH)
    post_all(port, [(token, None) for token in tokens[: WARM_UP // 5]], CLIENTS, method="GET", path=API_READ_PATH)
    refused = json.dumps({"session": session.pk, "attendees": []})
    _, results = post_all(port, [(token, refused) for token in tokens[: WARM_UP // 5]], CLIENTS, path=PATH)
    assert Counter(status for status, _, _ in results) == {400: WARM_UP // 5}


def bare_rate(port):
    """(requests per second, CPU ms per request by process) of the bare view."""
    jobs = [(None, None)] * BARE_REQUESTS
    with measure() as usage:
        elapsed, results = post_all(port, jobs, CLIENTS, method="GET", path=BARE_PATH)
    assert Counter(status for status, _, _ in results) == {200: BARE_REQUESTS}
    return BARE_REQUESTS / elapsed, usage.per_request(BARE_REQUESTS)


def api_read_rate(port, tokens):
    """A second yardstick: the cheapest authenticated API call (the sector list, with a company's token)."""
    jobs = [(tokens[n % len(tokens)], None) for n in range(BARE_REQUESTS // 3)]
    with measure() as usage:
        elapsed, results = post_all(port, jobs, CLIENTS, method="GET", path=API_READ_PATH)
    assert Counter(status for status, _, _ in results) == {200: len(jobs)}
    return len(jobs) / elapsed, usage.per_request(len(jobs))


def rush(port, session, tokens):
    attendee = {"full_name": "Buyer", "job_title": "Head of purchasing"}
    jobs = [
        (token, json.dumps({"session": session.pk, "attendees": [{**attendee, "email": f"buyer{n}@rush.example"}]}))
        for n, token in enumerate(tokens)
    ]
    with measure() as usage:
        elapsed, results = post_all(port, jobs, CLIENTS, path=PATH)
    latencies = [latency for _, latency, _ in results]
    statuses = Counter(status for status, _, _ in results)
    numbers = list(
        Registration.objects.filter(session=session, status="waitlisted")
        .order_by("waitlist_number")
        .values_list("waitlist_number", flat=True)
    )
    assert statuses == {201: ATTEMPTS}, statuses
    assert confirmed_seats(session) == SEATS
    assert numbers == list(range(1, ATTEMPTS - SEATS + 1))
    return {
        "rate": ATTEMPTS / elapsed,
        "p50": statistics.median(latencies),
        "p95": percentile(latencies, 0.95),
        "max": max(latencies),
        "machine": usage.per_request(ATTEMPTS),
    }


def all_sent():
    return (
        not PendingAnnouncement.objects.exists()
        and not OutboundEmail.objects.filter(
            status="pending", kind__in=["registration.confirmed", "registration.waitlisted", "invitation.request"]
        ).exists()
    )


def test_an_announcement_rush_with_and_without_a_worker(gunicorn):
    tokens = companies_with_tokens(2 * ATTEMPTS)
    first, second = (briefing_factory(capacity=SEATS, attendees_per_company=1) for _ in range(2))
    load_before = os.getloadavg()[0]

    warm_up(gunicorn, first, tokens)
    bare_before, bare_machine = bare_rate(gunicorn)
    api_read, api_machine = api_read_rate(gunicorn, tokens)
    without = rush(gunicorn, first, tokens[:ATTEMPTS])
    backlog = PendingAnnouncement.objects.count(), OutboundEmail.objects.filter(status="pending").count()

    maildir = Path(tempfile.mkdtemp(prefix="rush-mail-"))
    environment = workers.worker_environment(
        DJANGO_EMAIL_BACKEND="django.core.mail.backends.filebased.EmailBackend",
        DJANGO_EMAIL_FILE_PATH=str(maildir),
        DJANGO_LOG_LEVEL="WARNING",
    )
    worker = workers.start_worker(environment)
    try:
        assert workers.wait_until_answering(), "the Celery worker did not start"
        # The first rush's wakes went to the broker before the worker started, and beat is not running
        # here: the worker takes them as it starts, so that it works on that backlog during the second rush.
        with_worker = rush(gunicorn, second, tokens[ATTEMPTS:])
        drained = workers.wait_for(all_sent, timeout=300)
    finally:
        workers.stop(worker)
    bare_after, _ = bare_rate(gunicorn)
    bare = (bare_before + bare_after) / 2

    sent = Counter(OutboundEmail.objects.filter(status="sent").values_list("kind", flat=True))
    ratio = without["rate"] / bare
    verdicts = {
        "ratio without a worker": ratio >= GOALS["ratio without a worker"],
        "p95 without a worker": without["p95"] <= GOALS["p95 without a worker"],
        "p95 with a worker": with_worker["p95"] <= GOALS["p95 with a worker"],
    }
    print(
        f"\nannouncement rush: {ATTEMPTS} registrations from {CLIENTS} clients on a {SEATS}-seat briefing, "
        f"gunicorn {WORKERS} {WORKER_CLASS} workers, production settings, {os.cpu_count()} cores, "
        f"load average before {load_before:.1f}\n"
        f"  bare view: {bare_before:.0f}/s before, {bare_after:.0f}/s after; the cheapest authenticated API "
        f"read (GET {API_READ_PATH} with a token): {api_read:.0f}/s = {api_read / bare:.3f} of the bare view\n"
        f"  {'run':<22} {'registrations/s':>16} {'÷ bare':>8} {'p50':>8} {'p95':>8} {'max':>8}\n"
        + "".join(
            f"  {name:<22} {run['rate']:>16.1f} {run['rate'] / bare:>8.3f} {run['p50']:>7.2f}s "
            f"{run['p95']:>7.2f}s {run['max']:>7.2f}s\n"
            for name, run in (("no worker", without), ("a worker sending", with_worker))
        )
        + f"  machine time per request (CPU ms by process; a run with a worker adds its own):\n"
        f"    bare view:            {describe(bare_machine)}\n"
        f"    API read:             {describe(api_machine)}\n"
        f"    registration:         {describe(without['machine'])}\n"
        f"    0.15 of the bare view's rate leaves a registration "
        f"{bare_machine['total'] / GOALS['ratio without a worker']:.1f} ms of machine time\n"
        + f"  left for the worker by the first rush: {backlog[0]} announcements, {backlog[1]} messages; "
        f"all sent within 300 s after: {drained}\n"
        f"  sent: {dict(sent)}\n"
        f"  goals: " + ", ".join(f"{name} {'PASS' if ok else 'MISS'}" for name, ok in verdicts.items())
    )
    assert drained
    # Every registration's message went once, and every confirmed attendee's invitation once.
    assert sent["registration.confirmed"] == 2 * SEATS
    assert sent["registration.waitlisted"] == 2 * (ATTEMPTS - SEATS)
    assert sent["invitation.request"] == 2 * SEATS
