"""Absolute links to a person's calendar feed, for the page and the API alike."""

from django.conf import settings
from django.urls import reverse


def feed_links(request, token) -> dict:
    """The feed's address, and the same as webcal://, which calendar apps open as a subscription.

    On the site's public address (SITE_URL) when it is set: calendar clients fetch feeds from outside,
    whatever address the page was reached at. Otherwise on the address the request came to, with its
    scheme (https behind the production proxy, which says so; plain http on the demo server).
    """
    path = reverse("agenda:feed", args=[token])
    url = settings.PUBLIC_SITE_URL + path if settings.PUBLIC_SITE_URL else request.build_absolute_uri(path)
    return {"url": url, "webcal": "webcal://" + url.split("://", 1)[1]}
