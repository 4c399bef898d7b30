"""A person's calendar feed: named by a version that changes with its content, rendered once per version.

Calendars poll feeds all day long and the content rarely changes, so the bytes are kept in the cache
under the version, and a client that sends back the version as If-None-Match gets a 304. The version
is computed from the data (agenda_fingerprint: a few small queries) and then trusted for
AGENDA_FEED_FRESHNESS_SECONDS (a minute): calendars poll every hour at best, so a change that takes a
minute to show costs nobody anything, while computing the version on every poll made a feed fifty
times slower than a bare request. With the setting at 0 a change shows on the very next fetch.
"""

import hashlib

from django.conf import settings
from django.core.cache import cache
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from events.agenda import selectors
from events.agenda.calendars import FEED_REFRESH, calendar_for


def _name(user):
    return _("Agenda of %(name)s") % {"name": user.full_name or user.email}


def feed_version(user_id, user, *, base_url) -> str:
    """The same string exactly while the feed's bytes stay the same: the ETag, and the cache key.

    `user` may be lazy: it is read only when the version must be worked out again.
    """
    freshness = getattr(settings, "AGENDA_FEED_FRESHNESS_SECONDS", 60)
    # The language and the address the feed is fetched under are in the text, so in the version.
    key = f"agenda:version:{user_id}:{get_language() or ''}:{hashlib.sha256(base_url.encode()).hexdigest()[:16]}"
    version = cache.get(key) if freshness else None
    if version is None:
        signed = "\n".join((selectors.agenda_fingerprint(user), _name(user), base_url, get_language() or ""))
        version = hashlib.sha256(signed.encode()).hexdigest()[:40]
        if freshness:
            cache.set(key, version, timeout=freshness)
    return version


def feed_body(user_id, user, *, version, base_url) -> bytes:
    """The feed as iCalendar bytes, rendered only when this version is not in the cache yet.

    The version is read before the agenda, so the bytes kept under it are never older than it (stamps
    only grow): a change that lands in between is served early, never lost.
    """
    key = f"agenda:feed:{user_id}:{version}"
    body = cache.get(key)
    if body is None:
        body = calendar_for(selectors.agenda_for(user), name=_name(user), base_url=base_url)
        cache.set(key, body, timeout=FEED_REFRESH.total_seconds())
    return body
