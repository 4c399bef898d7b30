"""Issuing, rotating and revoking a person's calendar feed link."""

from datetime import timedelta
from typing import NamedTuple

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import connection, transaction
from django.utils import timezone

from events.agenda.models import FeedToken, Invitation, MovedAddress, hash_token, new_token
from events.core.signals import announce_attendance_changed, announcements_left_to_worker


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


class FeedOwner(NamedTuple):
    """Who a feed secret belongs to: their user id, and the language their feed speaks (their preferred
    language when it is one of settings.LANGUAGES, else the site's)."""

    id: int
    language: str


def feed_owner(token: str) -> FeedOwner | None:
    """The owner of a live feed secret, or None (unknown and revoked secrets look alike).

    Calendars poll feeds all day and a cached feed costs little else, so this is one plain SQL
    statement: building it through the ORM took longer (2 ms) than the rest of the request.
    """
    now = timezone.now()
    # Remember when a calendar last fetched the feed, at most once a minute per link.
    stale_before = connection.ops.adapt_datetimefield_value(now - timedelta(seconds=60))
    tokens, users = FeedToken._meta.db_table, get_user_model()._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT token.id, token.user_id, owner.language, (token.last_used_at IS NULL OR token.last_used_at < %s)"  # noqa: S608 - the table names are ours
            f" FROM {tokens} token JOIN {users} owner ON owner.id = token.user_id"
            " WHERE token.token_hash = %s AND token.revoked_at IS NULL",
            [stale_before, hash_token(token)],
        )
        row = cursor.fetchone()
    if row is None:
        return None
    pk, user_id, language, stale = row
    if stale:
        FeedToken.objects.filter(pk=pk).update(last_used_at=now)
    return FeedOwner(user_id, language if language in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE)


@transaction.atomic
def refresh_calendars(*, sessions=(), people=()) -> dict[str, int]:
    """Bring the calendars of `people`, and of everyone at `sessions`, to what they should hold now.

    Runs in the caller's transaction (see events.core.signals): the invitations, updates,
    cancellations and reminders it writes commit or roll back with the change that led to them.
    """
    from events.agenda.contents import people_of_sessions
    from events.agenda.invitations import sync_people

    everyone = set(people) | (people_of_sessions(sessions) if sessions else set())
    return sync_people(everyone)


def remember_moved_address(*, old, new) -> None:
    """A person's address moved (core.signals.address_moved): what they answered at `old` holds at `new` once their
    calendar is brought up to date there (invitations.sync_people). Sent before that, in the mover's transaction."""
    MovedAddress.objects.create(old=old.lower(), new=new.lower())


def follow_new_language(user) -> None:
    """After `user`'s language changed: bring up to date the calendars that speak it (their reminders still to
    come are written again in it; nothing is mailed for entries that did not change, events.agenda.invitations),
    in a worker, after the caller's commit (events.core.signals.announcements_left_to_worker)."""
    from events.agenda.contents import people_in_the_language_of

    # Only a calendar that was sent something holds words in the old language; any other will be written in
    # the new one when its first entry is sent: a new account for an address never sent anything (a delegate
    # added to a roster, a sign-up) announces nothing.
    written = Invitation.objects.filter(email__in=people_in_the_language_of(user), cancelled=False)
    people = set(written.values_list("email", flat=True).distinct())
    if people:
        with announcements_left_to_worker():
            announce_attendance_changed(type(user), people=people)
