from django.db import connection
from django.db.models import Case, Count, IntegerField, OuterRef, Q, QuerySet, Subquery, Sum, Value, When
from django.db.models.functions import Coalesce, Lower

from events.missions.models import Session
from events.missions.selectors import organised_missions
from events.registrations.models import Attendee, Registration
from events.registrations.signals import arrivals_wanted, cancellation_losses_wanted


def confirmed_seats(session) -> int:
    return (
        Registration.objects.filter(session=session, status=Registration.Status.CONFIRMED).aggregate(
            seats=Sum("seats")
        )["seats"]
        or 0
    )


def seat_counts(session) -> dict:
    """What deciding a new registration's seat reads, in one statement: {"confirmed": seats confirmed,
    "last_number": the highest waitlist number given (None before the first), "waiting": registrations
    waiting}. Waitlist numbers only grow, so a newcomer's place in line is waiting + 1.

    Written as SQL, where the rest of the app asks the ORM: it is the one statement every registration
    of a rush runs while holding its session's lock, and building it through the ORM cost 1.2 ms of
    the lock's 5 (the lock's length is what bounds a rush: bench_registration_rush). Plain SQL that
    PostgreSQL and SQLite both read; tests/registrations/test_seat_counts.py holds it to the ORM's answer.
    """
    status = Registration.Status
    sql = (
        "SELECT SUM(CASE WHEN status = %s THEN seats ELSE 0 END), MAX(waitlist_number),"
        " SUM(CASE WHEN status = %s THEN 1 ELSE 0 END)"
        f" FROM {Registration._meta.db_table} WHERE session_id = %s"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [status.CONFIRMED, status.WAITLISTED, session.pk])
        confirmed, last_number, waiting = cursor.fetchone()
    return {"confirmed": confirmed or 0, "last_number": last_number, "waiting": waiting or 0}


def waitlist(session) -> QuerySet[Registration]:
    """Waitlisted registrations in order of arrival: the first one is promoted first."""
    return Registration.objects.filter(session=session, status=Registration.Status.WAITLISTED).order_by(
        "waitlist_number"
    )


def with_waitlist_positions(registrations) -> QuerySet[Registration]:
    """Annotate `waitlist_position`: 1 for the next to be promoted, None when not on the waitlist.

    Positions are derived from the arrival numbers, so promotions never leave gaps to renumber.
    """
    ahead = (
        waitlist(OuterRef("session"))
        .filter(waitlist_number__lt=OuterRef("waitlist_number"))
        .order_by()
        .values("session")
        .annotate(count=Count("pk"))
        .values("count")
    )
    return registrations.annotate(
        waitlist_position=Case(
            When(status=Registration.Status.WAITLISTED, then=Coalesce(Subquery(ahead), Value(0)) + 1),
            default=None,
            output_field=IntegerField(),
        )
    )


def waitlist_position(registration) -> int | None:
    return (
        with_waitlist_positions(Registration.objects.filter(pk=registration.pk))
        .values_list("waitlist_position", flat=True)
        .get()
    )


def registrations_visible_to(user) -> QuerySet[Registration]:
    """Its own company's registrations for a representative, plus those of missions the user organises."""
    visible = Q(session__stop__mission__in=organised_missions(user))
    representative = getattr(user, "representative", None)
    if representative is not None:
        visible |= Q(organization_id=representative.organization_id)
    return _with_details(Registration.objects.filter(visible))


def registrations_for_organiser(user) -> QuerySet[Registration]:
    return _with_details(Registration.objects.filter(session__stop__mission__in=organised_missions(user)))


def _with_details(registrations) -> QuerySet[Registration]:
    return (
        with_waitlist_positions(registrations)
        .select_related("session", "session__stop", "organization", "registered_by")
        .prefetch_related("attendees", "organization__sectors", "answers__question")
        .order_by("session__starts_at", "created_at", "pk")
    )


def sessions_taking_registrations(mission, now):
    """The sessions of a mission a company can register for right now, in programme order."""
    sessions = (
        Session.objects.filter(stop__mission=mission)
        .exclude(registration_mode=Session.RegistrationMode.NONE)
        .select_related("stop", "stop__mission")
        .prefetch_related("questions")
        .order_by("starts_at", "pk")
    )
    return [session for session in sessions if session.registration_is_open(now)]


def seats_left_by_session(sessions) -> dict[int, int | None]:
    """The seats a newcomer may still take in each of `sessions`, by pk, in one query: None without a seat
    limit, 0 while anyone waits (nobody overtakes the waitlist, services._register) or when full."""
    counts = {
        row["session"]: row
        for row in Registration.objects.filter(
            session__in=sessions, status__in=[Registration.Status.CONFIRMED, Registration.Status.WAITLISTED]
        )
        .order_by()
        .values("session")
        .annotate(
            confirmed=Sum("seats", filter=Q(status=Registration.Status.CONFIRMED)),
            waiting=Count("pk", filter=Q(status=Registration.Status.WAITLISTED)),
        )
    }
    left = {}
    for session in sessions:
        row = counts.get(session.pk, {})
        if session.capacity is None:
            left[session.pk] = None
        elif row.get("waiting"):
            left[session.pk] = 0
        else:
            left[session.pk] = max(session.capacity - (row.get("confirmed") or 0), 0)
    return left


def active_registrations(organization, sessions) -> QuerySet[Registration]:
    """The company's registrations for any of `sessions` that hold or await a seat (pending, confirmed or
    waitlisted): at most one per session (one_active_registration_per_company)."""
    return Registration.objects.filter(
        organization=organization, session__in=sessions, status__in=Registration.ACTIVE_STATUSES
    )


def sessions_registered_by(organization, sessions) -> set[int]:
    """The pks of those of `sessions` the company holds an active registration for (one query)."""
    return set(active_registrations(organization, sessions).values_list("session", flat=True))


def session_headline(session) -> dict:
    """Counts an organiser reads first: seats taken and registrations by status."""
    counts = Registration.objects.filter(session=session).aggregate(
        confirmed_seats=Sum("seats", filter=Q(status=Registration.Status.CONFIRMED)),
        **{status: Count("pk", filter=Q(status=status)) for status in Registration.Status.values},
    )
    counts["confirmed_seats"] = counts["confirmed_seats"] or 0
    counts["capacity"] = session.capacity
    return counts


def attendances_of(user) -> QuerySet[Attendee]:
    """The attendees at `user`'s address of confirmed registrations: where they were invited, whoever registered
    them (events.agenda.contents finds people by their address the same way, whatever its case)."""
    if not user.is_authenticated:
        return Attendee.objects.none()
    return Attendee.objects.annotate(address=Lower("email")).filter(
        address=user.email.lower(), registration__status=Registration.Status.CONFIRMED
    )


def meeting_attendance(mission_id, address) -> Registration | None:
    """The first active registration (its session and organization loaded) naming `address` (any case) as an
    attendee at one of the mission's B2B meeting sessions, or None. One query."""
    return (
        Registration.objects.filter(
            session__stop__mission_id=mission_id,
            session__kind=Session.Kind.B2B_MEETINGS,
            status__in=Registration.ACTIVE_STATUSES,
            attendees__email__iexact=address,
        )
        .select_related("session", "organization")
        .order_by("pk")
        .first()
    )


def arrived_among(session, addresses) -> set[str]:
    """Those of `addresses` (any case; answered in lower case) who have checked in at `session`: the door is a
    higher app's, asked through signals.arrivals_wanted. One query whatever their number."""
    addresses = sorted({address.lower() for address in addresses if address})
    if not addresses:
        return set()
    answers = arrivals_wanted.send(sender=Attendee, session=session, addresses=addresses)
    return set().union(*(answer or () for _receiver, answer in answers))


def lost_with_cancellation(registration) -> list[tuple]:
    """[(what, starts_at, ends_at)] in time order: what cancelling `registration` also cancels, as the apps built on
    registrations answer signals.cancellation_losses_wanted (a company's one-to-one meetings at a B2B session)."""
    answers = cancellation_losses_wanted.send(sender=Registration, registration=registration)
    return sorted((loss for _receiver, losses in answers for loss in losses or ()), key=lambda loss: loss[1])
