"""The one-to-one meeting scheduler: plain data in, a plan with its optimality bounds out.

Imports nothing from Django; the meetings app turns its models into a Problem and the Plan into rows.
"""

from events.meetings.scheduling.greedy import greedy
from events.meetings.scheduling.plan import PlacedMeeting, Plan, Quality, UnplacedReason, UnplacedRequest
from events.meetings.scheduling.problem import (
    MeetingRequest,
    Participant,
    ParticipantKind,
    PinConflictError,
    PinnedMeeting,
    Problem,
    ProblemError,
)
from events.meetings.scheduling.solver import schedule
from events.meetings.scheduling.validation import PlanViolation, validate

__all__ = [
    "MeetingRequest",
    "Participant",
    "ParticipantKind",
    "PinConflictError",
    "PinnedMeeting",
    "PlacedMeeting",
    "Plan",
    "PlanViolation",
    "Problem",
    "ProblemError",
    "Quality",
    "UnplacedReason",
    "UnplacedRequest",
    "greedy",
    "schedule",
    "validate",
]
