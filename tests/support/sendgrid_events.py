"""Posting SendGrid's Event Webhook in tests: signed as SendGrid signs, and what a post may change."""

import base64
import time

from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec

from events.notifications.models import DeliveryEvent, OutboundEmail, UnreachableAddress

URL = "/hooks/sendgrid/events/"


class Signer:
    """Signs posts as SendGrid does: ECDSA P-256, SHA-256, over timestamp + body; base64 DER."""

    def __init__(self):
        self.private_key = ec.generate_private_key(ec.SECP256R1())

    @property
    def public_key(self) -> str:
        der = self.private_key.public_key().public_bytes(
            serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo
        )
        return base64.b64encode(der).decode()

    def headers(self, body: bytes, *, timestamp=None) -> dict:
        timestamp = str(int(time.time()) if timestamp is None else timestamp)
        signature = self.private_key.sign(timestamp.encode() + body, ec.ECDSA(hashes.SHA256()))
        return {
            "HTTP_X_TWILIO_EMAIL_EVENT_WEBHOOK_SIGNATURE": base64.b64encode(signature).decode(),
            "HTTP_X_TWILIO_EMAIL_EVENT_WEBHOOK_TIMESTAMP": timestamp,
        }


def snapshot():
    return (
        list(OutboundEmail.objects.values_list("pk", "delivery", "delivery_detail")),
        list(DeliveryEvent.objects.values_list("provider_event_id", "event")),
        list(UnreachableAddress.objects.values_list("email", "event", "reason")),
    )
