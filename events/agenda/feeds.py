"""A person's calendar feed: named by a version that changes with its content, rendered once per version.

Calendars poll feeds all day long and the content rarely changes, so the bytes are kept in the cache
under the version, and a client that sends back the version as If-None-Match gets a 304. The version
is computed fresh on every request (agenda_fingerprint: a few small queries), never kept, so a change
shows on the next fetch; a stale entry is never served, only no longer asked for, and expires.
"""

import hashlib

from django.core.cache import cache
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from events.agenda import selectors
from events.agenda.calendars import FEED_REFRESH, calendar_for


def _name(user):
    return _("Agenda of %(name)s") % {"name": user.full_name or user.email}


def feed_version(user, *, base_url) -> str:
    """The same string exactly while the feed's bytes stay the same: the ETag, and the cache key."""
    # The language and the address the feed is fetched under are in the text, so in the version.
    signed = "\n".join((selectors.agenda_fingerprint(user), _name(user), base_url, get_language() or ""))
    return hashlib.sha256(signed.encode()).hexdigest()[:40]


def feed_body(user, *, version, base_url) -> bytes:
    """The feed as iCalendar bytes, rendered only when this version is not in the cache yet.

    The version is read before the agenda, so the bytes kept under it are never older than it (stamps
    only grow): a change that lands in between is served early, never lost.
    """
    key = f"agenda:feed:{user.pk}:{version}"
    body = cache.get(key)
    if body is None:
        body = calendar_for(selectors.agenda_for(user), name=_name(user), base_url=base_url)
        cache.set(key, body, timeout=FEED_REFRESH.total_seconds())
    return body
