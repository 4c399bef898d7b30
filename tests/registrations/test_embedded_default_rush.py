"""The embedded default (SQLite, tasks in-process, runserver's threads) under a few registrations at once.

A tester saw 8 of 12 simultaneous registrations answer 500 "database is locked" after they were saved,
and their mail never leave: SQLite's deferred transactions fail at once when two writers meet.
"""

import json
import os
import sqlite3
import subprocess
import sys
import threading
import time
from collections import Counter

import pytest
from django.conf import settings

from tests.benchmarks.gunicorn import answers, free_port

# Real web processes on the clock: run alone, after the parallel part of `make test`.
pytestmark = pytest.mark.serial

COMPANIES = 12

SETUP = """
from rest_framework.authtoken.models import Token
from tests.factories import RepresentativeFactory, briefing_factory

session = briefing_factory(capacity=5, attendees_per_company=1)
tokens = [Token.objects.create(user=RepresentativeFactory().user).key for _ in range({count})]
print(json.dumps({{"session": session.pk, "tokens": tokens}}))
"""


@pytest.fixture
def demo_server(tmp_path):
    """runserver on the embedded default, with its own SQLite file, a briefing and company tokens."""
    environment = {
        **{key: value for key, value in os.environ.items() if key not in {"DATABASE_URL", "CELERY_BROKER_URL"}},
        "DJANGO_SETTINGS_MODULE": "config.settings.local",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'demo.sqlite3'}",
        "DJANGO_EMAIL_FILE_PATH": str(tmp_path / "mail"),
    }
    manage = [sys.executable, "manage.py"]
    run = {"env": environment, "cwd": settings.BASE_DIR, "check": True, "capture_output": True, "text": True}
    subprocess.run([*manage, "migrate", "--noinput"], **run)
    made = subprocess.run([*manage, "shell", "-c", "import json\n" + SETUP.format(count=COMPANIES)], **run)
    data = json.loads(made.stdout.strip().splitlines()[-1])
    port = free_port()
    server = subprocess.Popen(
        [*manage, "runserver", f"127.0.0.1:{port}", "--noreload"],
        env=environment,
        cwd=settings.BASE_DIR,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 30
        while not answers(port, "/"):
            assert time.monotonic() < deadline, "runserver did not answer within 30 s"
            time.sleep(0.2)
        yield port, data, tmp_path / "demo.sqlite3"
    finally:
        server.terminate()
        server.wait(timeout=20)


def test_registrations_at_once_on_the_embedded_default_all_succeed_and_all_mail_goes(demo_server):
    import http.client

    port, data, database = demo_server
    barrier = threading.Barrier(COMPANIES)
    statuses = []

    def register(number, token):
        body = json.dumps(
            {"session": data["session"], "attendees": [{"full_name": "Buyer", "email": f"buyer{number}@example.com"}]}
        )
        client = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        barrier.wait()
        client.request(
            "POST",
            "/api/v1/registrations/",
            body=body,
            headers={"Authorization": f"Token {token}", "Content-Type": "application/json"},
        )
        statuses.append(client.getresponse().status)
        client.close()

    threads = [threading.Thread(target=register, args=pair) for pair in enumerate(data["tokens"])]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert Counter(statuses) == {201: COMPANIES}
    with sqlite3.connect(database) as db:
        decided = dict(db.execute("SELECT status, count(*) FROM registrations_registration GROUP BY status").fetchall())
        mail = dict(
            db.execute(
                "SELECT status, count(*) FROM notifications_outboundemail WHERE kind LIKE 'registration.%'"
                " GROUP BY status"
            ).fetchall()
        )
    assert decided == {"confirmed": 5, "waitlisted": COMPANIES - 5}
    assert mail == {"sent": COMPANIES}
