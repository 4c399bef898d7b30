"""What the scheduler answers: placed meetings, why each other request stayed out, and how good that is."""

from dataclasses import dataclass
from enum import StrEnum

from events.meetings.scheduling.problem import Id


class UnplacedReason(StrEnum):
    """Why a request has no meeting, read off the final plan (the first that applies, in this order)."""

    # The two are never available in the same slot: no plan could hold this meeting.
    NO_COMMON_SLOT = "no_common_slot"
    # They sit at different fixed tables (or there are no tables): no plan could hold this meeting.
    NO_COMMON_TABLE = "no_common_table"
    # Every slot they share is taken by pinned meetings (theirs, or of their fixed table, or all tables).
    BLOCKED_BY_PINNED = "blocked_by_pinned"
    # In some shared slot both were free, but every table they could use was taken by other meetings.
    NO_TABLE_FREE = "no_table_free"
    # One of them (`participant_id`) has another meeting in every slot they share.
    PARTICIPANT_FULLY_BOOKED = "participant_fully_booked"
    # In every shared slot one or the other has another meeting, though neither alone in all of them.
    BOTH_BOOKED = "both_booked"


@dataclass(frozen=True)
class PlacedMeeting:
    request_id: Id
    slot: int
    table: Id


@dataclass(frozen=True)
class UnplacedRequest:
    request_id: Id
    reason: UnplacedReason
    # The fully booked participant, for PARTICIPANT_FULLY_BOOKED.
    participant_id: Id | None = None


@dataclass(frozen=True)
class Quality:
    meetings: int
    # Companies with at least one meeting, and the most that any plan could give one (an upper bound;
    # exact when `coverage_bound_exact`).
    companies_with_meeting: int
    coverage_bound: int
    coverage_bound_exact: bool
    total_weight: float
    # The linear relaxation's optimum over plans covering at least `companies_with_meeting` companies:
    # no such plan weighs more. When not `weight_bound_exact`, a valid bound a little above that
    # optimum: column generation stopped within 0.05 % of its restricted LP, or, on hard inputs (tables
    # for everyone at the large size), when its effort ran out, then a few tenths of a percent above.
    weight_bound: float
    weight_bound_exact: bool
    # Empty slots between a participant's first and last meeting in which they were available.
    idle_gaps: int

    @property
    def companies_left_without_meeting(self) -> int:
        """Companies that some plan could have given a meeting but this one does not (0 is the goal)."""
        return self.coverage_bound - self.companies_with_meeting

    @property
    def weight_percent_of_bound(self) -> float:
        return 100.0 if self.weight_bound <= 0 else 100.0 * self.total_weight / self.weight_bound

    @property
    def weight_gap_percent(self) -> float:
        return 100.0 - self.weight_percent_of_bound


@dataclass(frozen=True)
class Plan:
    meetings: tuple[PlacedMeeting, ...]
    unplaced: tuple[UnplacedRequest, ...]
    quality: Quality
