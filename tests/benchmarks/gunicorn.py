"""A real gunicorn serving the test database, for the HTTP benchmarks (bench_registration_http, bench_feeds)."""

import contextlib
import http.client
import os
import socket
import subprocess
import sys
import time
from pathlib import Path

from django.conf import settings
from django.db import connection

WORKERS = 4  # 2 x the 2 cores, as the README's deploy
WORKER_CLASS = "sync"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def postgres_url() -> str:
    """A URL other processes can open for the (PostgreSQL) test database."""
    database = connection.settings_dict
    password = f":{database['PASSWORD']}" if database["PASSWORD"] else ""
    return f"postgres://{database['USER']}{password}@{database['HOST']}:{database['PORT']}/{database['NAME']}"


def answers(port, path) -> bool:
    try:
        client = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
        client.request("GET", path)
        client.getresponse().read()
        client.close()
        return True
    except OSError:
        return False


@contextlib.contextmanager
def gunicorn(environment: dict, *, probe_path: str, workers=WORKERS, worker_class=WORKER_CLASS):
    """Serve config.wsgi on a free port with `environment` added to ours (no broker: tasks in-process);
    yields the port once `probe_path` answers, and stops the server afterwards."""
    port = free_port()
    env = {
        key: value for key, value in os.environ.items() if key not in {"CELERY_BROKER_URL", "DJANGO_EMAIL_FILE_PATH"}
    }
    env.update(environment)
    command = [
        str(Path(sys.executable).parent / "gunicorn"),
        "config.wsgi",
        f"--bind=127.0.0.1:{port}",
        f"--workers={workers}",
        f"--worker-class={worker_class}",
        "--log-level=warning",
    ]
    server = subprocess.Popen(command, env=env, cwd=Path(settings.BASE_DIR))
    try:
        deadline = time.monotonic() + 30
        while not answers(port, probe_path):
            assert server.poll() is None, "gunicorn exited before answering"
            assert time.monotonic() < deadline, "gunicorn did not answer within 30 s"
            time.sleep(0.2)
        yield port
    finally:
        server.terminate()
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
