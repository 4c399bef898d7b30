from django.db.models import Count, Q, QuerySet, Sum

from events.missions.selectors import organised_missions
from events.registrations.models import Registration


def confirmed_seats(session) -> int:
    return (
        Registration.objects.filter(session=session, status=Registration.Status.CONFIRMED).aggregate(
            seats=Sum("seats")
        )["seats"]
        or 0
    )


def waitlist(session) -> QuerySet[Registration]:
    """Waitlisted registrations in order of arrival: the first one is promoted first."""
    return Registration.objects.filter(session=session, status=Registration.Status.WAITLISTED).order_by(
        "waitlist_number"
    )


def waitlist_position(registration) -> int | None:
    """1 for the next registration to be promoted; None when not on the waitlist."""
    if registration.status != Registration.Status.WAITLISTED:
        return None
    return waitlist(registration.session_id).filter(waitlist_number__lt=registration.waitlist_number).count() + 1


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
        registrations.select_related("session", "session__stop", "organization", "registered_by")
        .prefetch_related("attendees", "organization__sectors")
        .order_by("session__starts_at", "created_at", "pk")
    )


def session_headline(session) -> dict:
    """Counts an organiser reads first: seats taken and registrations by status."""
    counts = Registration.objects.filter(session=session).aggregate(
        confirmed_seats=Sum("seats", filter=Q(status=Registration.Status.CONFIRMED)),
        **{status: Count("pk", filter=Q(status=status)) for status in Registration.Status.values},
    )
    counts["confirmed_seats"] = counts["confirmed_seats"] or 0
    counts["capacity"] = session.capacity
    return counts
