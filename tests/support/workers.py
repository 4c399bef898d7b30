"""Real Celery worker processes for tests: started against the test database and the broker, stopped or killed.

A worker is a separate process, so it learns everything through its environment: the test database,
the broker, and (for tests that send over SMTP) where the fake relay listens.
"""

import os
import subprocess
import sys
import time

import pytest
from django.conf import settings
from django.db import connection

from config.celery import app


def require_worker_services():
    """Skip unless the database is PostgreSQL and a broker is named: a worker needs both to share work."""
    if connection.vendor != "postgresql" or not os.environ.get("CELERY_BROKER_URL"):
        pytest.skip("needs PostgreSQL (DATABASE_URL) and a Redis broker (CELERY_BROKER_URL)")


def worker_environment(**overrides) -> dict:
    """The environment of a worker that uses the test database: this process's, plus `overrides`."""
    database = connection.settings_dict
    credentials = database["USER"] + (f":{database['PASSWORD']}" if database["PASSWORD"] else "")
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.test",
        "DATABASE_URL": f"postgres://{credentials}@{database['HOST']}:{database['PORT']}/{database['NAME']}",
        "CELERY_TASK_ALWAYS_EAGER": "false",
        **overrides,
    }


def relay_environment(fake_relay) -> dict:
    """Environment overrides that make a worker send through Django's SMTP backend to `fake_relay`."""
    return {
        "DJANGO_EMAIL_BACKEND": "events.notifications.smtp.EmailBackend",
        **{
            name: str(value).lower() if isinstance(value, bool) else str(value)
            for name, value in fake_relay.email_settings().items()
            if name != "EMAIL_BACKEND"
        },
    }


def start_worker(env, *, threads=0) -> subprocess.Popen:
    """One worker process: by default running one task at a time in its main thread (the solo pool, so
    SIGKILL stops the task too), or `threads` tasks at once in threads of that one process."""
    pool = ["--pool=threads", f"--concurrency={threads}"] if threads else ["--pool=solo"]
    return subprocess.Popen(
        [sys.executable, "-m", "celery", "-A", "config", "worker", *pool, "--loglevel=warning"],
        env=env,
        cwd=settings.BASE_DIR,
    )


def wait_for(condition, timeout=30.0, interval=0.2) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(interval)
    return False


def wait_until_answering(timeout=30.0) -> bool:
    return wait_for(lambda: bool(app.control.ping(timeout=0.5)), timeout=timeout)


def stop(worker) -> None:
    if worker.poll() is None:
        worker.terminate()
    worker.wait(timeout=20)


def delivered_to(maildir) -> list[str]:
    """The To: address of every message Django's file backend wrote into `maildir`, in no set order."""
    if not maildir.exists():
        return []
    text = "".join(path.read_text() for path in maildir.iterdir())
    return [line.removeprefix("To: ") for line in text.splitlines() if line.startswith("To: ")]
