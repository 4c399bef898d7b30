"""Every write to the mission domain: one function per operation, each in its own transaction.

Each operation checks that the acting user organises the mission, validates the whole record
(model rules and database constraints, reported per field) and writes nothing when it fails.
"""

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from events.accounts.services import ensure_user_for_email
from events.core.errors import PermissionDeniedError
from events.core.local_time import WallClockError
from events.core.locks import hold_mission_roles
from events.core.signals import announce_address_moved, announce_attendance_changed, announcements_batched
from events.core.wall_clock import follow_new_zone, follow_new_zone_within, wall_clock_shift
from events.missions.models import Delegate, Delegation, Mission, Session, Stop
from events.missions.selectors import is_organiser
from events.missions.signals import delegate_address_refusal, roster_changed, session_moved, session_removing
from events.missions.time_zones import local_date
from events.missions.translation import in_every_language

# What a calendar shows of a session and of the stop it is at: a change to any of these revises it.
# Every language's title and description: a French title changed by an organiser reading English changes
# what French readers' calendars say.
SESSION_CALENDAR_FIELDS = (*in_every_language("title", "description"), "venue", "starts_at", "ends_at", "stop_id")
SESSION_PLACE_FIELDS = ("venue", "stop_id")
# When and on which clock a session happens: what is planned within it follows a change of these.
SESSION_CLOCK_FIELDS = ("starts_at", "ends_at", "stop_id")
STOP_CALENDAR_FIELDS = ("city", "venue", "time_zone")
MISSION_TITLES = in_every_language("title")


def can_create_missions(user) -> bool:
    return user.is_authenticated and (user.is_superuser or user.has_perm("missions.add_mission"))


def require_organiser(user, mission):
    """The one check behind every organiser-only operation, in this app and the apps built on it."""
    if not is_organiser(user, mission):
        raise PermissionDeniedError(_("Only the organisers of this mission can do this."))


# Fields that go in order, later: earlier. Their rules are written on the later one (an end before its start is
# refused on the end), which is right when both are sent, as forms do.
ORDERED_PAIRS = {"end_date": "start_date", "ends_at": "starts_at", "registration_closes_at": "registration_opens_at"}


def _save(instance, fields, many_to_many=("sectors",)):
    """Apply plain fields, validate the whole record, save, then set the many-to-many fields."""
    relations = {name: fields.pop(name) for name in many_to_many if name in fields}
    for name, value in fields.items():
        setattr(instance, name, value)
    try:
        instance.full_clean()
    except ValidationError as error:
        raise _on_the_fields_sent(error, fields) from None
    instance.save()
    for name, value in relations.items():
        getattr(instance, name).set(value)
    return instance


def _on_the_fields_sent(error, sent) -> ValidationError:
    """`error`, with a refusal on one field of an ORDERED_PAIRS pair that was not sent moved to its partner that was
    (a PATCH of a start alone, past the end): the field left alone was right until then, and the person sees the
    refusal next to what they typed."""
    if not hasattr(error, "error_dict"):
        return error
    for later, earlier in ORDERED_PAIRS.items():
        errors = error.error_dict
        if later in errors and later not in sent and earlier in sent and earlier not in errors:
            errors[earlier] = errors.pop(later)
    return error


def _stored(model, instance, *related):
    """The row as stored, locked: the caller's copy may already hold the change (the admin's form applies it).

    Who may change it, and where it may move, are judged from where it is, not from where it is asked to go.
    """
    return model.objects.select_for_update(of=("self",)).select_related(*related).get(pk=instance.pk)


def _refuse_move(fields, name, current, message):
    """A parent that cannot change: the same one is fine (a form sends it back), another one is refused."""
    if name in fields and fields.pop(name) != current:
        raise ValidationError({name: message})


def _check_children_within(children, first_day, last_day, day_of):
    """Refuse to shrink a date range so that something already inside falls outside it."""
    for child in children:
        start, end = day_of(child)
        if start < first_day:
            raise ValidationError(
                {
                    "start_date": _("“%(item)s” starts on %(day)s, outside these dates; move it first.")
                    % {"item": child, "day": start}
                }
            )
        if end > last_day:
            raise ValidationError(
                {
                    "end_date": _("“%(item)s” ends on %(day)s, outside these dates; move it first.")
                    % {"item": child, "day": end}
                }
            )


@transaction.atomic
def create_mission(*, acting_user, **fields) -> Mission:
    """Create a draft mission; its creator becomes its first organiser."""
    if not can_create_missions(acting_user):
        raise PermissionDeniedError(_("Your account may not create missions; ask an administrator."))
    implementers = fields.pop("implementers", [])
    mission = _save(Mission(), fields)
    mission.implementers.set(implementers)
    mission.organisers.add(acting_user)
    return mission


@transaction.atomic
def update_mission(mission, *, acting_user, **fields) -> Mission:
    """Change a mission; refuses new dates that would leave a stop outside them."""
    require_organiser(acting_user, mission)
    mission = Mission.objects.select_for_update().get(pk=mission.pk)
    before = (mission.status, _calendar_view(mission, MISSION_TITLES), list(mission.reminder_minutes or ()))
    implementers = fields.pop("implementers", None)
    _save(mission, fields)
    _check_children_within(
        mission.stops.all(), mission.start_date, mission.end_date, lambda s: (s.start_date, s.end_date)
    )
    if implementers is not None:
        mission.implementers.set(implementers)
    # Publishing (or withdrawing) the mission starts (or stops) its delegates' reminders; its title and
    # reminders are in every entry of its programme.
    if before != (mission.status, _calendar_view(mission, MISSION_TITLES), list(mission.reminder_minutes or ())):
        announce_attendance_changed(
            Mission, sessions=Session.objects.filter(stop__mission=mission).values_list("pk", flat=True)
        )
    return mission


@transaction.atomic
def add_stop(mission, *, acting_user, stop=None, **fields) -> Stop:
    """Add a stop to a mission's itinerary; `stop` is an unsaved one already filled (the admin's form)."""
    require_organiser(acting_user, mission)
    return _save(stop or Stop(mission=mission), fields, many_to_many=())


@transaction.atomic
def update_stop(stop, *, acting_user, **fields) -> Stop:
    """Change a stop; refuses new dates that would leave a session outside it, and a move to another mission.

    A new zone keeps every local time planned at the stop (the wall clock is the truth): its sessions,
    and what the apps built on them planned on its clock, are derived again in the new zone, or the
    change is refused if the new zone skips or repeats one of those times.
    """
    stop = _stored(Stop, stop, "mission")
    require_organiser(acting_user, stop.mission)
    _refuse_move(
        fields, "mission", stop.mission, _("A stop stays in its mission; add a stop to the other mission instead.")
    )
    before, zone = _calendar_view(stop, STOP_CALENDAR_FIELDS), stop.time_zone
    locations = {session.pk: session.calendar_location for session in stop.sessions.select_related("stop")}
    # However many of its entries the change moves or renames, each person hears of it once.
    with announcements_batched(Stop):
        _save(stop, fields, many_to_many=())
        if stop.time_zone != zone:
            follow_new_zone(stop, error_key="time_zone")
        _check_children_within(
            stop.sessions.all(),
            stop.start_date,
            stop.end_date,
            lambda s: (local_date(s.starts_at, stop.time_zone), local_date(s.ends_at, stop.time_zone)),
        )
        if _calendar_view(stop, STOP_CALENDAR_FIELDS) != before:
            # The place is in the entries of its sessions and of their meetings: those whose place reads otherwise
            # now (every one for a new zone; for a new venue, those with no venue of their own) are revised. A
            # helper's new venue sent 29 updates that changed nothing.
            sessions = [
                session
                for session in stop.sessions.select_related("stop")
                if stop.time_zone != zone or session.calendar_location != locations.get(session.pk)
            ]
            _revise(sessions, place=True)
            announce_attendance_changed(Stop, sessions=[session.pk for session in sessions])
    return stop


@transaction.atomic
def schedule_session(stop, *, acting_user, session=None, **fields) -> Session:
    """Add a session to a stop's programme; `session` is an unsaved one already filled (the admin's form)."""
    require_organiser(acting_user, stop.mission)
    session = _save(session or Session(stop=stop), fields)
    announce_attendance_changed(Session, sessions=[session.pk])
    return session


@transaction.atomic
def update_session(session, *, acting_user, **fields) -> Session:
    """Change a session; it may move to another stop of its mission, never into another mission. What is
    planned within it (a meeting grid) follows a change of its times: the apps built on it follow through
    `session_moved` (signals.py), and may refuse the change.
    """
    session = _stored(Session, session, "stop__mission")
    require_organiser(acting_user, session.stop.mission)
    if "stop" in fields and fields["stop"].mission_id != session.stop.mission_id:
        raise ValidationError({"stop": _("A session can only move to another stop of the same mission.")})
    if "stop" in fields and fields["stop"].time_zone != session.stop.time_zone:
        fields = {**_local_times_at(session, fields["stop"], given=fields), **fields}
    before = _calendar_view(session, SESSION_CALENDAR_FIELDS)
    place_before = _calendar_view(session, SESSION_PLACE_FIELDS)
    clock_before, wall_before = _calendar_view(session, SESSION_CLOCK_FIELDS), dict(session.wall_clock)
    # The session and the meetings that move with it reach each person as one update per entry.
    zone_before = session.stop.time_zone
    with announcements_batched(Session):
        session = _save(session, fields)
        if session.stop.time_zone != zone_before:
            # Its grid keeps its local times too, before it follows the session's own (session_moved).
            follow_new_zone_within(session, error_key="stop")
        if _calendar_view(session, SESSION_CALENDAR_FIELDS) != before:
            # A new time or place reaches everyone's calendar as an update of the same UID, one revision up.
            _revise([session], place=_calendar_view(session, SESSION_PLACE_FIELDS) != place_before)
            announce_attendance_changed(Session, sessions=[session.pk])
        if _calendar_view(session, SESSION_CLOCK_FIELDS) != clock_before:
            session_moved.send(sender=Session, session=session, shift=_planned_within_shift(wall_before, session))
    return session


def _local_times_at(session, stop, *, given) -> dict:
    """The instants `session`'s planned local times name at `stop`, in another zone: a session moved there keeps
    its wall-clock times, as the admin's form does (the API had kept the instant: 09:00 in Chicago became 08:00 in
    Denver, and its people were mailed the new hour). Times `given` are not read (the caller's win). Raises
    ValidationError on `stop` when the new zone skips or repeats one of the others."""
    planned_at = session.stop
    session.stop = stop
    try:
        return session.instants_from_wall_clock(strict=True, leaving=given)
    except WallClockError as error:
        raise ValidationError({"stop": error.messages}) from None
    finally:
        session.stop = planned_at


@transaction.atomic
def retime_sessions(moves) -> None:
    """Move sessions to the instants their wall clock names under new tz data: [(session, {field: instant})].

    Called by `manage.py rederive_instants` after a tz data upgrade: the local time stays, the UTC
    instant follows the new rules, and the change reaches calendars as any other move does (one
    revision up, announced for everyone at the session).
    """
    retimed = []
    for session, moved in moves:
        session = Session.objects.select_for_update().select_related("stop").get(pk=session.pk)
        session.take_instants(moved)
        session.save()
        if {"starts_at", "ends_at"} & set(moved):
            retimed.append(session)
    if retimed:
        _revise(retimed)
        announce_attendance_changed(Session, sessions=[session.pk for session in retimed])


def _planned_within_shift(wall_before, session) -> dt.timedelta:
    """How far what is planned within a session moves on the wall clock when its times change: as far as the
    session when both its ends moved by the same time (it moved), not at all otherwise (it was resized: at one
    end, at both, or moved and resized at once, which is read as a resize so that no meeting moves unasked)."""
    start = wall_clock_shift(wall_before, session.wall_clock, "starts_at")
    end = wall_clock_shift(wall_before, session.wall_clock, "ends_at")
    return start if start == end else dt.timedelta(0)


def _calendar_view(instance, names) -> tuple:
    return tuple(getattr(instance, name) for name in names)


def _revise(sessions, *, place=False) -> None:
    """Raise each session's calendar revision (SEQUENCE) and stamp when (LAST-MODIFIED); `place` its place's too."""
    now = timezone.now()
    changes = {"sequence": F("sequence") + 1, "revised_at": now}
    if place:
        changes |= {"place_sequence": F("place_sequence") + 1, "place_revised_at": now}
    Session.objects.filter(pk__in=[session.pk for session in sessions]).update(**changes)
    for session in sessions:  # the same in memory, without reading each row back
        session.sequence, session.revised_at = session.sequence + 1, now
        if place:
            session.place_sequence, session.place_revised_at = session.place_sequence + 1, now


@transaction.atomic
def create_delegation(mission, *, acting_user, delegation=None, **fields) -> Delegation:
    """Add a delegation to a mission; `delegation` is an unsaved one already filled (the admin's form)."""
    require_organiser(acting_user, mission)
    return _save(delegation or Delegation(mission=mission), fields, many_to_many=())


@transaction.atomic
def update_delegation(delegation, *, acting_user, **fields) -> Delegation:
    """Change a delegation; it stays in its mission, with its delegates and their calendars."""
    delegation = _stored(Delegation, delegation, "mission")
    require_organiser(acting_user, delegation.mission)
    _refuse_move(
        fields,
        "mission",
        delegation.mission,
        _("A delegation stays in its mission; create one in the other mission instead."),
    )
    return _save(delegation, fields, many_to_many=())


@transaction.atomic
def add_delegate(delegation, *, acting_user, delegate=None, **fields) -> Delegate:
    """Put a person on the roster; with an email they can sign in by emailed code at once.

    `delegate` is an unsaved one already filled (the admin's form). Raises ValidationError {"email": ...} for an
    address a company names to attend one of the mission's B2B meeting sessions, and then writes nothing.
    """
    require_organiser(acting_user, delegation.mission)
    delegate = _save(delegate or Delegate(delegation=delegation), fields)
    _link_account(delegate)
    _refuse_address_taken(delegate)
    roster_changed.send(sender=Delegate, mission_id=delegation.mission_id)
    announce_attendance_changed(Delegate, people=[delegate.calendar_address])
    return delegate


@transaction.atomic
def update_delegate(delegate, *, acting_user, cancel_meetings=False, **fields) -> Delegate:
    """Change a delegate. A new role that meets no company (interpreter, staff) while they have meetings or open
    requests is refused (ValidationError on "role", saying what it would cancel) unless `cancel_meetings`: then
    they leave the meetings and both sides are told (roster_changed)."""
    # As stored, not as the caller's copy may already say: the old address must lose its entries.
    delegate = _stored(Delegate, delegate, "delegation__mission", "user")
    require_organiser(acting_user, delegate.delegation.mission)
    _refuse_move(
        fields,
        "delegation",
        delegate.delegation,
        _("A delegate stays in their delegation; add them to the other delegation instead."),
    )
    before, roster_before = delegate.calendar_address, delegate.email
    _save(delegate, fields)
    _link_account(delegate, roster_before=roster_before)
    if delegate.calendar_address != before:
        _refuse_address_taken(delegate)
    roster_changed.send(sender=Delegate, mission_id=delegate.delegation.mission_id, cancel_meetings=cancel_meetings)
    # The move first: what follows it (badges, answers to invitations) is in place when the calendars are worked out.
    announce_address_moved(
        Delegate, missions=[delegate.delegation.mission_id], old=before, new=delegate.calendar_address
    )
    announce_attendance_changed(Delegate, people=[before, delegate.calendar_address])
    return delegate


def _refuse_address_taken(delegate):
    """Refuse, on the email field, an address the apps built on missions say cannot be this mission's delegate's
    (a company's attendee at one of its B2B meeting sessions): raised inside the service's transaction, it takes
    back the delegate and any account just made for them."""
    address = delegate.calendar_address
    hold_mission_roles(delegate.delegation.mission_id, [address])  # before reading: who else names this address
    if address and (other := _other_seat_on_the_roster(delegate, address)):
        message = _(
            "%(email)s is already a delegate of this mission: %(name)s, in %(delegation)s. One person is one "
            "delegate of a mission; change their role there instead."
        )
        raise ValidationError(
            {
                "email": message
                % {"email": delegate.email or address, "name": other.full_name, "delegation": other.delegation.name}
            }
        )
    if address and (refusal := delegate_address_refusal(delegate.delegation.mission_id, address)):
        raise ValidationError({"email": refusal})


def _other_seat_on_the_roster(delegate, address) -> Delegate | None:
    """Another delegate of `delegate`'s mission at `address`, in any of its delegations: one person under two names,
    on two lists, with one account, one badge and one seat in the meeting grid (which kept one of them unsaid)."""
    return (
        Delegate.objects.annotate(address=Delegate.calendar_address_in_sql())
        .filter(delegation__mission_id=delegate.delegation.mission_id, address=address)
        .exclude(pk=delegate.pk)
        .select_related("delegation")
        .first()
    )


def _link_account(delegate, *, roster_before=None):
    """Give the delegate the account of their roster address: a new delegate, or one whose roster address the
    organiser changed (`roster_before`, the address stored before this save). A roster address the save did not
    change moves nobody: the person may have moved their account to another address since (the roster follows
    it, receivers.roster_follows_the_account, but rows from before may not), and relinking made them a new
    account on the address they had left, with their calendar."""
    if not delegate.email:
        return
    changed = roster_before is None or roster_before.lower() != delegate.email.lower()
    if delegate.user is None or (changed and delegate.user.email.lower() != delegate.email.lower()):
        delegate.user = ensure_user_for_email(delegate.email, full_name=delegate.full_name)
        delegate.save(update_fields=["user"])


@transaction.atomic
def remove_stop(stop, *, acting_user) -> None:
    """Remove a stop that holds no session yet; a stop with sessions must be emptied first."""
    require_organiser(acting_user, stop.mission)
    if stop.sessions.exists():
        raise ValidationError({"stop": _("Move or remove this stop's sessions before removing the stop.")})
    stop.delete()


@transaction.atomic
def remove_session(session, *, acting_user) -> None:
    require_organiser(acting_user, session.stop.mission)
    pk = session.pk
    session_removing.send(sender=Session, session=session)
    session.delete()
    # Everyone who was sent it, for any reason, gets a cancellation and loses its reminders.
    announce_attendance_changed(Session, sessions=[pk])


@transaction.atomic
def remove_delegation(delegation, *, acting_user) -> None:
    """Remove a delegation: each of its delegates leaves as remove_delegate has them leave (their meetings are
    cancelled for both sides, their calendars told), then the delegation goes."""
    require_organiser(acting_user, delegation.mission)
    with announcements_batched(Delegation):  # each person's calendar worked out once, not once per delegate
        for delegate in delegation.delegates.select_related("delegation"):
            remove_delegate(delegate, acting_user=acting_user)
        delegation.delete()


@transaction.atomic
def remove_delegate(delegate, *, acting_user) -> None:
    require_organiser(acting_user, delegate.delegation.mission)
    address, mission_id = delegate.calendar_address, delegate.delegation.mission_id
    delegate.delete()
    roster_changed.send(sender=Delegate, mission_id=mission_id)
    # Their meetings went with them: the companies they were to meet are told too, through the mission's
    # meeting sessions (whoever attends one has their calendar worked out again).
    meetings = Session.objects.filter(stop__mission_id=mission_id, kind=Session.Kind.B2B_MEETINGS)
    announce_attendance_changed(Delegate, people=[address], sessions=list(meetings.values_list("pk", flat=True)))
