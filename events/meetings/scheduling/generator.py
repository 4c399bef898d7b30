"""Seeded instances for tests and the benchmark: the same seed always gives the same problem.

Two shapes from the product: a business briefing (companies meet delegates, who sit at their own
tables; a few delegates are in great demand) and a B2B day (companies meet companies, most of them
around for only a quarter of the day, in one or two blocks, which fragments the common free time).
Weights follow the companies' priorities: first choices 3, then 2, then 1, plus 2 when both sides
asked for the meeting.

Each size also comes in harder variants, the ones an independent check found slow or loosely bounded:
tables for everyone (the room never limits a slot), fragmented days (most people free for a quarter of
the slots, in several windows) and few tables (25 for 3,000 people, scaled to the size).
"""

import random
from itertools import accumulate

from events.meetings.scheduling.problem import (
    MeetingRequest,
    Participant,
    ParticipantKind,
    PinnedMeeting,
    Problem,
)

SIZES = {
    "small": {"shape": "briefing", "delegates": 15, "companies": 120, "requests": 600, "slots": 16, "tables": 15},
    "medium": {"shape": "briefing", "delegates": 40, "companies": 600, "requests": 4000, "slots": 32, "tables": 40},
    "large": {"shape": "b2b", "participants": 3000, "requests": 20000, "slots": 40, "tables": 150},
}


VARIANTS = ("standard", "unlimited tables", "fragmented", "few tables")
# Tables per participant in the "few tables" variant: 25 for 3,000 people.
FEW_TABLES_SHARE = 25 / 3000


def generate(size: str, seed: int = 1, variant: str = "standard") -> Problem:
    """One of the benchmark's sizes ("small", "medium", "large"), in one of VARIANTS."""
    spec = dict(SIZES[size])
    shape = spec.pop("shape")
    people = spec["participants"] if shape == "b2b" else spec["delegates"] + spec["companies"]
    if variant == "unlimited tables":
        spec["tables"] = people // 2  # everyone could meet at once
    elif variant == "few tables":
        spec["tables"] = max(1, round(people * FEW_TABLES_SHARE))
    elif variant == "fragmented":
        spec["fragmented"] = True
    elif variant != "standard":
        raise ValueError(f"unknown variant {variant!r}, not one of {VARIANTS}")
    if shape == "briefing":
        return briefing_problem(seed=seed, **spec)
    return b2b_problem(seed=seed, **spec)


def slot_grid(n_slots: int, breaks: int) -> list[int]:
    """n_slots indices on a grid with `breaks` evenly spread indices left out (coffee, lunch)."""
    gaps = {(i + 1) * (n_slots + breaks) // (breaks + 1) for i in range(breaks)}
    return [i for i in range(n_slots + breaks) if i not in gaps][:n_slots]


def _priority_weight(rank: int) -> int:
    return 3 if rank < 2 else 2 if rank < 4 else 1


def briefing_problem(
    *,
    delegates: int,
    companies: int,
    requests: int,
    slots: int,
    tables: int,
    seed: int,
    fixed_share: float = 0.75,
    pins: int = 0,
    fragmented: bool = False,
) -> Problem:
    rng = random.Random(seed)
    grid = slot_grid(slots, breaks=1)
    hours = _fragmented_hours if fragmented else _company_hours
    table_ids = [f"T{i + 1}" for i in range(tables)]
    people = []
    for i in range(delegates):
        free = set(grid)
        if rng.random() < 0.2:  # another appointment takes a block of their day
            start = rng.randrange(len(grid))
            free -= set(grid[start : start + rng.randint(2, 5)])
        table = table_ids[i] if i < min(tables, round(delegates * fixed_share)) else None
        people.append(Participant(f"D{i + 1}", ParticipantKind.DELEGATE, frozenset(free), table))
    for i in range(companies):
        people.append(Participant(f"C{i + 1}", ParticipantKind.COMPANY, frozenset(hours(rng, grid))))
    # A few delegates draw most of the interest, as the Secretary General does on a real mission.
    popularity = [1.0 / (1 + i) ** 0.8 for i in range(delegates)]
    rng.shuffle(popularity)
    made = []
    for i in range(companies):
        wanted = requests // companies + (1 if i < requests % companies else 0)
        chosen = _distinct_choices(rng, list(range(delegates)), popularity, min(wanted, delegates))
        for rank, d in enumerate(chosen):
            weight = _priority_weight(rank) + (2 if rng.random() < 0.15 else 0)
            made.append(MeetingRequest(f"R{len(made) + 1}", f"C{i + 1}", f"D{d + 1}", weight))
    problem = Problem(tuple(people), tuple(grid), tuple(table_ids), tuple(made))
    return with_pins(problem, pins, seed) if pins else problem


def _company_hours(rng: random.Random, grid: list[int]) -> list[int]:
    draw = rng.random()
    if draw < 0.6:
        return grid
    half = len(grid) // 2
    if draw < 0.85:
        return grid[:half] if rng.random() < 0.5 else grid[half:]
    length = rng.randint(4, len(grid))
    start = rng.randrange(len(grid) - length + 1)
    return grid[start : start + length]


def _distinct_choices(rng: random.Random, items: list, weights: list[float], k: int) -> list:
    chosen: list = []
    while len(chosen) < k:
        pick = rng.choices(items, weights)[0]
        if pick not in chosen:
            chosen.append(pick)
    return chosen


def b2b_problem(
    *,
    participants: int,
    requests: int,
    slots: int,
    tables: int,
    seed: int,
    sectors: int = 12,
    fixed_tables: int = 20,
    pins: int = 0,
    fragmented: bool = False,
) -> Problem:
    rng = random.Random(seed)
    grid = slot_grid(slots, breaks=2)
    hours = _fragmented_hours if fragmented else _b2b_hours
    table_ids = [f"T{i + 1}" for i in range(tables)]
    people, sector_of = [], []
    for i in range(participants):
        table = table_ids[i] if i < fixed_tables else None  # exhibitors with their own stand
        people.append(Participant(f"P{i + 1}", ParticipantKind.COMPANY, frozenset(hours(rng, grid)), table))
        sector_of.append(rng.randrange(sectors))
    members = [[i for i in range(participants) if sector_of[i] == s] for s in range(sectors)]
    popularity = [1.0 / (1 + i) ** 0.5 for i in range(participants)]
    rng.shuffle(popularity)
    everyone = list(range(participants))
    cumulative = list(accumulate(popularity))
    cumulative_in = [list(accumulate(popularity[j] for j in group)) for group in members]
    pairs: dict[tuple[int, int], int] = {}
    while len(pairs) < requests:
        asker = rng.randrange(participants)
        sector = sector_of[asker]
        if rng.random() < 0.7:  # most requests stay within the asker's sector
            target = rng.choices(members[sector], cum_weights=cumulative_in[sector])[0]
        else:
            target = rng.choices(everyone, cum_weights=cumulative)[0]
        if target != asker:
            pairs.setdefault((min(asker, target), max(asker, target)), len(pairs))
    made = []
    for (a, b), order in sorted(pairs.items(), key=lambda item: item[1]):
        weight = (3, 2, 1)[rng.randrange(3)] + (2 if rng.random() < 0.15 else 0)
        made.append(MeetingRequest(f"R{order + 1}", f"P{a + 1}", f"P{b + 1}", weight))
    problem = Problem(tuple(people), tuple(grid), tuple(table_ids), tuple(made))
    return with_pins(problem, pins, seed) if pins else problem


def _b2b_hours(rng: random.Random, grid: list[int]) -> list[int]:
    n = len(grid)
    draw = rng.random()
    if draw < 0.1:
        return grid
    if draw < 0.25:
        start = rng.randrange(n - n // 2 + 1)
        return grid[start : start + n // 2]
    quarter = n // 4
    if rng.random() < 0.5:
        start = rng.randrange(n - quarter + 1)
        return grid[start : start + quarter]
    first = rng.randrange(n - quarter + 1)
    second = rng.randrange(n - quarter + 1)
    half = quarter // 2
    return sorted(set(grid[first : first + half]) | set(grid[second : second + quarter - half]))


def _fragmented_hours(rng: random.Random, grid: list[int]) -> list[int]:
    """Most people free for a quarter of the slots in two to four windows; the rest for half the day."""
    n = len(grid)
    if rng.random() < 0.15:
        start = rng.randrange(n - n // 2 + 1)
        return grid[start : start + n // 2]
    windows = rng.randint(2, 4)
    free: set[int] = set()
    for i in range(windows):
        length = max(1, n // 4 // windows + (1 if i < n // 4 % windows else 0))
        start = rng.randrange(n - length + 1)
        free.update(grid[start : start + length])
    return sorted(free)


def with_pins(problem: Problem, count: int, seed: int) -> Problem:
    """The same problem with up to `count` meetings pinned, chosen at random but never conflicting."""
    rng = random.Random(seed * 7919 + 17)
    people = {p.id: p for p in problem.participants}
    fixed = {p.fixed_table for p in problem.participants if p.fixed_table is not None}
    busy: set[tuple] = set()
    pins = []
    for request in rng.sample(list(problem.requests), len(problem.requests)):
        if len(pins) >= count:
            break
        a, b = people[request.participant_a], people[request.participant_b]
        own = a.fixed_table if a.fixed_table is not None else b.fixed_table
        if a.fixed_table is not None and b.fixed_table is not None and a.fixed_table != b.fixed_table:
            continue
        common = sorted(a.available_slots & b.available_slots)
        rng.shuffle(common)
        for slot in common:
            if ("person", a.id, slot) in busy or ("person", b.id, slot) in busy:
                continue
            candidates = [own] if own is not None else [t for t in problem.tables if t not in fixed]
            table = next((t for t in candidates if ("table", t, slot) not in busy), None)
            if table is None:
                continue
            busy.update({("person", a.id, slot), ("person", b.id, slot), ("table", table, slot)})
            pins.append(PinnedMeeting(request.id, slot, table))
            break
    return Problem(problem.participants, problem.slots, problem.tables, problem.requests, tuple(pins))


def random_problem(
    seed: int,
    *,
    companies: int = 12,
    delegates: int = 4,
    slots: int = 6,
    tables: int = 3,
    requests: int = 30,
    company_to_company: bool = False,
    fixed_tables: int = 1,
    pins: int = 2,
    availability: float = 0.7,
) -> Problem:
    """A small problem with every feature (breaks, holes in availability, fixed tables, pins) for tests."""
    rng = random.Random(seed)
    grid = slot_grid(slots, breaks=1)
    table_ids = [f"T{i + 1}" for i in range(tables)]
    people = []
    for i in range(delegates):
        free = frozenset(s for s in grid if rng.random() < availability + 0.2)
        table = table_ids[i] if i < min(fixed_tables, tables) else None
        people.append(Participant(f"D{i + 1}", ParticipantKind.DELEGATE, free, table))
    for i in range(companies):
        free = frozenset(s for s in grid if rng.random() < availability)
        people.append(Participant(f"C{i + 1}", ParticipantKind.COMPANY, free))
    ids = [p.id for p in people]
    pairs = set()
    for _ in range(requests * 5):
        if len(pairs) >= requests:
            break
        company = f"C{rng.randrange(companies) + 1}"
        other = rng.choice(ids) if company_to_company else f"D{rng.randrange(delegates) + 1}"
        if other != company:
            pairs.add(tuple(sorted((company, other))))
    made = tuple(
        MeetingRequest(f"R{i + 1}", a, b, rng.choice((1, 1, 2, 3, 5, 2.5))) for i, (a, b) in enumerate(sorted(pairs))
    )
    problem = Problem(tuple(people), tuple(grid), tuple(table_ids), made)
    return with_pins(problem, pins, seed) if pins else problem
