"""What is in whose calendar: published meetings and confirmed registrations as invitation entries.

UIDs are the ones the feeds use, so an invitation and a feed entry for the same meeting are one
event to a calendar that has both.
"""

from django.utils import translation
from django.utils.translation import gettext as _

from events.agenda.calendars import UID_DOMAIN
from events.agenda.invitations import Entry, Invitee, sync
from events.meetings.models import Meeting
from events.missions.models import Delegate, Mission, Session
from events.registrations.models import Registration

DEFAULT_LANGUAGE = "en"


def sync_published_schedule(version) -> dict[str, int]:
    """Invite to every meeting of a newly published version; update moved ones, cancel dropped ones."""
    return sync(f"grid-{version.grid_id}", meeting_entries(version))


def sync_registration(registration) -> dict[str, int]:
    """Invite a confirmed registration's attendees to its session; cancel when it is no longer confirmed."""
    return sync(f"registration-{registration.pk}", registration_entries(registration))


def sync_delegation_programme(mission) -> dict[str, int]:
    """Remind a published mission's delegates before each session of its programme.

    Delegates follow the programme in their agenda and its feed, so no invitation is mailed for each
    session (a delegation of fifteen would get hundreds of them); they get the reminders.
    """
    return sync(f"programme-{mission.pk}", programme_entries(mission))


def programme_entries(mission) -> list[Entry]:
    if mission.status != Mission.Status.PUBLISHED:
        return []
    delegates = Delegate.objects.filter(delegation__mission=mission).select_related("user")
    people = [person for person in map(_delegate_person, delegates) if person]
    if not people:
        return []
    sessions = Session.objects.filter(stop__mission=mission).exclude(kind=Session.Kind.B2B_MEETINGS)
    return [
        _session_entry(
            session,
            mission,
            tuple(Invitee(email=e, name=n, language=lang, title=session.title) for e, n, lang in people),
            invite=False,
        )
        for session in sessions.select_related("stop")
    ]


def _session_entry(session, mission, invitees, *, invite=True) -> Entry:
    stop = session.stop
    return Entry(
        uid=f"session-{session.pk}@{UID_DOMAIN}",
        kind="session",
        starts_at=session.starts_at,
        ends_at=session.ends_at,
        zone=stop.time_zone,
        location=", ".join(part for part in (session.venue, stop.city) if part),
        mission=mission.title,
        details=session.description,
        invitees=invitees,
        reminder_minutes=_reminders(mission),
        invite=invite,
    )


def _delegate_person(delegate) -> tuple[str, str, str] | None:
    """(email, name, language) of a delegate, from their account when they have one; None without an email."""
    user = delegate.user
    email = user.email if user else delegate.email
    language = (user.language if user else "") or DEFAULT_LANGUAGE
    return (email, delegate.full_name, language) if email else None


def _reminders(mission) -> tuple[int, ...]:
    return tuple(mission.reminder_minutes or ())


def registration_entries(registration) -> list[Entry]:
    session = registration.session
    # In a meeting session people attend their meetings, and each meeting is invited to on its own.
    if registration.status != Registration.Status.CONFIRMED or session.kind == Session.Kind.B2B_MEETINGS:
        return []
    language = getattr(registration.registered_by, "language", "") or DEFAULT_LANGUAGE
    invitees = tuple(
        Invitee(email=attendee.email, name=attendee.full_name, language=language, title=session.title)
        for attendee in registration.attendees.all()
    )
    return [_session_entry(session, session.stop.mission, invitees)]


def meeting_entries(version) -> list[Entry]:
    meetings = list(
        Meeting.objects.filter(version=version).select_related(
            "slot",
            "table",
            "request__requester__organization",
            "request__receiver__organization",
            "request__requester__delegate__user",
            "request__receiver__delegate__user",
        )
    )
    session = version.grid.session
    stop = session.stop
    people = _company_people(session)
    entries = []
    for meeting in meetings:
        requester, receiver = meeting.request.requester, meeting.request.receiver
        invitees = _people_of(requester, receiver, people) + _people_of(receiver, requester, people)
        entries.append(
            Entry(
                uid=f"meeting-{meeting.uid}@{UID_DOMAIN}",
                kind="meeting",
                starts_at=meeting.slot.starts_at,
                ends_at=meeting.slot.ends_at,
                zone=stop.time_zone,
                location=", ".join(part for part in (meeting.table.name, session.venue, stop.city) if part),
                mission=stop.mission.title,
                details=session.title,
                invitees=invitees,
                reminder_minutes=_reminders(stop.mission),
            )
        )
    return entries


def _company_people(session) -> dict[int, list[tuple[str, str, str]]]:
    """(email, name, language) of the attendees of each company confirmed for the session."""
    registrations = Registration.objects.filter(session=session, status=Registration.Status.CONFIRMED).select_related(
        "registered_by"
    )
    people = {}
    for registration in registrations.prefetch_related("attendees"):
        language = getattr(registration.registered_by, "language", "") or DEFAULT_LANGUAGE
        people[registration.organization_id] = [
            (attendee.email, attendee.full_name, language) for attendee in registration.attendees.all()
        ]
    return people


def _people_of(participant, other, company_people) -> tuple[Invitee, ...]:
    if participant.organization_id:
        people = company_people.get(participant.organization_id, [])
    else:
        person = _delegate_person(participant.delegate)
        people = [person] if person else []
    invitees = []
    for email, name, language in people:
        with translation.override(language):
            title = _("Meeting with %(name)s") % {"name": other.name}
        invitees.append(Invitee(email=email, name=name, language=language, title=title, counterpart=other.name))
    return tuple(invitees)
