"""SendGrid's signed Event Webhook: is a post really from SendGrid, and what does it report.

The signature (SendGrid, "Getting Started with the Event Webhook Security Features"): ECDSA on the
P-256 curve with SHA-256, over the timestamp header's text followed by the raw body; the signature
header is base64 of its DER encoding, and the verification key is base64 of the DER public key
(SubjectPublicKeyInfo), as SendGrid's console shows it (setting SENDGRID_WEBHOOK_PUBLIC_KEY).
A post older or newer than SENDGRID_WEBHOOK_MAX_AGE_SECONDS is refused, and so is a post whose
timestamp and body were already accepted (services record them): a captured post cannot be played
again, even with its signature re-encoded (ECDSA signatures are malleable: (r, s) and (r, n - s)
both verify, and base64 has more than one spelling of the same bytes).
"""

import base64
import binascii
import logging
import re
from dataclasses import dataclass
from datetime import UTC, datetime

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.serialization import load_der_public_key
from django.conf import settings

from events.notifications.addresses import address_key

logger = logging.getLogger(__name__)

SIGNATURE_HEADER = "X-Twilio-Email-Event-Webhook-Signature"
TIMESTAMP_HEADER = "X-Twilio-Email-Event-Webhook-Timestamp"
# The events kept; SendGrid's engagement events (open, click...) are not enabled, and ignored if sent.
DELIVERY_EVENTS = ("processed", "deferred", "delivered", "bounce", "dropped", "spamreport")


# SendGrid's reasons for dropping a message because of its address (its "dropped" event reference).
ADDRESS_DROP_REASONS = {"Bounced Address", "Spam Reporting Address", "Unsubscribed Address", "Invalid"}


class RefusedPost(Exception):
    """Not a post we can trust: unsigned, wrongly signed, out of its time window, or replayed."""


def max_age() -> int:
    return int(getattr(settings, "SENDGRID_WEBHOOK_MAX_AGE_SECONDS", 600))


def verify(*, signature: str, timestamp: str, body: bytes, now: datetime) -> None:
    """Raise RefusedPost unless `body` was signed at `timestamp` by the key in SENDGRID_WEBHOOK_PUBLIC_KEY."""
    key_text = getattr(settings, "SENDGRID_WEBHOOK_PUBLIC_KEY", "")
    if not key_text:
        raise RefusedPost("no verification key is configured (SENDGRID_WEBHOOK_PUBLIC_KEY)")
    if not signature or not timestamp:
        raise RefusedPost("the post is not signed")
    if not timestamp.isascii() or not timestamp.isdigit() or len(timestamp) > 12:
        raise RefusedPost("the timestamp is not a number of seconds")
    if abs(now.timestamp() - int(timestamp)) > max_age():
        raise RefusedPost("the post was signed outside the accepted time window")
    try:
        key = load_der_public_key(base64.b64decode(key_text))
    except (ValueError, binascii.Error) as error:
        logger.error("SENDGRID_WEBHOOK_PUBLIC_KEY is not a base64 DER public key: %s", error)
        raise RefusedPost("the verification key is unusable") from error
    if not isinstance(key, ec.EllipticCurvePublicKey):
        raise RefusedPost("the verification key is not an elliptic-curve key")
    try:
        key.verify(base64.b64decode(signature, validate=True), timestamp.encode() + body, ec.ECDSA(hashes.SHA256()))
    except (InvalidSignature, binascii.Error, ValueError) as error:
        raise RefusedPost("the signature does not match") from error


@dataclass(frozen=True)
class Report:
    """One delivery event, as read from SendGrid's JSON."""

    event_id: str
    event: str
    email: str
    outbox_id: int | None
    detail: str
    occurred_at: datetime
    # A "blocked" bounce is about the message, not the address: SendGrid does not suppress the address.
    blocked: bool = False

    @property
    def address_unreachable(self) -> bool:
        """Whether the report says the address itself cannot be reached (SendGrid suppresses it).

        A bounce other than "blocked", a spam report, or a drop because the address is on a
        suppression list or invalid. Drops about the message (its content, a quota, a bad SMTPAPI
        header) say nothing about the address.
        """
        if self.event == "dropped":
            return self.detail in ADDRESS_DROP_REASONS
        return self.event == "spamreport" or (self.event == "bounce" and not self.blocked)


def read_reports(events) -> list[Report]:
    """The delivery events of a post's JSON (a list of objects); others and malformed entries are skipped.

    Raises ValueError when the post is not a list.
    """
    if not isinstance(events, list):
        raise ValueError("SendGrid posts a JSON array of events")
    reports = []
    for item in events:
        report = _read(item) if isinstance(item, dict) else None
        if report is not None:
            reports.append(report)
    return reports


def _read(item) -> Report | None:
    event, email, event_id = item.get("event"), item.get("email"), item.get("sg_event_id")
    if event not in DELIVERY_EVENTS or not isinstance(email, str) or not isinstance(event_id, str) or not event_id:
        return None
    try:
        occurred_at = datetime.fromtimestamp(int(item.get("timestamp")), tz=UTC)
    except (TypeError, ValueError, OverflowError, OSError):
        return None
    outbox_id = item.get("outbox_id")  # our unique argument (X-SMTPAPI), a string
    detail = item.get("reason") or item.get("response") or ""
    return Report(
        event_id=_one_line(event_id)[:100],
        event=event,
        email=address_key(_one_line(email))[:254],
        outbox_id=int(outbox_id) if _is_row_id(outbox_id) else None,
        # A relay's reply may run over several lines: kept as one, as the pages show it.
        detail=_one_line(str(detail))[:500],
        occurred_at=occurred_at,
        blocked=item.get("type") == "blocked",
    )


_CONTROLS = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]+")


def _is_row_id(value) -> bool:
    return isinstance(value, str) and value.isascii() and value.isdigit() and len(value) <= 18


def _one_line(text: str) -> str:
    """`text` with every run of control characters and line breaks made one space (what the columns take)."""
    return " ".join(_CONTROLS.sub(" ", text).split())
