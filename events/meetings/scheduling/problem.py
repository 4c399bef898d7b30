"""What the scheduler is asked: people, their free slots, tables, accepted requests and pinned meetings.

Plain frozen data. Collections are normalised to sorted tuples and frozensets on construction, so two
problems built from the same facts in a different order are equal and schedule identically.
"""

import math
import numbers
import re
from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum

Id = int | str


class ProblemError(ValueError):
    """The input cannot be scheduled as given (unknown ids, bad weights, slots outside the grid)."""


class PinConflictError(ProblemError):
    """Pinned meetings break a hard rule by themselves; an organiser has to change one of them."""


class ParticipantKind(StrEnum):
    COMPANY = "company"
    # Any party that is not a company: a delegate, an investor, a buyer. Only companies count for coverage.
    DELEGATE = "delegate"


def sort_key(value: Id) -> tuple:
    """Order ids the way people read them ("table 2" before "table 10"), ints before strings."""
    if isinstance(value, str):
        parts = re.split(r"(\d+)", value)
        return (1, tuple((0, int(part), part) if part.isdigit() else (1, 0, part) for part in parts))
    return (0, value)


@dataclass(frozen=True)
class Participant:
    id: Id
    kind: ParticipantKind
    # Indices on the slot grid (see Problem.slots) when this person can meet.
    available_slots: frozenset[int]
    # A participant with a fixed table (a delegate at their own table) meets only there.
    fixed_table: Id | None = None

    def __post_init__(self):
        if self.kind not in tuple(ParticipantKind):
            raise ProblemError(f"participant {self.id!r} has kind {self.kind!r}, not 'company' or 'delegate'")
        object.__setattr__(self, "kind", ParticipantKind(self.kind))
        object.__setattr__(self, "available_slots", frozenset(self.available_slots))


@dataclass(frozen=True)
class MeetingRequest:
    """An accepted request: both sides agreed to meet once; weight says how much it matters (> 0)."""

    id: Id
    participant_a: Id
    participant_b: Id
    weight: float


@dataclass(frozen=True)
class PinnedMeeting:
    """A meeting an organiser fixed by hand; the scheduler keeps it exactly and plans around it."""

    request_id: Id
    slot: int
    table: Id


@dataclass(frozen=True)
class Problem:
    """`pinned` meetings stay exactly where they are. `published` says where meetings people already hold
    in their calendars stand (when the organiser re-optimises): after coverage and weight, the plan
    moves as few of them as it can (the third aim). A published placement a request can no longer take
    (its people's availability changed, its slot left the grid) is simply not kept."""

    participants: tuple[Participant, ...]
    # The slot grid, as ordered indices. A break is an index that is absent: meetings either side of a
    # lunch break are consecutive for idle-time purposes, because nobody is idle during lunch.
    slots: tuple[int, ...]
    tables: tuple[Id, ...]
    requests: tuple[MeetingRequest, ...]
    pinned: tuple[PinnedMeeting, ...] = field(default=())
    published: tuple[PinnedMeeting, ...] = field(default=())

    def __post_init__(self):
        object.__setattr__(self, "participants", tuple(sorted(self.participants, key=lambda p: sort_key(p.id))))
        object.__setattr__(self, "slots", tuple(sorted(self.slots)))
        object.__setattr__(self, "tables", tuple(sorted(self.tables, key=sort_key)))
        object.__setattr__(self, "requests", tuple(sorted(self.requests, key=lambda r: sort_key(r.id))))
        object.__setattr__(self, "pinned", tuple(sorted(self.pinned, key=lambda p: sort_key(p.request_id))))
        object.__setattr__(self, "published", tuple(sorted(self.published, key=lambda p: sort_key(p.request_id))))
        check_problem(self)


def _duplicates(values) -> list:
    seen, repeated = set(), []
    for value in values:
        if value in seen:
            repeated.append(value)
        seen.add(value)
    return repeated


def check_problem(problem: Problem) -> None:
    """Refuse input that would make the plan meaningless; messages name the offending record."""
    for label, ids in (
        ("participant", [p.id for p in problem.participants]),
        ("slot", problem.slots),
        ("table", problem.tables),
        ("request", [r.id for r in problem.requests]),
    ):
        if repeated := _duplicates(ids):
            raise ProblemError(f"duplicate {label} id {repeated[0]!r}")
    # A pair meets at most once, whoever asked: two requests for it would become two meetings.
    pairs = [frozenset((r.participant_a, r.participant_b)) for r in problem.requests]
    if repeated := _duplicates(pairs):
        raise ProblemError(f"more than one request for the pair {sorted(repeated[0], key=sort_key)!r}")
    slots, tables = set(problem.slots), set(problem.tables)
    people = {p.id: p for p in problem.participants}
    for person in problem.participants:
        if outside := sorted(person.available_slots - slots):
            raise ProblemError(
                f"participant {person.id!r} is available in slot {outside[0]!r}, which is not on the grid"
            )
        if person.fixed_table is not None and person.fixed_table not in tables:
            raise ProblemError(
                f"participant {person.id!r} has fixed table {person.fixed_table!r}, which does not exist"
            )
    for request in problem.requests:
        for side in (request.participant_a, request.participant_b):
            if side not in people:
                raise ProblemError(f"request {request.id!r} names unknown participant {side!r}")
        if request.participant_a == request.participant_b:
            raise ProblemError(f"request {request.id!r} asks participant {request.participant_a!r} to meet themselves")
        if isinstance(request.weight, bool) or not isinstance(request.weight, numbers.Real | Decimal):
            raise ProblemError(f"request {request.id!r} has a weight that is not a number")
        if not math.isfinite(request.weight) or request.weight <= 0:
            raise ProblemError(f"request {request.id!r} needs a positive weight, got {request.weight!r}")
    _check_pins(problem, people, slots, tables)
    requests = {r.id for r in problem.requests}
    if repeated := _duplicates(meeting.request_id for meeting in problem.published):
        raise ProblemError(f"request {repeated[0]!r} is published twice")
    for meeting in problem.published:
        if meeting.request_id not in requests:
            raise ProblemError(f"published meeting names unknown request {meeting.request_id!r}")


def _check_pins(problem: Problem, people: dict, slots: set, tables: set) -> None:
    requests = {r.id: r for r in problem.requests}
    if repeated := _duplicates(pin.request_id for pin in problem.pinned):
        raise PinConflictError(f"request {repeated[0]!r} is pinned twice")
    busy: dict[tuple, Id] = {}
    for pin in problem.pinned:
        request = requests.get(pin.request_id)
        if request is None:
            raise PinConflictError(f"pinned meeting names unknown request {pin.request_id!r}")
        if pin.slot not in slots:
            raise PinConflictError(f"request {pin.request_id!r} is pinned to slot {pin.slot!r}, not on the grid")
        if pin.table not in tables:
            raise PinConflictError(f"request {pin.request_id!r} is pinned to unknown table {pin.table!r}")
        for side in (request.participant_a, request.participant_b):
            person = people[side]
            if pin.slot not in person.available_slots:
                raise PinConflictError(
                    f"request {pin.request_id!r} is pinned to slot {pin.slot!r}, when {side!r} is not available"
                )
            if person.fixed_table is not None and person.fixed_table != pin.table:
                raise PinConflictError(
                    f"request {pin.request_id!r} is pinned to table {pin.table!r}, "
                    f"but {side!r} only meets at table {person.fixed_table!r}"
                )
        for key in (
            ("participant", request.participant_a),
            ("participant", request.participant_b),
            ("table", pin.table),
        ):
            other = busy.setdefault((*key, pin.slot), pin.request_id)
            if other != pin.request_id:
                raise PinConflictError(
                    f"pinned requests {other!r} and {pin.request_id!r} "
                    f"both need {key[0]} {key[1]!r} in slot {pin.slot!r}"
                )
