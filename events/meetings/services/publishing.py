"""Publishing the board: a numbered, kept copy that participants see (and that invitations follow)."""

from django.db import transaction
from django.db.models import Max

from events.agenda.entries import sync_published_schedule
from events.meetings.models import Meeting, MeetingSeat, ScheduleVersion
from events.meetings.selectors import working_meetings
from events.missions.services import require_organiser


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
    board = list(working_meetings(grid))
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
        )
        for meeting in board
    )
    MeetingSeat.objects.bulk_create(
        MeetingSeat(meeting=copy, slot=copy.slot, participant_id=pk, working=False)
        for copy, meeting in zip(copies, board, strict=True)
        for pk in (meeting.request.requester_id, meeting.request.receiver_id)
    )
    # Publishing is what tells people: invitations for new meetings, updates, cancellations, reminders.
    sync_published_schedule(version)
    return version
