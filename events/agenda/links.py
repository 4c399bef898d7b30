"""Absolute links to a person's calendar feed, for the page and the API alike."""

from django.urls import reverse


def feed_links(request, token) -> dict:
    """The feed's https address and the same as webcal://, which calendar apps open as a subscription.

    Calendar clients fetch feeds from outside, so the link is https even when the request reached us
    as plain http behind a proxy that terminates TLS.
    """
    https = request.build_absolute_uri(reverse("agenda:feed", args=[token])).replace("http://", "https://", 1)
    return {"https": https, "webcal": "webcal://" + https.split("://", 1)[1]}
