"""Reads about outcomes: who is asked, what each party answered last, where each lead stands."""

from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.db.models import OuterRef, Prefetch, Q, QuerySet, Subquery

from events.meetings.models import Meeting, Participant, ScheduleVersion
from events.meetings.selectors import people_speaking_for
from events.missions.selectors import organised_missions
from events.outcomes.models import FeedbackAnswer, FeedbackRequest, FollowUpWave, Lead

WAVE_OPENS_AT = time(9, 0)  # a wave goes out at 09:00 on its day, in the mission's time zone


def party_key(participant) -> str:
    """'d<delegate id>' or 'o<organisation id>': the party across the grids of a mission."""
    return f"d{participant.delegate_id}" if participant.delegate_id else f"o{participant.organization_id}"


def pair_key(meeting_request) -> str:
    return "|".join(sorted((party_key(meeting_request.requester), party_key(meeting_request.receiver))))


def wave_opens_at(wave) -> datetime:
    """The instant a wave goes out: 09:00 on its day in its mission's zone (derived, never stored)."""
    return datetime.combine(wave.opens_on, WAVE_OPENS_AT, tzinfo=ZoneInfo(wave.mission.time_zone))


def ended_meetings_without_feedback(*, since, now) -> QuerySet[Meeting]:
    """Published meetings (the latest version of each grid) that ended in [since, now], were not confirmed
    no-shows, and whose sides have not been asked yet."""
    latest = ScheduleVersion.objects.filter(grid=OuterRef("grid")).order_by("-number").values("pk")[:1]
    return (
        Meeting.objects.filter(version=Subquery(latest), slot__ends_at__lte=now, slot__ends_at__gte=since)
        .exclude(request__outcome__no_show_at__isnull=False)
        .exclude(request__feedback_requests__isnull=False)
        .select_related(
            "slot",
            "grid__session__stop__mission",
            "request__requester__organization",
            "request__requester__delegate__user",
            "request__receiver__organization",
            "request__receiver__delegate__user",
        )
        .order_by("slot__ends_at", "pk")
    )


def waves_due(*, now) -> list[FollowUpWave]:
    """Waves not yet sent whose day has come at 09:00 in their mission's zone."""
    candidates = FollowUpWave.objects.filter(sent_at__isnull=True, opens_on__lte=now.date() + timedelta(days=1))
    return [wave for wave in candidates.select_related("mission") if wave_opens_at(wave) <= now]


def is_open(feedback_request) -> bool:
    """A form takes answers until the next wave of its mission goes out: after-meeting answers until the
    first wave, a wave's until the one after it. The last wave's stay open."""
    later = FollowUpWave.objects.filter(mission_id=feedback_request.lead.mission_id, sent_at__isnull=False)
    if feedback_request.wave_id is not None:
        later = later.filter(
            Q(opens_on__gt=feedback_request.wave.opens_on)
            | Q(opens_on=feedback_request.wave.opens_on, pk__gt=feedback_request.wave_id)
        )
    return not later.exists()


def latest_answer(feedback_request) -> FeedbackAnswer | None:
    return feedback_request.answers.order_by("-answered_at", "-pk").first()


def people_of_party(feedback_request) -> list[tuple[str, str, str]]:
    """(email, name, language) of whoever speaks for the asked party at the lead's meetings."""
    participants = list(party_participants(feedback_request))
    people = people_speaking_for(participants)
    seen, found = set(), []
    for participant in participants:
        for person in people[participant.pk]:
            if person[0] not in seen:
                seen.add(person[0])
                found.append(person)
    return found


def party_participants(feedback_request) -> QuerySet[Participant]:
    """The asked party's participants at the lead's meetings (one per B2B session they met at)."""
    mine = (
        Q(delegate_id=feedback_request.delegate_id)
        if feedback_request.delegate_id
        else Q(organization_id=feedback_request.organization_id)
    )
    requests = feedback_request.lead.meetings.all()
    return (
        Participant.objects.filter(mine)
        .filter(Q(requests_made__in=requests) | Q(requests_received__in=requests))
        .select_related("organization", "delegate__user")
        .distinct()
    )


def counterpart_name(feedback_request) -> str:
    """The other party's name, as the asked party sees it on the form."""
    meeting_request = feedback_request.meeting or feedback_request.lead.meetings.order_by("pk").first()
    for side in (meeting_request.requester, meeting_request.receiver):
        if party_key(side) != feedback_request.party:
            return side.name
    return ""


def organised_leads(user) -> QuerySet[Lead]:
    return Lead.objects.filter(mission__in=organised_missions(user)).prefetch_related(
        Prefetch("feedback_requests", queryset=FeedbackRequest.objects.prefetch_related("answers"))
    )
