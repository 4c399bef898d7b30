"""Asking for feedback after each meeting and in follow-up waves, recording answers, the mission's funding.

Asking is derived state, swept by the worker (tasks.py): every published meeting that has ended, and was
not confirmed a no-show, has one form per side; every wave whose day has come has one form per company
and counterpart it met. The unique constraints on FeedbackRequest make a second sweep (or two at once)
ask nobody twice. Mail is an intent (events.notifications.composers): written when it is sent, in the
person's language then, and a reminder whose form was answered meanwhile is not sent.
"""

import calendar
import datetime as dt
from datetime import timedelta
from zoneinfo import ZoneInfo

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from events.core.errors import ConflictError
from events.meetings.selectors import people_speaking_for
from events.missions.models import mail_topic
from events.missions.services import require_organiser
from events.notifications.services import Intent, enqueue_emails
from events.outcomes import selectors
from events.outcomes.models import FeedbackAnswer, FeedbackRequest, FollowUpWave, Lead, MissionFunding

COMPOSER = "feedback"  # messages.py writes what these intents announce
# A meeting that ended longer ago than this when a sweep first sees it is not asked about: switching the
# sweep on must not mail people about last year's meetings.
ASK_WITHIN = timedelta(days=14)
REMIND_AFTER = timedelta(days=3)
DEFAULT_WAVE_MONTHS = (3, 6)  # after the mission's last day, as the EEN asks again about six months later


def lead_for(meeting_request) -> Lead:
    """The lead of the two parties of `meeting_request` in its mission, made on first use."""
    stop = meeting_request.grid.session.stop
    lead, _created = Lead.objects.get_or_create(
        mission_id=stop.mission_id, pair=selectors.pair_key(meeting_request), defaults={"stop": stop}
    )
    lead.meetings.add(meeting_request)
    return lead


def ask_feedback_after_meetings(*, now=None) -> int:
    """Ask both sides of every published meeting that ended (within ASK_WITHIN) and was not a no-show.

    Returns how many forms were made. Each meeting in its own transaction: one that fails does not stop
    the others, and a concurrent sweep's forms make this one skip (the unique constraints).
    """
    now = now or timezone.now()
    made = 0
    for meeting in selectors.ended_meetings_without_feedback(since=now - ASK_WITHIN, now=now):
        made += _ask_after(meeting, now)
    return made


def _ask_after(meeting, now) -> int:
    meeting_request = meeting.request
    sides = (meeting_request.requester, meeting_request.receiver)
    try:
        with transaction.atomic():
            lead = lead_for(meeting_request)
            asked = FeedbackRequest.objects.bulk_create(
                [
                    FeedbackRequest(
                        lead=lead,
                        meeting=meeting_request,
                        party=selectors.party_key(side),
                        organization_id=side.organization_id,
                        delegate_id=side.delegate_id,
                    )
                    for side in sides
                ]
            )
            people = people_speaking_for(sides)
            topic = mail_topic(lead.mission_id)
            enqueue_emails(
                [
                    (Intent(to=email, kind=kind, composer=COMPOSER, reference=f"feedback:{form.pk}", topic=topic), due)
                    for form, side in zip(asked, sides, strict=True)
                    for email, _name, _language in people[side.pk]
                    for kind, due in (("feedback.request", None), ("feedback.reminder", now + REMIND_AFTER))
                ],
                new_records=True,
            )
    except IntegrityError:  # another sweep asked first
        return 0
    return len(asked)


def send_due_waves(*, now=None) -> int:
    """Send every follow-up wave whose day has come; returns how many forms were made."""
    now = now or timezone.now()
    return sum(_send_wave(wave.pk, now) for wave in selectors.waves_due(now=now))


@transaction.atomic
def _send_wave(wave_pk, now) -> int:
    wave = FollowUpWave.objects.select_for_update(of=("self",)).select_related("mission").get(pk=wave_pk)
    if wave.sent_at is not None:  # a concurrent sweep sent it while this one waited on the lock
        return 0
    leads = Lead.objects.filter(mission=wave.mission).prefetch_related(
        "meetings__requester__organization", "meetings__receiver__organization", "meetings__grid"
    )
    forms: dict[tuple[int, str], FeedbackRequest] = {}
    participants_of_party: dict[str, dict] = {}  # party -> {participant id: participant}
    for lead in leads:
        for meeting_request in lead.meetings.all():
            for side in (meeting_request.requester, meeting_request.receiver):
                if not side.organization_id:  # waves ask the companies; delegates answer right after meetings
                    continue
                party = selectors.party_key(side)
                participants_of_party.setdefault(party, {})[side.pk] = side
                forms.setdefault(
                    (lead.pk, party),
                    FeedbackRequest(lead=lead, wave=wave, party=party, organization_id=side.organization_id),
                )
    FeedbackRequest.objects.bulk_create(forms.values(), ignore_conflicts=True)
    people = people_speaking_for([side for sides in participants_of_party.values() for side in sides.values()])
    topic = mail_topic(wave.mission_id)
    intents = []
    for party, sides in participants_of_party.items():
        reference = f"feedback-wave:{wave.pk}:{party}"
        for email in dict.fromkeys(email for pk in sides for email, _name, _language in people[pk]):
            for kind, due in (("feedback.wave", None), ("feedback.wave_reminder", now + REMIND_AFTER)):
                intents.append((Intent(to=email, kind=kind, composer=COMPOSER, reference=reference, topic=topic), due))
    enqueue_emails(intents, new_records=True)
    wave.sent_at = now
    wave.save(update_fields=["sent_at"])
    return len(forms)


@transaction.atomic
def submit_feedback(feedback_request, *, email, now=None, **answer) -> FeedbackAnswer:
    """Record an answer to a form, as a new dated row (the history of a lead is kept).

    `answer` holds FeedbackAnswer's fields (took_place, usefulness, stage, deal_kind, deal_value,
    deal_currency, home_content_percent, may_cite, note). Raises ValidationError naming the field, or
    ConflictError once the form closed (the next wave went out: selectors.is_open).
    """
    # The form's row, locked: two answers at once are recorded one after the other, each dated.
    feedback_request = (
        FeedbackRequest.objects.select_for_update(of=("self",))
        .select_related("lead", "wave")
        .get(pk=feedback_request.pk)
    )
    if not selectors.is_open(feedback_request):
        raise ConflictError(_("This form has closed: the next follow-up wave has been sent."), code="feedback_closed")
    row = FeedbackAnswer(
        feedback_request=feedback_request, answered_at=now or timezone.now(), answered_by=email.lower(), **answer
    )
    row.full_clean()
    row.save()
    return row


@transaction.atomic
def schedule_follow_up_waves(mission, *, acting_user, days=None, today=None) -> list[FollowUpWave]:
    """Add follow-up waves on `days` (dates; by default 3 and 6 months after the mission's last day,
    skipping those already scheduled). Organisers only. Raises ValidationError on `opens_on` for a day not
    after the mission's last day, not after `today` (by default today in the mission's zone), or, among
    the `days` given, one already scheduled. Returns the mission's waves, each with `added` (by this call)."""
    require_organiser(acting_user, mission)
    chosen = bool(days)
    days = sorted(set(days or [add_months(mission.end_date, months) for months in DEFAULT_WAVE_MONTHS]))
    if any(day <= mission.end_date for day in days):
        raise ValidationError({"opens_on": _("A follow-up wave opens after the mission's last day.")})
    # Today in the mission's zone: a wave on a day gone by would go out at once, beside the next one.
    today = today or timezone.localdate(timezone=ZoneInfo(mission.time_zone))
    if any(day <= today for day in days):
        raise ValidationError({"opens_on": _("A follow-up wave opens on a day still to come.")})
    taken = set(FollowUpWave.objects.filter(mission=mission).values_list("opens_on", flat=True))
    if chosen and taken.intersection(days):
        raise ValidationError({"opens_on": _("A follow-up wave is already scheduled on this day.")})
    FollowUpWave.objects.bulk_create([FollowUpWave(mission=mission, opens_on=day) for day in days if day not in taken])
    waves = list(FollowUpWave.objects.filter(mission=mission))
    for wave in waves:
        wave.added = wave.opens_on not in taken  # scheduled by this call
    return waves


@transaction.atomic
def cancel_follow_up_wave(wave, *, acting_user) -> None:
    """Remove a wave not sent yet. Raises ConflictError once it went out (its answers are kept)."""
    require_organiser(acting_user, wave.mission)
    wave = FollowUpWave.objects.select_for_update().get(pk=wave.pk)
    if wave.sent_at is not None:
        raise ConflictError(_("This wave has been sent; its answers are kept."), code="wave_sent")
    wave.delete()


@transaction.atomic
def set_mission_funding(mission, *, acting_user, **fields) -> MissionFunding:
    """Set what a funder's figures need (funder, programme_cost, currency, exchange_rates, home_country).
    Raises ValidationError naming the field."""
    require_organiser(acting_user, mission)
    funding = MissionFunding.objects.select_for_update().filter(mission=mission).first() or MissionFunding(
        mission=mission
    )
    for name, value in fields.items():
        setattr(funding, name, value)
    funding.updated_by = acting_user
    funding.full_clean()
    funding.save()
    return funding


def add_months(day: dt.date, months: int) -> dt.date:
    """The same day `months` later, or the month's last day when it is shorter (31 March + 3 = 30 June)."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))
