from django.http import Http404
from django.shortcuts import render
from django.utils import timezone

from events.missions import selectors
from events.missions.models import Mission


def home(request):
    missions = selectors.missions_for_listing(request.user)
    return render(request, "missions/home.html", {"missions": missions})


def mission_detail(request, slug):
    try:
        mission = selectors.mission_page(slug, request.user)
    except Mission.DoesNotExist as missing:
        raise Http404 from missing
    now = timezone.now()
    return render(
        request,
        "missions/mission_detail.html",
        {
            "mission": mission,
            "programme": selectors.programme_by_day(mission),
            "is_organiser": selectors.is_organiser(request.user, mission),
            "open_session_ids": selectors.session_ids_open_for_registration(mission, now),
            "now": now,
        },
    )
