"""No time zone arithmetic in SQL: PostgreSQL carries its own tz database, older than the pinned wheel.

Local days and hours are worked out in Python (zoneinfo, the tzdata wheel); the database compares
UTC instants only. This reads our code for the ORM features that would make the database convert.
"""

import re
from pathlib import Path

EVENTS = Path(__file__).resolve().parents[2] / "events"
# Trunc*/Extract* functions and the date/time-part lookups convert in the database's time zone.
CONVERTING = re.compile(
    r"\b(Trunc(?!ator)\w*|Extract\w*)\(|__(date|time|year|quarter|month|week|week_day|iso_week_day|day|hour|minute)\b"
    r"|AT TIME ZONE"
)


def test_no_query_converts_time_zones():
    found = [
        f"{path.relative_to(EVENTS.parent)}:{number}: {line.strip()}"
        for path in sorted(EVENTS.rglob("*.py"))
        if "migrations" not in path.parts
        for number, line in enumerate(path.read_text().splitlines(), 1)
        if CONVERTING.search(line)
    ]

    assert found == []


def test_the_check_sees_a_conversion():
    assert CONVERTING.search("Session.objects.filter(starts_at__date=day)")
    assert CONVERTING.search("annotate(day=TruncDate('starts_at', tzinfo=zone))")
    assert not CONVERTING.search("Truncator(value).chars(60)")  # django.utils.text: words, not a query
