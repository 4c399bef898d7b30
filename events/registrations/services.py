"""Registration for sessions: seats that cannot be oversold, a waitlist promoted in order, mail on commit.

Every operation that can take or free a seat locks the session row first (the row whose capacity
shrinks), re-reads the seats taken, then writes; two requests for the last seat are serialised by
PostgreSQL. Messages are outbox rows in the same transaction, sent after commit.
"""

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from events.core.errors import PermissionDeniedError
from events.missions.models import Session
from events.missions.selectors import is_organiser
from events.missions.services import require_organiser
from events.notifications.services import enqueue_email
from events.registrations import messages
from events.registrations.errors import AlreadyRegistered, InvalidTransition, RegistrationClosed
from events.registrations.models import Attendee, Registration
from events.registrations.selectors import confirmed_seats, waitlist


def lock_session_for_seats(session_pk) -> Session:
    """Take the session's row lock; every change to its seats goes through here."""
    return Session.objects.select_for_update().select_related("stop__mission").get(pk=session_pk)


def _has_room(session, seats) -> bool:
    return session.capacity is None or confirmed_seats(session) + seats <= session.capacity


def _next_waitlist_number(session) -> int:
    last = (
        Registration.objects.filter(session=session, waitlist_number__isnull=False)
        .order_by("-waitlist_number")
        .values_list("waitlist_number", flat=True)
        .first()
    )
    return (last or 0) + 1


def _clean_attendees(session, attendees) -> list[dict]:
    if not attendees:
        raise ValidationError({"attendees": _("Name at least one attendee.")})
    if len(attendees) > session.attendees_per_company:
        raise ValidationError(
            {
                "attendees": _("This session admits at most %(limit)d attendees per company.")
                % {"limit": session.attendees_per_company}
            }
        )
    cleaned, seen = [], set()
    for number, attendee in enumerate(attendees, start=1):
        name = (attendee.get("full_name") or "").strip()
        email = (attendee.get("email") or "").strip()
        if not name:
            raise ValidationError({"attendees": _("Attendee %(n)d needs a name.") % {"n": number}})
        try:
            validate_email(email)
        except ValidationError:
            raise ValidationError(
                {"attendees": _("Attendee %(n)d needs a valid email address.") % {"n": number}}
            ) from None
        if email.lower() in seen:
            raise ValidationError({"attendees": _("%(email)s is listed twice.") % {"email": email}})
        seen.add(email.lower())
        cleaned.append({"full_name": name, "email": email, "job_title": (attendee.get("job_title") or "").strip()})
    return cleaned


def _may_act_for(user, organization, session) -> bool:
    representative = getattr(user, "representative", None)
    acts_for_company = representative is not None and representative.organization_id == organization.pk
    return acts_for_company or is_organiser(user, session.stop.mission)


def _notify(registration, kind) -> None:
    enqueue_email(messages.registration_email(registration, kind))


def register_company(session, *, acting_user, organization, attendees, now=None) -> Registration:
    """Register a company's named attendees for a session, one seat each.

    Open sessions confirm while seats remain and waitlist after; approval sessions hold the request
    for an organiser. Locks the session row. Raises ValidationError (per field), RegistrationClosed,
    AlreadyRegistered or PermissionDeniedError, and then writes nothing.
    """
    now = now or timezone.now()
    attendees = _clean_attendees(session, attendees)
    if not _may_act_for(acting_user, organization, session):
        raise PermissionDeniedError(_("You can only register your own company."))
    try:
        with transaction.atomic():
            session = lock_session_for_seats(session.pk)
            if not session.registration_is_open(now):
                raise RegistrationClosed(field="session")
            if Registration.objects.filter(
                session=session, organization=organization, status__in=Registration.ACTIVE_STATUSES
            ).exists():
                raise AlreadyRegistered(field="session")
            registration = Registration(
                session=session, organization=organization, registered_by=acting_user, seats=len(attendees)
            )
            if session.registration_mode == Session.RegistrationMode.APPROVAL:
                registration.status = Registration.Status.PENDING
            elif _has_room(session, registration.seats):
                registration.status = Registration.Status.CONFIRMED
            else:
                registration.status = Registration.Status.WAITLISTED
                registration.waitlist_number = _next_waitlist_number(session)
            registration.save()
            Attendee.objects.bulk_create(Attendee(registration=registration, **person) for person in attendees)
            _notify(registration, registration.status)
    except IntegrityError as error:
        # The unique rule on active registrations caught a double submit that raced past the check.
        raise AlreadyRegistered(field="session") from error
    return registration


def promote_waitlist(session) -> list[Registration]:
    """Confirm waitlisted registrations in order while their seats fit; call with the session locked.

    Strictly first come, first served: a large registration at the head is not skipped for a smaller one.
    """
    promoted = []
    free_seats = None if session.capacity is None else session.capacity - confirmed_seats(session)
    for registration in waitlist(session).select_for_update():
        if free_seats is not None and registration.seats > free_seats:
            break
        if free_seats is not None:
            free_seats -= registration.seats
        registration.status = Registration.Status.CONFIRMED
        registration.waitlist_number = None
        registration.save(update_fields=["status", "waitlist_number", "updated_at"])
        _notify(registration, "promoted")
        promoted.append(registration)
    return promoted


def _locked(registration, session):
    return Registration.objects.select_for_update().get(pk=registration.pk, session=session)


@transaction.atomic
def approve_registration(registration, *, acting_user) -> Registration:
    """Confirm a pending registration if its seats fit, else put it on the waitlist."""
    session = lock_session_for_seats(registration.session_id)
    require_organiser(acting_user, session.stop.mission)
    registration = _locked(registration, session)
    if registration.status != Registration.Status.PENDING:
        raise InvalidTransition(_("Only a registration awaiting approval can be approved."))
    if _has_room(session, registration.seats):
        registration.status = Registration.Status.CONFIRMED
        kind = "approved"
    else:
        registration.status = Registration.Status.WAITLISTED
        registration.waitlist_number = _next_waitlist_number(session)
        kind = "waitlisted"
    registration.save()
    _notify(registration, kind)
    return registration


@transaction.atomic
def decline_registration(registration, *, acting_user, reason="") -> Registration:
    session = lock_session_for_seats(registration.session_id)
    require_organiser(acting_user, session.stop.mission)
    registration = _locked(registration, session)
    if registration.status not in (Registration.Status.PENDING, Registration.Status.WAITLISTED):
        raise InvalidTransition(_("Only a pending or waitlisted registration can be declined."))
    registration.status = Registration.Status.DECLINED
    registration.waitlist_number = None
    registration.decision_reason = reason
    registration.save()
    _notify(registration, "declined")
    return registration


@transaction.atomic
def cancel_registration(registration, *, acting_user, reason="") -> Registration:
    """Cancel for the company or by an organiser; a freed seat promotes the waitlist, once."""
    session = lock_session_for_seats(registration.session_id)
    registration = _locked(registration, session)
    if not _may_act_for(acting_user, registration.organization, session):
        raise PermissionDeniedError(_("You can only cancel your own company's registrations."))
    if not registration.is_active:
        raise InvalidTransition(
            _("This registration is already %(status)s.") % {"status": registration.get_status_display()}
        )
    freed_seats = registration.status == Registration.Status.CONFIRMED
    registration.status = Registration.Status.CANCELLED
    registration.waitlist_number = None
    registration.decision_reason = reason
    registration.save()
    _notify(registration, "cancelled")
    if freed_seats:
        promote_waitlist(session)
    return registration


@transaction.atomic
def change_capacity(session, *, acting_user, capacity) -> Session:
    """Set a session's capacity; more room promotes the waitlist. Less room never unseats anyone."""
    session = lock_session_for_seats(session.pk)
    require_organiser(acting_user, session.stop.mission)
    if capacity is not None and capacity < 0:
        raise ValidationError({"capacity": _("Capacity cannot be negative.")})
    session.capacity = capacity
    session.save(update_fields=["capacity"])
    promote_waitlist(session)
    return session
