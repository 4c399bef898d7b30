"""Every write to the mission domain: one function per operation, each in its own transaction.

Each operation checks that the acting user organises the mission, validates the whole record
(model rules and database constraints, reported per field) and writes nothing when it fails.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from events.accounts.services import ensure_user_for_email
from events.agenda.entries import sync_delegation_programme, sync_registration
from events.agenda.invitations import sync as sync_invitations
from events.core.errors import PermissionDeniedError
from events.missions.models import Delegate, Delegation, Mission, Session, Stop
from events.missions.selectors import is_organiser
from events.missions.time_zones import local_date
from events.registrations.models import Registration


def can_create_missions(user) -> bool:
    return user.is_authenticated and (user.is_superuser or user.has_perm("missions.add_mission"))


def require_organiser(user, mission):
    """The one check behind every organiser-only operation, in this app and the apps built on it."""
    if not is_organiser(user, mission):
        raise PermissionDeniedError(_("Only the organisers of this mission can do this."))


def _save(instance, fields, many_to_many=("sectors",)):
    """Apply plain fields, validate the whole record, save, then set the many-to-many fields."""
    relations = {name: fields.pop(name) for name in many_to_many if name in fields}
    for name, value in fields.items():
        setattr(instance, name, value)
    instance.full_clean()
    instance.save()
    for name, value in relations.items():
        getattr(instance, name).set(value)
    return instance


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
    implementers = fields.pop("implementers", None)
    _save(mission, fields)
    _check_children_within(
        mission.stops.all(), mission.start_date, mission.end_date, lambda s: (s.start_date, s.end_date)
    )
    if implementers is not None:
        mission.implementers.set(implementers)
    # Publishing (or withdrawing) the mission starts (or stops) its delegates' reminders.
    sync_delegation_programme(mission)
    return mission


@transaction.atomic
def add_stop(mission, *, acting_user, **fields) -> Stop:
    require_organiser(acting_user, mission)
    return _save(Stop(mission=mission), fields, many_to_many=())


@transaction.atomic
def update_stop(stop, *, acting_user, **fields) -> Stop:
    """Change a stop; refuses new dates or a new zone that would leave a session outside it."""
    require_organiser(acting_user, stop.mission)
    fields.pop("mission", None)  # a stop does not move between missions
    _save(stop, fields, many_to_many=())
    _check_children_within(
        stop.sessions.all(),
        stop.start_date,
        stop.end_date,
        lambda s: (local_date(s.starts_at, stop.time_zone), local_date(s.ends_at, stop.time_zone)),
    )
    sync_delegation_programme(stop.mission)
    return stop


@transaction.atomic
def schedule_session(stop, *, acting_user, **fields) -> Session:
    require_organiser(acting_user, stop.mission)
    session = _save(Session(stop=stop), fields)
    sync_delegation_programme(stop.mission)
    return session


@transaction.atomic
def update_session(session, *, acting_user, **fields) -> Session:
    stop = fields.get("stop", session.stop)
    require_organiser(acting_user, session.stop.mission)
    if stop.mission_id != session.stop.mission_id:
        raise ValidationError({"stop": _("A session can only move to another stop of the same mission.")})
    session = _save(session, fields)
    # A new time or place reaches the calendars of everyone confirmed: updates with the same UID.
    for registration in session.registrations.filter(status=Registration.Status.CONFIRMED):
        sync_registration(registration)
    sync_delegation_programme(session.stop.mission)
    return session


@transaction.atomic
def create_delegation(mission, *, acting_user, **fields) -> Delegation:
    require_organiser(acting_user, mission)
    return _save(Delegation(mission=mission), fields, many_to_many=())


@transaction.atomic
def add_delegate(delegation, *, acting_user, **fields) -> Delegate:
    """Put a person on the roster; with an email they can sign in by emailed code at once."""
    require_organiser(acting_user, delegation.mission)
    delegate = _save(Delegate(delegation=delegation), fields)
    _link_account(delegate)
    sync_delegation_programme(delegation.mission)
    return delegate


@transaction.atomic
def update_delegate(delegate, *, acting_user, **fields) -> Delegate:
    require_organiser(acting_user, delegate.delegation.mission)
    fields.pop("delegation", None)
    _save(delegate, fields)
    _link_account(delegate)
    sync_delegation_programme(delegate.delegation.mission)
    return delegate


def _link_account(delegate):
    if delegate.email and (delegate.user is None or delegate.user.email.lower() != delegate.email.lower()):
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
    mission = session.stop.mission
    # Registrations go with the session: cancel their calendar entries and reminders first.
    for registration in session.registrations.all():
        sync_invitations(f"registration-{registration.pk}", [])
    session.delete()
    sync_delegation_programme(mission)


@transaction.atomic
def remove_delegate(delegate, *, acting_user) -> None:
    require_organiser(acting_user, delegate.delegation.mission)
    mission = delegate.delegation.mission
    delegate.delete()
    sync_delegation_programme(mission)
