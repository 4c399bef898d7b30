"""A person's agenda: what they attend, in the local time of each place, from a fixed number of queries."""

import datetime as dt
from dataclasses import dataclass, field

from django.contrib.auth.models import AnonymousUser

from events.meetings.selectors import participants_of, published_meetings_of
from events.missions.models import Delegate, Session, Stop
from events.missions.selectors import organised_missions, visible_missions
from events.registrations.models import Registration


@dataclass(frozen=True)
class AgendaItem:
    kind: str  # "leg", "session" or "meeting"
    key: str  # stable across edits: the calendar UID is built from it
    title: str
    zone: str
    starts_at: dt.datetime | None = None
    ends_at: dt.datetime | None = None
    first_day: dt.date | None = None  # legs of the itinerary are whole days
    last_day: dt.date | None = None
    location: str = ""
    description: str = ""
    mission: str = ""
    counterpart: str = ""
    counterpart_details: tuple = field(default_factory=tuple)
    last_modified: dt.datetime | None = None
    sequence: int = 0

    @property
    def sort_key(self):
        if self.starts_at is not None:
            return (self.starts_at, 1, self.key)
        return (dt.datetime.combine(self.first_day, dt.time.min, tzinfo=dt.UTC), 0, self.key)


def _leg(stop) -> AgendaItem:
    place = ", ".join(part for part in (stop.city, stop.region, stop.country.name) if part)
    return AgendaItem(
        kind="leg",
        key=f"stop-{stop.pk}",
        title=str(place),
        zone=stop.time_zone,
        first_day=stop.start_date,
        last_day=stop.end_date,
        location=stop.venue or str(place),
        mission=stop.mission.title,
        last_modified=stop.updated_at,
    )


def _session(session) -> AgendaItem:
    stop = session.stop
    return AgendaItem(
        kind="session",
        key=f"session-{session.pk}",
        title=session.title,
        zone=stop.time_zone,
        starts_at=session.starts_at,
        ends_at=session.ends_at,
        location=", ".join(part for part in (session.venue, stop.city) if part),
        description=session.description,
        mission=stop.mission.title,
        last_modified=session.updated_at,
    )


def _meeting(meeting, mine) -> AgendaItem:
    request = meeting.request
    other = request.receiver if request.requester_id in mine else request.requester
    session = meeting.grid.session
    stop = session.stop
    details = _profile(other)
    return AgendaItem(
        kind="meeting",
        key=f"meeting-{meeting.uid}",
        title=str(other.name),
        zone=stop.time_zone,
        starts_at=meeting.slot.starts_at,
        ends_at=meeting.slot.ends_at,
        location=", ".join(part for part in (meeting.table.name, session.venue, stop.city) if part),
        description=session.title,
        mission=stop.mission.title,
        counterpart=str(other.name),
        counterpart_details=details,
        last_modified=meeting.version.published_at,
        sequence=meeting.version.number - 1,
    )


def _profile(participant) -> tuple:
    """What one side of a meeting should know of the other: a company's profile or a delegate's post."""
    if participant.organization_id:
        company = participant.organization
        return tuple(text for text in (company.city, company.website, company.description, company.offers) if text)
    delegate = participant.delegate
    return tuple(
        text for text in (delegate.job_title, delegate.organization.name if delegate.organization else "") if text
    )


def _sessions():
    return Session.objects.select_related("stop__mission")


def agenda_for(user) -> list[AgendaItem]:
    """Everything `user` attends, as a delegate, a company representative and an organiser, in time order."""
    if not user.is_authenticated:
        return []
    items = {}
    seats = set(Delegate.objects.filter(user=user).values_list("delegation__mission_id", flat=True))
    missions = seats | set(organised_missions(user).values_list("pk", flat=True))
    for stop in Stop.objects.filter(mission__in=seats).select_related("mission"):
        items[f"stop-{stop.pk}"] = _leg(stop)
    for session in _sessions().filter(stop__mission__in=missions).exclude(kind=Session.Kind.B2B_MEETINGS):
        items[f"session-{session.pk}"] = _session(session)
    representative = getattr(user, "representative", None)
    if representative is not None:
        registered = _sessions().filter(
            registrations__organization_id=representative.organization_id,
            registrations__status=Registration.Status.CONFIRMED,
        )
        for session in registered.exclude(kind=Session.Kind.B2B_MEETINGS):
            items[f"session-{session.pk}"] = _session(session)
    meetings = published_meetings_of(user).select_related(
        "version",
        "request__requester__organization",
        "request__receiver__organization",
        "request__requester__delegate__organization",
        "request__receiver__delegate__organization",
        "grid__session__stop__mission",
    )
    mine = set(participants_of(user).values_list("pk", flat=True))
    for meeting in meetings:
        items[f"meeting-{meeting.uid}"] = _meeting(meeting, mine)
    return sorted(items.values(), key=lambda item: item.sort_key)


def programme_of(mission) -> list[AgendaItem]:
    """A published mission's public programme: its legs and sessions."""
    stops = [_leg(stop) for stop in Stop.objects.filter(mission=mission).select_related("mission")]
    sessions = [_session(session) for session in _sessions().filter(stop__mission=mission)]
    return sorted(stops + sessions, key=lambda item: item.sort_key)


def public_mission(slug):
    """A mission anyone may see (published or closed), or None."""
    return visible_missions(AnonymousUser()).filter(slug=slug).first()
