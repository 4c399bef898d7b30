"""Figures, not assertions on time: one badge PDF for 500 people, A6 (500 pages) and A4 labels (63 sheets).

Printed: seconds to lay out and write each (the median of three), the PDF's size, and the pages. The names
are a mix of Latin and Arabic, short and long, as a mission's are.
"""

import io
import statistics
import time

import pypdf
import pytest

from events.checkin.badges import A4, A6, PrintedBadge, badges_pdf
from events.checkin.models import new_badge_secret
from events.checkin.selectors import ATTENDEE, DELEGATE, ORGANISER, Holder
from tests.factories import MissionFactory

pytestmark = pytest.mark.django_db

PEOPLE = 500
RUNS = 3
NAMES = ["Ana Ruiz", "عمر التازي", "Maximilian Alexander von Hohenzollern-Sigmaringen", "Bo Lee", "فاطمة الزهراء بنعلي"]
ROLES = [ATTENDEE] * 8 + [DELEGATE, ORGANISER]


def people(count):
    return [
        PrintedBadge(
            Holder(f"person{number}@example.com", NAMES[number % len(NAMES)], f"Company {number}", ROLES[number % 10]),
            new_badge_secret(),
        )
        for number in range(count)
    ]


@pytest.mark.parametrize("layout", [A6, A4])
def test_badges_for_500_people(layout):
    mission = MissionFactory(title="Austin briefing: Morocco's southern regions")
    badges = people(PEOPLE)
    badges_pdf(mission, badges[:8], layout=layout)  # fonts and templates loaded once, outside the timing

    timings = []
    for _run in range(RUNS):
        started = time.perf_counter()
        pdf = badges_pdf(mission, badges, layout=layout)
        timings.append(time.perf_counter() - started)

    pages = len(pypdf.PdfReader(io.BytesIO(pdf)).pages)
    print(
        f"\nbadges {layout.upper()} for {PEOPLE} people: {statistics.median(timings):.2f} s "
        f"(runs {', '.join(f'{t:.2f}' for t in timings)}), {len(pdf) / 1024:.0f} KiB, {pages} pages, "
        f"{len(pdf) / PEOPLE / 1024:.1f} KiB a badge"
    )
