"""Publishing the board: a numbered, kept copy that participants see (and that invitations follow)."""

from django.db import transaction
from django.db.models import Max

from events.core.signals import announce_attendance_changed
from events.meetings.models import Meeting, MeetingSeat, ScheduleVersion
from events.meetings.selectors import publishable, working_meetings
from events.missions.services import require_organiser


def _revision(meeting, last, now) -> dict:
    """A meeting's calendar revision: kept while its slot and table stay, raised by one when either moves."""
    if last is None:
        return {"sequence": 0, "revised_at": now}
    if (last.slot_id, last.table_id) == (meeting.slot_id, meeting.table_id):
        return {"sequence": last.sequence, "revised_at": last.revised_at}
    return {"sequence": last.sequence + 1, "revised_at": now}


@transaction.atomic
def publish_schedule(grid, *, acting_user) -> ScheduleVersion:
    require_organiser(acting_user, grid.session.stop.mission)
    # Lock the grid row so that two publications cannot take the same number.
    type(grid).objects.select_for_update().get(pk=grid.pk)
    number = (ScheduleVersion.objects.filter(grid=grid).aggregate(last=Max("number"))["last"] or 0) + 1
    last_run = grid.runs.filter(status="done").first()
    version = ScheduleVersion.objects.create(
        grid=grid, number=number, published_by=acting_user, quality=last_run.quality if last_run else {}
    )
    # A suggested meeting waits on the board until both sides accept it; it is published then.
    board = publishable(working_meetings(grid))
    published = {
        meeting.uid: meeting for meeting in Meeting.objects.filter(version__grid=grid, version__number=number - 1)
    }
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
