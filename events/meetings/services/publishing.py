"""Publishing the board: a numbered, kept copy that participants see (and that invitations follow)."""

from django.db import transaction
from django.db.models import Max, Q
from django.utils.translation import gettext as _

from events.core.errors import ConflictError
from events.core.signals import announce_attendance_changed
from events.meetings.models import Meeting, MeetingSeat, Participant, ScheduleVersion, latest_version_id
from events.meetings.selectors import board_counts, publishable, working_meetings
from events.missions.services import require_organiser


def _revision(meeting, last, now) -> dict:
    """A meeting's calendar revision: kept while its slot and table stay, raised by one when either moves."""
    if last is None:
        return {"sequence": 0, "revised_at": now}
    if (last.slot_id, last.table_id) == (meeting.slot_id, meeting.table_id):
        return {"sequence": last.sequence, "revised_at": last.revised_at}
    return {"sequence": last.sequence + 1, "revised_at": now}


def _as_seen(meetings) -> set:
    """What people are told of meetings: which ones, when and where."""
    return {(meeting.uid, meeting.slot_id, meeting.table_id) for meeting in meetings}


@transaction.atomic
def publish_schedule(grid, *, acting_user) -> ScheduleVersion:
    """Publish the board as the grid's next version, which tells people (invitations, updates, cancellations).

    Raises ConflictError when the board would publish what the latest version holds already (the same meetings
    at the same slots and tables), or nothing at all: a version that changes nothing told the organisers
    something was sent.
    """
    require_organiser(acting_user, grid.session.stop.mission)
    # Lock the grid row so that two publications cannot take the same number.
    type(grid).objects.select_for_update().get(pk=grid.pk)
    number = (ScheduleVersion.objects.filter(grid=grid).aggregate(last=Max("number"))["last"] or 0) + 1
    # A suggested meeting waits on the board until both sides accept it; it is published then.
    board = publishable(working_meetings(grid))
    published = {
        meeting.uid: meeting for meeting in Meeting.objects.filter(version__grid=grid, version__number=number - 1)
    }
    if _as_seen(board) == _as_seen(published.values()):
        raise ConflictError(
            _("Nothing changed since version %(number)s was published: there is nothing to publish.")
            % {"number": number - 1}
            if number > 1
            else _("The board holds no meeting yet: there is nothing to publish.")
        )
    last_run = grid.runs.filter(status="done").first()
    # The last run's figures, with what the board holds as published: edits since the run changed them (a helper's
    # version said 13 meetings where 10 were published).
    quality = {**(last_run.quality if last_run else {}), **board_counts(board)}
    version = ScheduleVersion.objects.create(grid=grid, number=number, published_by=acting_user, quality=quality)
    copies = Meeting.objects.bulk_create(
        Meeting(
            grid=grid,
            uid=meeting.uid,
            version=version,
            request=meeting.request,
            slot=meeting.slot,
            table=meeting.table,
            pinned=meeting.pinned,
            working=False,
            **_revision(meeting, published.get(meeting.uid), version.published_at),
        )
        for meeting in board
    )
    MeetingSeat.objects.bulk_create(
        MeetingSeat(meeting=copy, slot=copy.slot, participant_id=pk, working=False)
        for copy, meeting in zip(copies, board, strict=True)
        for pk in (meeting.request.requester_id, meeting.request.receiver_id)
    )
    # Publishing is what tells people: invitations for new meetings, updates, cancellations, reminders.
    announce_attendance_changed(ScheduleVersion, sessions=[grid.session_id])
    return version


def announce_meetings_of(*, organization_id=None, delegate_id=None) -> int:
    """A party was renamed (missions.signals.party_renamed): the sessions of the published meetings it is in are
    announced, so that the other side's calendar, feed and reminders say "Meeting with" the new name, once. The
    meeting's own revision stays: the renamed side sees nothing new, and the other side's update is a revision
    of theirs alone (agenda.invitations). Returns the number of meetings."""
    parties = Participant.objects.filter(organization_id=organization_id, delegate_id=delegate_id)
    meetings = Meeting.objects.filter(version=latest_version_id()).filter(
        Q(request__requester__in=parties) | Q(request__receiver__in=parties)
    )
    sessions = list(meetings.values_list("grid__session_id", flat=True))
    if sessions:
        announce_attendance_changed(Meeting, sessions=set(sessions))
    return len(sessions)
