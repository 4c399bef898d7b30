"""Reads about outcomes: who is asked, what each party answered last, where each lead stands."""

from collections import defaultdict
from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.db.models import Prefetch, Q, QuerySet

from events.meetings.models import Meeting, MeetingRequest, Participant, latest_version_id
from events.meetings.selectors import people_speaking_for
from events.missions.models import Delegate
from events.missions.selectors import organised_missions
from events.outcomes.models import FeedbackAnswer, FeedbackRequest, FollowUpWave, Lead, furthest_stage

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
    return (
        Meeting.objects.filter(version=latest_version_id(), slot__ends_at__lte=now, slot__ends_at__gte=since)
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
    return feedback_request.pk in open_forms([feedback_request])


def open_forms(forms) -> set[int]:
    """The ids of those of `forms` that still take answers (is_open), in one query for them all."""
    forms = list(forms)
    sent = defaultdict(list)
    for mission_id, opens_on, pk in FollowUpWave.objects.filter(
        mission_id__in={form.lead.mission_id for form in forms}, sent_at__isnull=False
    ).values_list("mission_id", "opens_on", "pk"):
        sent[mission_id].append((opens_on, pk))
    found = set()
    for form in forms:
        mine = (form.wave.opens_on, form.wave_id) if form.wave_id is not None else None
        if not any(mine is None or wave > mine for wave in sent[form.lead.mission_id]):
            found.add(form.pk)
    return found


def zone_of_form(feedback_request) -> str:
    """The zone a feedback form's times are read in: its meeting's place, else its mission's home zone (a follow-up
    wave's form has no meeting)."""
    if feedback_request.meeting is not None:
        return feedback_request.meeting.grid.session.stop.time_zone
    return feedback_request.lead.mission.time_zone


def latest_answer(feedback_request) -> FeedbackAnswer | None:
    return feedback_request.answers.order_by("-answered_at", "-pk").first()


def latest_answer_of_party(feedback_request) -> FeedbackAnswer | None:
    """The party's latest answer about the same lead on any form: what a new wave's form starts from, so a
    deal reported before need not be typed again."""
    return (
        FeedbackAnswer.objects.filter(
            feedback_request__lead_id=feedback_request.lead_id, feedback_request__party=feedback_request.party
        )
        .order_by("-answered_at", "-pk")
        .first()
    )


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
    # min over .all(): read from a prefetch when there is one (a lead has a meeting or two).
    meeting_request = feedback_request.meeting or min(feedback_request.lead.meetings.all(), key=lambda r: r.pk)
    for side in (meeting_request.requester, meeting_request.receiver):
        if party_key(side) != feedback_request.party:
            return side.name
    return ""


def party_keys_of(user) -> set[str]:
    """The parties a user speaks for: their company ('o<id>') and each delegate seat of theirs ('d<id>')."""
    if not user.is_authenticated:
        return set()
    keys = {f"d{pk}" for pk in Delegate.objects.filter(user=user).values_list("pk", flat=True)}
    representative = getattr(user, "representative", None)
    if representative is not None:
        keys.add(f"o{representative.organization_id}")
    return keys


def _of_parties(keys) -> Q:
    found = Q(pk__in=[])
    for key in keys:
        found |= Q(pair__startswith=f"{key}|") | Q(pair__endswith=f"|{key}")
    return found


def leads_of(user) -> QuerySet[Lead]:
    """The leads of the parties a user speaks for, with only their own side's forms and answers loaded:
    a counterpart's answers are theirs (and the organisers')."""
    keys = party_keys_of(user)
    if not keys:
        return Lead.objects.none()
    own_forms = FeedbackRequest.objects.filter(party__in=keys).select_related("wave").prefetch_related("answers")
    return (
        Lead.objects.filter(_of_parties(keys))
        .select_related("mission", "stop")
        .prefetch_related(
            Prefetch("feedback_requests", queryset=own_forms, to_attr="own_forms"),
            Prefetch("meetings", queryset=_meeting_requests()),
        )
        .order_by("-created_at", "-pk")
    )


def organised_leads(user) -> QuerySet[Lead]:
    """The leads of the missions a user organises, with every form and answer."""
    forms = FeedbackRequest.objects.select_related("wave").prefetch_related("answers")
    return (
        Lead.objects.filter(mission__in=organised_missions(user))
        .select_related("mission", "stop")
        .prefetch_related(
            Prefetch("feedback_requests", queryset=forms, to_attr="own_forms"),
            Prefetch("meetings", queryset=_meeting_requests()),
        )
        .order_by("mission", "pk")
    )


def _meeting_requests():
    return MeetingRequest.objects.select_related(
        "grid__session",
        "requester__organization",
        "requester__delegate",
        "receiver__organization",
        "receiver__delegate",
    ).order_by("pk")


def parties_of_lead(lead) -> list[tuple[str, str]]:
    """(party key, name) of a lead's two parties, read off its first meeting (prefetched)."""
    meeting_request = lead.meetings.all()[0]
    sides = {party_key(side): side.name for side in (meeting_request.requester, meeting_request.receiver)}
    return [(key, sides.get(key, "")) for key in lead.pair.split("|")]


def answers_of_lead(lead) -> list[FeedbackAnswer]:
    """The answers loaded with the lead (leads_of: the caller's side only), oldest first."""
    answers = [answer for form in lead.own_forms for answer in form.answers.all()]
    return sorted(answers, key=lambda answer: (answer.answered_at, answer.pk))


def stage_of(answers) -> str | None:
    """The furthest stage among each party's latest answer (figures.py's rule), or None before any answer."""
    latest = {}
    for answer in answers:
        latest[answer.feedback_request.party] = answer.stage
    return furthest_stage(latest.values())


def feedback_requests_for(user) -> QuerySet[FeedbackRequest]:
    """The forms addressed to the parties a user speaks for, newest first."""
    keys = party_keys_of(user)
    return (
        FeedbackRequest.objects.filter(party__in=keys)
        .select_related(
            "lead__mission",
            "wave",
            "meeting__grid__session",
            "meeting__requester__organization",
            "meeting__requester__delegate",
            "meeting__receiver__organization",
            "meeting__receiver__delegate",
        )
        .prefetch_related("answers", Prefetch("lead__meetings", queryset=_meeting_requests()))
        .order_by("-created_at", "-pk")
    )
