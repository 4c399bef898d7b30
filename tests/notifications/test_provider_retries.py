"""Retries through Django's SMTP backend, against a local fake of SendGrid's SMTP relay.

Nothing in the sending path is mocked: the outbox services call Django's mail API, its SMTP backend
speaks SMTP on the loopback, and the fake answers as a relay would (RFC 5321 reply codes). Time is
driven through the services' `now` arguments: a test plays the dispatcher (`claim_due_emails`) and a
worker (`deliver_email`) at the moment a row falls due, instead of waiting for it.
"""

import datetime as dt
import random
import threading
from collections import Counter

import pytest
from django.db import connection, connections, transaction
from django.utils import timezone

from events.notifications import services
from events.notifications.models import OutboundEmail
from events.notifications.services import Email, enqueue_email
from tests.support.fake_smtp import DISCONNECT

pytestmark = pytest.mark.django_db

OUTBOX_HEADER = services.OUTBOX_HEADER


def message(**changes):
    fields = {"to": "buyer@cloudco.example", "subject": "Your seat", "body_text": "Text", "kind": "test.retry"}
    return Email(**{**fields, **changes})


def due_at(pk):
    return OutboundEmail.objects.get(pk=pk).due_at


def deliver_when_due(pk):
    """The dispatcher and then a worker, at the moment the row falls due: (ids claimed, outcome)."""
    clock = due_at(pk)
    return services.claim_due_emails(now=clock), services.deliver_email(pk, now=clock)


def pending_rows():
    return OutboundEmail.objects.filter(status=OutboundEmail.Status.PENDING)


def latest_due_at():
    return pending_rows().order_by("-due_at").values_list("due_at", flat=True).first()


def run_late_dispatcher_round():
    """A dispatcher that runs once every pending row is due: claim them all, send each; returns its clock."""
    clock = latest_due_at()
    for pk in services.claim_due_emails(now=clock):
        services.deliver_email(pk, now=clock)
    return clock


def test_slow_down_then_closing_then_acceptance_sends_once_after_growing_waits(
    relay_backend, django_capture_on_commit_callbacks
):
    relay_backend.fail_next(451)
    relay_backend.fail_next(421)

    before = timezone.now()
    with django_capture_on_commit_callbacks(execute=True):
        row = enqueue_email(message())
    after = timezone.now()
    first_retry_at = due_at(row.pk)
    too_early = services.claim_due_emails(now=first_retry_at - dt.timedelta(seconds=1))
    second_attempt = deliver_when_due(row.pk)
    second_retry_at = due_at(row.pk)
    third_attempt = deliver_when_due(row.pk)
    handed_out_again = services.deliver_email(row.pk, now=second_retry_at + dt.timedelta(days=1))

    row.refresh_from_db()
    (accepted,) = relay_backend.accepted
    assert relay_backend.statuses == [451, 421, 250]
    assert too_early == []
    assert second_attempt == ([row.pk], "pending")
    assert third_attempt == ([row.pk], "sent")
    assert handed_out_again == "skipped"
    assert accepted.header(OUTBOX_HEADER) == str(row.pk)
    assert accepted.to == ("buyer@cloudco.example",)
    assert accepted.subject == "Your seat"
    assert row.status == "sent"
    assert row.attempts == 3
    assert row.last_error == ""
    assert row.provider_message_id == accepted.header("Message-ID")
    assert accepted.unique_args == {"outbox_id": str(row.pk)}
    # Backoff: the first wait lies in [15 s, 30 s], the second in [30 s, 60 s], so it is longer.
    first_wait_at_least, first_wait_at_most = first_retry_at - after, first_retry_at - before
    second_wait = second_retry_at - first_retry_at
    assert first_wait_at_least >= services.first_retry_after() / 2
    assert first_wait_at_most <= services.first_retry_after()
    assert services.first_retry_after() <= second_wait <= services.first_retry_after() * 2
    assert second_wait > first_wait_at_most


def test_a_refused_recipient_fails_at_once_with_the_relays_reason(relay_backend, django_capture_on_commit_callbacks):
    relay_backend.refuse_recipient("nobody@cloudco.example", 550)

    with django_capture_on_commit_callbacks(execute=True):
        row = enqueue_email(message(to="nobody@cloudco.example"))
    claimed_a_day_later = services.claim_due_emails(now=timezone.now() + dt.timedelta(days=1))

    row.refresh_from_db()
    assert row.status == "failed"
    assert row.attempts == 1
    assert row.last_error.startswith("SMTPRecipientsRefused: ")
    assert "(550, b'5.1.1 The email account that you tried to reach does not exist')" in row.last_error
    assert claimed_a_day_later == []
    assert relay_backend.statuses == [550]
    assert relay_backend.accepted == []


def test_a_permanent_refusal_of_the_message_fails_at_once(relay_backend, django_capture_on_commit_callbacks):
    relay_backend.fail_next(554)

    with django_capture_on_commit_callbacks(execute=True):
        row = enqueue_email(message())

    row.refresh_from_db()
    assert (row.status, row.attempts) == ("failed", 1)
    assert row.last_error.startswith("SMTPDataError: (554, ")


def test_a_mailbox_busy_for_one_recipient_does_not_hold_the_others(relay_backend):
    # 450 at RCPT concerns that recipient: the rows after it in the batch are sent at once.
    relay_backend.refuse_recipient("busy@cloudco.example", 450)
    pks = [enqueue_email(message(to=to)).pk for to in ("busy@cloudco.example", "a@one.example", "b@two.example")]

    outcomes = services.deliver_emails(pks)

    assert outcomes == ["pending", "sent", "sent"]
    assert OutboundEmail.objects.get(pk=pks[0]).attempts == 1


@pytest.mark.parametrize("failure", [451, 421, DISCONNECT], ids=["slow-down", "closing", "dropped"])
def test_when_the_relay_asks_to_wait_the_rest_of_the_batch_waits_with_it(relay_backend, failure):
    # The relay refuses the third message for everyone: the worker stops offering the batch, and the
    # rows it did not try wait until the refused one is due again, with no attempt counted.
    relay_backend.let_through(2)
    relay_backend.fail_next(failure)
    pks = [enqueue_email(message(to=f"buyer{n}@company{n}.example")).pk for n in range(6)]

    outcomes = services.deliver_emails(pks)

    rows = {row.pk: row for row in OutboundEmail.objects.filter(pk__in=pks)}
    refused = rows[pks[2]]
    assert outcomes == ["sent", "sent", "pending", "deferred", "deferred", "deferred"]
    assert relay_backend.statuses == [250, 250, failure]
    assert refused.attempts == 1
    assert [(rows[pk].attempts, rows[pk].due_at, rows[pk].claimed_until) for pk in pks[3:]] == [
        (0, refused.due_at, None)
    ] * 3
    # Once due, the dispatcher hands the four out together, and they go out over a new connection.
    claimed = services.claim_due_emails(now=refused.due_at)
    assert sorted(claimed) == sorted(pks[2:])


@pytest.mark.parametrize("failure", [451, 421, DISCONNECT], ids=["451", "421", "dropped"])
def test_outage_fails_the_message_after_the_last_attempt(relay_backend, failure, django_capture_on_commit_callbacks):
    relay_backend.fail_next(failure, times=services.MAX_ATTEMPTS + 1)

    with django_capture_on_commit_callbacks(execute=True):
        row = enqueue_email(message())
    outcomes = [deliver_when_due(row.pk)[1] for _ in range(services.MAX_ATTEMPTS - 1)]
    claimed_a_year_later = services.claim_due_emails(now=timezone.now() + dt.timedelta(days=365))

    row.refresh_from_db()
    assert outcomes == ["pending"] * (services.MAX_ATTEMPTS - 2) + ["failed"]
    assert row.status == "failed"
    assert row.attempts == services.MAX_ATTEMPTS
    assert row.last_error.startswith(("SMTPDataError: (4", "SMTPServerDisconnected: "))
    assert claimed_a_year_later == []
    assert relay_backend.statuses == [failure] * services.MAX_ATTEMPTS
    assert relay_backend.accepted == []


def test_a_batch_through_rate_limits_and_an_outage_is_accepted_once_each(
    relay_backend, django_capture_on_commit_callbacks
):
    # 110 refusals for 50 messages: every message fails twice, ten of them three times.
    relay_backend.fail_next(451, times=60)
    relay_backend.fail_next(421, times=50)

    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        pks = [enqueue_email(message(to=f"buyer{n}@company{n}.example")).pk for n in range(50)]
    clock = run_late_dispatcher_round()
    waits = [row.due_at - clock for row in pending_rows()]
    rounds = 2
    while pending_rows().exists() and rounds < services.MAX_ATTEMPTS:
        run_late_dispatcher_round()
        rounds += 1

    rows = OutboundEmail.objects.filter(pk__in=pks)
    accepted = relay_backend.accepted
    assert rounds == 4
    assert Counter(message.header(OUTBOX_HEADER) for message in accepted) == Counter(str(pk) for pk in pks)
    assert Counter(relay_backend.statuses) == {451: 60, 421: 50, 250: 50}
    assert Counter(row.status for row in rows) == {"sent": 50}
    assert Counter(row.attempts for row in rows) == {3: 40, 4: 10}
    assert {row.pk: row.provider_message_id for row in rows} == {
        int(message.header(OUTBOX_HEADER)): message.header("Message-ID") for message in accepted
    }
    # Jitter: fifty rows failing at the same instant are retried at fifty different times.
    assert len(waits) == 50
    assert len(set(waits)) == 50
    assert all(services.first_retry_after() <= wait <= services.first_retry_after() * 2 for wait in waits)


def deliver_from_workers(pks, *, workers, clock):
    """Hand every row to every worker at once (redelivered tasks, two dispatchers) and let them race."""
    barrier = threading.Barrier(workers)
    crashed = []

    def work(seed):
        order = list(pks)
        random.Random(seed).shuffle(order)
        barrier.wait()
        try:
            for pk in order:
                services.deliver_email(pk, now=clock)
        except Exception as error:  # noqa: BLE001 - reported by the test
            crashed.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=work, args=(seed,)) for seed in range(workers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return crashed


def enqueue_for_later(count):
    """Rows due in a minute, so that nothing is handed out on commit and the test decides who sends."""
    later = timezone.now() + dt.timedelta(minutes=1)
    return [enqueue_email(message(to=f"buyer{n}@company{n}.example"), due_at=later).pk for n in range(count)]


@pytest.fixture
def postgresql_only():
    if connection.vendor != "postgresql":
        pytest.skip("row locks are proven on PostgreSQL (set DATABASE_URL)")


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("postgresql_only")
def test_rows_handed_to_four_workers_at_once_through_failures_are_accepted_once_each(relay_backend):
    relay_backend.latency = 0.02  # the provider is slow, so workers overlap on every row
    relay_backend.fail_next(451, times=30)
    relay_backend.fail_next(421, times=30)
    pks = enqueue_for_later(50)

    crashed = []
    for _ in range(services.MAX_ATTEMPTS):
        if not pending_rows().exists():
            break
        crashed += deliver_from_workers(pks, workers=4, clock=latest_due_at())

    accepted = relay_backend.accepted
    assert crashed == []
    assert Counter(message.header(OUTBOX_HEADER) for message in accepted) == Counter(str(pk) for pk in pks)
    assert Counter(relay_backend.statuses) == {451: 30, 421: 30, 250: 50}
    assert Counter(OutboundEmail.objects.values_list("status", flat=True)) == {"sent": 50}
    assert sum(OutboundEmail.objects.values_list("attempts", flat=True)) == 110


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("postgresql_only")
def test_negative_control_without_the_row_lock_workers_send_duplicates(relay_backend, monkeypatch):
    # The same race as above with the row lock taken away: proves that test can see duplicates.
    manager = OutboundEmail.objects
    monkeypatch.setattr(manager, "select_for_update", lambda **options: manager.all())
    relay_backend.latency = 0.02
    pks = enqueue_for_later(50)

    crashed = deliver_from_workers(pks, workers=4, clock=latest_due_at())

    sent_per_row = Counter(message.header(OUTBOX_HEADER) for message in relay_backend.accepted)
    assert crashed == []
    assert len(sent_per_row) == 50
    assert max(sent_per_row.values()) > 1


def test_an_invalid_address_fails_at_once(relay_backend, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        row = enqueue_email(message(to="not an address"))

    row.refresh_from_db()
    assert (row.status, row.attempts, relay_backend.statuses) == ("failed", 1, [501])


def test_a_batch_records_each_rows_own_outcome_and_skips_rows_already_sent(relay_backend):
    # Due now; the hand-over after commit never runs in this test, so the test is the worker.
    relay_backend.refuse_recipient("nobody@cloudco.example", 550)
    first, refused, already_sent = (
        enqueue_email(message(to=to)).pk
        for to in ("buyer1@company1.example", "nobody@cloudco.example", "buyer2@company2.example")
    )
    services.deliver_email(already_sent)

    outcomes = services.deliver_emails([first, refused, already_sent])

    assert outcomes == ["sent", "failed", "skipped"]
    assert [message.header(OUTBOX_HEADER) for message in relay_backend.accepted] == [str(already_sent), str(first)]
    assert relay_backend.statuses == [250, 250, 550]
