"""Who may act for a participant: the participant's own people, or the mission's organisers."""

from django.utils.translation import gettext_lazy as _

from events.core.errors import PermissionDeniedError
from events.meetings.selectors import participants_attended_by, participants_of
from events.missions.selectors import is_organiser


def speaks_for(user, participant) -> bool:
    """A company's representatives speak for it; a delegate for themself."""
    if not user.is_authenticated:
        return False
    if participant.organization_id is not None:
        representative = getattr(user, "representative", None)
        return representative is not None and representative.organization_id == participant.organization_id
    return participant.delegate.user_id == user.pk


def sits_on_the_side_of(user, participant) -> bool:
    """`user` speaks for `participant` or sits in its meetings: a delegate, the company's representatives, and the
    attendees the company named for the session (participants_attended_by), who represent it at the table only."""
    return speaks_for(user, participant) or participants_attended_by(user).filter(pk=participant.pk).exists()


def require_party_or_organiser(user, participant, grid):
    if not (speaks_for(user, participant) or is_organiser(user, grid.session.stop.mission)):
        raise PermissionDeniedError(_("Only this participant or the organisers can do this."))


def own_participant(user, grid):
    """The participant `user` speaks for in `grid` (their company, or themself as a delegate)."""
    participant = participants_of(user).filter(grid=grid).first()
    if participant is None:
        raise PermissionDeniedError(_("You do not take part in this meeting session."))
    return participant
