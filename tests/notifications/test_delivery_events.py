"""SendGrid's signed Event Webhook: who may post, what a post records, and what an unreachable address stops.

Posts are signed here with a P-256 key made for the test, the way SendGrid signs them; the endpoint
knows only its public half, as in production. One test checks our verification against the example
SendGrid publishes with its own library (key, signature, timestamp and payload), so the scheme is
SendGrid's and not merely consistent with itself.
"""

import base64
import json
import time
from datetime import UTC, datetime

import pytest

from events.notifications import sendgrid_webhook, services
from events.notifications.models import DeliveryEvent, UnreachableAddress
from events.notifications.services import Email, enqueue_email
from tests.support.sendgrid_events import URL, Signer, snapshot

pytestmark = pytest.mark.django_db


# The example in SendGrid's own event-webhook helper tests (sendgrid-nodejs, packages/eventwebhook).
SENDGRID_EXAMPLE = {
    "key": (
        "MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAEEDr2LjtURuePQzplybdC+u4CwrqDqBaWjcMMsTbhdbcw"
        "HBcepxo7yAQGhHPTnlvFYPAZFceEu/1FwCM/QmGUhA=="
    ),
    "signature": "MEUCIQCtIHJeH93Y+qpYeWrySphQgpNGNr/U+UyUlBkU6n7RAwIgJTz2C+8a8xonZGi6BpSzoQsbVRamr2nlxFDWYNH2j/0=",
    "timestamp": "1588788367",
    "payload": b'{"category":"example_payload","event":"test_event","message_id":"message_id"}',
}


@pytest.fixture
def signer(settings):
    signer = Signer()
    settings.SENDGRID_WEBHOOK_PUBLIC_KEY = signer.public_key
    return signer


def event(row, name, *, event_id, timestamp=1_800_000_000, **fields):
    return {
        "email": row.to,
        "timestamp": timestamp,
        "event": name,
        "sg_event_id": event_id,
        "sg_message_id": "14c5d75ce93.dfd.64b469.filter0001.16648.5515E0B88.0",
        "smtp-id": row.provider_message_id,
        "outbox_id": str(row.pk),
        **fields,
    }


def post(client, events, signer, **options):
    body = json.dumps(events).encode()
    return client.post(URL, body, content_type="application/json", **signer.headers(body, **options))


@pytest.fixture
def sent_row(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        row = enqueue_email(Email(to="Omar@Dakhla-Peche.example", subject="Invitation", body_text="Text", kind="t"))
    row.refresh_from_db()
    return row


def test_sendgrids_own_example_verifies_and_a_changed_byte_does_not(settings):
    settings.SENDGRID_WEBHOOK_PUBLIC_KEY = SENDGRID_EXAMPLE["key"]
    signed_at = datetime.fromtimestamp(int(SENDGRID_EXAMPLE["timestamp"]), tz=UTC)
    example = {key: SENDGRID_EXAMPLE[key] for key in ("signature", "timestamp")}

    sendgrid_webhook.verify(body=SENDGRID_EXAMPLE["payload"], now=signed_at, **example)
    with pytest.raises(sendgrid_webhook.RefusedPost, match="signature does not match"):
        sendgrid_webhook.verify(body=SENDGRID_EXAMPLE["payload"].replace(b"test", b"tost"), now=signed_at, **example)


def test_a_signed_bounce_marks_the_message_and_the_address(client, signer, sent_row):
    bounce = event(sent_row, "bounce", event_id="ev-2", reason="550 5.1.1 User unknown", type="bounce")
    events = [event(sent_row, "processed", event_id="ev-1"), bounce, {"event": "open", "email": sent_row.to}]

    response = post(client, events, signer)

    sent_row.refresh_from_db()
    address = UnreachableAddress.objects.get()
    assert response.status_code == 204
    assert (sent_row.delivery, sent_row.delivery_detail) == ("bounce", "550 5.1.1 User unknown")
    assert sent_row.delivery_reported_at == datetime.fromtimestamp(1_800_000_000, tz=UTC)
    assert list(sent_row.delivery_events.values_list("event", flat=True)) == ["processed", "bounce"]
    assert (address.email, address.event, address.explanation) == (
        "omar@dakhla-peche.example",
        "bounce",
        "Bounced: 550 5.1.1 User unknown",
    )


def test_the_same_event_in_a_new_post_changes_nothing(client, signer, sent_row):
    delivered = event(sent_row, "delivered", event_id="ev-1", response="250 OK")
    assert post(client, [delivered], signer).status_code == 204
    before = snapshot()

    # SendGrid posts again what it thinks we missed: newly signed, same events.
    again = post(client, [delivered, delivered], signer, timestamp=int(time.time()) + 1)

    assert again.status_code == 204
    assert snapshot() == before


def test_a_late_deferral_does_not_undo_a_delivery(client, signer, sent_row):
    events = [
        event(sent_row, "delivered", event_id="ev-2", timestamp=1_800_000_100, response="250 OK"),
        event(sent_row, "deferred", event_id="ev-1", timestamp=1_800_000_000, response="421 try later"),
    ]

    assert post(client, events, signer).status_code == 204

    sent_row.refresh_from_db()
    assert (sent_row.delivery, sent_row.delivery_detail) == ("delivered", "250 OK")


def test_a_blocked_bounce_is_recorded_but_does_not_mark_the_address(client, signer, sent_row):
    blocked = event(sent_row, "bounce", event_id="ev-1", reason="554 blocked for content", type="blocked")

    assert post(client, [blocked], signer).status_code == 204

    sent_row.refresh_from_db()
    assert sent_row.delivery == "bounce"
    assert not UnreachableAddress.objects.exists()


def test_a_report_naming_another_persons_message_moves_nothing(client, signer, sent_row):
    stranger = {**event(sent_row, "bounce", event_id="ev-1", reason="550"), "email": "someone@else.example"}

    assert post(client, [stranger], signer).status_code == 204

    sent_row.refresh_from_db()
    assert sent_row.delivery == ""
    assert DeliveryEvent.objects.get().outbound_email is None
    assert UnreachableAddress.objects.get().email == "someone@else.example"


@pytest.mark.parametrize(
    "tamper",
    ["replayed", "forged", "unsigned", "too old", "from the future", "body changed", "no key configured"],
)
def test_a_post_that_cannot_be_trusted_is_refused_and_changes_nothing(client, signer, sent_row, settings, tamper):
    body = json.dumps([event(sent_row, "bounce", event_id="ev-1", reason="550 5.1.1 User unknown")]).encode()
    headers = signer.headers(body)
    if tamper == "replayed":
        assert client.post(URL, body, content_type="application/json", **headers).status_code == 204
    before = snapshot()
    if tamper == "forged":
        headers = Signer().headers(body)
    elif tamper == "unsigned":
        headers = {}
    elif tamper == "too old":
        headers = signer.headers(body, timestamp=int(time.time()) - 601)
    elif tamper == "from the future":
        headers = signer.headers(body, timestamp=int(time.time()) + 601)
    elif tamper == "body changed":
        body = body.replace(b"550", b"250")
    elif tamper == "no key configured":
        settings.SENDGRID_WEBHOOK_PUBLIC_KEY = ""

    response = client.post(URL, body, content_type="application/json", **headers)

    assert response.status_code == 403
    assert snapshot() == before


@pytest.mark.parametrize("body", [b"{not json", b'{"event": "bounce"}', "[\u0000]".encode()])
def test_a_signed_body_that_is_not_an_array_of_events_is_a_400(client, signer, body):
    response = client.post(URL, body, content_type="application/json", **signer.headers(body))

    assert response.status_code == 400
    assert not DeliveryEvent.objects.exists()


def test_only_post_is_answered(client):
    assert client.get(URL).status_code == 405


def test_mail_to_an_unreachable_address_is_not_offered_to_the_relay(
    client, signer, sent_row, relay_backend, django_capture_on_commit_callbacks
):
    post(client, [event(sent_row, "dropped", event_id="ev-1", reason="Bounced Address")], signer)

    with django_capture_on_commit_callbacks(execute=True):
        later = enqueue_email(Email(to="omar@dakhla-peche.example", subject="Update", body_text="Text", kind="t"))

    later.refresh_from_db()
    assert relay_backend.accepted == []
    assert later.status == "suppressed"
    assert later.attempts == 0
    assert later.last_error.startswith("Not sent: omar@dakhla-peche.example is unreachable since 2027-01-15 ")
    assert later.last_error.endswith("(Dropped by the provider: Bounced Address).")
    assert services.claim_due_emails() == []


def test_a_reply_over_several_lines_is_kept_on_one(client, signer, sent_row):
    reason = "550-5.1.1 The email account\r\n550 5.1.1 does not exist\x00 (gsmtp)"
    bounce = event(sent_row, "bounce", event_id="ev-1\n", reason=reason)

    assert post(client, [bounce], signer).status_code == 204

    address = UnreachableAddress.objects.get()
    assert address.reason == "550-5.1.1 The email account 550 5.1.1 does not exist (gsmtp)"
    assert DeliveryEvent.objects.get().provider_event_id == "ev-1"
    address.full_clean()


def _malleated(signature_b64: str) -> str:
    """The same ECDSA signature spelled (r, n - s): it verifies too."""
    from cryptography.hazmat.primitives.asymmetric.utils import decode_dss_signature, encode_dss_signature

    order = 0xFFFFFFFF00000000FFFFFFFFFFFFFFFFBCE6FAADA7179E84F3B9CAC2FC632551  # P-256's group order
    r, s = decode_dss_signature(base64.b64decode(signature_b64))
    return base64.b64encode(encode_dss_signature(r, order - s)).decode()


@pytest.mark.parametrize("respell", ["malleated", "other base64 bits"])
def test_a_replay_with_its_signature_respelled_is_still_a_replay(client, signer, sent_row, respell):
    body = json.dumps([event(sent_row, "bounce", event_id="ev-1", reason="550")]).encode()
    headers = signer.headers(body)
    # Spare base64 bits exist only when the DER signature's length leaves padding (70 or 71 bytes of
    # 70-72); ECDSA signing is randomised, so sign again until it does.
    while not headers["HTTP_X_TWILIO_EMAIL_EVENT_WEBHOOK_SIGNATURE"].endswith("="):
        headers = signer.headers(body)
    assert client.post(URL, body, content_type="application/json", **headers).status_code == 204
    before = snapshot()
    signature = headers["HTTP_X_TWILIO_EMAIL_EVENT_WEBHOOK_SIGNATURE"]
    if respell == "malleated":
        signature = _malleated(signature)
    else:  # the last character before the padding carries unused bits: flip one
        last = signature.rstrip("=")[-1]
        alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
        twin = alphabet[alphabet.index(last) ^ 1]
        signature = signature.rstrip("=")[:-1] + twin + "=" * (len(signature) - len(signature.rstrip("=")))
    assert signature != headers["HTTP_X_TWILIO_EMAIL_EVENT_WEBHOOK_SIGNATURE"]
    sendgrid_webhook.verify(
        signature=signature,
        timestamp=headers["HTTP_X_TWILIO_EMAIL_EVENT_WEBHOOK_TIMESTAMP"],
        body=body,
        now=datetime.now(tz=UTC),
    )  # the respelled signature is valid: only the replay rule can refuse it

    replay = client.post(
        URL,
        body,
        content_type="application/json",
        **{**headers, "HTTP_X_TWILIO_EMAIL_EVENT_WEBHOOK_SIGNATURE": signature},
    )

    assert replay.status_code == 403
    assert snapshot() == before


@pytest.mark.parametrize("timestamp", ["1" * 400, "1" * 5000, "١٧٠٠٠٠٠٠٠٠", "-1", "1e9"])
def test_a_timestamp_that_is_not_plain_seconds_is_refused_before_any_work(client, signer, timestamp):
    body = b"[]"
    headers = {**signer.headers(body), "HTTP_X_TWILIO_EMAIL_EVENT_WEBHOOK_TIMESTAMP": timestamp}

    assert client.post(URL, body, content_type="application/json", **headers).status_code == 403


@pytest.mark.parametrize(
    ("reason", "unreachable"),
    [
        ("Bounced Address", True),
        ("Invalid", True),
        ("Spam Reporting Address", True),
        ("Invalid SMTPAPI header", False),
        ("Spam Content (if spam checker app enabled)", False),
        ("Recipient List over Package Quota", False),
    ],
)
def test_only_a_drop_because_of_the_address_marks_it(client, signer, sent_row, reason, unreachable):
    assert post(client, [event(sent_row, "dropped", event_id="ev-1", reason=reason)], signer).status_code == 204

    sent_row.refresh_from_db()
    assert (sent_row.delivery, sent_row.delivery_detail) == ("dropped", reason)
    assert UnreachableAddress.objects.exists() is unreachable


def test_an_internationalised_domain_is_matched_as_the_provider_spells_it(
    client, signer, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        row = enqueue_email(Email(to="omar@BÜRO.example", subject="Invitation", body_text="Text", kind="t"))
    report = {**event(row, "bounce", event_id="ev-1", reason="550"), "email": "omar@xn--bro-hoa.example"}

    assert post(client, [report], signer).status_code == 204

    row.refresh_from_db()
    assert row.delivery == "bounce"
    assert UnreachableAddress.objects.get().email == "omar@xn--bro-hoa.example"


@pytest.mark.parametrize("outbox_id", ["²", "9" * 30, "-3", "", None, 7])
def test_an_odd_outbox_id_is_recorded_without_a_row_and_the_rest_of_the_post_counts(
    client, signer, sent_row, outbox_id
):
    odd = {**event(sent_row, "delivered", event_id="ev-odd"), "outbox_id": outbox_id}
    good = event(sent_row, "delivered", event_id="ev-good")

    assert post(client, [odd, good], signer).status_code == 204

    sent_row.refresh_from_db()
    assert sent_row.delivery == "delivered"
    assert DeliveryEvent.objects.get(provider_event_id="ev-odd").outbound_email is None


def test_an_older_report_does_not_overwrite_a_newer_one_about_the_address(client, signer, sent_row):
    spam = event(sent_row, "spamreport", event_id="ev-2", timestamp=1_800_000_200)
    post(client, [spam], signer)

    late = event(sent_row, "bounce", event_id="ev-1", timestamp=1_800_000_100, reason="550 old news")
    post(client, [late], signer, timestamp=int(time.time()) + 1)

    address = UnreachableAddress.objects.get()
    assert (address.event, address.since) == ("spamreport", datetime.fromtimestamp(1_800_000_200, tz=UTC))


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_posts_of_the_same_events_at_once_record_them_once(signer, django_capture_on_commit_callbacks):
    from django.db import connection
    from django.test import Client

    from tests.support.concurrency import run_in_parallel

    if connection.vendor != "postgresql":
        pytest.skip("concurrent posts are proven on PostgreSQL (set DATABASE_URL)")
    row = enqueue_email(Email(to="omar@dakhla-peche.example", subject="Invitation", body_text="Text", kind="t"))
    events = [event(row, "bounce", event_id=f"ev-{n}", reason="550") for n in range(20)]

    statuses = []

    def send(n):
        # SendGrid's retry: the same events, signed anew at another second.
        statuses.append(post(Client(), events, signer, timestamp=int(time.time()) + n).status_code)

    refused, crashed = run_in_parallel([lambda n=n: send(n) for n in range(4)], workers=4)

    assert (refused, crashed) == ([], [])
    assert statuses == [204] * 4
    assert DeliveryEvent.objects.count() == 20
    assert UnreachableAddress.objects.count() == 1
