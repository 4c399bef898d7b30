"""Writing messages to the outbox and delivering them, at most once per row and never lost.

The guarantee: a message exists only if the transaction that caused it committed (it is a row in
that transaction). A worker sends a row while holding its row lock and marks it sent in the same
transaction, so two workers never send the same row. A crash or a stopped broker leaves the row
pending and the dispatcher hands it out again. The one window left: the provider accepts the
message and the worker dies before its commit; that message is sent again on the next attempt.

Mail leaves through whatever EMAIL_BACKEND names; production uses Django's SMTP backend to SendGrid's
relay (README, "Mail"). Each message carries its row's id twice: in X-Outbound-Email, and in SendGrid's
X-SMTPAPI header as the unique argument `outbox_id`, which SendGrid's delivery events carry back.
"""

import hashlib
import json
import logging
import random
import time
from dataclasses import dataclass
from datetime import timedelta
from email.header import Header
from email.message import Message

from celery import current_app
from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection
from django.core.mail.message import make_msgid
from django.core.mail.utils import DNS_NAME
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from events.core.errors import ConflictError
from events.core.wake import wake
from events.notifications.addresses import address_key
from events.notifications.composers import NothingToSend, compose
from events.notifications.models import DeliveryEvent, OutboundEmail, UnreachableAddress, WebhookPost
from events.notifications.refusals import read_refusal
from events.notifications.sendgrid_webhook import RefusedPost, max_age
from events.notifications.signals import email_failed, email_sent

logger = logging.getLogger(__name__)

SEND_TASK = "events.notifications.send_emails"
DISPATCH_TASK = "events.notifications.dispatch_due_emails"
OUTBOX_HEADER = "X-Outbound-Email"
# Rows per task: a worker sends a batch over one database and one provider connection, which is what
# lets one worker keep up with a burst; small enough that several workers share a burst evenly.
HAND_OUT_BATCH = 50
MAX_ATTEMPTS = 8
LONGEST_RETRY_AFTER = timedelta(hours=1)
# Rows one dispatcher run hands out, and how many runs it makes before beat's next tick.
DISPATCH_BATCH = 500
DISPATCH_ROUNDS = 40


def claim_for() -> timedelta:
    """How long a row handed to a worker is not handed out again: long enough for a send and its retries."""
    return timedelta(seconds=getattr(settings, "OUTBOX_CLAIM_SECONDS", 300))


def first_retry_after() -> timedelta:
    return timedelta(seconds=getattr(settings, "OUTBOX_FIRST_RETRY_SECONDS", 30))


@dataclass(frozen=True)
class Email:
    """A message composed by a domain app, already in the recipient's language."""

    to: str
    subject: str
    body_text: str
    kind: str
    body_html: str = ""
    language: str = "en"
    reference: str = ""
    # Whose mail it is (e.g. mission:4): the composing app's name for the people who may see and retry it.
    topic: str = ""
    # An iTIP calendar (text/calendar) and its method, REQUEST or CANCEL; empty for plain mail.
    calendar: str = ""
    calendar_method: str = ""

    def __post_init__(self):
        # A subject joins names and titles people typed ("<company> asks to meet you: <session>", each up to 200
        # characters): shortened to what the outbox holds, saying so, where PostgreSQL refused the row and the
        # request that wrote it failed.
        limit = OutboundEmail._meta.get_field("subject").max_length
        if len(self.subject) > limit:
            object.__setattr__(self, "subject", self.subject[: limit - 1].rstrip() + "…")


@dataclass(frozen=True)
class Intent:
    """A message decided now and written when it is sent, by the composer it names (composers.py).

    Only what the decision knows without reading anything: the kind, the record, the recipient.
    """

    to: str
    kind: str
    composer: str
    reference: str
    topic: str = ""


def enqueue_email(email: Email | Intent, *, due_at=None, new_record=False) -> OutboundEmail:
    """Write `email` to the outbox inside the caller's transaction; hand it to a worker after commit.

    A message due now wakes the dispatcher (within about a second: events.core.wake), or is sent after
    commit in-process where tasks run eagerly; a message due later (a reminder) waits for the dispatcher.
    `new_record`: the record it is about was created in this transaction, so no earlier message about
    it can have failed (one statement fewer under the caller's lock).
    """
    return enqueue_emails([(email, due_at)], new_records=new_record)[0]


def enqueue_emails(emails, *, new_records=False) -> list[OutboundEmail]:
    """enqueue_email for many (Email or Intent, due_at or None) pairs at once, in one insert per 500 rows."""
    now = timezone.now()
    rows = [_row(email, due_at or now, now) for email, due_at in emails]
    # A newer message about the same record replaces one that failed: sending the old one again
    # (an invitation to a time since moved, or to a session since cancelled) would mislead.
    references = {row.reference for row in rows if row.reference}
    if references and not new_records:
        OutboundEmail.objects.filter(reference__in=references, status=OutboundEmail.Status.FAILED).update(
            status=OutboundEmail.Status.SUPERSEDED
        )
    OutboundEmail.objects.bulk_create(rows, batch_size=500)
    if any(row.due_at <= now for row in rows):
        if settings.CELERY_TASK_ALWAYS_EAGER:
            due_now = [row.pk for row in rows if row.due_at <= now]
            # robust: the change is committed; a failed send must not turn its response into an error (logged).
            transaction.on_commit(lambda: deliver_emails(due_now), robust=True)
        else:
            # The dispatcher, woken once for every request that commits within a second (events.core.wake):
            # a rush costs neither each request a broker round trip nor the worker a task per message.
            transaction.on_commit(lambda: wake(DISPATCH_TASK))
    return rows


def _row(email: Email | Intent, due_at, now) -> OutboundEmail:
    if isinstance(email, Intent):
        written = {"composer": email.composer}
    else:
        written = {field: getattr(email, field) for field in _WRITTEN_FIELDS}
        written["composed_at"] = now
    return OutboundEmail(
        kind=email.kind,
        reference=email.reference,
        topic=email.topic,
        to=email.to,
        **written,
        due_at=due_at,
        # Sent in-process after commit where tasks run eagerly: claimed, so no dispatcher hands it out too.
        # Elsewhere the dispatcher claims it when woken.
        claimed_until=now + claim_for() if due_at <= now and settings.CELERY_TASK_ALWAYS_EAGER else None,
    )


# What a composer writes: the message itself.
_WRITTEN_FIELDS = ["language", "subject", "body_text", "body_html", "calendar", "calendar_method"]


def hand_to_worker(pks) -> None:
    """Ask workers to send these rows, HAND_OUT_BATCH to a task. If the broker is down, the dispatcher will
    hand them out later."""
    if settings.CELERY_TASK_ALWAYS_EAGER:
        deliver_emails(pks)
        return
    for start in range(0, len(pks), HAND_OUT_BATCH):
        batch = list(pks[start : start + HAND_OUT_BATCH])
        try:
            current_app.send_task(SEND_TASK, args=[batch])
        except Exception:  # noqa: BLE001 - the rows are safe in the outbox; the dispatcher retries.
            logger.warning("Broker unavailable; outbound emails %s wait for the dispatcher", batch, exc_info=True)
            return


def claim_due_emails(*, limit=500, now=None) -> list[int]:
    """Mark up to `limit` due rows as handed out and return their ids, skipping rows others hold."""
    now = now or timezone.now()
    with transaction.atomic():
        ids = list(
            OutboundEmail.objects.select_for_update(skip_locked=True)
            .filter(status=OutboundEmail.Status.PENDING, due_at__lte=now)
            .filter(Q(claimed_until__isnull=True) | Q(claimed_until__lte=now))
            # Among rows due together (a batch the relay asked to wait), the least tried go first, so
            # that a run of refusals spreads over many rows rather than using up one row's attempts.
            .order_by("due_at", "attempts")
            .values_list("pk", flat=True)[:limit]
        )
        OutboundEmail.objects.filter(pk__in=ids).update(claimed_until=now + claim_for())
    return ids


def dispatch_due_emails(*, limit=DISPATCH_BATCH, rounds=DISPATCH_ROUNDS) -> int:
    """Hand every due row to a worker; run periodically by Celery beat.

    Claims batch after batch while batches come back full, so that a burst of due rows (reminders for
    a whole session fall due in the same minute) goes out at once rather than `limit` per beat tick.
    """
    handed = 0
    for _round in range(rounds):
        ids = claim_due_emails(limit=limit)
        hand_to_worker(ids)
        handed += len(ids)
        if len(ids) < limit:
            break
    return handed


def cancel_pending(*, kind, references) -> int:
    """Cancel the rows of `kind` about any of `references` not sent yet (reminders for meetings that moved).

    One statement for them all. A row a worker is sending right now is locked; the update waits for
    it and then finds it sent.
    """
    pending = OutboundEmail.objects.filter(
        kind=kind, reference__in=set(references), status=OutboundEmail.Status.PENDING
    )
    return pending.update(status=OutboundEmail.Status.CANCELLED)


def lease_for() -> timedelta:
    """How long a worker holds the rows of the batch it is sending before another may take them over.

    Renewed as the batch goes on; a killed worker's rows are free again within this time, and the
    dispatcher (every 10 s) hands them out. Shorter than claim_for, which also covers the time a task
    waits in the broker's queue.
    """
    return timedelta(seconds=getattr(settings, "OUTBOX_LEASE_SECONDS", 30))


def deliver_emails(pks) -> list[str]:
    """deliver_email for each row in turn, over one connection to the provider; returns their statuses.

    The guarantee is the one-row guarantee: each row is locked, sent and marked sent in a transaction
    of its own. The worker holds a lease on the rows of its batch (lease_for) and renews it as it
    goes, so a crash mid-batch leaves the row in flight in the one window, and the rows after it free
    for the dispatcher within a lease. When the provider asks everyone to wait (read_refusal), the
    rows not yet tried wait as long as the refused one, without an attempt counted: "deferred".
    """
    pks = list(pks)
    connection = get_connection()
    statuses = []
    renewed_at = _lease(pks)
    # The batch's unreachable addresses in two queries, not one per row.
    recipients = OutboundEmail.objects.filter(pk__in=pks).values_list("to", flat=True)
    unreachable = {address_key(email): None for email in recipients}
    unreachable.update(UnreachableAddress.objects.in_bulk(list(unreachable), field_name="email"))
    try:
        for index, pk in enumerate(pks):
            if time.monotonic() - renewed_at > lease_for().total_seconds() / 3:
                renewed_at = _lease(pks[index:])
            status, wait_until = _deliver(pk, timezone.now(), connection, unreachable)
            statuses.append(status)
            if wait_until is not None:
                rest = pks[index + 1 :]
                _defer(rest, wait_until)
                return statuses + ["deferred"] * len(rest)
    finally:
        connection.close()
    return statuses


def _lease(pks) -> float:
    now = timezone.now()
    OutboundEmail.objects.filter(pk__in=pks, status=OutboundEmail.Status.PENDING, due_at__lte=now).update(
        claimed_until=now + lease_for()
    )
    return time.monotonic()


def _defer(pks, until) -> None:
    OutboundEmail.objects.filter(pk__in=pks, status=OutboundEmail.Status.PENDING, due_at__lt=until).update(
        due_at=until, claimed_until=None
    )


def deliver_email(pk, *, now=None, connection=None) -> str:
    """Send one pending row and record the outcome; returns the row's status afterwards.

    The row stays locked while the provider is called, so no other worker can send it meanwhile.
    `connection` is an open mail connection to reuse (deliver_emails); by default one for this message.
    """
    return _deliver(pk, now or timezone.now(), connection or get_connection())[0]


def _deliver(pk, now, connection, known_unreachable=None) -> tuple[str, object]:
    """(the row's status afterwards, or "skipped"; when the provider asks everyone to wait, until when).

    `known_unreachable`: {address_key: UnreachableAddress or None} read by the caller for a whole batch;
    an address not in it is looked up here.
    """
    wait_until = None
    with transaction.atomic():
        row = (
            OutboundEmail.objects.select_for_update(skip_locked=True)
            .filter(pk=pk, status=OutboundEmail.Status.PENDING, due_at__lte=now)
            .first()
        )
        if row is None:
            return "skipped", None
        key = address_key(row.to)
        if known_unreachable is not None and key in known_unreachable:
            unreachable = known_unreachable[key]
        else:
            unreachable = UnreachableAddress.objects.filter(email=key).first()
        if unreachable is not None:
            # The provider would drop it (its suppression list) and report a drop: say so, send nothing.
            row.status = OutboundEmail.Status.SUPPRESSED
            row.last_error = _("Not sent: %(address)s is unreachable since %(since)s (%(explanation)s).") % {
                "address": row.to,
                "since": unreachable.since.strftime("%Y-%m-%d %H:%M UTC"),
                "explanation": unreachable.explanation,
            }
            row.save(update_fields=_OUTCOME_FIELDS)
            email_failed.send(sender=OutboundEmail, row=row)
            return row.status, None
        if row.composed_at is None and row.composer and not _compose(row, now):
            row.save(update_fields=_OUTCOME_FIELDS)
            if row.status == OutboundEmail.Status.FAILED:
                email_failed.send(sender=OutboundEmail, row=row)
            return row.status, None
        row.attempts += 1
        try:
            row.provider_message_id = _send(row, connection)
        except Exception as error:  # noqa: BLE001 - every failure is recorded on the row.
            # A connection that saw an error is not trusted with the next message: it opens anew.
            connection.close()
            wait_until = _record_failure(row, error, now)
        else:
            row.status = OutboundEmail.Status.SENT
            row.sent_at = timezone.now()
            row.last_error = ""
        # Not the bodies: they did not change, and rewriting them costs more than the rest of the row.
        row.save(update_fields=_OUTCOME_FIELDS)
        # In the same transaction: what the composing app records about delivery commits with the outcome.
        if row.status == OutboundEmail.Status.SENT:
            email_sent.send(sender=OutboundEmail, row=row)
        elif row.status == OutboundEmail.Status.FAILED:
            email_failed.send(sender=OutboundEmail, row=row)
        return row.status, wait_until


def _compose(row, now) -> bool:
    """Write an intent's message into its row, as its composer reads the record now (composers.py).

    Kept on the row: the organisers' mail page shows what went, and a retry sends the same words.
    Returns False, with the row's outcome set, when there is nothing to send (cancelled, with the
    composer's reason) or the composer failed (failed at once: a retry would fail the same way).
    """
    try:
        email = compose(row)
    except NothingToSend as reason:
        row.status, row.last_error = OutboundEmail.Status.CANCELLED, str(reason)
        return False
    except Exception as error:  # noqa: BLE001 - recorded on the row for the organisers, and logged.
        logger.exception("Outbound email %s could not be written", row.pk)
        row.status = OutboundEmail.Status.FAILED
        row.last_error = f"{type(error).__name__}: {error}"[:2000]
        return False
    for field in _WRITTEN_FIELDS:
        setattr(row, field, getattr(email, field))
    row.composed_at = now
    row.save(update_fields=[*_WRITTEN_FIELDS, "composed_at"])
    return True


@transaction.atomic
def retry_email(row) -> OutboundEmail:
    """Send a failed row again, now: its attempts start over. Raises ConflictError unless it failed."""
    row = OutboundEmail.objects.select_for_update().get(pk=row.pk)
    if row.status != OutboundEmail.Status.FAILED:
        raise ConflictError(_("Only a message that failed can be sent again."))
    now = timezone.now()
    row.status, row.attempts, row.due_at, row.claimed_until = OutboundEmail.Status.PENDING, 0, now, now + claim_for()
    row.save(update_fields=["status", "attempts", "due_at", "claimed_until"])
    transaction.on_commit(lambda: hand_to_worker([row.pk]))
    return row


_OUTCOME_FIELDS = ["status", "attempts", "provider_message_id", "sent_at", "last_error", "due_at", "claimed_until"]


class _Message(EmailMultiAlternatives):
    """Django's message, with a non-ASCII subject folded as the line it is written on allows.

    Django encodes it as if it had the line to itself (email.header.Header without the header's name), so,
    written after "Subject: ", the generator folded before its first encoded word, and readers (Python's own
    among them) read the subject with a leading space. Header(header_name=...) leaves room for the name
    (RFC 2047 section 2: encoded words on lines of at most 76 characters). Django has refused newlines in
    it already; an ASCII subject is left as Django writes it.
    """

    def message(self, *args, **kwargs):
        message = super().message(*args, **kwargs)
        if not str(self.subject).isascii():
            del message["Subject"]
            # Message's own __setitem__: Django's would turn the Header back into a string folded as before.
            Message.__setitem__(message, "Subject", Header(str(self.subject), "utf-8", header_name="Subject"))
        return message


def _send(row, connection) -> str:
    """Hand `row` to the provider; returns the Message-ID it carries (SendGrid's events call it smtp-id)."""
    message_id = make_msgid(domain=DNS_NAME.get_fqdn())
    message = _Message(
        subject=row.subject,
        body=row.body_text,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[row.to],
        connection=connection,
        headers={
            "Message-ID": message_id,
            OUTBOX_HEADER: str(row.pk),
            # SendGrid's SMTP API: the relay removes this header and returns unique_args in its events.
            "X-SMTPAPI": json.dumps({"unique_args": {"outbox_id": str(row.pk)}}),
        },
    )
    if row.body_html:
        message.attach_alternative(row.body_html, "text/html")
    if row.calendar:
        # RFC 6047: the iTIP message as the last alternative, which Outlook and Apple Mail read, and as
        # invite.ics, which Gmail also offers. Django gives every text part the message's charset
        # (UTF-8) itself: naming it here would repeat the parameter, which RFC 2045 forbids.
        content_type = f"text/calendar; method={row.calendar_method}"
        message.attach_alternative(row.calendar, content_type)
        message.attach("invite.ics", row.calendar.encode(), f"application/ics; method={row.calendar_method}")
    message.send()
    return message_id


def retry_delay(attempts) -> timedelta:
    """Exponential backoff with jitter, so that many retries do not hit the provider together."""
    ceiling = min(first_retry_after() * 2 ** (attempts - 1), LONGEST_RETRY_AFTER)
    return ceiling * random.uniform(0.5, 1.0)  # noqa: S311 - jitter, not security


def _record_failure(row, error, now):
    """Record the failure on `row`; returns when every message should be tried again if the provider said so."""
    row.last_error = f"{type(error).__name__}: {error}"[:2000]
    refusal = read_refusal(error)
    if refusal.transient and row.attempts < MAX_ATTEMPTS:
        row.due_at = now + retry_delay(row.attempts)
        row.claimed_until = None
        logger.info("Outbound email %s will be retried: %s", row.pk, row.last_error)
        return row.due_at if refusal.everyone_waits else None
    row.status = OutboundEmail.Status.FAILED
    logger.warning("Outbound email %s failed: %s", row.pk, row.last_error)
    return None


# What the provider reports after accepting a message (sendgrid_webhook.read_reports), by rank: a later
# report of a lower rank (a late "deferred" after "delivered") does not undo a higher one.
_DELIVERY_RANK = {"": 0, "processed": 1, "deferred": 2, "delivered": 3, "bounce": 4, "dropped": 4, "spamreport": 5}


@transaction.atomic
def record_delivery_reports(reports, *, timestamp, body, now=None) -> int:
    """Record the reports of a verified post (its signed `timestamp` and `body`); returns how many were new.

    A post is accepted once: the same timestamp and body again raise RefusedPost (a replay), whatever
    spelling its signature has. Reports are idempotent: one already recorded (same provider event id)
    changes nothing, also when two posts carrying it arrive at once. Each report updates the delivery
    of the row whose id it carries (only if the recipient matches), and a report that the address
    cannot be reached (Report.address_unreachable) marks it, unless a later report already did. A
    row that bounced or was dropped counts as failed for the app that wrote it (email_failed).
    """
    now = now or timezone.now()
    digest = hashlib.sha256(timestamp.encode() + b"\n" + body).hexdigest()
    try:
        with transaction.atomic():
            WebhookPost.objects.create(post_digest=digest)
    except IntegrityError as error:
        raise RefusedPost("this post was already received") from error
    # Older posts are refused by their timestamp anyway; forget them.
    WebhookPost.objects.filter(received_at__lt=now - timedelta(seconds=2 * max_age())).delete()

    unique = {report.event_id: report for report in reports}
    # Rows first, locked: a concurrent post about them waits, then sees what this one recorded.
    rows = OutboundEmail.objects.select_for_update().in_bulk({r.outbox_id for r in unique.values() if r.outbox_id})
    known = set(DeliveryEvent.objects.filter(provider_event_id__in=unique).values_list("provider_event_id", flat=True))
    new = sorted((r for r in unique.values() if r.event_id not in known), key=lambda r: r.occurred_at)
    changed, failed, events = {}, [], []
    for report in new:
        row = rows.get(report.outbox_id)
        if row is not None and address_key(row.to) != report.email:
            row = None  # not the message it names: never let a report move another person's row
        events.append(
            DeliveryEvent(
                outbound_email=row,
                provider_event_id=report.event_id,
                event=report.event,
                email=report.email,
                detail=report.detail,
                occurred_at=report.occurred_at,
            )
        )
        if row is not None and _DELIVERY_RANK[report.event] >= _DELIVERY_RANK[row.delivery]:
            if report.event in {"bounce", "dropped"} and row.delivery not in {"bounce", "dropped"}:
                failed.append(row)
            row.delivery, row.delivery_detail = report.event, report.detail
            row.delivery_reported_at = report.occurred_at
            changed[row.pk] = row
        if report.address_unreachable:
            _mark_unreachable(report)
    DeliveryEvent.objects.bulk_create(events, ignore_conflicts=True)
    OutboundEmail.objects.bulk_update(changed.values(), ["delivery", "delivery_detail", "delivery_reported_at"])
    for row in failed:
        email_failed.send(sender=OutboundEmail, row=row)
    return len(new)


def _mark_unreachable(report) -> None:
    # Insert if absent, then let the newest report win: both statements are safe against a concurrent post.
    values = {"event": report.event, "reason": report.detail, "since": report.occurred_at}
    UnreachableAddress.objects.bulk_create([UnreachableAddress(email=report.email, **values)], ignore_conflicts=True)
    UnreachableAddress.objects.filter(email=report.email, since__lt=report.occurred_at).update(**values)
