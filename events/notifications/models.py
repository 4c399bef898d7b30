"""The outbox: every message is a row written with the change that caused it, then sent by a worker."""

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from events.core.text import validate_single_line


class OutboundEmail(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting to be sent")
        SENT = "sent", _("Sent")
        FAILED = "failed", _("Failed")
        CANCELLED = "cancelled", _("Cancelled")
        SUPERSEDED = "superseded", _("Failed, then replaced by a newer message")
        SUPPRESSED = "suppressed", _("Not sent: the address is unreachable")

    class Delivery(models.TextChoices):
        """What the provider reported after accepting the message (SendGrid's Event Webhook), by rank:
        a later report of a lower rank (a late "deferred" after "delivered") does not undo a higher one."""

        UNKNOWN = "", _("Not reported")
        PROCESSED = "processed", _("Accepted for delivery")
        DEFERRED = "deferred", _("Delayed by the receiving server")
        DELIVERED = "delivered", _("Delivered")
        BOUNCED = "bounce", _("Bounced")
        DROPPED = "dropped", _("Dropped by the provider")
        SPAM_REPORT = "spamreport", _("Reported as spam by the recipient")

    kind = models.CharField(
        _("kind"), max_length=60, help_text=_("What the message is about, e.g. registration.confirmed")
    )
    reference = models.CharField(
        _("reference"),
        max_length=80,
        blank=True,
        db_index=True,
        help_text=_("The record it concerns, e.g. registration:42"),
    )
    # Whose mail it is, as the composing app names it (e.g. mission:4), so its organisers can see what failed.
    topic = models.CharField(_("topic"), max_length=80, blank=True, db_index=True)
    to = models.EmailField(_("recipient"))
    language = models.CharField(_("language"), max_length=10, default="en")
    # An intent: the name of the composer (events.notifications.composers) that writes the message from
    # the record it concerns, when the worker sends it. Empty for a message written in full up front.
    composer = models.CharField(_("composer"), max_length=60, blank=True)
    composed_at = models.DateTimeField(_("written at"), null=True, blank=True)
    subject = models.CharField(_("subject"), max_length=250, blank=True)
    body_text = models.TextField(_("plain text"), blank=True)
    body_html = models.TextField(_("HTML"), blank=True)
    # An iTIP message (RFC 6047): sent as a text/calendar part with this method, and as invite.ics.
    calendar = models.TextField(_("calendar"), blank=True)
    calendar_method = models.CharField(_("calendar method"), max_length=10, blank=True)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.PENDING)
    due_at = models.DateTimeField(_("due at"), default=timezone.now)
    claimed_until = models.DateTimeField(
        _("handed to a worker until"), null=True, blank=True, help_text=_("Not handed out again before this time.")
    )
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    last_error = models.TextField(_("last error"), blank=True)
    provider_message_id = models.CharField(_("provider message id"), max_length=200, blank=True)
    delivery = models.CharField(_("delivery"), max_length=20, choices=Delivery.choices, blank=True, default="")
    delivery_detail = models.CharField(
        _("delivery detail"), max_length=500, blank=True, validators=[validate_single_line]
    )
    delivery_reported_at = models.DateTimeField(_("delivery reported at"), null=True, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("outbound email")
        verbose_name_plural = _("outbound emails")
        indexes = [
            # The dispatcher's one query: pending rows whose time has come, oldest first.
            models.Index(fields=["due_at"], condition=Q(status="pending"), name="outbound_email_due"),
        ]

    def __str__(self):
        return f"{self.kind} → {self.to} ({self.status})"


class DeliveryEvent(models.Model):
    """One event the provider reported about a message (SendGrid's Event Webhook), kept as it came.

    `provider_event_id` (SendGrid's sg_event_id) is unique: the same event posted twice is one row.
    """

    outbound_email = models.ForeignKey(
        OutboundEmail, null=True, blank=True, on_delete=models.CASCADE, related_name="delivery_events"
    )
    provider_event_id = models.CharField(_("provider event id"), max_length=100, unique=True)
    event = models.CharField(_("event"), max_length=20)
    email = models.EmailField(_("recipient"))
    detail = models.CharField(_("detail"), max_length=500, blank=True, validators=[validate_single_line])
    occurred_at = models.DateTimeField(_("occurred at"))
    received_at = models.DateTimeField(_("received at"), auto_now_add=True)

    class Meta:
        ordering = ["occurred_at", "pk"]
        verbose_name = _("delivery event")
        verbose_name_plural = _("delivery events")

    def __str__(self):
        return f"{self.event} {self.email}"


class UnreachableAddress(models.Model):
    """An address mail cannot reach: it bounced, the provider dropped mail to it, or its owner reported
    our mail as spam. SendGrid keeps such addresses on its suppression lists and drops later mail to
    them, so the outbox does not offer it any (status "suppressed") until the address is corrected."""

    email = models.EmailField(_("email"), unique=True)  # as addresses.address_key spells it
    event = models.CharField(_("event"), max_length=20, choices=OutboundEmail.Delivery.choices)
    reason = models.CharField(_("reason"), max_length=500, blank=True, validators=[validate_single_line])
    since = models.DateTimeField(_("since"))

    class Meta:
        ordering = ["email"]
        verbose_name = _("unreachable address")
        verbose_name_plural = _("unreachable addresses")

    def __str__(self):
        return self.email

    @property
    def explanation(self) -> str:
        """What an organiser reads: the event and the receiving server's words."""
        label = OutboundEmail.Delivery(self.event).label
        return f"{label}: {self.reason}" if self.reason else str(label)


class WebhookPost(models.Model):
    """Every provider post accepted recently, by the digest of its signed timestamp and body: the same post
    again is a replay, however its signature is spelled."""

    post_digest = models.CharField(max_length=64, unique=True)
    received_at = models.DateTimeField(auto_now_add=True, db_index=True)

    def __str__(self):
        return self.post_digest
