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


def test_asking_for_a_mission_s_badges_takes_no_longer_than_a_row(
    client, organiser, settings, monkeypatch, django_capture_on_commit_callbacks
):
    """The organiser's click only records a print and hands it to a worker: its time does not grow with the
    mission (the build above happens in the worker). The broker is stubbed: the figure is the web request's."""
    from celery import current_app
    from django.urls import reverse

    from tests.checkin.conftest import Door

    settings.CELERY_TASK_ALWAYS_EAGER = False
    monkeypatch.setattr(current_app, "send_task", lambda name, args: None)
    door = Door(organiser)
    client.force_login(organiser)
    url = reverse("checkin:prepare-badges", args=[door.mission.slug])

    timings = []
    for layout in [A6, A4] * RUNS:
        door.mission.badge_prints.update(status="ready")  # each click makes a new print, not the pending one
        started = time.perf_counter()
        with django_capture_on_commit_callbacks(execute=True):  # the hand-over to the (stubbed) broker
            response = client.post(url, {"layout": layout})
        timings.append(time.perf_counter() - started)
        assert response.status_code == 302

    print(f"\nasking for a badge print (the web request): {statistics.median(timings) * 1000:.0f} ms median")
