"""A person's agenda: what they attend, in the local time of each place, from a fixed number of queries."""

import datetime as dt
import hashlib
from dataclasses import dataclass, field, replace

from django.contrib.auth.models import AnonymousUser
from django.db.models import Count, Exists, Max, OuterRef, Q, Subquery, Sum

from events.agenda.calendars import UID_DOMAIN
from events.agenda.contents import meeting_uid
from events.agenda.models import FeedToken, Invitation
from events.meetings.models import Meeting, Participant
from events.meetings.selectors import meetings_attended_by, participants_attended_by
from events.missions.models import Delegate, Session, Stop
from events.missions.selectors import organised_missions, visible_missions
from events.registrations.models import Registration
from events.registrations.selectors import attendances_of


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
    def uid(self) -> str:
        """Its calendar UID, the same in the feed, a download and its invitations."""
        return f"{self.key}@{UID_DOMAIN}"

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
        location=session.calendar_location,
        description=session.description,
        mission=stop.mission.title,
        # The session's own revision, the one its invitations carry (events.agenda.contents).
        last_modified=session.revised_at,
        sequence=session.sequence,
    )


def _other_side(meeting) -> int:
    request = meeting.request
    return request.receiver_id if meeting.requested_by_me else request.requester_id


def _meeting(meeting, other) -> AgendaItem:
    """A meeting seen from one side (`requested_by_me`, annotated); `other` is the participant across the table."""
    session = meeting.grid.session
    stop = session.stop
    details = _profile(other)
    sequence, revised_at = meeting.calendar_revision
    return AgendaItem(
        kind="meeting",
        key=f"meeting-{meeting.uid}",
        title=str(other.name),
        zone=stop.time_zone,
        starts_at=meeting.slot.starts_at,
        ends_at=meeting.slot.ends_at,
        location=meeting.calendar_location,
        description=session.title,
        mission=stop.mission.title,
        counterpart=str(other.name),
        counterpart_details=details,
        last_modified=revised_at,
        sequence=sequence,
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


def _seats(user):
    """The missions the user has a seat in, as a subquery."""
    return Delegate.objects.filter(user=user).values("delegation__mission_id")


def _stops_of_seats(user):
    return Stop.objects.filter(mission__in=_seats(user)).select_related("mission")


def _attended_sessions(user):
    """Sessions of the missions the user is a delegate of or organises, and those a confirmed registration names
    them for (whoever registered them: what they were invited to). Not every session their company attends: a
    representative who sends colleagues, or whom a colleague replaced, was sent no invitation to it, or its
    cancellation, and their calendar must not say otherwise; the company's registrations have their own page.

    One query, with the rest as subqueries. A one-to-one meeting session shows as the person's meetings in it,
    except to its organisers, who run the whole afternoon and have no meetings of their own in it.
    """
    organised = Q(stop__mission__in=organised_missions(user).values("pk"))
    named = attendances_of(user).values("registration__session_id")
    attended = Q(stop__mission__in=_seats(user)) | Q(pk__in=named)
    return _sessions().filter(organised | (attended & ~Q(kind=Session.Kind.B2B_MEETINGS)))


def _meetings(user) -> list[AgendaItem]:
    """The user's published meetings, each with the profile of the other side.

    Two narrow queries rather than one join of seventeen tables: PostgreSQL spent 15 ms planning that
    join for a 1 ms execution, on every agenda and every feed request.
    """
    meetings = list(
        Meeting.objects.filter(pk__in=meetings_attended_by(user).values("pk"))
        .select_related("version", "slot", "table", "request", "grid__session__stop__mission")
        .annotate(requested_by_me=Exists(participants_attended_by(user).filter(pk=OuterRef("request__requester_id"))))
    )
    others = Participant.objects.select_related("organization", "delegate__organization").in_bulk(
        {_other_side(meeting) for meeting in meetings}
    )
    return [_meeting(meeting, others[_other_side(meeting)]) for meeting in meetings]


def agenda_for(user) -> list[AgendaItem]:
    """Everything `user` attends, as a delegate, a company representative and an organiser, in time order."""
    if not user.is_authenticated:
        return []
    legs = [_leg(stop) for stop in _stops_of_seats(user)]
    sessions = [_session(session) for session in _attended_sessions(user)]
    items = _with_own_revisions(user, sessions + _meetings(user))
    return sorted(legs + items, key=lambda item: item.sort_key)


def _with_own_revisions(user, items) -> list[AgendaItem]:
    """`items` with the revisions their entry had for this person alone (Invitation.own_revisions: invited again
    after a cancellation), so that the feed and a download say the SEQUENCE of the person's last invitation; a
    calendar holding that invitation took a download one behind for an older copy. One query."""
    own = dict(_own_revisions(user).filter(uid__in={item.uid for item in items}).values_list("uid", "own_revisions"))
    return [replace(item, sequence=item.sequence + own[item.uid]) if item.uid in own else item for item in items]


def _own_revisions(user):
    return Invitation.objects.filter(email=user.email.lower(), own_revisions__gt=0)


def agenda_fingerprint(user) -> str:
    """A digest that changes whenever agenda_for(user) would, read without loading every session.

    Legs and meetings are few and read whole: meetings show tables, slots and delegates, which keep no
    time of change. Sessions are the many; their items are made of the session, its stop and its
    mission, each of which stamps updated_at on every save, so the set is signed by its size, the sum of
    its ids and the latest of those stamps. What moves a session in or out of the set shows too: a seat
    changes the legs, a registration stamps its own updated_at, and the missions organised are listed.
    """
    if not user.is_authenticated:
        return ""
    own_registration = Registration.objects.filter(session=OuterRef("pk"), organization__representatives__user=user)
    sessions = (
        _attended_sessions(user)
        .annotate(registered_at=Subquery(own_registration.values("updated_at")[:1]))
        .aggregate(
            sessions_count=Count("pk"),
            sessions_id_sum=Sum("pk"),
            sessions_changed=Max("updated_at"),
            stops_changed=Max("stop__updated_at"),
            missions_changed=Max("stop__mission__updated_at"),
            registrations_changed=Max("registered_at"),
        )
    )
    organised = sorted(organised_missions(user).values_list("pk", flat=True))
    legs = [_leg(stop) for stop in _stops_of_seats(user)]
    # Invited again after a cancellation: the same sessions, one revision up for this person (_with_own_revisions).
    own = sorted(_own_revisions(user).values_list("uid", "own_revisions"))
    signed = repr((sorted(sessions.items()), organised, legs, _meetings(user), own))
    return hashlib.sha256(signed.encode()).hexdigest()


def programme_of(mission) -> list[AgendaItem]:
    """A published mission's public programme: its legs and sessions."""
    stops = [_leg(stop) for stop in Stop.objects.filter(mission=mission).select_related("mission")]
    sessions = [_session(session) for session in _sessions().filter(stop__mission=mission)]
    return sorted(stops + sessions, key=lambda item: item.sort_key)


def public_mission(slug):
    """A mission anyone may see (published or closed), or None."""
    return visible_missions(AnonymousUser()).filter(slug=slug).first()


def live_feed_of(user) -> FeedToken | None:
    """The user's calendar feed link that still works, if any (at most one: a constraint says so)."""
    return FeedToken.objects.filter(user=user, revoked_at__isnull=True).first()


def answers_to_meetings(uids) -> dict[str, dict[str, str]]:
    """{meeting uid: {email: answer}} of the invitations to these meetings still standing, in one query.

    The shape events.meetings.signals.rsvp_answers_wanted asks for: `uids` are `Meeting.uid` values.
    """
    calendar_uids = {meeting_uid(uid): str(uid) for uid in uids}
    answers: dict[str, dict[str, str]] = {}
    invitations = Invitation.objects.filter(uid__in=calendar_uids, cancelled=False).values_list(
        "uid", "email", "answer"
    )
    for uid, email, answer in invitations:
        answers.setdefault(calendar_uids[uid], {})[email.lower()] = answer
    return answers
