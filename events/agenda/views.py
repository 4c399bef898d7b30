"""The agenda page, and the calendar feeds and downloads built from the same items."""

import zoneinfo

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from events.agenda import selectors, services
from events.agenda.calendars import calendar_for
from events.agenda.models import FeedToken

FEED_SESSION_KEY = "agenda_new_feed_token"


def _viewer_zone(request):
    name = request.GET.get("tz", "")
    return name if name in zoneinfo.available_timezones() else ""


@login_required
def agenda(request):
    items = selectors.agenda_for(request.user)
    token = request.session.pop(FEED_SESSION_KEY, None)
    feed = None
    if token:
        path = reverse("agenda:feed", args=[token])
        https = request.build_absolute_uri(path).replace("http://", "https://", 1)
        feed = {"https": https, "webcal": "webcal://" + https.split("://", 1)[1]}
    return render(
        request,
        "agenda/agenda.html",
        {
            "items": items,
            "viewer_zone": _viewer_zone(request),
            "feed": feed,
            "has_feed": FeedToken.objects.filter(user=request.user, revoked_at__isnull=True).exists(),
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
    response["Cache-Control"] = "private, max-age=300"
    return response


def feed(request, token):
    user = services.user_for_feed_token(token)
    if user is None:
        raise Http404
    name = _("Agenda of %(name)s") % {"name": user.full_name or user.email}
    return _ics(
        calendar_for(selectors.agenda_for(user), name=name, base_url=request.build_absolute_uri("/")), "agenda.ics"
    )


def programme_feed(request, slug):
    mission = selectors.public_mission(slug)
    if mission is None:
        raise Http404
    body = calendar_for(selectors.programme_of(mission), name=mission.title, base_url=request.build_absolute_uri("/"))
    return _ics(body, f"{mission.slug}.ics")


@login_required
def item_download(request, key):
    item = next((item for item in selectors.agenda_for(request.user) if item.key == key), None)
    if item is None:
        raise Http404
    body = calendar_for([item], name=item.title, base_url=request.build_absolute_uri("/"), refresh=None)
    return _ics(body, f"{key}.ics")
