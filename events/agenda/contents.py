"""The one answer to "what should this person's calendar hold now", across every role they have.

A person is an email address. They may attend a session for a company (a confirmed registration
names them), sit in a delegation (whose published programme they follow), and meet people
one-to-one (a published meeting of their company or of themselves as a delegate), all at once and
in any order. `calendar_entries_for` gives, for each address, every entry they should have, each
once by UID; sending is the difference from what they were last sent (events.agenda.invitations).
UIDs are the ones the feeds use, so an invitation and a feed entry are one event to a calendar.

Reads take a fixed number of queries, whatever the number of people.
"""

from collections import defaultdict

from django.conf import settings
from django.db.models import Q
from django.db.models.functions import Lower
from django.utils import translation
from django.utils.translation import gettext as _

from events.accounts.selectors import DEFAULT_LANGUAGE, language_of_address
from events.agenda.calendars import UID_DOMAIN
from events.agenda.invitations import Entry, Invitee
from events.agenda.models import Invitation
from events.meetings.models import Meeting, Participant, latest_version_id
from events.meetings.selectors import parties_of, people_speaking_for
from events.missions.models import Delegate, Mission, Session, mail_topic
from events.registrations.models import Attendee, Registration


def session_uid(session_id) -> str:
    return f"session-{session_id}@{UID_DOMAIN}"


def meeting_uid(uid) -> str:
    """The calendar UID of a meeting (by its `Meeting.uid`), in its invitations and in feeds."""
    return f"meeting-{uid}@{UID_DOMAIN}"


def is_meeting_uid(uid) -> bool:
    """Whether a calendar UID is a meeting's (meeting_uid), not a session's."""
    return uid.startswith("meeting-")


def session_scope(session_id) -> str:
    """What an invitation is about (a session, or a meeting in it): found again after the session is gone."""
    return f"session-{session_id}"


def _reminders(mission) -> tuple[int, ...]:
    return tuple(mission.reminder_minutes or ())


def _session_entry(session, invitees, *, invite) -> Entry:
    stop = session.stop
    return Entry(
        uid=session_uid(session.pk),
        scope=session_scope(session.pk),
        topic=mail_topic(stop.mission_id),
        kind="session",
        starts_at=session.starts_at,
        ends_at=session.ends_at,
        zone=stop.time_zone,
        location=session.calendar_location,
        mission=stop.mission.title,
        details=session.description,
        invitees=invitees,
        reminder_minutes=_reminders(stop.mission),
        invite=invite,
        sequence=session.sequence,
        revised_at=session.revised_at,
    )


def _hold(held, email, entry, invitee) -> None:
    """One entry per UID: a role that is mailed invitations wins over one that only gets reminders."""
    current = held[email].get(entry.uid)
    if current is None or (entry.invite and not current[0].invite):
        held[email][entry.uid] = (entry, invitee)


def _language(user) -> str:
    return getattr(user, "language", "") or DEFAULT_LANGUAGE


def _in_every_language(words) -> tuple[tuple[str, str], ...]:
    """(code, what `words()` reads in that language) for each language of the site: an entry's title as
    it would have been sent in any of them (Invitee.titles)."""
    said = []
    for code in dict(settings.LANGUAGES):
        with translation.override(code):
            said.append((code, str(words())))
    return tuple(said)


def _attended_sessions(emails, held) -> None:
    """Sessions a confirmed registration names the person for; B2B sessions show as their meetings."""
    attendees = (
        Attendee.objects.annotate(address=Lower("email"))
        .annotate(language=language_of_address("address", otherwise="registration__registered_by__language"))
        .filter(address__in=emails, registration__status=Registration.Status.CONFIRMED)
        .exclude(registration__session__kind=Session.Kind.B2B_MEETINGS)
        .select_related("registration__session__stop__mission")
    )
    attendees = list(attendees)
    colleagues = defaultdict(list)
    for colleague in Attendee.objects.filter(registration__in={a.registration_id for a in attendees}):
        colleagues[colleague.registration_id].append(colleague)
    titles = {}
    for attendee in attendees:
        registration = attendee.registration
        session, language = registration.session, attendee.language
        if session.pk not in titles:
            titles[session.pk] = _in_every_language(lambda session=session: session.title)
        # Titles and descriptions in the person's language (events/missions/translation.py), read here once:
        # the feed, the download and every invitation show what this entry says.
        with translation.override(language):
            said = {"language": language, "title": session.title, "titles": titles[session.pk]}
            invitees = tuple(
                Invitee(email=person.email.lower(), name=person.full_name, **said)
                for person in colleagues[registration.pk]
            )
            invitee = Invitee(email=attendee.address, name=attendee.full_name, **said)
            _hold(held, attendee.address, _session_entry(session, invitees, invite=True), invitee)


def _delegates(emails) -> list[Delegate]:
    return list(
        Delegate.objects.annotate(address=Delegate.calendar_address_in_sql())
        .filter(address__in=emails)
        .select_related("user", "delegation__mission")
    )


def _delegation_programmes(delegates, held) -> None:
    """A published mission's delegates follow its programme: reminders before each session, no invitation.

    A delegation of fifteen would otherwise get hundreds of invitations; they read the programme in
    their agenda and its feed.
    """
    seats = defaultdict(list)
    for delegate in delegates:
        if delegate.delegation.mission.status == Mission.Status.PUBLISHED:
            seats[delegate.delegation.mission_id].append(delegate)
    sessions = (
        Session.objects.filter(stop__mission__in=seats)
        .exclude(kind=Session.Kind.B2B_MEETINGS)
        .select_related("stop__mission")
    )
    for session in sessions:
        titles = _in_every_language(lambda session=session: session.title)
        for delegate in seats[session.stop.mission_id]:
            language = _language(delegate.user)
            with translation.override(language):
                invitee = Invitee(
                    email=delegate.address,
                    name=delegate.full_name,
                    language=language,
                    title=session.title,
                    titles=titles,
                )
                _hold(held, delegate.address, _session_entry(session, (invitee,), invite=False), invitee)


def _companies_attended(emails) -> set[tuple[int, int]]:
    """(organization, session) pairs of the meeting sessions where one of `emails` is a confirmed attendee."""
    attended = (
        Attendee.objects.annotate(address=Lower("email"))
        .filter(
            address__in=emails,
            registration__status=Registration.Status.CONFIRMED,
            registration__session__kind=Session.Kind.B2B_MEETINGS,
        )
        .values_list("registration__organization_id", "registration__session_id")
    )
    return set(attended)


def _meetings(emails, delegates, held) -> None:
    """The meetings of the latest published version of each grid in which the person sits."""
    companies = _companies_attended(emails)
    seat = Q(delegate__in=[delegate.pk for delegate in delegates])
    for organization_id, session_id in companies:
        seat |= Q(organization_id=organization_id, grid__session_id=session_id)
    participants = Participant.objects.filter(seat) if delegates or companies else Participant.objects.none()
    meetings = list(
        Meeting.objects.filter(version=latest_version_id())
        .filter(Q(request__requester__in=participants) | Q(request__receiver__in=participants))
        .select_related(
            "slot",
            "table",
            "grid__session__stop__mission",
            "request__requester__organization",
            "request__receiver__organization",
            "request__requester__delegate__user",
            "request__receiver__delegate__user",
        )
    )
    people = people_speaking_for(parties_of(meetings))
    for meeting in meetings:
        requester, receiver = meeting.request.requester, meeting.request.receiver
        sides = (_invitees(people[requester.pk], receiver), _invitees(people[receiver.pk], requester))
        for invitee in sides[0] + sides[1]:
            if invitee.email in held:
                # Each person's copy says the mission and session in their language.
                with translation.override(invitee.language):
                    _hold(held, invitee.email, _meeting_entry(meeting, sides[0] + sides[1]), invitee)


def _meeting_entry(meeting, invitees) -> Entry:
    session = meeting.grid.session
    stop = session.stop
    sequence, revised_at = meeting.calendar_revision
    return Entry(
        uid=meeting_uid(meeting.uid),
        scope=session_scope(session.pk),
        topic=mail_topic(stop.mission_id),
        kind="meeting",
        starts_at=meeting.slot.starts_at,
        ends_at=meeting.slot.ends_at,
        zone=stop.time_zone,
        location=meeting.calendar_location,
        mission=stop.mission.title,
        details=session.title,
        invitees=invitees,
        reminder_minutes=_reminders(stop.mission),
        sequence=sequence,
        revised_at=revised_at,
    )


def _invitees(people, other) -> tuple[Invitee, ...]:
    """The people of one side of a meeting as its invitees, each with the title in their language."""
    titles = _in_every_language(lambda: _("Meeting with %(name)s") % {"name": other.name})
    invitees = []
    for email, name, language in people:
        # A language the site does not speak reads the site's own, as translation.override would.
        title = dict(titles).get(language) or dict(titles)[settings.LANGUAGE_CODE]
        invitees.append(
            Invitee(email=email, name=name, language=language, title=title, counterpart=other.name, titles=titles)
        )
    return tuple(invitees)


def calendar_entries_for(emails) -> dict[str, dict[str, tuple[Entry, Invitee]]]:
    """For each address: {uid: (entry, that person as invitee)} of everything their calendar should hold."""
    emails = sorted({email.lower() for email in emails if email})
    held = {email: {} for email in emails}
    if not emails:
        return held
    delegates = _delegates(emails)
    _attended_sessions(emails, held)
    _delegation_programmes(delegates, held)
    _meetings(emails, delegates, held)
    return held


def entries_going_on(uids) -> set[str]:
    """The `uids` whose event still takes place, with or without the person it was dropped for: a session that
    exists, a meeting in its grid's latest published schedule. Two queries at most.

    A person's entry dropped while it goes on is an uninvitation (an address changed, a registration cancelled),
    not a cancellation of the event (invitations._send, RFC 5546 3.2.5)."""
    sessions, meetings = {}, {}
    for uid in uids:
        local = uid.partition("@")[0]
        kind, _dash, key = local.partition("-")
        if kind == "session" and key.isdigit():
            sessions[int(key)] = uid
        elif kind == "meeting" and key:
            meetings[key] = uid
    going_on = set()
    if sessions:
        going_on |= {sessions[pk] for pk in Session.objects.filter(pk__in=sessions).values_list("pk", flat=True)}
    if meetings:
        published = Meeting.objects.filter(version=latest_version_id(), uid__in=meetings).values_list("uid", flat=True)
        going_on |= {meetings[str(uid)] for uid in published}
    return going_on


def people_in_the_language_of(user) -> set[str]:
    """Every address whose calendar may speak `user`'s language: theirs, theirs as a delegate, and the attendees
    of the registrations they made (who read the language of who registered them, unless they have an account
    of their own: accounts.selectors.language_of_address; then their calendar finds nothing to change)."""
    delegates = Delegate.objects.filter(user=user).annotate(address=Delegate.calendar_address_in_sql())
    attendees = Attendee.objects.filter(
        registration__registered_by=user, registration__status=Registration.Status.CONFIRMED
    ).values_list(Lower("email"), flat=True)
    return {email for email in (user.email.lower(), *delegates.values_list("address", flat=True), *attendees) if email}


def people_of_sessions(session_ids) -> set[str]:
    """Everyone whose calendar a change to these sessions may touch: who attends them now, and who was sent them."""
    sessions = Session.objects.filter(pk__in=session_ids)
    attendees = Attendee.objects.filter(
        registration__session__in=sessions, registration__status=Registration.Status.CONFIRMED
    ).values_list(Lower("email"), flat=True)
    delegates = (
        Delegate.objects.filter(delegation__mission__stops__sessions__in=sessions)
        .annotate(address=Delegate.calendar_address_in_sql())
        .values_list("address", flat=True)
    )
    sent = Invitation.objects.filter(scope__in=[session_scope(pk) for pk in session_ids]).values_list(
        "email", flat=True
    )
    return {email for email in (*attendees, *delegates, *sent) if email}
