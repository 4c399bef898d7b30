"""What missions announce to, and ask of, the apps built on them, without importing them (DESIGN.md, "Layout").

roster_changed: sent inside the transaction that added, changed or removed a delegate, with
`mission_id`: one-to-one meeting sessions take the mission's delegates as participants from the start; and
`cancel_meetings` (bool), whether the organiser confirmed that a delegate whose new role meets no company
loses their meetings and requests (else the apps refuse the change: ValidationError on "role").

session_moved: sent inside update_session's transaction when a session's times or its stop changed, with
`session` (as saved) and `shift`, how far what is planned within it moves on the wall clock (a timedelta):
when both its ends moved by the same time, its new local start minus its old one, each read on its stop's
clock; otherwise none, since the session was resized (at one end, at both, or moved and resized at once)
and what lies within keeps its times.
What an app planned within the session follows it by that shift and fits it to the new ends (a meeting
grid's slots: events/meetings/receivers.py); a receiver that cannot follow raises ValidationError, and the
whole change is refused (events/checkin/receivers.py: arrivals its new times no longer cover).

session_notes_wanted is a question, not an announcement: the mission page (views.mission_detail) sends it
while it reads, and registrations, which knows seats, waitlists and who registered, replies from
`events/registrations/receivers.py`.

Arguments (keywords):
    sessions: the mission's sessions, as the page loaded them (their stop and mission with them).
    user: who reads the page (perhaps anonymous).
    now: the page's time, for rules that depend on it (is registration open).

Each receiver returns {session pk: SessionNote}, in a fixed number of queries whatever the number of
sessions, leaving out the sessions it has nothing to say of. With no receiver connected, the page shows
no note and offers registration for every open session.

delegate_address_refusals_wanted is a question too: add_delegate and update_delegate (events/missions/services.py)
send it inside their transaction when a delegate's calendar address is new to the roster, before anything is
announced, with `mission_id` and `address` (lower case). Each receiver returns why that person cannot be a
delegate of the mission (a message for the email field), or None; registrations answers when a company names
the address to attend one of the mission's B2B meeting sessions (one person on both sides of a meeting).
"""

from dataclasses import dataclass, fields, replace

from django.dispatch import Signal
from django.utils.translation import gettext as _

from events.missions.models import Delegate, Representative, Session

roster_changed = Signal()

session_moved = Signal()

session_notes_wanted = Signal()

delegate_address_refusals_wanted = Signal()

# Sent inside remove_session's transaction, with `session`, before the session and what hangs on it go: the apps
# built on it tell the people it had promised something (events/registrations/receivers.py: each company
# registered or waiting is mailed that the organisers cancelled it), or refuse by raising ValidationError, and
# nothing is removed (events/checkin/receivers.py: a session people checked in at is a record).
session_removing = Signal()

# Sent inside the transaction that saved it, with `organization_id` or `delegate_id`: the name of a party to
# meetings changed, whatever saved it. What carries the name ("Meeting with ..." in the other side's calendar)
# is revised by the app that writes it (events/meetings/receivers.py).
party_renamed = Signal()


@dataclass(frozen=True)
class SessionNote:
    """What an app built on missions says of one session to the person reading its mission page, in words."""

    seats: str = ""  # what a newcomer may still take ("3 seats left"); empty when there is nothing to say
    registration: str = ""  # the reader's company's registration for it ("Confirmed"); empty when none
    registration_status: str = ""  # that registration's status code, for the page's style

    @property
    def registered(self) -> bool:
        return bool(self.registration)


def session_notes(sessions, *, user, now) -> dict[int, SessionNote]:
    """{session pk: SessionNote} from whoever answers `session_notes_wanted`; what one says adds to another."""
    responses = session_notes_wanted.send(sender=Session, sessions=list(sessions), user=user, now=now)
    notes: dict[int, SessionNote] = {}
    for _receiver, response in responses:
        for pk, note in (response or {}).items():
            said = {item.name: value for item in fields(note) if (value := getattr(note, item.name))}
            notes[pk] = replace(notes.get(pk, SessionNote()), **said)
    return notes


def delegate_address_refusal(mission_id, address) -> str | None:
    """Why `address` cannot be a delegate's in the mission, or None: the address of a company's representative
    (one person, one side: companies.services.refuse_delegates is the other way round), else the first reason
    given by whoever answers `delegate_address_refusals_wanted`."""
    representative = Representative.objects.filter(user__email__iexact=address).select_related("organization").first()
    if representative is not None:
        return _("%(email)s represents %(company)s: delegates meet the companies, they cannot represent one.") % {
            "email": address,
            "company": representative.organization.name,
        }
    responses = delegate_address_refusals_wanted.send(sender=Delegate, mission_id=mission_id, address=address)
    return next((refusal for _receiver, refusal in responses if refusal), None)
