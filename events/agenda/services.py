"""Issuing, rotating and revoking a person's calendar feed link."""

from django.db import transaction
from django.utils import timezone

from events.agenda.models import FeedToken, hash_token, new_token


@transaction.atomic
def issue_feed_token(user) -> str:
    """A new feed secret for `user`; any previous link stops working. The secret is shown once."""
    FeedToken.objects.select_for_update().filter(user=user, revoked_at__isnull=True).update(revoked_at=timezone.now())
    token = new_token()
    FeedToken.objects.create(user=user, token_hash=hash_token(token))
    return token


@transaction.atomic
def revoke_feed_token(user) -> int:
    return FeedToken.objects.filter(user=user, revoked_at__isnull=True).update(revoked_at=timezone.now())


def user_for_feed_token(token: str):
    """The owner of a live feed secret, or None (unknown and revoked secrets look alike)."""
    row = FeedToken.objects.select_related("user").filter(token_hash=hash_token(token), revoked_at__isnull=True).first()
    if row is None:
        return None
    # Remember when a calendar last fetched the feed, at most once a minute per link.
    now = timezone.now()
    if row.last_used_at is None or (now - row.last_used_at).total_seconds() > 60:
        FeedToken.objects.filter(pk=row.pk).update(last_used_at=now)
    return row.user
