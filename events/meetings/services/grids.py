"""Setting up a meeting session: its grid of slots in the stop's local time, its tables, its participants."""

import datetime as dt
import logging

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from events.core.local_time import WallClockError
from events.core.models import clean_value
from events.core.signals import announce_attendance_changed
from events.core.templatetags.text import time_range_text
from events.meetings import messages
from events.meetings.models import (
    BlockedPeriod,
    Break,
    Meeting,
    MeetingGrid,
    MeetingRequest,
    Participant,
    Slot,
    Table,
    latest_version_id,
    live_meetings,
)
from events.meetings.services.bookings import offer_anew
from events.missions.models import Delegate, Session
from events.missions.services import require_organiser
from events.notifications.services import enqueue_emails
from events.registrations.models import Registration

logger = logging.getLogger(__name__)

MEETING_ROLES = (Delegate.Role.HEAD, Delegate.Role.MEMBER)


def local_slot_times(session, slot_minutes, breaks):
    """Cut the session into slots of `slot_minutes`, from its start on the stop's wall clock, skipping breaks.

    Steps are taken in elapsed time, as the room lives them: on the night the clocks go back, the repeated hour
    is cut twice (01:30 CDT, then 01:30 CST) and no slot runs an hour long; on the night they go forward, the
    slots go on across the skipped hour without overlapping (01:30 CST, then 03:15 CDT for 45 minutes).
    """
    return _cut(session.starts_at, session.ends_at, slot_minutes, breaks)


def _cut(first, last, slot_minutes, breaks) -> list[tuple[dt.datetime, dt.datetime]]:
    """[(starts_at, ends_at)] of the slots of `slot_minutes` cut from the instant `first` on, ending by `last`,
    without those a break overlaps."""
    step = dt.timedelta(minutes=slot_minutes)
    cursor, times = first.astimezone(dt.UTC), []
    while cursor + step <= last:
        starts_at, ends_at = cursor, cursor + step
        if not any(starts_at < pause_end and pause_start < ends_at for pause_start, pause_end in breaks):
            times.append((starts_at, ends_at))
        cursor += step
    return times


def _refuse_overlapping(breaks, zone) -> None:
    """Two breaks that share a time (or one given twice) are refused on `breaks`, naming both on the local clock."""
    ordered = sorted((pause[0], pause[1]) for pause in breaks)

    def said(pause):
        # As a text mail says a range (isolated in a right-to-left language): an Arabic sentence read "14:40–14:00".
        with timezone.override(zone):
            return time_range_text(*pause, "TIME_FORMAT")

    for first, second in zip(ordered, ordered[1:], strict=False):
        if second[0] < first[1]:
            raise ValidationError(
                {
                    "breaks": _("Two breaks overlap: %(first)s and %(second)s.")
                    % {"first": said(first), "second": said(second)}
                }
            )


def _regenerate_slots(grid):
    if Meeting.objects.filter(live_meetings(), grid=grid).exists():
        raise ValidationError(
            {"slot_minutes": _("Meetings are already booked on this grid; cancel them before changing its slots.")}
        )
    grid.slots.all().delete()
    breaks = [(pause.starts_at, pause.ends_at) for pause in grid.breaks.all()]
    times = local_slot_times(grid.session, grid.slot_minutes, breaks)
    if not times:
        if breaks and local_slot_times(grid.session, grid.slot_minutes, []):
            raise ValidationError({"breaks": _("The breaks leave no time for a single slot of this length.")})
        raise ValidationError({"slot_minutes": _("The session is too short for a single slot of this length.")})
    slots = [
        Slot(grid=grid, index=index, starts_at=starts_at, ends_at=ends_at)
        for index, (starts_at, ends_at) in enumerate(times)
    ]
    for slot in slots:
        slot.record_wall_clock()  # bulk_create does not call save()
    Slot.objects.bulk_create(slots)


@transaction.atomic
def set_up_grid(
    session,
    *,
    acting_user,
    slot_minutes=20,
    pairing=MeetingGrid.Pairing.COMPANIES_MEET_DELEGATES,
    breaks=(),
    tables=(),
    requests_per_company=10,
    requests_per_delegate=20,
) -> MeetingGrid:
    """Create or reshape a session's grid: slots from its times, `breaks` as (start, end[, label]), tables by name
    (when reshaping, the tables it names: others go, those named stay; none given keeps them all).

    Reshaping is refused once meetings are booked, so nobody's meeting silently moves.
    """
    require_organiser(acting_user, session.stop.mission)
    if session.kind != Session.Kind.B2B_MEETINGS:
        raise ValidationError({"session": _("Only a B2B meeting session has a meeting grid.")})
    grid = MeetingGrid.objects.filter(session=session).first() or MeetingGrid(session=session)
    cut_as = _cut_as(grid) if grid.pk else None
    grid.slot_minutes = slot_minutes
    grid.pairing = pairing
    grid.requests_per_company = requests_per_company
    grid.requests_per_delegate = requests_per_delegate
    grid.full_clean()
    grid.save()
    wanted = [(pause[0], pause[1], pause[2] if len(pause) > 2 else "") for pause in breaks]
    # Slots are cut again only when their length or the breaks change: the limits and who meets whom may change
    # once meetings are booked (refused before, on the slot length nobody had touched).
    if cut_as != (slot_minutes, sorted(wanted)):
        grid.breaks.all().delete()
        _refuse_overlapping(breaks, session.stop.zone)
        for starts_at, ends_at, label in wanted:
            if not (session.starts_at <= starts_at < ends_at <= session.ends_at):
                raise ValidationError({"breaks": _("A break must lie within the session and end after it starts.")})
            label = clean_value(Break, "label", label, error_key="breaks")
            Break.objects.create(grid=grid, starts_at=starts_at, ends_at=ends_at, label=label)
        _regenerate_slots(grid)
    if tables:
        # Reshaping names the tables anew: those it no longer names go, unless a meeting is booked at one (its
        # meetings would go with it), those it names already stay, the others are added.
        leaving = grid.tables.exclude(name__in=tables)
        held = Meeting.objects.filter(live_meetings(), table__in=leaving).values("table")
        if in_use := leaving.filter(pk__in=held).order_by("position").first():
            raise ValidationError(
                {"tables": _("%(table)s holds a meeting: move or cancel it first.") % {"table": in_use.name}}
            )
        leaving.delete()
        kept = set(grid.tables.values_list("name", flat=True))
        for name in tables:
            if name not in kept:
                add_table(grid, acting_user=acting_user, name=name)
    sync_participants(grid)
    return grid


def _cut_as(grid) -> tuple:
    """What a grid's slots were cut from: their length and its breaks, as set_up_grid is given them."""
    return grid.slot_minutes, sorted((pause.starts_at, pause.ends_at, pause.label) for pause in grid.breaks.all())


@transaction.atomic
def add_table(grid, *, acting_user, name, delegate=None) -> Table:
    require_organiser(acting_user, grid.session.stop.mission)
    table = Table(grid=grid, name=name, delegate=delegate, position=grid.tables.count() + 1)
    table.full_clean()
    table.save()
    return table


def sync_participants(grid) -> None:
    """Make sure every delegate of the mission and every company confirmed for the session takes part.

    Idempotent and additive: a company leaves through follow_registration, a delegate through follow_roster.
    """
    mission = grid.session.stop.mission
    delegates = Delegate.objects.filter(delegation__mission=mission, role__in=MEETING_ROLES).values_list(
        "pk", flat=True
    )
    companies = Registration.objects.filter(session=grid.session, status=Registration.Status.CONFIRMED).values_list(
        "organization_id", flat=True
    )
    present = Participant.objects.filter(grid=grid)
    have_delegates = set(present.filter(delegate__isnull=False).values_list("delegate_id", flat=True))
    have_companies = set(present.filter(organization__isnull=False).values_list("organization_id", flat=True))
    Participant.objects.bulk_create(
        [Participant(grid=grid, delegate_id=pk) for pk in delegates if pk not in have_delegates]
        + [Participant(grid=grid, organization_id=pk) for pk in set(companies) - have_companies],
        ignore_conflicts=True,
    )


@transaction.atomic
def retime_slots(moves) -> None:
    """Move slots to new instants: [(slot, {field: instant})], from their wall clock.

    Called by `manage.py rederive_instants` and when their stop's zone changes (both through
    events.core.wall_clock), and by follow_session when their session moves. The published meetings in
    a moved slot are revised (SEQUENCE up by one) and their session announced, so both sides get one
    update each.
    """
    moves = _without_collisions(moves)
    grids = set()
    for slot, moved in moves:
        slot.take_instants(moved)
        slot.save()
        grids.add(slot.grid_id)
    slots = [slot.pk for slot, _ in moves]
    Meeting.objects.filter(slot__in=slots, version=latest_version_id()).update(
        sequence=F("sequence") + 1, revised_at=timezone.now()
    )
    # A suggestion in a moved slot now offers another time: the answers given were to the old one.
    offer_anew(MeetingRequest.objects.filter(meetings__slot__in=slots, meetings__working=True))
    sessions = MeetingGrid.objects.filter(pk__in=grids).values_list("session_id", flat=True)
    announce_attendance_changed(Slot, sessions=sessions)


def _without_collisions(moves) -> list:
    """`moves` less those that would put two slots of a grid on one time, which a new tz release does when it drops
    an hour the clocks repeated (Morocco's 2027 Ramadan nights under tz 2026f): a slot cut on the second pass of
    that hour has no time of its own left. Such a slot holding no meeting goes, as one a session no longer holds
    does (follow_session); while one holds a meeting, its grid's slots keep the instants people were sent, and
    the organisers are left a log line to move it by hand, since nobody can be asked during an upgrade."""
    by_grid = {}
    for slot, moved in moves:
        by_grid.setdefault(slot.grid_id, {})[slot.pk] = moved
    kept = []
    for grid_id, moved_in_grid in by_grid.items():
        times = sorted(
            (moved.get("starts_at", slot.starts_at), moved.get("ends_at", slot.ends_at), slot.pk)
            for slot in Slot.objects.filter(grid_id=grid_id)
            for moved in [moved_in_grid.get(slot.pk, {})]
        )
        free_from, collided = None, []
        for starts_at, ends_at, pk in times:
            if free_from is not None and starts_at < free_from:
                collided.append(pk)
                continue
            free_from = ends_at
        if Meeting.objects.filter(live_meetings(), slot__in=collided).exists():
            logger.warning("Grid %s: slots %s would fall on others' times; their instants are kept.", grid_id, collided)
            continue
        Slot.objects.filter(pk__in=collided).delete()
        kept += [(slot, moved) for slot, moved in moves if slot.grid_id == grid_id and slot.pk not in collided]
    return kept


@transaction.atomic
def retime_unannounced(moves) -> None:
    """Move rows nobody is sent anything about to new instants: [(row, {field: instant})].

    Breaks, arrivals and departures, blocked periods: they keep their local time as the slots do, and
    the scheduler reads them against the slots; no calendar holds them.
    """
    for row, moved in moves:
        row.take_instants(moved)
        row.save()


def follow_session(session, shift: dt.timedelta) -> None:
    """The session's times changed: its grid follows, `shift` later on the wall clock, meetings and all.

    Slots and breaks keep their place in the session: each is moved by the shift of its start, read on
    the stop's clock (retime_slots: the published meetings in them are revised and announced). A session
    resized comes with no shift (missions.signals.session_moved): its slots keep their times. Either way,
    room the session gained before its first slot or after its last is cut into new slots, around its breaks;
    the empty slots that fall outside it are dropped (its breaks are kept as planned: _follow_local_times);
    and the change is refused (ValidationError
    on the end at fault, nothing written) while a meeting is booked in such a slot, or when no slot is left.
    Runs in the caller's transaction.
    """
    grid = MeetingGrid.objects.select_for_update().filter(session_id=session.pk).first()
    if grid is None:
        return
    slots = list(grid.slots.select_related(Slot.WALL_CLOCK_PLACE).order_by("index"))
    kept, outside, free_from, skipped = [], [], session.starts_at, {}
    for slot in slots:
        try:
            moved = _shifted(slot, shift)
        except WallClockError as error:  # its new time does not exist: the clocks skip it that night
            skipped[slot.pk] = " ".join(error.messages)
            outside.append(slot)
            continue
        starts_at, ends_at = moved.get("starts_at", slot.starts_at), moved.get("ends_at", slot.ends_at)
        # Over a night the clocks go forward, a slot moved after the skipped hour could start before the one
        # moved ahead of it ends: it falls out as one outside the session does.
        if free_from <= starts_at and ends_at <= session.ends_at:
            kept.append((slot, moved))
            free_from = ends_at
        else:
            outside.append(slot)
    _refuse_meetings_outside(session, outside, shift, skipped)
    Slot.objects.filter(pk__in=[slot.pk for slot in outside]).delete()
    moves = [(slot, moved) for slot, moved in kept if moved]
    if moves:
        retime_slots(moves)
    _follow_local_times(grid, shift)
    _add_slots_around(grid, session, [slot for slot, _ in kept])
    if not kept and not grid.slots.exists():
        # Most likely a mistyped time: a grid with no slot would lose its breaks and, typed back, be cut anew
        # out of step with the old one. Refused on the end that cut the slots, with nothing written.
        field = _end_at_fault(session, [slot.starts_at for slot in outside], shift)
        message = _("The session would be too short for a single slot of %(minutes)d minutes: its grid needs one.")
        raise ValidationError({field: message % {"minutes": grid.slot_minutes}})


def _refuse_meetings_outside(session, outside, shift, skipped) -> None:
    """Refuse the change while a meeting is booked in a slot it leaves outside the session, on the end that
    slot falls past (the end the organiser is shortening), or at a time the clocks skip (`skipped`: slot id ->
    why), on the start, saying so. Booked: on the board, or in the latest published version, which people
    hold; the copies older versions keep of a meeting cancelled since go with the slot."""
    booked = Meeting.objects.filter(live_meetings(), slot__in=outside)
    booked = list(booked.values_list("uid", "slot_id", "slot__starts_at").distinct())
    if not booked:
        return
    if reasons := sorted({skipped[slot_id] for _, slot_id, _ in booked if slot_id in skipped}):
        # "1 meeting would fall outside the session" read wrong for a meeting well inside it, at 02:40 on the
        # night the clocks go from 02:00 to 03:00.
        count = len({uid for uid, slot_id, _ in booked if slot_id in skipped})
        message = ngettext(
            "%(count)d meeting would be at a time the clocks skip: %(reason)s Move or cancel it first.",
            "%(count)d meetings would be at times the clocks skip: %(reason)s Move or cancel them first.",
            count,
        )
        raise ValidationError({"starts_at": message % {"count": count, "reason": " ".join(reasons)}})
    count = len({uid for uid, _, _ in booked})
    raise ValidationError(
        {
            _end_at_fault(session, [starts_at for _, _, starts_at in booked], shift): ngettext(
                "%(count)d meeting would fall outside the session at these times; move or cancel it first.",
                "%(count)d meetings would fall outside the session at these times; move or cancel them first.",
                count,
            )
            % {"count": count}
        }
    )


def _end_at_fault(session, starts, shift) -> str:
    """The field a refusal names: the start if the earliest of `starts` (slots left outside), moved by `shift`,
    would begin before the session does now, else the end."""
    return "starts_at" if starts and min(starts) + shift < session.starts_at else "ends_at"


def _shifted(slot, shift) -> dict:
    """The instants of `slot` moved by `shift` on the wall clock: its start read there (WallClockError if the clocks
    skip it; a time they repeat takes the pass recorded with it), its end its length later (Slot.ELAPSED_FROM), as
    a grid is cut (local_slot_times): a slot moved onto the night the clocks go back does not last an hour more."""
    return slot.instants_from_wall_clock(shift=shift, strict=True) if shift else {}


def _follow_local_times(grid, shift) -> None:
    """Breaks, arrivals, departures and blocked periods keep their place in the moved session, as the slots do.

    Not cut to the session, nor dropped outside it: a participant who arrives after it ends simply has no slot,
    and a break past its end cuts none. A break cut or dropped with a session shortened past it stayed so when
    the session grew back, and a slot was cut in what the organiser had planned as the break. The board shows
    only the breaks that meet the session (selectors.board).
    """
    if not shift:
        return
    breaks = list(grid.breaks.select_related(Break.WALL_CLOCK_PLACE))
    for pause in breaks:
        _refuse_break_in_skipped_time(pause, shift)
    rows = [
        *breaks,
        *grid.participants.select_related(Participant.WALL_CLOCK_PLACE),
        *BlockedPeriod.objects.filter(participant__grid=grid).select_related(BlockedPeriod.WALL_CLOCK_PLACE),
    ]
    retime_unannounced([(row, moved) for row in rows if (moved := row.instants_from_wall_clock(shift=shift))])


def _refuse_break_in_skipped_time(pause, shift) -> None:
    """Refuse, on the start, a move that puts the start of `pause` at a time the clocks skip: read after the gap, a
    break of 02:30-03:00 on the night they go from 02:00 to 03:00 began at 03:30 and ended before it began (a 500),
    and one of 02:00-02:30 lay over the 03:00 slot, bookable in the break. Its end may fall in the gap: it is the
    moment the clocks jump, and the break is shorter that night."""
    try:
        pause.instants_from_wall_clock(shift=shift, strict=True, leaving=("ends_at",))
    except WallClockError as error:
        if error.code == "ambiguous_local_time":
            return  # a repeated time: the break takes a pass as its slots do
        message = _("The break %(name)s would start at a time the clocks skip: %(reason)s Change the break first.")
        raise ValidationError({"starts_at": message % {"name": pause, "reason": " ".join(error.messages)}}) from None


def _add_slots_around(grid, session, kept) -> None:
    """Cut the room the session has before its first slot, between two slots and after its last into new slots,
    in step with the slots kept (a 20-minute grid from 13:30 gains 12:50 and 13:10, not slots cut from a new
    12:55 start); then number every slot of the grid again in time order.

    Between two slots too: a grid is cut whole around its breaks (set_up_grid) and no slot is removed alone, so
    room between two slots is room a move left, the hour the clocks skipped on the night a session was moved to
    and that it no longer skips once moved back."""
    start, end = session.starts_at, session.ends_at
    step = dt.timedelta(minutes=grid.slot_minutes)
    breaks = [(pause.starts_at, pause.ends_at) for pause in grid.breaks.all()]
    if kept:
        first, last = kept[0].starts_at, kept[-1].ends_at
        times = _cut(first - (first - start) // step * step, first, grid.slot_minutes, breaks)
        for before, after in zip(kept, kept[1:], strict=False):
            times += _cut(before.ends_at, after.starts_at, grid.slot_minutes, breaks)
        times += _cut(last, end, grid.slot_minutes, breaks)
    else:
        times = _cut(start, end, grid.slot_minutes, breaks)
    new = [Slot(grid=grid, starts_at=starts_at, ends_at=ends_at) for starts_at, ends_at in times]
    for slot in new:
        slot.record_wall_clock()  # bulk_create does not call save()
    ordered = sorted([*kept, *new], key=lambda slot: slot.starts_at)
    if [slot.index for slot in ordered] == list(range(len(ordered))):
        return
    # Out of the way first: the numbers are unique in the grid at every row PostgreSQL updates.
    Slot.objects.filter(grid=grid).update(index=F("index") + RENUMBERING_OFFSET)
    for index, slot in enumerate(ordered):
        slot.index = index
    Slot.objects.bulk_create(new)
    Slot.objects.bulk_update(kept, ["index"])


# Above any slot number a grid has (a day of 5-minute slots has 288), below PositiveSmallIntegerField's limit.
RENUMBERING_OFFSET = 16_000


def follow_registration(registration) -> None:
    """A company takes part in a meeting session from the moment it is confirmed, and leaves when it no longer is.

    Leaving removes its participant, and with it (the database cascades) its requests and its meetings,
    on the board and in published versions; everyone at the session is then brought up to date, so the
    other side of each meeting gets a cancellation. Runs in the caller's transaction.
    """
    if registration.session.kind != Session.Kind.B2B_MEETINGS:
        return  # only a B2B meeting session has a grid (set_up_grid): a briefing's rush asks nothing more
    grid = MeetingGrid.objects.filter(session_id=registration.session_id).select_related("session__stop").first()
    if grid is None:
        return
    confirmed = Registration.objects.filter(
        session_id=registration.session_id,
        organization_id=registration.organization_id,
        status=Registration.Status.CONFIRMED,
    )
    if confirmed.exists():
        sync_participants(grid)
        return
    leaving = Participant.objects.filter(grid=grid, organization_id=registration.organization_id)
    _tell_the_other_side(leaving)
    removed, _ = leaving.delete()
    if removed:
        announce_attendance_changed(Participant, sessions=[grid.session_id])


# What the role a delegate leaves the meetings for is said to be, in the refusal of _refuse_losing_meetings.
_MEETS_NO_COMPANY = {
    Delegate.Role.INTERPRETER: _("An interpreter meets no company: changing the role cancels them for both sides."),
    Delegate.Role.STAFF: _("A staff member meets no company: changing the role cancels them for both sides."),
}


def _refuse_losing_meetings(grid, leaving) -> None:
    """Refuse (ValidationError on "role") while one of `leaving` (participants whose delegate's role meets no
    company) has a meeting on the board or in the published schedule, or a request still open."""
    for participant in leaving:
        meetings = (
            Meeting.objects.filter(live_meetings(), seats__participant=participant).values("uid").distinct().count()
        )
        requests = _open_requests(participant).count()
        if not meetings and not requests:
            continue
        counts = {
            "name": participant.delegate.full_name,
            "session": grid.session.title,
            "meetings": ngettext("%(count)d meeting", "%(count)d meetings", meetings) % {"count": meetings},
            "requests": ngettext("%(count)d open request", "%(count)d open requests", requests) % {"count": requests},
        }
        said = [
            _("%(name)s has %(meetings)s and %(requests)s at %(session)s.") % counts,
            str(_MEETS_NO_COMPANY[participant.delegate.role]),
            str(_("Confirm the cancellations to change it.")),
        ]
        raise ValidationError({"role": " ".join(said)})


def _open_requests(participant):
    """The active requests `participant` made or received that no meeting on the board or in the published schedule
    holds: those whose end only a mail can tell (a booked one's calendar gets its CANCEL)."""
    return (
        MeetingRequest.objects.filter(status__in=MeetingRequest.ACTIVE_STATUSES)
        .filter(Q(requester=participant) | Q(receiver=participant))
        .exclude(meetings__in=Meeting.objects.filter(live_meetings()))
    )


def _tell_the_other_side(leaving) -> None:
    """Mail the other side of each open request of the participants `leaving`, before they go with them."""
    emails = []
    for participant in leaving:
        sides = (
            "requester__organization",
            "requester__delegate__user",
            "receiver__organization",
            "receiver__delegate__user",
        )
        for meeting_request in _open_requests(participant).select_related("grid__session__stop", "created_by", *sides):
            emails += messages.request_ended_emails(meeting_request, leaving=participant)
    if emails:
        enqueue_emails([(email, None) for email in emails])


def follow_roster(mission_id, *, cancel_meetings=False) -> None:
    """The mission's delegates who meet companies (MEETING_ROLES) take part in each of its meeting sessions from
    the start; one whose role no longer meets them (made the interpreter, staff) leaves, with their requests and
    meetings, as a cancelled company does (follow_registration), and both sides are told. Leaving with meetings
    or open requests is refused (ValidationError on "role", naming what would go) unless `cancel_meetings`: the
    organiser's form said nothing of the companies it mailed cancellations to."""
    for grid in MeetingGrid.objects.filter(session__stop__mission_id=mission_id).select_related("session__stop"):
        sync_participants(grid)
        delegates = Participant.objects.filter(grid=grid, delegate__isnull=False)
        leaving = delegates.exclude(delegate__role__in=MEETING_ROLES)
        if not cancel_meetings:
            _refuse_losing_meetings(grid, leaving.select_related("delegate"))
        _tell_the_other_side(leaving)
        removed, _ = leaving.delete()
        if removed:
            announce_attendance_changed(Participant, sessions=[grid.session_id])
