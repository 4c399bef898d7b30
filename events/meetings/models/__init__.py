from events.meetings.models.grid import Break, MeetingGrid, Slot, Table
from events.meetings.models.meeting import (
    Meeting,
    MeetingSeat,
    SchedulerRun,
    ScheduleVersion,
    latest_version_id,
    live_meetings,
)
from events.meetings.models.outcome import MeetingOutcome
from events.meetings.models.participant import BlockedPeriod, MeetingRequest, Participant

__all__ = [
    "BlockedPeriod",
    "Break",
    "Meeting",
    "MeetingGrid",
    "MeetingOutcome",
    "MeetingRequest",
    "MeetingSeat",
    "Participant",
    "ScheduleVersion",
    "SchedulerRun",
    "Slot",
    "Table",
    "latest_version_id",
    "live_meetings",
]
