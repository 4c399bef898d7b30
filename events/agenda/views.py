"""The agenda page, and the calendar feeds and downloads built from the same items."""

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.cache import get_conditional_response
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from events.agenda import feeds, selectors, services
from events.agenda.calendars import calendar_for
from events.agenda.links import feed_links
from events.missions.time_zones import known_time_zones

FEED_SESSION_KEY = "agenda_new_feed_token"
FEED_CACHE_CONTROL = "private, max-age=300"


def _viewer_zone(request):
    name = request.GET.get("tz", "")
    return name if name in known_time_zones() else ""


@login_required
def agenda(request):
    items = selectors.agenda_for(request.user)
    token = request.session.pop(FEED_SESSION_KEY, None)
    return render(
        request,
        "agenda/agenda.html",
        {
            "items": items,
            "viewer_zone": _viewer_zone(request),
            "feed": feed_links(request, token) if token else None,
            "has_feed": selectors.live_feed_of(request.user) is not None,
        },
    )


@login_required
@require_POST
def rotate_feed(request):
    # The secret is shown once, on the next page; only its hash stays in the database.
    request.session[FEED_SESSION_KEY] = services.issue_feed_token(request.user)
    messages.success(request, _("Your calendar link is ready. Any previous link no longer works."))
    return redirect("agenda:page")


@login_required
@require_POST
def revoke_feed(request):
    services.revoke_feed_token(request.user)
    messages.success(request, _("Your calendar link is turned off."))
    return redirect("agenda:page")


def _ics(body, filename):
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    response["Cache-Control"] = FEED_CACHE_CONTROL
    return response


def feed(request, token):
    owner = services.feed_owner(token)
    if owner is None:
        raise Http404
    # The person's language, as their invitations for the same entries: a calendar fetches with its own
    # Accept-Language (a server's, or none), which says nothing of whose feed it is.
    with translation.override(owner.language):
        response = _feed_response(request, owner.id)
    response["Content-Language"] = owner.language
    return response


def _feed_response(request, owner_id):
    # Read only when the feed's version or its bytes must be worked out again.
    user = SimpleLazyObject(lambda: get_user_model().objects.get(pk=owner_id))
    base_url = request.build_absolute_uri("/")
    version = feeds.feed_version(owner_id, user, base_url=base_url)
    etag = f'"{version}"'
    response = get_conditional_response(request, etag=etag)  # a 304 when the client holds this version
    if response is None:
        response = _ics(feeds.feed_body(owner_id, user, version=version, base_url=base_url), "agenda.ics")
    response["ETag"] = etag
    response["Cache-Control"] = FEED_CACHE_CONTROL
    return response


def programme_feed(request, slug):
    """A published mission's programme as a calendar, in the language its link names (?lang=, as the
    mission page writes it): a calendar fetches with its own Accept-Language, or none. Without one of
    settings.LANGUAGES there (a region or capitals are fine), the request's language."""
    mission = selectors.public_mission(slug)
    if mission is None:
        raise Http404
    try:  # "fr", "FR" or "fr-CA": the nearest language of ours, as Django matches Accept-Language
        language = translation.get_supported_language_variant(request.GET.get("lang", "")[:20].lower())
    except LookupError:
        language = translation.get_language()
    with translation.override(language):
        # Its entries link the mission's public page: the agenda page is a signed-in person's own.
        body = calendar_for(
            selectors.programme_of(mission),
            name=mission.title,
            base_url=request.build_absolute_uri("/"),
            page=reverse("missions:detail", args=[mission.slug]),
        )
    response = _ics(body, f"{mission.slug}.ics")
    response["Content-Language"] = language
    return response


@login_required
def item_download(request, key):
    item = next((item for item in selectors.agenda_for(request.user) if item.key == key), None)
    if item is None:
        raise Http404
    body = calendar_for([item], name=item.title, base_url=request.build_absolute_uri("/"), refresh=None)
    return _ics(body, f"{key}.ics")
