"""Figures, not assertions on time: a delegate's personal calendar feed of 500 items (make bench).

The feed: one delegate of a mission with one leg of the itinerary, 11 published one-to-one meetings
(each with a company profile) and 488 sessions; 500 VEVENTs, the scale of a long mission's feed.

1. In process, through Django's test client: SQL queries and time (median of several runs) of the
   feed rendered with nothing cached (split into reading the agenda and writing the iCalendar), then
   served from the cache (split out: computing the version that says whether anything changed).
2. Through a real gunicorn, requests per second of the feed against a bare Django view
   (`HttpResponse("ok")`) served by the same server in the same run, so that the machine, the
   middleware and the HTTP stack cancel out of the ratio; also the feed revalidated with
   If-None-Match. The bare view lives in a bench-only URLconf (feed_urls.py, feed_settings.py).
   PostgreSQL when DATABASE_URL is set, else the SQLite test database copied to a file the workers
   can open. Target: the feed at least a third as fast as the bare view.

Workers: sync, 4 processes (2 x the 2 cores), as bench_registration_http and the README deploy.
Most calendar clients poll with plain GETs, so the main figure is for those. DJANGO_CONN_MAX_AGE is
60 by default, as in production (config/settings/production.py); 0 opens a connection per request.

What bounds the feed: every request checks the secret (one query); the feed's version, worked out
from the data by five small queries, is trusted for AGENDA_FEED_FRESHNESS_SECONDS (60 s, as in
production), and the rendered bytes are cached under it. Measured before those two steps: 18 feeds/s,
then 50-125 with the version worked out on every request (ratios 0.02-0.06).
"""

import contextlib
import datetime as dt
import http.client
import os
import sqlite3
import statistics
import threading
import time
from collections import Counter

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from events.agenda import selectors, services
from events.agenda.calendars import calendar_for
from events.meetings import services as meeting_services
from events.missions.models import Session
from tests.benchmarks.gunicorn import WORKER_CLASS, WORKERS, postgres_url
from tests.benchmarks.gunicorn import gunicorn as serve
from tests.factories import SessionFactory
from tests.meetings.conftest import MeetingDay

ITEMS = 500
MEETINGS = 11  # every slot of the afternoon
RUNS = 9
REQUESTS = 400  # per kind, in two rounds that alternate with the other kinds
CLIENTS = 4
TARGET = 1 / 3
BARE_PATH = "/bench/bare/"
CONN_MAX_AGE = os.environ.get("DJANGO_CONN_MAX_AGE", "60")


def delegate_with_a_long_agenda(organiser):
    """A delegate whose agenda holds ITEMS items; returns the user and a live feed secret."""
    day = MeetingDay(organiser, companies=MEETINGS, delegates=1, tables=1)
    for number, slot in enumerate(day.slots[:MEETINGS]):
        meeting_services.book_meeting(day.accepted(number, 0), acting_user=organiser, slot=slot, table=day.tables[0])
    meeting_services.publish_schedule(day.grid, acting_user=organiser)
    first_morning = dt.datetime(2099, 2, 10, 7, 0, tzinfo=day.stop.zone)
    sessions = ITEMS - 1 - MEETINGS
    Session.objects.bulk_create(
        SessionFactory.build(
            stop=day.stop,
            title=f"Site visit {number}",
            venue=f"Campus {number % 7}, building {number % 3}",
            description="Briefing by the host company; questions and answers; lunch on site.",
            starts_at=first_morning + dt.timedelta(days=number % 5, minutes=7 * (number // 5)),
            ends_at=first_morning + dt.timedelta(days=number % 5, minutes=7 * (number // 5) + 45),
        )
        for number in range(sessions)
    )
    user = day.delegates[0].user
    assert len(selectors.agenda_for(user)) == ITEMS
    return user, services.issue_feed_token(user)


def median_ms(action, runs=RUNS):
    timings = []
    for _ in range(runs):
        started = time.perf_counter()
        action()
        timings.append((time.perf_counter() - started) * 1000)
    return statistics.median(timings)


def one_request(client, url, **headers):
    """One request to the view, with the SQL queries it made (counted at once: the next request clears them)."""
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, headers=headers)
    return response, len(queries.captured_queries)


@pytest.mark.django_db
def test_a_500_item_feed_in_process(client, organiser):
    user, token = delegate_with_a_long_agenda(organiser)
    url = f"/agenda/feed/{token}.ics"
    cache.clear()

    fresh, fresh_queries = one_request(client, url)
    cached, cached_queries = one_request(client, url)
    revalidated, revalidated_queries = one_request(client, url, **{"If-None-Match": fresh["ETag"]})
    rendering = median_ms(lambda: (cache.clear(), client.get(url)))
    serving = median_ms(lambda: client.get(url))
    items = selectors.agenda_for(user)
    reading = median_ms(lambda: selectors.agenda_for(user))
    writing = median_ms(lambda: calendar_for(items, name="Agenda", base_url="http://testserver/"))
    checking = median_ms(lambda: selectors.agenda_fingerprint(user))

    print(
        f"\nfeed of {ITEMS} items ({connection.vendor}, {len(fresh.content) / 1024:.0f} KiB), median of {RUNS} runs:\n"
        f"  rendered (nothing cached): {fresh_queries} SQL queries, {rendering:.1f} ms "
        f"(reading the agenda {reading:.1f} ms, writing the iCalendar {writing:.1f} ms)\n"
        f"  from the cache: {cached_queries} SQL queries, {serving:.1f} ms "
        f"(of which checking what changed {checking:.1f} ms); If-None-Match: {revalidated_queries} queries, "
        f"{revalidated.status_code}"
    )
    assert (fresh.status_code, cached.status_code, revalidated.status_code) == (200, 200, 304)
    assert fresh.content.count(b"BEGIN:VEVENT") == ITEMS
    assert cached.content == fresh.content


def served_database_url(tmp_path):
    """A URL other processes can open for the test database, with what the test wrote in it."""
    if connection.vendor == "postgresql":
        return postgres_url()
    # SQLite tests run in memory, out of reach of the workers: copy the database to a file.
    path = tmp_path / "feeds.sqlite3"
    connection.ensure_connection()
    with sqlite3.connect(path) as copy:
        connection.connection.backup(copy)
    return f"sqlite:///{path}"


@pytest.fixture
def gunicorn(tmp_path):
    """Start a gunicorn on a free port with the bench URLconf, serving the test database; call it to start."""
    with contextlib.ExitStack() as servers:

        def start():
            environment = {
                "DJANGO_SETTINGS_MODULE": "tests.benchmarks.feed_settings",
                "DATABASE_URL": served_database_url(tmp_path),
                "DJANGO_CONN_MAX_AGE": CONN_MAX_AGE,
            }
            return servers.enter_context(
                serve(environment, probe_path=BARE_PATH, workers=WORKERS, worker_class=WORKER_CLASS)
            )

        yield start


def get_all(port, path, count, clients, headers=None):
    """GET `path` `count` times from `clients` threads started together; returns (wall time, Counter of
    (status, content type, body length))."""
    barrier = threading.Barrier(clients + 1)
    answers = Counter()
    lock = threading.Lock()

    def work(share):
        client = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        mine = Counter()
        barrier.wait()
        for _ in range(share):
            try:
                client.request("GET", path, headers=headers or {})
                response = client.getresponse()
                body = response.read()
                mine[(response.status, response.getheader("Content-Type"), len(body))] += 1
                if response.will_close:
                    client.close()
            except (OSError, http.client.HTTPException):
                mine[(0, None, 0)] += 1
                client.close()
        client.close()
        with lock:
            answers.update(mine)

    threads = [threading.Thread(target=work, args=(count // clients,)) for _ in range(clients)]
    for thread in threads:
        thread.start()
    barrier.wait()
    started = time.perf_counter()
    for thread in threads:
        thread.join()
    return time.perf_counter() - started, answers


@pytest.mark.django_db(transaction=True)
def test_feed_requests_per_second_against_a_bare_view(gunicorn, organiser):
    user, token = delegate_with_a_long_agenda(organiser)
    feed_path = f"/agenda/feed/{token}.ics"
    port = gunicorn()
    load_before = os.getloadavg()[0]  # other work on the machine skews the figures: say how much
    connection_to_feed = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    connection_to_feed.request("GET", feed_path)
    etag = connection_to_feed.getresponse().getheader("ETag")
    connection_to_feed.close()
    kinds = {
        "bare view": (BARE_PATH, {}),
        "feed": (feed_path, {}),
        "feed, If-None-Match": (feed_path, {"If-None-Match": etag}),
    }
    for path, headers in kinds.values():  # every worker imports, connects and fills its cache first
        get_all(port, path, 8 * WORKERS, CLIENTS, headers)

    elapsed = Counter()
    seen = {kind: Counter() for kind in kinds}
    for _ in range(2):  # alternate, so that a slow moment of the machine hits every kind alike
        for kind, (path, headers) in kinds.items():
            wall, answered = get_all(port, path, REQUESTS // 2, CLIENTS, headers)
            elapsed[kind] += wall
            seen[kind].update(answered)

    rates = {kind: REQUESTS / elapsed[kind] for kind in kinds}
    ratio = rates["feed"] / rates["bare view"]
    print(
        f"\nfeed of {ITEMS} items against a bare view, one gunicorn ({WORKERS} {WORKER_CLASS} workers, "
        f"{os.cpu_count()} cores, load average before {load_before:.1f}, {connection.vendor}, "
        f"DJANGO_CONN_MAX_AGE={CONN_MAX_AGE}), {REQUESTS} GETs of each kind from {CLIENTS} clients\n"
        f"  {', '.join(f'{kind} {rate:.0f} requests/s' for kind, rate in rates.items())}\n"
        f"  feed / bare view = {ratio:.2f} (target at least {TARGET:.2f}): {'PASS' if ratio >= TARGET else 'MISS'}; "
        f"revalidated feed / bare view = {rates['feed, If-None-Match'] / rates['bare view']:.2f}\n"
        f"  answers: {' '.join(f'{kind} {dict(answers)}' for kind, answers in seen.items())}"
    )
    assert [status for status, _, _ in seen["bare view"]] == [200]
    ((status, content_type, length),) = seen["feed"]  # every answer the same full calendar
    assert (status, content_type) == (200, "text/calendar; charset=utf-8")
    assert length > ITEMS * 200
    assert [status for status, _, _ in seen["feed, If-None-Match"]] == [304]
