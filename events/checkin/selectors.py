"""Who may enter a session, who a badge belongs to, and who has arrived: each in a fixed number of queries."""

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.contrib.auth import get_user_model
from django.db.models import Q, QuerySet
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy

from events.checkin.models import Badge, BadgePrint, CheckIn, CheckInStaff
from events.core.text import folded
from events.missions.models import Delegate, Mission, Session
from events.missions.selectors import is_organiser
from events.registrations.models import Attendee, Registration


@dataclass(frozen=True)
class Holder:
    """Who a badge belongs to, as printed on it and shown at the door. `role` is one of ROLES."""

    email: str
    name: str
    organization: str
    role: str


ATTENDEE, DELEGATE, ORGANISER = "attendee", "delegate", "organiser"
# Not a role: someone who arrived and is no longer on the list since (their registration cancelled, say).
LEFT = "left"
ROLES = (ORGANISER, DELEGATE, ATTENDEE)  # the first that applies is printed
# As the badge prints a role and the door page and its export show it.
ROLE_LABELS = {
    ORGANISER: gettext_lazy("Organiser"),
    DELEGATE: gettext_lazy("Delegate"),
    ATTENDEE: gettext_lazy("Attendee"),
    LEFT: gettext_lazy("No longer on the list"),
}


def may_check_in(user, mission) -> bool:
    """A mission's organisers and the check-in staff they named for it."""
    if is_organiser(user, mission):
        return True
    return user.is_authenticated and CheckInStaff.objects.filter(mission=mission, user=user).exists()


def check_in_staff_of(mission) -> QuerySet[CheckInStaff]:
    """The people `mission`'s organisers named to check people in there, by address (one query)."""
    return CheckInStaff.objects.filter(mission=mission).select_related("user").order_by(Lower("user__email"))


def account_with_email(email):
    """The active account whose address is `email`, whatever its case (addresses are unique regardless of
    case), or None: an organiser names check-in staff by the address they know."""
    return get_user_model().objects.filter(email__iexact=(email or "").strip(), is_active=True).first()


# Doors open before a session starts (people queue for their badge) and close when it ends: a scan outside those
# hours is a phone left on another day's door page, or a badge shown early, and checks nobody in.
DOOR_OPENS_BEFORE = timedelta(hours=2)


def door_hours(session) -> tuple[datetime, datetime]:
    """(opens, closes), aware: from DOOR_OPENS_BEFORE its start until its end, both included."""
    return session.starts_at - DOOR_OPENS_BEFORE, session.ends_at


def door_notice(session, now) -> dict[str, datetime | None]:
    """What the door page says of its hours at `now`: {"door_opens": when, while it is not open yet;
    "door_closed": when, once it has closed}; both None while it is open."""
    opens, closes = door_hours(session)
    return {"door_opens": opens if now < opens else None, "door_closed": closes if closes < now else None}


def session_at_the_door(user, pk) -> Session | None:
    """The session `pk` (its stop and mission loaded) if `user` may check people in at it, else None: pages and
    the API answer 404 alike, so a scanner learns nothing of other missions' sessions."""
    session = Session.objects.select_related("stop__mission").filter(pk=pk).first()
    return session if session is not None and may_check_in(user, session.stop.mission) else None


def holders_for_session(session) -> dict[str, Holder]:
    """Everyone who may enter `session` now, by lower-case address: its confirmed attendees, the
    mission's delegates and its organisers (three queries)."""
    return _holders(session.stop.mission, registration__session=session)


def holders_for_mission(mission) -> dict[str, Holder]:
    """Everyone with a role in `mission` now: any session's confirmed attendees, its delegates, its organisers."""
    return _holders(mission, registration__session__stop__mission=mission)


def missions_where_held(missions, email) -> set[int]:
    """Those of `missions` (ids) in which `email` holds a role now (holders_for_mission's roles), three small
    queries a mission."""
    held = set()
    for mission in Mission.objects.filter(pk__in=missions):
        if _holders(mission, registration__session__stop__mission=mission, only=email):
            held.add(mission.pk)
    return held


def holder_at_session(session, email) -> Holder | None:
    """Who `email` is at `session` if they may enter it now, else None: holders_for_session for one person,
    in at most three small queries (what a scan asks, whatever the size of the session)."""
    return _holders(session.stop.mission, registration__session=session, only=email).get(email.lower())


def _holders(mission, only=None, **attending) -> dict[str, Holder]:
    holders: dict[str, Holder] = {}
    organisers = mission.organisers.all()
    delegates = Delegate.objects.filter(delegation__mission=mission).annotate(
        address=Delegate.calendar_address_in_sql()
    )
    attendees = Attendee.objects.filter(registration__status=Registration.Status.CONFIRMED, **attending).annotate(
        address=Lower("email")
    )
    if only is not None:
        only = only.lower()
        organisers = organisers.filter(email__iexact=only)
        delegates = delegates.filter(address=only)
        attendees = attendees.filter(address=only)
    for user in organisers:
        holders[user.email.lower()] = Holder(user.email.lower(), user.full_name or user.email, "", ORGANISER)
    delegates = delegates.select_related("delegation", "organization").order_by("pk")
    for delegate in delegates:
        if delegate.address and delegate.address not in holders:
            organization = delegate.organization.name if delegate.organization_id else delegate.delegation.name
            holders[delegate.address] = Holder(delegate.address, delegate.full_name, organization, DELEGATE)
    for attendee in attendees.select_related("registration__organization").order_by("pk"):
        if attendee.address not in holders:
            organization = attendee.registration.organization.name
            holders[attendee.address] = Holder(attendee.address, attendee.full_name, organization, ATTENDEE)
    return holders


@dataclass(frozen=True)
class ListEntry:
    holder: Holder
    badge_id: int | None
    checked_in_at: object  # datetime or None


def arrived_among(session, addresses) -> set[str]:
    """Those of `addresses` (lower case) checked in at `session`. One query."""
    entered = CheckIn.objects.filter(session=session, badge__email__in=list(addresses))
    return set(entered.values_list("badge__email", flat=True))


def check_in_list(session) -> list[ListEntry]:
    """The session's check-in list: who may enter, each with their badge and their arrival (five queries)."""
    holders = holders_for_session(session)
    badges = {badge.email: badge for badge in Badge.objects.filter(mission=session.stop.mission, email__in=holders)}
    arrived = {check_in.badge_id: check_in.checked_in_at for check_in in CheckIn.objects.filter(session=session)}
    entries = []
    # In the order a person reads a list in: Élodie between Bo and Omar, not after Zineb as by code point.
    for email, holder in sorted(holders.items(), key=lambda item: (folded(item[1].name), item[0])):
        badge = badges.get(email)
        entries.append(ListEntry(holder, badge.pk if badge else None, arrived.get(badge.pk) if badge else None))
    return entries


def arrivals(session) -> list[ListEntry]:
    """check_in_list, and after it those who arrived and are no longer on the list (a registration cancelled
    since, a delegate removed): an arrival happened, and the certificates and the report still count it. Named
    as their latest registration for the session named them (role LEFT); two queries more."""
    entries = check_in_list(session)
    listed = {entry.badge_id for entry in entries}
    left = list(
        CheckIn.objects.filter(session=session).exclude(badge_id__in=listed).select_related("badge").order_by("pk")
    )
    if not left:
        return entries
    named = {}
    for attendee in (
        Attendee.objects.filter(registration__session=session)
        .annotate(address=Lower("email"))
        .filter(address__in=[check_in.badge.email for check_in in left])
        .select_related("registration__organization")
        .order_by("registration__created_at", "pk")
    ):
        named[attendee.address] = (attendee.full_name, attendee.registration.organization.name)
    gone = []
    for check_in in left:
        email = check_in.badge.email
        name, organization = named.get(email, (email, ""))
        gone.append(ListEntry(Holder(email, name, organization, LEFT), check_in.badge_id, check_in.checked_in_at))
    return entries + sorted(gone, key=lambda entry: (folded(entry.holder.name), entry.holder.email))


def missions_with_a_badge(user) -> list[Mission]:
    """The missions `user` has a role in now, so a badge: the same three roles as holders_for_mission (an
    organiser, a delegate by their address, an attendee of a confirmed registration by their address), read
    for one person in one query."""
    if not user.is_authenticated or not user.email:
        return []
    address = user.email.lower()
    delegate = Delegate.objects.annotate(address=Delegate.calendar_address_in_sql()).filter(address=address)
    attendee = Attendee.objects.annotate(address=Lower("email")).filter(
        address=address, registration__status=Registration.Status.CONFIRMED
    )
    return list(
        Mission.objects.filter(
            Q(organisers=user)
            | Q(pk__in=delegate.values("delegation__mission_id"))
            | Q(pk__in=attendee.values("registration__session__stop__mission_id"))
        ).distinct()
    )


def badge_prints_of(mission, *, limit=10) -> list[BadgePrint]:
    """The mission's latest badge prints, newest first, with who asked for each (one query)."""
    return list(BadgePrint.objects.filter(mission=mission).select_related("requested_by")[:limit])


def badge_print_of(mission, pk) -> BadgePrint | None:
    """The badge print `pk` if it is one of `mission`'s, else None (the caller answers 404)."""
    return BadgePrint.objects.filter(mission=mission, pk=pk).select_related("mission").first()


def pending_badge_print(mission, layout) -> BadgePrint | None:
    """The print of `mission` in `layout` that is queued or building, if there is one (there is at most one)."""
    return BadgePrint.objects.filter(mission=mission, layout=layout, status__in=BadgePrint.PENDING).first()
