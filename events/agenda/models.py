"""The secret behind a personal calendar feed: 256 random bits, kept only as a hash."""

import hashlib
import secrets

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from events.core.models import ConstraintErrorsOnFieldsMixin


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def new_token() -> str:
    return secrets.token_urlsafe(32)


class FeedToken(ConstraintErrorsOnFieldsMixin, models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="feed_tokens", verbose_name=_("user")
    )
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)
    last_used_at = models.DateTimeField(_("last used at"), null=True, blank=True)

    constraint_fields = {"one_live_feed_per_user": "user"}

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("calendar feed link")
        verbose_name_plural = _("calendar feed links")
        constraints = [
            models.UniqueConstraint(
                fields=["user"],
                condition=Q(revoked_at__isnull=True),
                name="one_live_feed_per_user",
                violation_error_message=_("This person already has a live calendar link; revoke it first."),
            )
        ]

    def __str__(self):
        return f"{self.user} ({'revoked' if self.revoked_at else 'live'})"


class Invitation(models.Model):
    """What one person was last sent about one calendar entry, so that the next message updates it in place.

    Calendars match an update to the entry they hold by UID and order messages by SEQUENCE, then
    DTSTAMP (RFC 5546 section 2.1.5). The SEQUENCE is the entry's own revision (the session's or the
    meeting's), the same one feeds carry; `stamped_at` is the DTSTAMP last sent, and every later
    message about the entry is stamped strictly after it. The fingerprint of what was sent tells
    whether anything changed at all.
    """

    class Delivery(models.TextChoices):
        PENDING = "pending", _("Being sent")
        SENT = "sent", _("Accepted by the mail provider")
        FAILED = "failed", _("Failed: not up to date")

    class Answer(models.TextChoices):
        NEEDS_ACTION = "NEEDS-ACTION", _("No answer yet")
        ACCEPTED = "ACCEPTED", _("Accepted")
        DECLINED = "DECLINED", _("Declined")

    uid = models.CharField(_("calendar UID"), max_length=200)
    # The session the entry is, or is a meeting of (session-12): its people are found after it is gone.
    scope = models.CharField(_("scope"), max_length=60, db_index=True)
    email = models.EmailField(_("email"))
    name = models.CharField(_("name"), max_length=200, blank=True)
    language = models.CharField(_("language"), max_length=10, default="en")
    # SEQUENCE last sent to this person: the entry's own, plus `own_revisions`.
    sequence = models.PositiveIntegerField(_("sequence"), default=0)
    # Revisions of the entry for this person alone: a change only they see (the other side of a meeting
    # renamed: invitations._compare), and each invitation again after a cancellation. A CANCEL
    # keeps the SEQUENCE and is newer by its DTSTAMP (RFC 5546 section 2.1.5), but a REQUEST after it
    # must be newer by SEQUENCE too (a change of STATUS, section 2.1.4): calendars that hold the
    # cancellation (Outlook among them) ignore an invitation that is not.
    own_revisions = models.PositiveIntegerField(_("revisions for this person"), default=0)
    stamped_at = models.DateTimeField(_("last DTSTAMP sent"), null=True, blank=True)
    revised_at = models.DateTimeField(_("entry revised at"), null=True, blank=True)
    fingerprint = models.CharField(max_length=64, editable=False)
    # The reminders written for it (minutes before), so that new ones are written without a mail.
    reminder_minutes = models.JSONField(default=list, blank=True, editable=False)
    # What was last sent, so that a cancellation can name the entry it cancels.
    title = models.CharField(_("title"), max_length=250)
    starts_at = models.DateTimeField(_("starts at"))
    ends_at = models.DateTimeField(_("ends at"))
    zone = models.CharField(_("time zone"), max_length=64)
    location = models.CharField(_("location"), max_length=300, blank=True)
    cancelled = models.BooleanField(_("cancelled"), default=False)
    # False where only reminders are sent (a delegation's programme, which delegates follow in their agenda).
    mailed = models.BooleanField(_("invitation mailed"), default=True)
    # Whose mail it is (mission:4), so a failure shows on the mission's page.
    topic = models.CharField(_("topic"), max_length=80, blank=True)
    # The last message about the entry (an outbox row) and what became of it: the person's calendar
    # is up to date only once the provider accepted it; a failure is retried by the next sync.
    last_message_id = models.BigIntegerField(_("last message"), null=True, blank=True, db_index=True)
    delivery = models.CharField(_("delivery"), max_length=10, choices=Delivery.choices, default=Delivery.PENDING)
    answer = models.CharField(_("answer"), max_length=20, choices=Answer.choices, default=Answer.NEEDS_ACTION)
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        ordering = ["starts_at", "uid", "email"]
        verbose_name = _("calendar invitation")
        verbose_name_plural = _("calendar invitations")
        constraints = [models.UniqueConstraint(fields=["uid", "email"], name="one_invitation_per_entry_and_person")]

    def __str__(self):
        return f"{self.uid} → {self.email} (#{self.sequence})"


class MovedAddress(models.Model):
    """A person's address moved from `old` to `new` (core.signals.address_moved), both in lower case: the answers
    they gave to invitations at the old address hold at the new one (invitations.sync_people), as they had
    answered, and only their address changed."""

    old = models.EmailField(_("old address"))
    new = models.EmailField(_("new address"), db_index=True)
    moved_at = models.DateTimeField(_("moved at"), auto_now_add=True)

    class Meta:
        ordering = ["moved_at", "pk"]
        verbose_name = _("moved address")
        verbose_name_plural = _("moved addresses")

    def __str__(self):
        return f"{self.old} → {self.new}"
