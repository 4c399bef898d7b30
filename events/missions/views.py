from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from events.missions import selectors
from events.missions.models import Mission, mail_topic
from events.notifications.selectors import failed_emails, unreachable_recipients
from events.notifications.services import retry_email


def home(request):
    missions = selectors.missions_for_listing(request.user)
    return render(request, "missions/home.html", {"missions": missions})


def mission_detail(request, slug):
    try:
        mission = selectors.mission_page(slug, request.user)
    except Mission.DoesNotExist as missing:
        raise Http404 from missing
    now = timezone.now()
    notes = selectors.programme_notes(mission, user=request.user, now=now)
    return render(
        request,
        "missions/mission_detail.html",
        {
            "mission": mission,
            "programme": selectors.programme_by_day(mission),
            "public_programme": selectors.is_public(mission),
            "is_organiser": selectors.is_organiser(request.user, mission),
            "offered_session_ids": selectors.session_ids_to_offer(mission, notes, now=now),
            "now": now,
        },
    )


@login_required
def failed_mail(request, slug):
    """The mission's mail the provider refused for good (invitations, updates, reminders, confirmations), and why."""
    mission = selectors.organised_mission_or_404(request.user, slug)
    topic = mail_topic(mission.pk)
    return render(
        request,
        "missions/failed_mail.html",
        {"mission": mission, "emails": failed_emails(topic), "unreachable": unreachable_recipients(topic)},
    )


@login_required
@require_POST
def retry_mail(request, slug, pk):
    mission = selectors.organised_mission_or_404(request.user, slug)
    row = failed_emails(mail_topic(mission.pk)).filter(pk=pk).first()
    if row is None:
        raise Http404
    retry_email(row)
    messages.success(request, _("The message to %(to)s is being sent again.") % {"to": row.to})
    return redirect("missions:failed-mail", slug=mission.slug)
