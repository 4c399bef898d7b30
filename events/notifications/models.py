"""The outbox: every message is a row written with the change that caused it, then sent by a worker."""

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class OutboundEmail(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting to be sent")
        SENT = "sent", _("Sent")
        FAILED = "failed", _("Failed")
        CANCELLED = "cancelled", _("Cancelled")
        SUPERSEDED = "superseded", _("Failed, then replaced by a newer message")

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
    subject = models.CharField(_("subject"), max_length=250)
    body_text = models.TextField(_("plain text"))
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
