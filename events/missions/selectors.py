"""Read queries for missions: who may see what, with the joins each screen needs."""

from collections import OrderedDict
from dataclasses import dataclass, field
from datetime import date

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.db.models import Case, Exists, IntegerField, OuterRef, Prefetch, Q, QuerySet, Value, When
from django.http import Http404

from events.missions.models import (
    Delegate,
    Delegation,
    Mission,
    Organization,
    ProcurementPriority,
    Representative,
    Sector,
    Session,
    Stop,
)
from events.missions.signals import SessionNote, session_notes
from events.missions.time_zones import local_date

# A delegation's priorities as its page shows them: the sector and who owns each, whatever their number.
PRIORITIES_WITH_OWNERS = ProcurementPriority.objects.select_related("sector").prefetch_related("owners")

PUBLIC_STATUSES = (Mission.Status.PUBLISHED, Mission.Status.CLOSED)

# A roster reads head of delegation first, then members, then interpreters and staff.
ROSTER_ORDER = Case(
    *(When(role=role, then=Value(rank)) for rank, role in enumerate(Delegate.Role.values)),
    output_field=IntegerField(),
)


def is_organiser(user, mission) -> bool:
    if not user.is_authenticated:
        return False
    if user.is_superuser:
        return True
    return mission.organisers.filter(pk=user.pk).exists()


@dataclass(frozen=True)
class Roles:
    """What a person is on the site, so that each page (the header first) offers them only their own ways in."""

    representative: bool = False  # acts for a company: its profile, registrations and meetings
    delegate: bool = False  # sits on a delegation: meetings to answer
    organiser: bool = False  # organises missions, or may create them


def roles_of(user) -> Roles:
    """`user`'s roles, in one query (none for a visitor)."""
    if not user.is_authenticated:
        return Roles()
    may_create_missions = Permission.objects.filter(
        Q(user=OuterRef("pk")) | Q(group__user=OuterRef("pk")),
        content_type__app_label="missions",
        codename="add_mission",
    )
    found = (
        get_user_model()
        .objects.filter(pk=user.pk)
        .annotate(
            is_representative=Exists(Representative.objects.filter(user=OuterRef("pk"))),
            is_delegate=Exists(Delegate.objects.filter(user=OuterRef("pk"))),
            organises=Exists(Mission.objects.filter(organisers=OuterRef("pk"))) | Exists(may_create_missions),
        )
        .values("is_representative", "is_delegate", "organises")
        .get()
    )
    return Roles(
        representative=found["is_representative"],
        delegate=found["is_delegate"],
        organiser=user.is_superuser or found["organises"],
    )


def visible_missions(user) -> QuerySet[Mission]:
    """Published and closed missions for everyone; drafts and archives for their organisers."""
    missions = Mission.objects.all()
    if user.is_authenticated and user.is_superuser:
        return missions
    if user.is_authenticated:
        return missions.filter(Q(status__in=PUBLIC_STATUSES) | Q(organisers=user)).distinct()
    return missions.filter(status__in=PUBLIC_STATUSES)


def is_public(mission) -> bool:
    """Whether anyone may see `mission`, signed in or not (its public page and programme feed)."""
    return mission.status in PUBLIC_STATUSES


def is_visible_to(user, mission) -> bool:
    """Whether visible_missions(user) holds `mission`, for a mission already loaded: no query unless it is a
    draft or an archive (then: does `user` organise it)."""
    return is_public(mission) or is_organiser(user, mission)


def organised_missions(user) -> QuerySet[Mission]:
    if user.is_superuser:
        return Mission.objects.all()
    return Mission.objects.filter(organisers=user)


def organised_session_or_404(user, pk, **filters) -> Session:
    """The session `pk` (with its stop and mission) if `user` organises its mission and it matches `filters`
    (kind=...); Http404 otherwise, as organised_mission_or_404."""
    sessions = Session.objects.filter(stop__mission__in=organised_missions(user), **filters)
    session = sessions.select_related("stop__mission").filter(pk=pk).first()
    if session is None:
        raise Http404
    return session


def organised_mission_or_404(user, slug, *, related=()) -> Mission:
    """The mission `slug` if `user` organises it (with `related` select_related); Http404 otherwise, the
    same for a mission that does not exist, so an organiser's page tells a stranger nothing of it."""
    mission = organised_missions(user).filter(slug=slug).select_related(*related).first()
    if mission is None:
        raise Http404
    return mission


def missions_for_listing(user) -> QuerySet[Mission]:
    return (
        visible_missions(user)
        .select_related("sponsor")
        .prefetch_related("sectors", "implementers", Prefetch("stops", queryset=Stop.objects.order_by("order")))
        .order_by("start_date", "title")
    )


def sectors() -> QuerySet[Sector]:
    return Sector.objects.order_by("name")


def sector_labels(names) -> dict[str, str]:
    """{English name: the sector's name in the active language} for sectors named by their English name
    (as figures name them), in one query; a name no sector has is left out."""
    return {sector.name: sector.label for sector in Sector.objects.filter(name__in=set(names))}


def organizations() -> QuerySet[Organization]:
    return Organization.objects.prefetch_related("sectors").order_by("name")


def stops_for(user) -> QuerySet[Stop]:
    return (
        Stop.objects.filter(mission__in=visible_missions(user))
        .select_related("mission")
        .order_by("mission__start_date", "mission_id", "order")
    )


def sessions_for(user) -> QuerySet[Session]:
    return (
        Session.objects.filter(stop__mission__in=visible_missions(user))
        .select_related("stop", "stop__mission")
        .prefetch_related("sectors", "questions")
        .order_by("starts_at", "title")
    )


def delegations_for(user) -> QuerySet[Delegation]:
    return (
        Delegation.objects.filter(mission__in=visible_missions(user))
        .select_related("mission")
        .prefetch_related(Prefetch("priorities", queryset=PRIORITIES_WITH_OWNERS))
        .order_by("mission_id", "name")
    )


def delegates_for(user) -> QuerySet[Delegate]:
    return (
        Delegate.objects.filter(delegation__mission__in=visible_missions(user))
        .select_related("delegation", "delegation__mission", "organization")
        .prefetch_related("sectors")
        .order_by("delegation_id", ROSTER_ORDER, "full_name")
    )


def delegate_names_by_address(mission_ids, addresses) -> dict[str, str]:
    """{address: delegate's name} for the delegates of `mission_ids` whose calendar address is one of
    `addresses` (compared in lower case, as Delegate.calendar_address is). One query; none without addresses."""
    addresses = {address.lower() for address in addresses if address}
    if not addresses or not mission_ids:
        return {}
    return dict(
        Delegate.objects.filter(delegation__mission_id__in=mission_ids)
        .annotate(address=Delegate.calendar_address_in_sql())
        .filter(address__in=addresses)
        .order_by("pk")
        .values_list("address", "full_name")
    )


@dataclass
class ProgrammeDay:
    """The sessions of one local calendar day at one stop."""

    day: date
    stop: Stop
    sessions: list = field(default_factory=list)


def mission_page(slug, user) -> Mission:
    """The mission with everything its page shows, in a fixed number of queries."""
    return (
        visible_missions(user)
        .select_related("sponsor")
        .prefetch_related(
            "sectors",
            "implementers",
            Prefetch(
                "stops",
                queryset=Stop.objects.order_by("order").prefetch_related(
                    Prefetch("sessions", queryset=Session.objects.order_by("starts_at").prefetch_related("sectors"))
                ),
            ),
            Prefetch(
                "delegations",
                queryset=Delegation.objects.prefetch_related(
                    Prefetch(
                        "delegates",
                        queryset=Delegate.objects.select_related("organization")
                        .prefetch_related("sectors")
                        .order_by(ROSTER_ORDER, "full_name"),
                    ),
                    Prefetch("priorities", queryset=PRIORITIES_WITH_OWNERS),
                ),
            ),
        )
        .get(slug=slug)
    )


def programme_by_day(mission) -> list[ProgrammeDay]:
    """Group a prefetched mission's sessions by the local day of the stop they happen at."""
    days: OrderedDict = OrderedDict()
    for stop in mission.stops.all():
        for session in stop.sessions.all():
            day = local_date(session.starts_at, stop.time_zone)
            days.setdefault((day, stop.pk), ProgrammeDay(day=day, stop=stop)).sessions.append(session)
    return sorted(days.values(), key=lambda programme_day: (programme_day.day, programme_day.stop.order))


def session_ids_open_for_registration(mission, now) -> set[int]:
    """The ids of the sessions of a mission_page() mission a company may register for at `now`.

    It reads the sessions mission_page() already fetched, so it costs no query, and applies the one rule,
    Session.registration_is_open, that the registrations app applies when it takes a registration.
    """
    return {
        session.pk
        for stop in mission.stops.all()
        for session in stop.sessions.all()
        if session.registration_is_open(now)
    }


def programme_notes(mission, *, user, now) -> dict[int, SessionNote]:
    """What the apps built on missions say to `user` of each session of a mission_page() mission
    (signals.session_notes_wanted: seats left, their company's registration), by session pk.

    Each session also carries its note as `session.note` (None when nothing is said), for the page.
    """
    sessions = [session for stop in mission.stops.all() for session in stop.sessions.all()]
    notes = session_notes(sessions, user=user, now=now)
    for session in sessions:
        session.note = notes.get(session.pk)
    return notes


def session_ids_to_offer(mission, notes, *, now) -> set[int]:
    """The ids of the sessions of a mission_page() mission to offer registration for: open at `now`, and
    not registered already by the reader's company (`notes`, from programme_notes)."""
    return {pk for pk in session_ids_open_for_registration(mission, now) if not (pk in notes and notes[pk].registered)}


def organised_mission_ids(user) -> set[int]:
    if not user.is_authenticated:
        return set()
    return set(organised_missions(user).values_list("pk", flat=True))


# How each object of a programme reaches its mission, by the relation it holds.
_TOWARDS_MISSION = ("mission", "stop", "session", "delegation", "grid", "registration")


def mission_of(obj) -> Mission:
    """The mission an object belongs to: a mission, stop, session, delegation, delegate, or anything
    built on them with one of those relations (a question, a meeting grid, a meeting)."""
    while not isinstance(obj, Mission):
        relation = next(name for name in _TOWARDS_MISSION if hasattr(obj, name))
        obj = getattr(obj, relation)
    return obj
