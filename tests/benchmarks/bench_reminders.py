"""Figures, not assertions on time: 10,000 due reminders through one Celery worker to the provider (make bench).

The reminders of a large mission fall due together (an hour before the first meetings of the day).
One worker process takes them from Redis and sends them over SMTP to a local fake of SendGrid's relay;
this process plays Celery beat. Measured: from the dispatcher's first call to the last row marked sent.

Twice: a worker running one task at a time (the solo pool, the figure for one worker process doing
one thing), and the same one process running four tasks at once in threads, which overlap their waits
on the database and on the provider (safe: the row lock is what stops two senders, not the pool).
"""

import datetime as dt
import time
from collections import Counter

import pytest
from django.db import connection
from django.utils import timezone

from config.celery import app
from events.notifications.models import OutboundEmail
from events.notifications.services import Email, dispatch_due_emails, enqueue_emails
from tests.support import workers
from tests.support.fake_smtp import FakeSMTPRelay

pytestmark = pytest.mark.django_db(transaction=True)

REMINDERS = 10_000
TARGET_SECONDS = 60


def reminder(n) -> Email:
    return Email(
        to=f"attendee{n}@company{n % 400}.example",
        subject=f"Reminder: Meeting with Company {n % 400}",
        body_text="In 60 minutes: Meeting with Company 12, Table 3, Austin Convention Center.",
        body_html="<p>In 60 minutes: <strong>Meeting with Company 12</strong>, Table 3.</p>",
        kind="reminder",
        reference=f"reminder:{n}",
    )


def write_due_reminders(count):
    # Written due later, so nothing is handed out on commit; then all fall due at once.
    later = timezone.now() + dt.timedelta(hours=1)
    enqueue_emails([(reminder(n), later) for n in range(count)])
    OutboundEmail.objects.update(due_at=timezone.now())


@pytest.mark.parametrize("threads", [0, 4], ids=["solo", "4-threads"])
def test_10000_due_reminders_through_one_worker(settings, threads):
    if connection.vendor != "postgresql":
        pytest.skip("the reminder burst is measured on PostgreSQL (set DATABASE_URL)")
    workers.require_worker_services()
    write_due_reminders(REMINDERS)
    pending = OutboundEmail.objects.filter(status=OutboundEmail.Status.PENDING)
    settings.CELERY_TASK_ALWAYS_EAGER = False
    app.control.purge()
    with FakeSMTPRelay() as fake:
        worker = workers.start_worker(workers.worker_environment(**workers.relay_environment(fake)), threads=threads)
        try:
            assert workers.wait_until_answering(), "the Celery worker did not start"
            started = time.perf_counter()
            handed = dispatch_due_emails()
            handed_after = time.perf_counter() - started
            workers.wait_for(lambda: not pending.exists(), timeout=5 * TARGET_SECONDS, interval=0.1)
            elapsed = time.perf_counter() - started
        finally:
            workers.stop(worker)
        accepted = Counter(message.header("X-Outbound-Email") for message in fake.accepted)

    statuses = Counter(OutboundEmail.objects.values_list("status", flat=True))
    verdict = "PASS" if elapsed <= TARGET_SECONDS and statuses == {"sent": REMINDERS} else "MISS"
    print(
        f"\nreminder burst: {REMINDERS} due reminders through one worker process "
        f"({f'{threads} threads' if threads else 'solo pool'}) to the fake SendGrid in "
        f"{elapsed:.1f} s ({REMINDERS / elapsed:.0f} messages/s; {handed} handed out in {handed_after:.1f} s); "
        f"rows {dict(statuses)}, accepted {len(accepted)} distinct, {sum(accepted.values()) - len(accepted)} "
        f"duplicates; target at most {TARGET_SECONDS} s: {verdict}"
    )
