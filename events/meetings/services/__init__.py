"""Every write to the meetings domain. One module per concern; import the operations from here."""

from events.meetings.services.availability import block_period, set_presence, unblock_period
from events.meetings.services.bookings import book_meeting, cancel_meeting, move_meeting, pin_meeting, swap_meetings
from events.meetings.services.coverage import invite_candidates
from events.meetings.services.grids import add_table, set_up_grid, sync_participants
from events.meetings.services.outcomes import confirm_no_show, mark_held
from events.meetings.services.publishing import publish_schedule
from events.meetings.services.requests import (
    answer_request,
    answer_request_by_link,
    answer_suggestion,
    request_meeting,
    withdraw_request,
)
from events.meetings.services.runs import execute_run, start_run
from events.meetings.services.suggestions import suggest_meetings

__all__ = [
    "add_table",
    "answer_request",
    "answer_request_by_link",
    "answer_suggestion",
    "block_period",
    "book_meeting",
    "cancel_meeting",
    "confirm_no_show",
    "execute_run",
    "invite_candidates",
    "mark_held",
    "move_meeting",
    "pin_meeting",
    "publish_schedule",
    "request_meeting",
    "set_presence",
    "suggest_meetings",
    "set_up_grid",
    "start_run",
    "swap_meetings",
    "sync_participants",
    "unblock_period",
    "withdraw_request",
]
