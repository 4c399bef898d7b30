"""Registration for sessions: seats that cannot be oversold, a waitlist promoted in order, mail on commit.

Every operation that can take or free a seat locks the session row (the row whose capacity shrinks),
re-reads the seats taken, then decides; two requests for the last seat are serialised by PostgreSQL.
A new registration locks late: what does not depend on the seat is written before the lock, so that
a rush waits on it only for the decisions. Messages are outbox rows in the same transaction, written
by a worker after commit.
"""

import functools
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Case, Max, Value, When
from django.utils import timezone
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from events.core.errors import ApplicationError, ConflictError, PermissionDeniedError
from events.core.locks import hold_keys, hold_mission_roles
from events.core.models import clean_value
from events.core.signals import announce_address_moved, announce_attendance_changed, announcements_left_to_worker
from events.missions.models import Representative, Session
from events.missions.selectors import is_organiser
from events.missions.services import require_organiser
from events.notifications.services import enqueue_email, enqueue_emails
from events.registrations import messages, selectors
from events.registrations.errors import AlreadyRegistered, InvalidTransition, RegistrationClosed, SessionOver
from events.registrations.models import Answer, Attendee, Question, Registration
from events.registrations.selectors import confirmed_seats, seat_counts, waitlist
from events.registrations.signals import registration_changed
from events.registrations.transitions import explain_refusal
from events.registrations.validation import (
    clean_answer,
    clean_answers,
    clean_attendees,
    delegate_refusal,
    delegates_among,
    other_company_refusal,
    people_named_around,
)


def announced_by_worker(service):
    """Run `service` inside announcements_left_to_worker: a service that holds the seat lock leaves the
    calendars to a worker. Put under @transaction.atomic, so the announcement is written in its transaction."""

    @functools.wraps(service)
    def wrapper(*args, **kwargs):
        with announcements_left_to_worker():
            return service(*args, **kwargs)

    return wrapper


def lock_session_for_seats(session_pk) -> Session:
    """Take the session's row lock and return the session with its stop and mission; every change to its
    seats goes through here (or through lock_seats_of).

    The session's row only: its stop's and mission's rows are every other session's too, and a
    registration for one session must not wait for another session's.
    """
    return Session.objects.select_for_update(of=("self",)).select_related("stop__mission").get(pk=session_pk)


# What deciding a new registration's seat reads of its session: read again under the lock, since an organiser
# may have changed any of them since the request read the session.
SEAT_DECISION_FIELDS = ("capacity", "registration_mode", "registration_opens_at", "registration_closes_at", "starts_at")


def lock_seats_of(session) -> Session:
    """lock_session_for_seats for a session the caller read already (with its stop and mission): takes the
    same lock, reads again only what a seat decision reads (and the mission's status) into `session`, and
    returns it. A registration in a rush waits on the lock with one short query, not a three-table read."""
    fresh = (
        Session.objects.select_for_update(of=("self",))
        .filter(pk=session.pk)
        .values(*SEAT_DECISION_FIELDS, "stop__mission__status")
        .get()
    )
    session.stop.mission.status = fresh.pop("stop__mission__status")
    for name, value in fresh.items():
        setattr(session, name, value)
    return session


def _has_room(session, seats, *, confirmed=None) -> bool:
    """Whether `seats` more fit the session; `confirmed`: the seats confirmed already, if the caller counted."""
    if session.capacity is None:
        return True
    return (confirmed_seats(session) if confirmed is None else confirmed) + seats <= session.capacity


def _next_waitlist_number(session) -> int:
    last = Registration.objects.filter(session=session).aggregate(last=Max("waitlist_number"))["last"]
    return (last or 0) + 1


def _may_act_for(user, organization, session) -> bool:
    representative = getattr(user, "representative", None)
    acts_for_company = representative is not None and representative.organization_id == organization.pk
    return acts_for_company or is_organiser(user, session.stop.mission)


def _company_contacts(registration, registered_by) -> list:
    """Whom a registration's status is mailed to: whoever registered, when they represent the company (the common
    case, read from the user already loaded); else, an organiser having registered on the company's behalf, the
    company's representatives, who were told nothing of their waitlist place or seat; else (none left) whoever
    registered, if their account is still there."""
    representative = getattr(registered_by, "representative", None) if registered_by is not None else None
    if representative is not None and representative.organization_id == registration.organization_id:
        return [registered_by]
    representatives = [
        represented.user
        for represented in Representative.objects.filter(organization_id=registration.organization_id)
        .select_related("user")
        .order_by("pk")
    ]
    return representatives or ([registered_by] if registered_by is not None else [])


def tell_session_removed(session) -> int:
    """The organisers are removing `session` (missions.signals.session_removing): each company registered for it,
    waiting on its list or for approval is mailed that they cancelled it, at its contacts (_company_contacts),
    written now, before the registrations go with the session. Their attendees' calendars are told apart (the
    CANCEL). Returns the number of messages."""
    emails = []
    for registration in (
        Registration.objects.filter(session=session, status__in=Registration.ACTIVE_STATUSES)
        .select_related("session__stop__mission", "registered_by__representative", "organization")
        .order_by("pk")
    ):
        for told in _company_contacts(registration, registration.registered_by):
            emails.append(messages.registration_email(registration, "session_cancelled", recipient=told))
    enqueue_emails([(email, None) for email in emails])
    return len(emails)


def _notify(registration, kind, *, recipient=None, people=None, new=False) -> None:
    """Say what changed, inside the seat lock: the company's message as an intent (written by the worker when
    sent), the apps built on registrations at once, the attendees' calendars by a worker after commit.

    `recipient` (the registered_by user) and `people` (the attendees' addresses) when the caller has them,
    and `new` for a registration just created, so that a new registration reads nothing more here.
    """
    for told in _company_contacts(registration, recipient or registration.registered_by):
        enqueue_email(messages.registration_intent(registration, kind, recipient=told), new_record=new)
    # First the apps built on registrations (a meeting session's participants), then the calendars.
    registration_changed.send(sender=Registration, registration=registration)
    # A confirmed registration puts the session (or, for a meeting session, the company's meetings) in its
    # attendees' calendars; any other status takes them out, unless another role keeps them there. Inside
    # announcements_left_to_worker (every service that locks the session): followed after commit.
    if people is None:
        people = [attendee.email for attendee in registration.attendees.all()]
    announce_attendance_changed(Registration, people=people)


def _register(session, *, acting_user, organization, attendees, answers, now) -> Registration:
    """Write one registration in the caller's transaction, locking its session late.

    What does not depend on the seat is written first: the registration, awaiting its decision, with its
    attendees and answers. Then the session's row lock, and under it only the decision: is registration
    open, do the seats fit, the registration's status, its message. In a rush, every registration waits
    on that lock, so the rate is set by what happens under it (bench_registration_rush).

    Another active registration of the company for the session stops the first write: the database's
    unique rule (one_active_registration_per_company) says so before any lock is taken. A person another
    company named first is refused before anything is written (_claim_people).
    """
    named = _claim_people(session, organization, [person["email"] for person in attendees], field="attendees")
    registration = Registration(
        session=session,
        organization=organization,
        registered_by=acting_user,
        seats=len(attendees),
        status=Registration.Status.PENDING,
    )
    try:
        registration.save()
    except IntegrityError as error:
        raise AlreadyRegistered(field="session") from error
    people = Attendee.objects.bulk_create(Attendee(registration=registration, **person) for person in attendees)
    _one_name_per_address(named, people)
    given = [Answer(registration=registration, question=question, value=value) for question, value in answers if value]
    if given:
        Answer.objects.bulk_create(given)

    lock_seats_of(session)
    if not session.registration_is_open(now):
        raise RegistrationClosed(field="session")
    # Registered when decided: the lock orders the decisions, and "registered at" must agree with who got a
    # seat and the waitlist's order (the first write's time is in the order the requests arrived, not that).
    registration.created_at = registration.updated_at = timezone.now()
    position = None
    if session.registration_mode != Session.RegistrationMode.APPROVAL:
        seats = seat_counts(session)  # its own row awaits a decision: counted neither as a seat nor as waiting
        # Nobody overtakes the line: while anyone waits (a company of three behind a single free seat), a
        # newcomer waits behind them, as promote_waitlist serves them, first come, first served.
        if not seats["waiting"] and _has_room(session, registration.seats, confirmed=seats["confirmed"]):
            registration.status = Registration.Status.CONFIRMED
        else:
            registration.status = Registration.Status.WAITLISTED
            registration.waitlist_number, position = (seats["last_number"] or 0) + 1, seats["waiting"] + 1
    Registration.objects.filter(pk=registration.pk).update(
        status=registration.status,
        waitlist_number=registration.waitlist_number,
        created_at=registration.created_at,
        updated_at=registration.updated_at,
    )
    # Loaded as a read would load it (selectors.registrations_visible_to), so the response reads nothing more.
    registration.waitlist_position = position
    registration._prefetched_objects_cache = {
        "attendees": _already_read(registration.attendees, people),
        "answers": _already_read(registration.answers, given),
    }
    _notify(
        registration,
        registration.status,
        recipient=acting_user,
        people=[person["email"] for person in attendees],
        new=True,
    )
    return registration


def _one_name_per_address(named, people) -> None:
    """One address is one person in the company's registrations for the mission (substitute_attendee): the name a
    new registration gives them holds in the company's other rows for that address too (`named`, as _claim_people
    read them), whatever its case. A helper's "Marc Reed-Jr" at a second session left "Marcus Reed" at the first:
    two doors' lists, two names for one badge. No query when the names agree (a rush), one otherwise; the
    calendars of `people` are brought up to date by the registration's own announcement (_notify)."""
    given = {person.email.lower(): person.full_name for person in people}
    renamed = {pk: given[address] for pk, address, full_name in named if full_name != given[address]}
    if renamed:
        name = Case(*(When(pk=pk, then=Value(full_name)) for pk, full_name in renamed.items()))
        Attendee.objects.filter(pk__in=renamed).update(full_name=name)


def _already_read(manager, rows):
    """`manager`'s queryset holding `rows` as if prefetched (Django's prefetch_related stores the same)."""
    queryset = manager.get_queryset()
    queryset._result_cache, queryset._prefetch_done = list(rows), True
    return queryset


# The first key of the advisory locks on (session, person): a number of our own (agenda's PERSON_LOCK is 90_001).
ATTENDANCE_LOCK = 90_002


def _claim_people(session, organization, addresses, *, field) -> list[tuple]:
    """Refuse (ValidationError on `field`) an address of a delegate of the session's mission at a B2B meeting
    session, or of a person another company named first for `session`. Returns the rows by which `organization`
    already names these addresses in the mission, [(attendee pk, address, full name)], read by the same query
    (validation.people_named_around): _one_name_per_address needs them, and a rush no query more.

    Race-free, and outside the session's lock, which only the seat decision holds: on PostgreSQL each
    (session, address) is held by a transaction-level advisory lock (core.locks.hold_keys), so of two
    companies naming one person at once the second reads the first's committed attendee before it goes on
    (validation.attending_for_other_companies); at a B2B meeting session, each (mission, address) too, which
    the roster's services hold as they add a delegate (core.locks.hold_mission_roles). SQLite serialises
    writers anyway.
    """
    typed = {address.lower(): address for address in reversed(addresses)}  # each as first typed
    emails = sorted(typed)
    hold_keys(ATTENDANCE_LOCK, [f"{session.pk}:{email}" for email in emails])
    if session.kind == Session.Kind.B2B_MEETINGS:
        hold_mission_roles(session.stop.mission_id, emails)
    if delegates := delegates_among(emails, [session]):
        raise ValidationError({field: delegate_refusal(delegates[min(delegates, key=emails.index)])})
    elsewhere, named = people_named_around(emails, [session], organization, mission_id=session.stop.mission_id)
    if elsewhere:
        email = min(elsewhere, key=emails.index)
        raise ValidationError({field: other_company_refusal(typed[email], elsewhere[email])})
    return named


def register_company(session, *, acting_user, organization, attendees, answers=None, now=None) -> Registration:
    """Register a company's named attendees for a session, one seat each.

    Open sessions confirm while seats remain and waitlist after; approval sessions hold the request
    for an organiser. Locks the session row. Raises ValidationError (per field), RegistrationClosed,
    AlreadyRegistered or PermissionDeniedError, and then writes nothing. Returns the registration with
    its attendees, answers and waitlist_position loaded, as selectors.registrations_visible_to reads it.
    """
    now = now or timezone.now()
    attendees = clean_attendees(attendees, sessions=[session])
    cleaned_answers = clean_answers([session], answers)[session.pk]
    if not _may_act_for(acting_user, organization, session):
        raise PermissionDeniedError(_("You can only register your own company."))
    try:
        with transaction.atomic(), announcements_left_to_worker():
            return _register(
                session,
                acting_user=acting_user,
                organization=organization,
                attendees=attendees,
                answers=cleaned_answers,
                now=now,
            )
    except IntegrityError as error:
        # The unique rule on active registrations caught a double submit that raced past the check.
        raise AlreadyRegistered(field="session") from error


def register_company_for_sessions(
    sessions, *, acting_user, organization, attendees, answers=None, now=None
) -> list[Registration]:
    """Register the same attendees for several sessions of a mission (or all of them), all or nothing.

    Sessions are locked in a fixed order so that two companies registering for overlapping sets
    cannot deadlock. A refusal names the session it concerns.
    """
    now = now or timezone.now()
    sessions = sorted(sessions, key=lambda session: session.pk)
    if not sessions:
        raise ValidationError({"sessions": _("Choose at least one session.")})
    cleaned_attendees = clean_attendees(attendees, sessions=sessions)
    cleaned_answers = clean_answers(sessions, answers)
    if not all(_may_act_for(acting_user, organization, session) for session in sessions):
        raise PermissionDeniedError(_("You can only register your own company."))
    try:
        with transaction.atomic(), announcements_left_to_worker():
            registrations = []
            for session in sessions:
                try:
                    registrations.append(
                        _register(
                            session,
                            acting_user=acting_user,
                            organization=organization,
                            attendees=cleaned_attendees,
                            answers=cleaned_answers[session.pk],
                            now=now,
                        )
                    )
                except ApplicationError as error:
                    raise type(error)(f"{session.title}: {error.message}", field="sessions") from error
            return registrations
    except IntegrityError as error:
        raise AlreadyRegistered(field="sessions") from error


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


def _locked(registration, session, now=None):
    """The registration, locked, for a change; refused (SessionOver) once its session has ended."""
    if session.has_ended(now or timezone.now()):
        raise SessionOver()
    return Registration.objects.select_for_update().get(pk=registration.pk, session=session)


@transaction.atomic
@announced_by_worker
def approve_registration(registration, *, acting_user, now=None) -> Registration:
    """Confirm a pending registration if its seats fit, else put it on the waitlist. Raises SessionOver
    once the session has ended."""
    session = lock_session_for_seats(registration.session_id)
    require_organiser(acting_user, session.stop.mission)
    registration = _locked(registration, session, now)
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
@announced_by_worker
def decline_registration(registration, *, acting_user, reason="", now=None) -> Registration:
    """Decline a pending or waitlisted registration. Raises SessionOver once the session has ended."""
    reason = clean_value(Registration, "decision_reason", reason, error_key="reason")
    session = lock_session_for_seats(registration.session_id)
    require_organiser(acting_user, session.stop.mission)
    registration = _locked(registration, session, now)
    if registration.status not in (Registration.Status.PENDING, Registration.Status.WAITLISTED):
        raise InvalidTransition(_("Only a pending or waitlisted registration can be declined."))
    registration.status = Registration.Status.DECLINED
    registration.waitlist_number = None
    registration.decision_reason = reason
    registration.save()
    _notify(registration, "declined")
    return registration


@transaction.atomic
@announced_by_worker
def cancel_registration(registration, *, acting_user, reason="", now=None) -> Registration:
    """Cancel for the company or by an organiser; a freed seat promotes the waitlist, once. Raises
    SessionOver once the session has ended."""
    reason = clean_value(Registration, "decision_reason", reason, error_key="reason")
    session = lock_session_for_seats(registration.session_id)
    if not _may_act_for(acting_user, registration.organization, session):
        raise PermissionDeniedError(_("You can only cancel your own company's registrations."))
    registration = _locked(registration, session, now)
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


# The decisions an organiser takes on one registration or many at once, by name (pages and API).
DECISIONS = ("approve", "decline", "cancel")
# The registrations one bulk decision may name (pages and API): each is decided under its own lock.
MAX_BULK_DECISIONS = 500


def decide(registration, decision, *, acting_user, reason="", now=None) -> Registration:
    """Approve, decline or cancel one registration by the decision's name."""
    _require_decision(decision)
    if decision == "approve":
        return approve_registration(registration, acting_user=acting_user, now=now)
    if decision == "decline":
        return decline_registration(registration, acting_user=acting_user, reason=reason, now=now)
    return cancel_registration(registration, acting_user=acting_user, reason=reason, now=now)


def _require_decision(decision) -> None:
    if decision not in DECISIONS:
        raise ValidationError({"action": _("Choose approve, decline or cancel.")})


@dataclass(frozen=True)
class Decided:
    """One registration of a bulk decision: as the decision left it, or as the service found it when it refused
    (`refusal` then says why, and what to do instead)."""

    registration: Registration
    refusal: str | None = None


def decide_each(registrations, decision, *, acting_user, reason="", now=None) -> list[Decided]:
    """`decide` on each registration in turn, each in its own transaction: a refusal leaves the others decided.

    A registration whose status does not allow the decision is refused in the words of
    transitions.explain_refusal; any other domain refusal (SessionOver, PermissionDeniedError) with its own
    message. A ValidationError (the decision's name, the reason) is raised before any registration changes."""
    _require_decision(decision)
    reason = clean_value(Registration, "decision_reason", reason, error_key="reason")
    outcomes = []
    for registration in registrations:
        try:
            outcomes.append(Decided(decide(registration, decision, acting_user=acting_user, reason=reason, now=now)))
        except InvalidTransition:
            registration.refresh_from_db(fields=["status"])  # the status the service refused, not the one read
            outcomes.append(Decided(registration, explain_refusal(registration, decision)))
        except ApplicationError as error:
            outcomes.append(Decided(registration, str(error.message)))
    return outcomes


@transaction.atomic
@announced_by_worker
def change_capacity(session, *, acting_user, capacity) -> Session:
    """Set a session's capacity; more room promotes the waitlist. Less room never unseats anyone.

    Raises ValidationError {"capacity": ...} outside the field's bounds, and then writes nothing."""
    session = lock_session_for_seats(session.pk)
    require_organiser(acting_user, session.stop.mission)
    # The session's own field holds the bounds (1 to MAX_CAPACITY, or none): one rule for pages, API and admin.
    session.capacity = clean_value(Session, "capacity", capacity)
    session.save(update_fields=["capacity"])
    promote_waitlist(session)
    return session


def _save_question(question, fields, acting_user):
    session = fields.get("session") or question.session
    require_organiser(acting_user, session.stop.mission)
    kind = question.kind
    for name, value in fields.items():
        setattr(question, name, value)
    question.full_clean()
    if question.pk:
        _refuse_misread_answers(question, field="kind" if question.kind != kind else "choices")
    question.save()
    return question


def _refuse_misread_answers(question, *, field) -> None:
    """Every answer given already must read the same under the changed question (validation.clean_answer): a
    long-text question made yes-or-no read every answer as "No" on the organisers' page and in the exports.
    Rewording, a new choice, text to long text stay possible. Raises ValidationError on `field`."""
    for value in question.answers.exclude(value="").values_list("value", flat=True).distinct().iterator():
        try:
            same = clean_answer(question, value) == value
            error = ""
        except ValidationError as refused:
            same, error = False, refused.messages[0]
        if not same:
            message = _("Companies have answered this question already, and the answer “%(answer)s” would not fit it.")
            raise ValidationError(
                {field: " ".join(filter(None, [message % {"answer": Truncator(value).chars(60)}, error]))}
            )


@transaction.atomic
def add_question(*, acting_user, question=None, **fields) -> Question:
    """Ask registering companies a question; `question` is an unsaved one already filled (the admin's form)."""
    return _save_question(question or Question(), fields, acting_user)


@transaction.atomic
def update_question(question, *, acting_user, **fields) -> Question:
    require_organiser(acting_user, question.session.stop.mission)
    return _save_question(question, fields, acting_user)


@transaction.atomic
def remove_question(question, *, acting_user) -> None:
    """Remove a question nobody has answered yet.

    One that companies have answered is refused (ValidationError on "asked"): deleting it took their answers
    from the registrations page and the exports without a word. It is retired instead (asked=False), as
    pretalx keeps answered questions: the form stops asking it and its answers stay.
    """
    require_organiser(acting_user, question.session.stop.mission)
    if refusal := question_removal_refusal(question):
        raise ValidationError({"asked": refusal})
    question.delete()


def question_removal_refusal(question) -> str:
    """Why remove_question refuses `question` (companies answered it, and how to stop asking it instead), or ""."""
    answered = question.answers.exclude(value="").values("registration").distinct().count()
    if not answered:
        return ""
    message = ngettext(
        "%(count)d registration has answered this question. Stop asking it instead (untick “asked”): "
        "its answers stay on the registrations page and in the exports.",
        "%(count)d registrations have answered this question. Stop asking it instead (untick “asked”): "
        "their answers stay on the registrations page and in the exports.",
        answered,
    )
    return message % {"count": answered}


def attendance_follows_the_account(*, old, new) -> None:
    """An account's address moved from `old` to `new` (accounts.signals.address_changed): the attendee rows that
    name `old` are that person's, whichever company named them, and now name `new`, so that their invitations,
    reminders, badge and check-ins (core.signals.address_moved) follow them, as a delegate's roster address
    does. A registration that names `new` already keeps its row for `old` (two rows are not merged). Runs in the
    caller's transaction; the agenda is told by the account's own announcement."""
    rows = Attendee.objects.filter(email__iexact=old).exclude(
        registration__in=Attendee.objects.filter(email__iexact=new).values("registration")
    )
    missions = set(rows.values_list("registration__session__stop__mission_id", flat=True))
    if rows.update(email=new.lower()):
        announce_address_moved(Attendee, missions=missions, old=old, new=new)


def _named_already(registration, email, *, besides) -> str:
    """Why `email` cannot name the attendee `besides` of `registration`: another of its attendees has it (any case);
    else ""."""
    if registration.attendees.exclude(pk=besides.pk).filter(email__iexact=email).exists():
        return _("%(email)s is already an attendee of this registration.") % {"email": email}
    return ""


@transaction.atomic
def change_attendee_email(attendee, *, acting_user, email) -> Attendee:
    """Correct an attendee's address (one that bounced, say): in every registration of their company in the
    mission that names them at it, since the address is the person's there (their badge follows it); returns
    the attendee.

    For the company's representatives and the mission's organisers (the organisers' registrations page
    offers it today). An address equal but for case changes nothing. The person's calendar moves with
    the address: the new one receives the current invitation of each entry they attend (and their
    reminders), once; the old one is told once that each entry is no longer in its calendar, without calling the
    event off (agenda.messages: no STATUS:CANCELLED), and nothing more (its mail is suppressed if it is
    unreachable).
    Raises ValidationError {"email": ...} for an invalid address or a delegate's at a B2B meeting session of
    their mission (validation.delegates_among), PermissionDeniedError for others.
    """
    related = ("registration__session__stop__mission", "registration__organization")
    attendee = Attendee.objects.select_related(*related).get(pk=attendee.pk)
    registration = attendee.registration
    if not _may_act_for(acting_user, registration.organization, registration.session):
        raise PermissionDeniedError(_("Only the company's representatives and the organisers can change this."))
    new = clean_value(Attendee, "email", (email or "").strip())
    old = attendee.email
    if new.lower() == old.lower():
        return attendee
    # The person's address for the company across the mission: corrected on one session only, their other
    # sessions named the old address, whose doors then turned away the badge that moved to the new one.
    same_person = (
        Attendee.objects.filter(
            registration__organization=registration.organization,
            registration__session__stop__mission=registration.session.stop.mission,
            email__iexact=old,
        )
        .select_related("registration__session__stop")
        .order_by("pk")
    )
    for row in same_person:
        if refusal := _named_already(row.registration, new, besides=row):
            raise ValidationError({"email": refusal})
        _claim_people(row.registration.session, registration.organization, [new], field="email")
    same_person.update(email=new)
    attendee.email = new
    # The move first: what follows it (badges, answers to invitations) is in place when the calendars are worked out.
    announce_address_moved(Attendee, missions=[registration.session.stop.mission_id], old=old, new=new)
    announce_attendance_changed(Attendee, people=[old, new])
    return attendee


def _refuse_substitution(registration, session, attendee, new, errors) -> None:
    """Raise what substitute_attendee refuses once its registration is locked: `errors` ({field: [messages]} from
    the fields' own checks) with the address's, all at once; else ConflictError "checked_in" when someone other
    than the person checked in (signals.arrivals_wanted) would take their place."""
    if new and (refusal := _named_already(registration, new, besides=attendee)):
        errors["email"] = [refusal]
    same_person = new.lower() == attendee.email.lower()
    if new and not same_person and "email" not in errors:
        try:
            _claim_people(session, registration.organization, [new], field="email")
        except ValidationError as refused:
            errors.update(refused.message_dict)
    if errors:
        raise ValidationError(errors)
    if not same_person and selectors.arrived_among(session, [attendee.email]):
        raise ConflictError(
            _("%(name)s has checked in at this session: they attended it, and nobody can take their place now.")
            % {"name": attendee.full_name},
            code="checked_in",
        )


def _clean_person(**fields) -> tuple[dict, dict]:
    """An attendee's fields (`full_name`, `email`, `job_title`) as the model accepts them, stripped: ({name:
    value} of those accepted, {name: [messages]} of those refused), so that a form shows every error at once."""
    cleaned, errors = {}, {}
    for name, value in fields.items():
        value = (value or "").strip()
        if not value and name in PERSON_NEEDS:
            errors[name] = [str(PERSON_NEEDS[name])]
            continue
        try:
            cleaned[name] = clean_value(Attendee, name, value)
        except ValidationError as error:
            errors.update(error.message_dict)
    return cleaned, errors


# What a field left empty says, for a person named on a form: "This field cannot be blank." twice in a form's
# error summary did not say which was which.
PERSON_NEEDS = {
    "full_name": _("Give the full name of the person who attends."),
    "email": _("Give the email address of the person who attends."),
}


@transaction.atomic
def substitute_attendee(attendee, *, acting_user, full_name, email, job_title="", now=None) -> Attendee:
    """Send another person in `attendee`'s place at their session: the row names the new person; the
    registration keeps its seat, status, answers and place on the waitlist. Returns the attendee.

    A person, not an address, changes (change_attendee_email corrects an address, and the badge, check-ins and
    certificates follow that): the new person gets the session's invitation and reminders and enters on a badge
    of their own; the one replaced gets the invitation's cancellation (iTIP CANCEL), and their badge no longer
    opens this session's door, though a check-in already made stays theirs, as do their other sessions. The same
    address under another name is the same person: their name (and their job title, unless left blank) is
    corrected wherever the company names them in the mission, and nothing is cancelled.

    For the company's representatives and the mission's organisers, while the registration is active, its
    session has not ended and the person replaced has not checked in at it (then they attended: ConflictError
    "checked_in"). Raises ValidationError {"full_name"|"email"|"job_title": ...} (every field refused,
    and for an address already in the registration, a delegate's at a B2B meeting session, or a person another
    company named for the session: services._claim_people), PermissionDeniedError, InvalidTransition or
    SessionOver; then changes nothing.
    """
    attendee = Attendee.objects.select_related("registration__session__stop__mission").get(pk=attendee.pk)
    registration, session = attendee.registration, attendee.registration.session
    if not _may_act_for(acting_user, registration.organization, session):
        raise PermissionDeniedError(_("Only the company's representatives and the organisers can change this."))
    person, errors = _clean_person(full_name=full_name, email=email, job_title=job_title)
    # Locked in the order every seat decision takes (the session, then the registration): a cancellation or a
    # promotion at the same moment is decided before or after the change, never beside it.
    lock_session_for_seats(session.pk)
    registration = _locked(registration, session, now)
    if not registration.is_active:
        raise InvalidTransition(
            _("This registration is %(status)s: nobody attends it.") % {"status": registration.get_status_display()}
        )
    old, new = attendee.email, person.get("email", "")
    _refuse_substitution(registration, session, attendee, new, errors)
    if new.lower() != old.lower():
        # The row names the newcomer; the job title is theirs as given (none, not their predecessor's).
        Attendee.objects.filter(pk=attendee.pk).update(email=new, job_title=person["job_title"])
    # One address is one person in the company's registrations for the mission: their name as given last, and their
    # job title where one is given (a blank one keeps each row's own), whichever row was changed.
    named = {"full_name": person["full_name"], **({"job_title": person["job_title"]} if person["job_title"] else {})}
    the_person = Attendee.objects.filter(
        registration__organization=registration.organization,
        registration__session__stop__mission=session.stop.mission,
        email__iexact=new,
    )
    if not the_person.exclude(**named).update(**named) and new.lower() == old.lower():
        return attendee  # nothing changed: nobody is told anything
    attendee.refresh_from_db(fields=["full_name", "email", "job_title"])
    # The company hears of a change the organisers made (its own representative knows what they did).
    for told in _company_contacts(registration, registration.registered_by):
        if told != acting_user:
            enqueue_email(messages.registration_intent(registration, "substituted", recipient=told))
    announce_attendance_changed(Attendee, people={old, new})
    return attendee
