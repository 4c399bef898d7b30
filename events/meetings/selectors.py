"""Reads of the meetings domain: availability, the board, what each person may see."""

import datetime
from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet
from django.db.models.functions import Lower
from django.utils.translation import gettext as _

from events.accounts.selectors import DEFAULT_LANGUAGE, language_of_address
from events.meetings.models import (
    BlockedPeriod,
    Meeting,
    MeetingGrid,
    MeetingRequest,
    Participant,
    ScheduleVersion,
    latest_version_id,
)
from events.meetings.signals import ACCEPTED, DECLINED, NEEDS_ACTION, rsvp_answers
from events.missions.models import Session
from events.missions.selectors import organised_missions
from events.registrations.models import Attendee, Registration
from events.registrations.selectors import attendances_of


def _overlaps(start, end, periods):
    return any(start < period_end and period_start < end for period_start, period_end in periods)


def busy_periods(grid, participants) -> dict[int, list[tuple]]:
    """Per participant id, the periods (starts_at, ends_at) they cannot meet: blocked by hand, or at another session.

    Delegates follow their mission's programme. A company is busy while everyone it names at its table (the
    attendees of its confirmed registration for the grid's session) is at another session: people, by address,
    whichever company named them there. A colleague sent to a round table left the company's meetings flagged as
    conflicts and dropped by the scheduler, the person at its table free; its table attendee named by another
    company for the round table was not seen as busy at all. A company naming nobody at its table is busy while it
    attends another session. Four queries whatever the number of participants.
    """
    session = grid.session
    window = Q(starts_at__lt=session.ends_at, ends_at__gt=session.starts_at)
    busy = defaultdict(list)
    for period in BlockedPeriod.objects.filter(participant__in=participants):
        busy[period.participant_id].append((period.starts_at, period.ends_at))
    programme = list(
        Session.objects.filter(window, stop__mission=session.stop.mission)
        .exclude(pk=session.pk)
        .exclude(kind=Session.Kind.B2B_MEETINGS)
        .values_list("starts_at", "ends_at")
    )
    companies = {p.organization_id for p in participants if p.organization_id}
    confirmed = Attendee.objects.filter(registration__status=Registration.Status.CONFIRMED).annotate(
        address=Lower("email")
    )
    at_the_table, elsewhere = defaultdict(set), defaultdict(list)
    # One query for both: the people at each company's table, and everyone at an overlapping session (the company's
    # own attendance there counts for a company naming nobody at its table).
    for organization_id, session_id, address, starts_at, ends_at in confirmed.filter(
        Q(registration__session=session, registration__organization__in=companies)
        | Q(registration__session__starts_at__lt=session.ends_at, registration__session__ends_at__gt=session.starts_at)
    ).values_list(
        "registration__organization_id",
        "registration__session_id",
        "address",
        "registration__session__starts_at",
        "registration__session__ends_at",
    ):
        if session_id == session.pk:
            at_the_table[organization_id].add(address)
        else:
            elsewhere[address].append((starts_at, ends_at))
            elsewhere[("company", organization_id)].append((starts_at, ends_at))
    for participant in participants:
        if not participant.organization_id:
            busy[participant.pk].extend(programme)
        elif people := at_the_table[participant.organization_id]:
            busy[participant.pk].extend(_all_busy([elsewhere[address] for address in people]))
        else:
            busy[participant.pk].extend(elsewhere[("company", participant.organization_id)])
    return busy


def _all_busy(people: list[list[tuple]]) -> list[tuple]:
    """The periods in which every one of `people` (each a list of their busy periods) is busy."""
    common = people[0]
    for periods in people[1:]:
        common = [
            (max(start, other_start), min(end, other_end))
            for start, end in common
            for other_start, other_end in periods
            if max(start, other_start) < min(end, other_end)
        ]
    return common


def available_slots(grid, participants=None, slots=None) -> dict[int, set[int]]:
    """Per participant id, the indices of the slots in which they are present and not busy."""
    participants = list(participants if participants is not None else grid.participants.all())
    slots = list(slots if slots is not None else grid.slots.all())
    busy = busy_periods(grid, participants)
    free = {}
    for participant in participants:
        arrives, leaves = participant.arrives_at, participant.leaves_at
        free[participant.pk] = {
            slot.index
            for slot in slots
            if (arrives is None or arrives <= slot.starts_at)
            and (leaves is None or slot.ends_at <= leaves)
            and not _overlaps(slot.starts_at, slot.ends_at, busy[participant.pk])
        }
    return free


def is_available(participant, slot) -> bool:
    return slot.index in available_slots(participant.grid, [participant], [slot])[participant.pk]


def working_meetings(grid) -> QuerySet[Meeting]:
    return Meeting.objects.filter(grid=grid, working=True, version__isnull=True).select_related(
        "slot",
        "table",
        "request__requester__organization",
        "request__requester__delegate__user",
        "request__receiver__organization",
        "request__receiver__delegate__user",
    )


def latest_version(grid) -> ScheduleVersion | None:
    return ScheduleVersion.objects.filter(grid=grid).order_by("-number").first()


def board(grid) -> dict:
    """Everything the organiser's board draws, in a fixed number of queries."""
    slots = list(grid.slots.all())
    tables = list(grid.tables.select_related("delegate"))
    participants = list(grid.participants.select_related("organization", "delegate").order_by("pk"))
    free = available_slots(grid, participants, slots)
    meetings = list(working_meetings(grid))
    placed_requests = {meeting.request_id for meeting in meetings}
    accepted = (
        MeetingRequest.objects.filter(grid=grid, status=MeetingRequest.Status.ACCEPTED)
        .select_related(
            "requester__organization", "requester__delegate", "receiver__organization", "receiver__delegate"
        )
        .order_by("-priority", "created_at", "pk")
    )
    conflicts = {}
    for meeting in meetings:
        absent = [
            party.name
            for party in (meeting.request.requester, meeting.request.receiver)
            if meeting.slot.index not in free.get(party.pk, set())
        ]
        if absent:
            conflicts[meeting.pk] = absent
    diff = schedule_diff(grid, meetings)
    counts = board_counts(meetings)
    cells = {(meeting.slot_id, meeting.table_id): meeting for meeting in meetings}
    session = grid.session
    # Kept as planned when the session is shortened past them (services.grids._follow_local_times): shown where
    # they meet it.
    breaks = list(grid.breaks.filter(starts_at__lt=session.ends_at, ends_at__gt=session.starts_at))
    rows = timeline(
        [
            {"slot": slot, "cells": [{"table": table, "meeting": cells.get((slot.pk, table.pk))} for table in tables]}
            for slot in slots
        ],
        breaks,
    )
    return {
        "grid": grid,
        "slots": slots,
        "tables": tables,
        "rows": rows,
        "breaks": breaks,
        "meetings": meetings,
        "conflicts": conflicts,
        "unplaced": [request for request in accepted if request.pk not in placed_requests],
        "participants": participants,
        "free": free,
        "last_run": grid.runs.first(),
        "counts": counts,
        "version": latest_version(grid),
        "diff": diff,
        "answers": meeting_answers([*diff.kept, *(board for _, board in diff.moved)]),
    }


def parties_of(meetings):
    """Both parties of each meeting, requester first (loaded with the meeting's request)."""
    return [party for meeting in meetings for party in (meeting.request.requester, meeting.request.receiver)]


def people_speaking_for(participants) -> dict[int, list[tuple[str, str, str]]]:
    """Per participant id, (email, name, language) of whoever speaks for it at its meeting session.

    A delegate is their calendar address; a company, the attendees of its confirmed registration for the
    grid's session. Addresses in lower case, as calendars key people. One query for all the companies,
    none for delegates loaded with their user. `participants` may repeat one.
    """
    participants = list({participant.pk: participant for participant in participants}.values())
    people = {participant.pk: [] for participant in participants}
    wanted = Q()
    for participant in participants:
        if participant.delegate_id:
            delegate = participant.delegate
            if email := delegate.calendar_address:
                language = getattr(delegate.user, "language", "") or DEFAULT_LANGUAGE
                people[participant.pk].append((email, delegate.full_name, language))
        else:
            wanted |= Q(
                registration__organization_id=participant.organization_id,
                registration__session__meeting_grid=participant.grid_id,
            )
    if not wanted:
        return people
    companies = defaultdict(list)
    for organization_id, grid_id, email, name, language in (
        Attendee.objects.filter(wanted, registration__status=Registration.Status.CONFIRMED)
        .annotate(address=Lower("email"))
        .annotate(language=language_of_address("address", otherwise="registration__registered_by__language"))
        .values_list(
            "registration__organization_id",
            "registration__session__meeting_grid",
            "address",
            "full_name",
            "language",
        )
        .order_by("registration", "pk")
    ):
        companies[(organization_id, grid_id)].append((email, name, language))
    for participant in participants:
        if not participant.delegate_id:
            people[participant.pk] = companies[(participant.organization_id, participant.grid_id)]
    return people


def people_on_both_sides(people, first, second) -> list[str]:
    """The addresses that speak for both participants, in order; `people` is people_speaking_for's answer for
    them. A meeting between them would put one person on both sides: registrations and the roster refuse it
    (validation.delegates_among), and this is what requests and the scheduler check behind them."""
    theirs = {email for email, _name, _language in people[second.pk]}
    return [email for email, _name, _language in people[first.pk] if email in theirs]


@dataclass(frozen=True)
class SideAnswers:
    """The answers of the people of one side of a meeting to its calendar invitation (iTIP PARTSTAT)."""

    name: str
    answers: tuple[str, ...]  # one per person who speaks for the side

    @property
    def answer(self) -> str:
        """DECLINED if anyone declined (the organiser must act), ACCEPTED once all accepted, else NEEDS-ACTION."""
        if DECLINED in self.answers:
            return DECLINED
        if self.answers and all(answer == ACCEPTED for answer in self.answers):
            return ACCEPTED
        return NEEDS_ACTION

    @property
    def answered(self) -> int:
        return sum(answer != NEEDS_ACTION for answer in self.answers)


@dataclass(frozen=True)
class MeetingAnswers:
    """Both sides' answers to a published meeting's calendar invitation: requester's side first."""

    sides: tuple[SideAnswers, SideAnswers]

    @property
    def people(self) -> int:
        return sum(len(side.answers) for side in self.sides)

    @property
    def answered(self) -> int:
        return sum(side.answered for side in self.sides)

    @property
    def declined(self) -> bool:
        return any(side.answer == DECLINED for side in self.sides)

    @property
    def declined_by(self) -> tuple[str, ...]:
        """The names of the sides that declined (their own page says it to the other side)."""
        return tuple(side.name for side in self.sides if side.answer == DECLINED)


def meeting_answers(meetings) -> dict[int, MeetingAnswers]:
    """Per meeting id, how its two sides answered its invitation, whatever the number of meetings in fixed queries.

    The answers are the agenda's, asked for with signals.rsvp_answers_wanted (meetings may not import the
    agenda); the people of each side are those who speak for it now. Empty when nobody answers the signal.
    Meetings need their request's parties loaded, delegates with their user (as working_meetings does).
    """
    if not meetings:
        return {}
    answers = rsvp_answers(meeting.uid for meeting in meetings)
    if answers is None:
        return {}
    people = people_speaking_for(parties_of(meetings))
    found = {}
    for meeting in meetings:
        invited = answers.get(str(meeting.uid), {})
        found[meeting.pk] = MeetingAnswers(
            sides=tuple(
                SideAnswers(
                    name=party.name,
                    answers=tuple(invited.get(email, NEEDS_ACTION) for email, _name, _language in people[party.pk]),
                )
                for party in (meeting.request.requester, meeting.request.receiver)
            )
        )
    return found


def with_answers(meetings) -> list[Meeting]:
    """`meetings` as a list, each with `answers` (MeetingAnswers; None when nobody answers for the agenda), in the
    queries of meeting_answers whatever their number."""
    meetings = list(meetings)
    answers = meeting_answers(meetings)
    for meeting in meetings:
        meeting.answers = answers.get(meeting.pk)
    return meetings


def timeline(slot_rows, breaks) -> list[dict]:
    """Rows of slots (each a dict with its "slot") and of breaks ({"break": ...}), in time order."""
    rows = slot_rows + [{"break": pause} for pause in breaks]
    return sorted(rows, key=lambda row: row["slot"].starts_at if "slot" in row else row["break"].starts_at)


def grids_for_organiser(user) -> QuerySet[MeetingGrid]:
    return MeetingGrid.objects.filter(session__stop__mission__in=organised_missions(user)).select_related(
        "session__stop__mission"
    )


def grids_seen_by(user) -> QuerySet[MeetingGrid]:
    """Grids a user organises or takes part in."""
    return MeetingGrid.objects.filter(
        Q(session__stop__mission__in=organised_missions(user)) | Q(participants__in=participants_of(user))
    ).distinct()


def participants_of(user) -> QuerySet[Participant]:
    """The participants a user speaks for: their company's, and their own as a delegate."""
    if not user.is_authenticated:
        return Participant.objects.none()
    representative = getattr(user, "representative", None)
    mine = Q(delegate__user=user)
    if representative is not None:
        mine |= Q(organization_id=representative.organization_id)
    return Participant.objects.filter(mine)


def requests_visible_to(user) -> QuerySet[MeetingRequest]:
    """Requests a user made or received (for their company or as a delegate), and those of missions they organise."""
    mine = participants_of(user)
    return (
        MeetingRequest.objects.filter(
            Q(requester__in=mine) | Q(receiver__in=mine) | Q(grid__session__stop__mission__in=organised_missions(user))
        )
        .select_related(
            "grid__session",
            "requester__organization",
            "requester__delegate",
            "receiver__organization",
            "receiver__delegate",
        )
        .order_by("created_at", "pk")
    )


def participants_attended_by(user) -> QuerySet[Participant]:
    """The participants whose meetings `user` sits in, as their invitations say (people_speaking_for): their own as
    a delegate, and each company whose confirmed registration for the grid's session names them as an attendee.
    Not their company's otherwise: a representative who is not named (or was replaced) may act on its meetings
    (participants_of) but was not invited to them."""
    if not user.is_authenticated:
        return Participant.objects.none()
    named = attendances_of(user).filter(
        registration__organization=OuterRef("organization_id"), registration__session=OuterRef("grid__session_id")
    )
    return Participant.objects.filter(Q(delegate__user=user) | Exists(named))


def published_meetings_of(user) -> QuerySet[Meeting]:
    """The meetings of the latest published version of each grid, in which the user's participants sit."""
    return _published_meetings_of(participants_of(user))


def published_meetings_involving(user) -> QuerySet[Meeting]:
    """published_meetings_of and meetings_attended_by together: the meetings `user` acts on or sits in. Their
    meetings page lists these, and they may say each took place: the colleague a company sends to the table is
    the one who met, whether or not they represent it."""
    return _published_meetings_of(participants_of(user) | participants_attended_by(user))


def meetings_attended_by(user) -> QuerySet[Meeting]:
    """The published meetings `user` sits in (participants_attended_by: their own as a delegate, and those of the
    companies that name them as an attendee): what their calendar holds (their agenda and feed), where
    published_meetings_of is what they may act on."""
    return _published_meetings_of(participants_attended_by(user))


def _published_meetings_of(participants) -> QuerySet[Meeting]:
    return (
        Meeting.objects.filter(version=latest_version_id(), seats__participant__in=participants)
        .select_related(
            "request__outcome",
            "slot",
            "table",
            "grid__session__stop",
            "request__requester__organization",
            "request__requester__delegate__user",
            "request__receiver__organization",
            "request__receiver__delegate__user",
        )
        .distinct()
        .order_by("slot__starts_at")
    )


def published_meetings_organised_by(user) -> QuerySet[Meeting]:
    """Every published copy of the meetings of the grids `user` organises (any version)."""
    return Meeting.objects.filter(grid__in=grids_for_organiser(user), version__isnull=False)


def requests_of(user) -> QuerySet[MeetingRequest]:
    """Requests made or received by the participants a user speaks for; each with `on_board`, its meetings on the
    organisers' working board (a suggestion's is the cell its two sides are asked to accept), slot and table
    loaded. Three queries whatever their number."""
    mine = participants_of(user)
    board = Meeting.objects.filter(working=True, version__isnull=True).select_related("slot", "table")
    return (
        MeetingRequest.objects.filter(Q(requester__in=mine) | Q(receiver__in=mine))
        .select_related(
            "grid__session__stop",
            "requester__organization",
            "requester__delegate",
            "receiver__organization",
            "receiver__delegate",
        )
        .prefetch_related(Prefetch("meetings", queryset=board, to_attr="on_board"))
        .order_by("-created_at", "-pk")
    )


def counterparts(participant) -> QuerySet[Participant]:
    """Whom a participant may ask for a meeting at their session."""
    others = Participant.objects.filter(grid=participant.grid).exclude(pk=participant.pk)
    if participant.grid.pairing == MeetingGrid.Pairing.COMPANIES_MEET_DELEGATES:
        others = others.filter(organization__isnull=participant.organization_id is not None)
    return others.select_related("organization", "delegate", "delegate__delegation").order_by(
        "organization__name", "delegate__full_name"
    )


def meeting_sessions_not_open_to(user) -> list[tuple]:
    """(session, why) for each meeting session the user's company registered for but cannot ask in yet.

    `why` is "pending", "waitlisted" (the registration is not confirmed) or "no_grid" (confirmed, but
    the organisers have not set up the session's meetings yet).
    """
    representative = getattr(user, "representative", None) if user.is_authenticated else None
    if representative is None:
        return []
    registrations = Registration.objects.filter(
        organization_id=representative.organization_id,
        session__kind=Session.Kind.B2B_MEETINGS,
        status__in=[Registration.Status.PENDING, Registration.Status.WAITLISTED, Registration.Status.CONFIRMED],
    ).select_related("session__stop", "session__meeting_grid")
    waiting = []
    for registration in registrations:
        has_grid = hasattr(registration.session, "meeting_grid")
        if registration.status != Registration.Status.CONFIRMED:
            waiting.append((registration.session, registration.status))
        elif not has_grid:
            waiting.append((registration.session, "no_grid"))
    return waiting


@dataclass(frozen=True)
class ScheduleDiff:
    """The board against the latest published version, meeting by meeting (matched by their calendar UID)."""

    kept: list
    moved: list  # (as published, as on the board)
    added: list
    dropped: list
    published: bool
    # How many people publishing will write to: whoever speaks for either side of each meeting added, moved or
    # dropped (people_speaking_for, as publishing finds them: a company's attendees, a delegate's address), each
    # once. A count of the sides said 9 where 10 people were mailed (a company with two attendees).
    people_told: int

    @property
    def changed(self) -> bool:
        return bool(self.moved or self.added or self.dropped)


def publishable(meetings) -> list[Meeting]:
    """The board's meetings that publishing writes: all but the suggestions still waiting for both sides.
    One rule for the publication and for the board's preview of it."""
    return [meeting for meeting in meetings if meeting.request.status != MeetingRequest.Status.SUGGESTED]


def board_counts(meetings) -> dict[str, int]:
    """What a board holds, counted as a run's quality counts it: {"meetings": publishable meetings,
    "companies_with_meeting": companies in one at least}. The board's own, once edits follow a run."""
    meetings = publishable(meetings)
    companies = {
        party.pk
        for meeting in meetings
        for party in (meeting.request.requester, meeting.request.receiver)
        if party.organization_id
    }
    return {"meetings": len(meetings), "companies_with_meeting": len(companies)}


def schedule_diff(grid, board_meetings=None) -> ScheduleDiff:
    """What publishing now would change, and for how many people; the board's meetings may be passed in."""
    meetings = board_meetings if board_meetings is not None else working_meetings(grid)
    board = {meeting.uid: meeting for meeting in publishable(meetings)}
    version = latest_version(grid)
    published = (
        {
            meeting.uid: meeting
            for meeting in Meeting.objects.filter(version=version).select_related(
                "slot",
                "table",
                "request__requester__organization",
                "request__requester__delegate__user",
                "request__receiver__organization",
                "request__receiver__delegate__user",
            )
        }
        if version
        else {}
    )
    kept, moved = [], []
    for uid, meeting in board.items():
        if uid in published:
            before = published[uid]
            same = (before.slot_id, before.table_id) == (meeting.slot_id, meeting.table_id)
            (kept.append(meeting) if same else moved.append((before, meeting)))
    added = [meeting for uid, meeting in board.items() if uid not in published]
    dropped = [meeting for uid, meeting in published.items() if uid not in board]
    changed = [*added, *(board for _, board in moved), *dropped]
    speaking = people_speaking_for(parties_of(changed)) if changed else {}
    told = {email for people in speaking.values() for email, _name, _language in people}
    return ScheduleDiff(
        kept=kept, moved=moved, added=added, dropped=dropped, published=version is not None, people_told=len(told)
    )


HELD, NO_SHOW, UNKNOWN = "held", "no_show", "unknown"


@dataclass
class Outcomes:
    """How a grid's published meetings went: counts for the session and per company, and the meetings
    an organiser may confirm as no-shows (ended, marked neither way)."""

    session: dict[str, int]
    by_company: dict[str, dict[str, int]]
    no_show_candidates: list


def meeting_outcomes(grid, *, now) -> Outcomes:
    """Held / no-show / unknown for the meetings of `grid`'s latest published version (two queries)."""
    version = latest_version(grid)
    meetings = []
    if version is not None:
        meetings = list(
            Meeting.objects.filter(version=version)
            .select_related(
                "slot",
                "request__outcome",
                "request__requester__organization",
                "request__requester__delegate",
                "request__receiver__organization",
                "request__receiver__delegate",
            )
            .order_by("slot__starts_at", "pk")
        )
    session = {HELD: 0, NO_SHOW: 0, UNKNOWN: 0}
    by_company: dict[str, dict[str, int]] = defaultdict(lambda: {HELD: 0, NO_SHOW: 0, UNKNOWN: 0})
    candidates = []
    for meeting in meetings:
        outcome = getattr(meeting.request, "outcome", None)
        state = HELD if outcome and outcome.held_at else NO_SHOW if outcome and outcome.no_show_at else UNKNOWN
        session[state] += 1
        for side in (meeting.request.requester, meeting.request.receiver):
            if side.organization_id:
                by_company[side.organization.name][state] += 1
        if state == UNKNOWN and meeting.slot.ends_at <= now:
            candidates.append(meeting)
    return Outcomes(session, dict(sorted(by_company.items())), candidates)


def delegates_asked_by(organization) -> set[int]:
    """Ids of the delegates `organization` has a pending or accepted request with, either way round."""
    active = MeetingRequest.objects.filter(status__in=MeetingRequest.ACTIVE_STATUSES)
    asked = active.filter(requester__organization=organization).values_list("receiver__delegate", flat=True)
    asking = active.filter(receiver__organization=organization).values_list("requester__delegate", flat=True)
    return {pk for pk in (*asked, *asking) if pk}


def published_meetings_overlapping(registration) -> list[tuple[str, datetime.datetime, datetime.datetime]]:
    """[("Meeting with …", starts_at, ends_at)] of the company's published meetings in `registration`'s mission
    (latest versions) that its session overlaps, its own grid's aside (a B2B session holds its meetings). Named in
    the current language. One query."""
    session = registration.session
    meetings = Meeting.objects.filter(
        grid__session__stop__mission_id=session.stop.mission_id,
        slot__starts_at__lt=session.ends_at,
        slot__ends_at__gt=session.starts_at,
    ).exclude(grid__session=session)
    return _named_for_the_company(meetings, registration.organization_id)


def published_meetings_at(registration) -> list[tuple[str, datetime.datetime, datetime.datetime]]:
    """[("Meeting with …", starts_at, ends_at)] of the company's published meetings at `registration`'s own session
    (a B2B session's), which cancelling the registration cancels. Named in the current language. One query."""
    meetings = Meeting.objects.filter(grid__session_id=registration.session_id)
    return _named_for_the_company(meetings, registration.organization_id)


def _named_for_the_company(meetings, organization_id) -> list[tuple[str, datetime.datetime, datetime.datetime]]:
    meetings = (
        meetings.filter(version=latest_version_id(), seats__participant__organization_id=organization_id)
        .select_related("slot", "request__requester__organization", "request__receiver__organization")
        .select_related("request__requester__delegate", "request__receiver__delegate")
        .order_by("slot__starts_at")
        .distinct()
    )
    found = []
    for meeting in meetings:
        ours = meeting.request.requester.organization_id == organization_id
        other = meeting.request.receiver if ours else meeting.request.requester
        found.append((_("Meeting with %(name)s") % {"name": other.name}, meeting.slot.starts_at, meeting.slot.ends_at))
    return found
