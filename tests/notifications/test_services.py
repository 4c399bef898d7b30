import datetime as dt
import email
import email.policy

import pytest
from django.core import mail
from django.db import transaction
from django.utils import timezone

from events.notifications import services
from events.notifications.models import OutboundEmail
from events.notifications.services import Email, enqueue_email

pytestmark = pytest.mark.django_db


class ProviderError(Exception):
    def __init__(self, status_code):
        super().__init__(f"HTTP {status_code}")
        self.status_code = status_code


def message(**changes):
    fields = {"to": "buyer@cloudco.example", "subject": "Hello", "body_text": "Text", "kind": "test.hello"}
    return Email(**{**fields, **changes})


@pytest.fixture
def failing_provider(monkeypatch):
    def fail_with(status_code):
        def send(row, connection):
            raise ProviderError(status_code)

        monkeypatch.setattr(services, "_send", send)

    return fail_with


def test_message_is_sent_after_commit_with_text_and_html(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        row = enqueue_email(message(body_html="<p>Hi</p>"))
        assert mail.outbox == []

    row.refresh_from_db()
    assert row.status == "sent"
    assert row.attempts == 1
    assert mail.outbox[0].alternatives[0] == ("<p>Hi</p>", "text/html")


CALENDAR = "BEGIN:VCALENDAR\r\nMETHOD:REQUEST\r\nSUMMARY:Réunion à Dakhla\r\nEND:VCALENDAR\r\n"


def test_an_invitation_part_names_its_method_and_charset_once(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        row = enqueue_email(message(calendar=CALENDAR, calendar_method="REQUEST"))

    (sent,) = mail.outbox
    # The compat32 policy keeps the header's parameters as written (the default policy drops repeats).
    parsed = email.message_from_bytes(sent.message().as_bytes())
    (part,) = (part for part in parsed.walk() if part.get_content_type() == "text/calendar")
    assert part.get_params() == [("text/calendar", ""), ("method", "REQUEST"), ("charset", "utf-8")]
    body = part.get_payload(decode=True).decode("utf-8")
    assert body.splitlines() == CALENDAR.splitlines()  # SMTP carries every line break as CRLF
    assert row.pk == int(parsed["X-Outbound-Email"])


def test_the_relay_receives_the_rfc_6047_shape_and_the_outbox_id(relay_backend, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        row = enqueue_email(message(body_html="<p>Html</p>", calendar=CALENDAR, calendar_method="CANCEL"))

    (accepted,) = relay_backend.accepted
    parsed = email.message_from_bytes(accepted.raw)
    shape = [(part.get_content_type(), part.get_filename()) for part in parsed.walk()]
    (calendar,) = (part for part in parsed.walk() if part.get_content_type() == "text/calendar")
    row.refresh_from_db()
    assert shape == [
        ("multipart/mixed", None),
        ("multipart/alternative", None),
        ("text/plain", None),
        ("text/html", None),
        ("text/calendar", None),
        ("application/ics", "invite.ics"),
    ]
    assert calendar.get_params() == [("text/calendar", ""), ("method", "CANCEL"), ("charset", "utf-8")]
    assert accepted.to == ("buyer@cloudco.example",)
    assert accepted.unique_args == {"outbox_id": str(row.pk)}
    assert row.provider_message_id == accepted.header("Message-ID")
    # The UTF-8 parts travel as 8bit, so the relay is told so (RFC 6152).
    assert calendar["Content-Transfer-Encoding"] == "8bit"
    assert "BODY=8BITMIME" in accepted.mail_options


def enqueue_then_fail():
    with transaction.atomic():
        enqueue_email(message())
        raise RuntimeError("the change failed after writing its message")


def test_rolled_back_change_leaves_no_message():
    with pytest.raises(RuntimeError):
        enqueue_then_fail()

    assert OutboundEmail.objects.count() == 0
    assert mail.outbox == []


def test_a_sent_row_is_never_sent_again(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        row = enqueue_email(message())

    second = services.deliver_email(row.pk)

    assert second == "skipped"
    assert len(mail.outbox) == 1


@pytest.mark.parametrize("status_code", [429, 500, 503])
def test_rate_limits_and_outages_are_retried_later(failing_provider, status_code, django_capture_on_commit_callbacks):
    failing_provider(status_code)
    now = timezone.now()

    with django_capture_on_commit_callbacks(execute=True):
        row = enqueue_email(message())

    row.refresh_from_db()
    assert row.status == "pending"
    assert row.attempts == 1
    assert now + dt.timedelta(seconds=14) < row.due_at < now + dt.timedelta(seconds=31)
    assert row.claimed_until is None


def test_other_refusals_fail_at_once_and_stay_visible(failing_provider, django_capture_on_commit_callbacks):
    failing_provider(400)

    with django_capture_on_commit_callbacks(execute=True):
        row = enqueue_email(message())

    row.refresh_from_db()
    assert row.status == "failed"
    assert row.last_error == "ProviderError: HTTP 400"


def test_retries_stop_after_the_last_attempt(failing_provider):
    failing_provider(503)
    row = enqueue_email(message())

    for day in range(1, services.MAX_ATTEMPTS + 1):
        services.deliver_email(row.pk, now=timezone.now() + dt.timedelta(days=day))

    row.refresh_from_db()
    assert row.status == "failed"
    assert row.attempts == services.MAX_ATTEMPTS


def test_dispatcher_hands_out_due_rows_once_until_their_claim_lapses(settings):
    settings.CELERY_TASK_ALWAYS_EAGER = False  # hand-outs go to a broker we do not have: rows stay pending
    later = enqueue_email(message(), due_at=timezone.now() + dt.timedelta(hours=1))
    due = enqueue_email(message(), due_at=timezone.now() - dt.timedelta(minutes=1))
    OutboundEmail.objects.filter(pk=due.pk).update(claimed_until=None)

    first = services.claim_due_emails()
    second = services.claim_due_emails()
    after_claim_lapses = services.claim_due_emails(now=timezone.now() + services.claim_for() * 2)

    assert first == [due.pk]
    assert second == []
    assert after_claim_lapses == [due.pk]
    assert later.pk not in after_claim_lapses


def test_backoff_grows_and_is_capped():
    delays = [services.retry_delay(attempt) for attempt in (1, 2, 3, 20)]

    assert dt.timedelta(seconds=15) <= delays[0] <= dt.timedelta(seconds=30)
    assert dt.timedelta(seconds=30) <= delays[1] <= dt.timedelta(seconds=60)
    assert dt.timedelta(seconds=60) <= delays[2] <= dt.timedelta(seconds=120)
    assert delays[3] <= dt.timedelta(hours=1)


@pytest.mark.parametrize(
    "subject",
    [
        "No longer in your calendar: Réunion B2B – Dakhla",
        "Invitation : Réunion d’information sur les marchés publics du Maroc – Casablanca",
        "تذكير: اجتماعات ثنائية مع الوفد المغربي في الداخلة",
        "Reminder: a plain subject long enough to be folded by the mail generator, in ASCII only",
    ],
)
def test_a_long_subject_reads_back_as_written(subject, django_capture_on_commit_callbacks):
    """Django encodes a non-ASCII subject as if it had the line to itself; written after "Subject: ", the line
    was folded before its first encoded word ("Subject: CRLF =?utf-8?...") and readers, Python's own among
    them, read the subject with a leading space."""
    with django_capture_on_commit_callbacks(execute=True):
        enqueue_email(message(subject=subject))

    raw = mail.outbox[0].message().as_bytes(linesep="\r\n")
    assert b"Subject: \r\n" not in raw
    assert email.message_from_bytes(raw, policy=email.policy.default)["Subject"] == subject
