"""Retries through django-anymail's SendGrid backend, against a local fake of SendGrid's HTTP API.

Nothing in the sending path is mocked: the outbox services call Django's mail API, anymail posts
JSON over HTTP, and the fake answers as SendGrid would. Time is driven through the services' `now`
arguments: a test plays the dispatcher (`claim_due_emails`) and a worker (`deliver_email`) at the
moment a row falls due, instead of waiting for it.
"""

import datetime as dt
import json
import random
import threading
from collections import Counter

import pytest
from django.db import connection, connections, transaction
from django.utils import timezone

from events.notifications import services
from events.notifications.models import OutboundEmail
from events.notifications.services import Email, enqueue_email
from tests.support.fake_sendgrid import DISCONNECT

pytestmark = [
    pytest.mark.django_db,
    # anymail 15 warns on every SendGrid backend it builds (support moved to the community); the
    # backend still works and production uses it, so the warning is noise here.
    pytest.mark.filterwarnings("ignore::anymail.exceptions.AnymailNotSupportedWarning"),
]

OUTBOX_HEADER = "X-Outbound-Email"


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


def test_rate_limit_then_outage_then_acceptance_sends_once_after_growing_waits(
    sendgrid_backend, django_capture_on_commit_callbacks
):
    sendgrid_backend.fail_next(429)
    sendgrid_backend.fail_next(500)

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
    (accepted,) = sendgrid_backend.accepted
    assert sendgrid_backend.statuses == [429, 500, 202]
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
    assert row.provider_message_id == accepted.anymail_id
    assert row.provider_message_id != ""
    # Backoff: the first wait lies in [15 s, 30 s], the second in [30 s, 60 s], so it is longer.
    first_wait_at_least, first_wait_at_most = first_retry_at - after, first_retry_at - before
    second_wait = second_retry_at - first_retry_at
    assert first_wait_at_least >= services.first_retry_after() / 2
    assert first_wait_at_most <= services.first_retry_after()
    assert services.first_retry_after() <= second_wait <= services.first_retry_after() * 2
    assert second_wait > first_wait_at_most


def test_bad_request_fails_at_once_with_the_providers_reason(sendgrid_backend, django_capture_on_commit_callbacks):
    sendgrid_backend.refuse_recipient("nobody@cloudco.example", 400, "Does not contain a valid address.")

    with django_capture_on_commit_callbacks(execute=True):
        row = enqueue_email(message(to="nobody@cloudco.example"))
    claimed_a_day_later = services.claim_due_emails(now=timezone.now() + dt.timedelta(days=1))

    row.refresh_from_db()
    first_line, _, details = row.last_error.partition("\n")
    assert row.status == "failed"
    assert row.attempts == 1
    assert first_line == "AnymailRequestsAPIError: SendGrid API response 400 (Bad Request):"
    assert json.loads(details) == {
        "errors": [
            {
                "message": "Does not contain a valid address.",
                "field": "personalizations.0.to.0.email",
                "help": None,
            }
        ]
    }
    assert claimed_a_day_later == []
    assert sendgrid_backend.statuses == [400]
    assert sendgrid_backend.accepted == []


@pytest.mark.parametrize("failure", [500, 503, DISCONNECT], ids=["500", "503", "no-status"])
def test_outage_fails_the_message_after_the_last_attempt(sendgrid_backend, failure, django_capture_on_commit_callbacks):
    sendgrid_backend.fail_next(failure, times=services.MAX_ATTEMPTS + 1)

    with django_capture_on_commit_callbacks(execute=True):
        row = enqueue_email(message())
    outcomes = [deliver_when_due(row.pk)[1] for _ in range(services.MAX_ATTEMPTS - 1)]
    claimed_a_year_later = services.claim_due_emails(now=timezone.now() + dt.timedelta(days=365))

    row.refresh_from_db()
    assert outcomes == ["pending"] * (services.MAX_ATTEMPTS - 2) + ["failed"]
    assert row.status == "failed"
    assert row.attempts == services.MAX_ATTEMPTS
    assert row.last_error.startswith("AnymailRequestsAPIError: ")
    assert claimed_a_year_later == []
    assert sendgrid_backend.statuses == [failure] * services.MAX_ATTEMPTS
    assert sendgrid_backend.failures_left == 1
    assert sendgrid_backend.accepted == []


def test_a_batch_through_rate_limits_and_an_outage_is_accepted_once_each(
    sendgrid_backend, django_capture_on_commit_callbacks
):
    # 110 refusals for 50 messages: every message fails twice, ten of them three times.
    sendgrid_backend.fail_next(429, times=60)
    sendgrid_backend.fail_next(500, times=50)

    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        pks = [enqueue_email(message(to=f"buyer{n}@company{n}.example")).pk for n in range(50)]
    clock = run_late_dispatcher_round()
    waits = [row.due_at - clock for row in pending_rows()]
    rounds = 2
    while pending_rows().exists() and rounds < services.MAX_ATTEMPTS:
        run_late_dispatcher_round()
        rounds += 1

    rows = OutboundEmail.objects.filter(pk__in=pks)
    accepted = sendgrid_backend.accepted
    assert rounds == 4
    assert Counter(message.header(OUTBOX_HEADER) for message in accepted) == Counter(str(pk) for pk in pks)
    assert Counter(sendgrid_backend.statuses) == {429: 60, 500: 50, 202: 50}
    assert Counter(row.status for row in rows) == {"sent": 50}
    assert Counter(row.attempts for row in rows) == {3: 40, 4: 10}
    assert {row.pk: row.provider_message_id for row in rows} == {
        int(message.header(OUTBOX_HEADER)): message.anymail_id for message in accepted
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
def test_rows_handed_to_four_workers_at_once_through_failures_are_accepted_once_each(sendgrid_backend):
    sendgrid_backend.latency = 0.02  # the provider is slow, so workers overlap on every row
    sendgrid_backend.fail_next(429, times=30)
    sendgrid_backend.fail_next(503, times=30)
    pks = enqueue_for_later(50)

    crashed = []
    for _ in range(services.MAX_ATTEMPTS):
        if not pending_rows().exists():
            break
        crashed += deliver_from_workers(pks, workers=4, clock=latest_due_at())

    accepted = sendgrid_backend.accepted
    assert crashed == []
    assert Counter(message.header(OUTBOX_HEADER) for message in accepted) == Counter(str(pk) for pk in pks)
    assert Counter(sendgrid_backend.statuses) == {429: 30, 503: 30, 202: 50}
    assert Counter(OutboundEmail.objects.values_list("status", flat=True)) == {"sent": 50}
    assert sum(OutboundEmail.objects.values_list("attempts", flat=True)) == 110


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("postgresql_only")
def test_negative_control_without_the_row_lock_workers_send_duplicates(sendgrid_backend, monkeypatch):
    # The same race as above with the row lock taken away: proves that test can see duplicates.
    manager = OutboundEmail.objects
    monkeypatch.setattr(manager, "select_for_update", lambda **options: manager.all())
    sendgrid_backend.latency = 0.02
    pks = enqueue_for_later(50)

    crashed = deliver_from_workers(pks, workers=4, clock=latest_due_at())

    sent_per_row = Counter(message.header(OUTBOX_HEADER) for message in sendgrid_backend.accepted)
    assert crashed == []
    assert len(sent_per_row) == 50
    assert max(sent_per_row.values()) > 1


def test_an_invalid_address_fails_at_once(sendgrid_backend, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        row = enqueue_email(message(to="not an address"))

    row.refresh_from_db()
    assert (row.status, row.attempts, sendgrid_backend.request_count) == ("failed", 1, 0)


def test_a_batch_records_each_rows_own_outcome_and_skips_rows_already_sent(sendgrid_backend):
    # Due now; the hand-over after commit never runs in this test, so the test is the worker.
    sendgrid_backend.refuse_recipient("nobody@cloudco.example")
    first, refused, already_sent = (
        enqueue_email(message(to=to)).pk
        for to in ("buyer1@company1.example", "nobody@cloudco.example", "buyer2@company2.example")
    )
    services.deliver_email(already_sent)

    outcomes = services.deliver_emails([first, refused, already_sent])

    assert outcomes == ["sent", "failed", "skipped"]
    assert [message.header(OUTBOX_HEADER) for message in sendgrid_backend.accepted] == [str(already_sent), str(first)]
    assert sendgrid_backend.statuses == [202, 202, 400]
