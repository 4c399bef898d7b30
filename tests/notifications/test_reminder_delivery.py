"""Reminders of a published schedule reach the provider once each, through refusals and a killed worker.

Everything is real but SendGrid: the schedule is published through the meeting services, which write
the reminders; a Celery worker process takes them from Redis and sends them over SMTP to a local fake
of SendGrid's relay; the test plays Celery beat, calling the one dispatcher four times a second.
The worker is killed (SIGKILL) while the relay holds its message before refusing it, then a new one
takes over. The kill falls outside the one window the outbox leaves open (accepted by the provider,
not yet committed), so exactly-once is what must come out. The claim on handed-out rows is left at
its production length (5 minutes): only the worker's short lease can free the killed worker's rows.
"""

import datetime as dt
import signal
import threading
import time
from collections import Counter

import pytest
from django.utils import timezone

from config.celery import app
from events.meetings import services
from events.meetings.models import Meeting
from events.notifications.models import OutboundEmail
from events.notifications.services import dispatch_due_emails
from tests.meetings.conftest import MeetingDay
from tests.support import workers

# Real worker processes on the clock: run alone, after the parallel part of `make test`.
pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.serial]

OUTBOX_HEADER = "X-Outbound-Email"
LEASE_SECONDS = 2
SIDE = 8  # companies and delegates: each company meets each delegate once, 64 meetings


def published_day(organiser) -> MeetingDay:
    """64 meetings published, then one moved and one cancelled and published again.

    Company c meets delegate (s - c) mod 8 at slot s and table c: a Latin square, so nobody is booked twice.
    """
    day = MeetingDay(organiser, companies=SIDE, delegates=SIDE, tables=SIDE)
    meetings = {}
    for slot in range(SIDE):
        for company in range(SIDE):
            delegate = (slot - company) % SIDE
            meetings[company, delegate] = services.book_meeting(
                day.accepted(company, delegate),
                acting_user=organiser,
                slot=day.slots[slot],
                table=day.tables[company],
            )
    services.publish_schedule(day.grid, acting_user=organiser)
    services.move_meeting(meetings[0, 0], acting_user=organiser, slot=day.slots[SIDE + 1], table=day.tables[0])
    services.cancel_meeting(Meeting.objects.get(pk=meetings[1, 1].pk), acting_user=organiser)
    services.publish_schedule(day.grid, acting_user=organiser)
    return day


def reminders(status=None):
    rows = OutboundEmail.objects.filter(kind="reminder")
    return rows.filter(status=status) if status else rows


def play_beat_until(done, *, on_tick, timeout):
    """Call the dispatcher as Celery beat would, faster, until `done()`; `on_tick()` runs between calls."""
    deadline = time.monotonic() + timeout
    while not done() and time.monotonic() < deadline:
        dispatch_due_emails()
        on_tick()
        time.sleep(0.25)


@pytest.fixture
def worker_env(fake_relay, settings):
    workers.require_worker_services()
    # Short waits so that the run takes seconds: a worker's lease lapses after 2 s, the first retry
    # within 0.2 s; the same for the workers and for this process, where the dispatcher runs.
    settings.OUTBOX_CLAIM_SECONDS, settings.OUTBOX_LEASE_SECONDS, settings.OUTBOX_FIRST_RETRY_SECONDS = 300, 2, 0.2
    return workers.worker_environment(
        **workers.relay_environment(fake_relay),
        OUTBOX_CLAIM_SECONDS="300",
        OUTBOX_LEASE_SECONDS=str(LEASE_SECONDS),
        OUTBOX_FIRST_RETRY_SECONDS="0.2",
    )


def test_each_reminder_is_accepted_once_through_refusals_and_a_killed_worker(
    organiser, fake_relay, worker_env, settings
):
    published_day(organiser)
    # Invitations went out in-process while publishing; the reminders, cancelled ones too, fall due now.
    reminders().update(due_at=timezone.now())
    due = set(reminders("pending").values_list("pk", flat=True))
    cancelled = set(reminders("cancelled").values_list("pk", flat=True))
    # "Slow down" and "closing", 60 acceptances, one message held 3 s then refused (the worker dies
    # meanwhile), then "slow down" and "closing" again for the worker that takes over.
    fake_relay.fail_next(451, times=30)
    fake_relay.fail_next(421, times=20)
    fake_relay.let_through(60)
    fake_relay.fail_next(451, delay=3.0)
    fake_relay.fail_next(451, times=20)
    fake_relay.fail_next(421, times=10)
    settings.CELERY_TASK_ALWAYS_EAGER = False
    app.control.purge()  # tasks left by an earlier run name rows of another database
    first = workers.start_worker(worker_env)
    running = [first]
    killed = {}

    def kill_while_the_provider_holds_a_request():
        # Woken by the relay itself: a beat tick can outlast the 3 s hold on a loaded machine.
        if fake_relay.holding.wait(timeout=60):
            first.send_signal(signal.SIGKILL)
            first.wait(timeout=10)
            killed.update(at=timezone.now(), accepted=len(fake_relay.accepted))
            running.append(workers.start_worker(worker_env))

    killer = threading.Thread(target=kill_while_the_provider_holds_a_request)
    try:
        assert workers.wait_until_answering(), "the Celery worker did not start"
        killer.start()
        play_beat_until(lambda: not reminders("pending").exists(), on_tick=lambda: None, timeout=60)
    finally:
        killer.join(timeout=70)
        for worker in running:
            workers.stop(worker)

    accepted = Counter(int(message.header(OUTBOX_HEADER)) for message in fake_relay.accepted)
    sent_at = reminders("sent").values_list("sent_at", flat=True)
    assert (len(due), len(cancelled)) == (252, 8)
    assert first.returncode == -signal.SIGKILL
    assert Counter(reminders().values_list("status", flat=True)) == {"sent": 252, "cancelled": 8}
    assert accepted == Counter(due)  # each due reminder exactly once; none of the cancelled ones
    assert Counter(fake_relay.statuses) == {250: 252, 451: 51, 421: 30}
    assert killed["accepted"] == 60
    # The killed worker's rows went out once its lease lapsed, not after the 5-minute claim.
    assert max(sent_at) - killed["at"] < dt.timedelta(seconds=LEASE_SECONDS + 15)
    assert sum(at < killed["at"] for at in sent_at) == 60
    assert sum(at > killed["at"] for at in sent_at) == 192
