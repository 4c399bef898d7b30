"""A scheduler run solves a board read when it starts; the board may change while it solves (minutes on a
large grid). Its plan goes on the board only where it still holds: a slot renumbered or retimed by a resized
session, a participant who blocked the time or arrives later, fails the run, saying so, with nothing written.
"""

import datetime as dt

import pytest

from events.meetings import services
from events.meetings.models import Meeting, SchedulerRun
from events.meetings.scheduling import solver
from events.missions.services import update_session
from tests.meetings.conftest import MeetingDay

pytestmark = pytest.mark.django_db

CHANGED = "The board changed during the run; run the scheduler again."


@pytest.fixture
def day(organiser):
    """Company 0 has asked to meet Delegate 0, who is there for the first slot only (13:30–13:50)."""
    day = MeetingDay(organiser)
    day.accepted(0, 0)
    zone = day.stop.zone
    services.set_presence(
        day.delegate(0),
        acting_user=organiser,
        arrives_at=dt.datetime(2099, 2, 13, 13, 30, tzinfo=zone),
        leaves_at=dt.datetime(2099, 2, 13, 13, 50, tzinfo=zone),
    )
    return day


def run_while(day, monkeypatch, change):
    """Run the scheduler on `day`, with `change` made to the board while it solves."""
    solve = solver.schedule

    def solve_during_a_change(problem, **kwargs):
        plan = solve(problem, **kwargs)
        change()
        return plan

    monkeypatch.setattr(solver, "schedule", solve_during_a_change)
    run = services.start_run(day.grid, acting_user=day.organiser)
    return services.execute_run(run.pk)


def on_the_board(day):
    return [(m.slot.starts_at.astimezone(day.stop.zone).strftime("%H:%M"), m.request_id) for m in Meeting.objects.all()]


def test_a_run_with_nothing_changed_places_the_meeting_when_both_are_there(day, monkeypatch):
    run = run_while(day, monkeypatch, lambda: None)

    assert run.status == SchedulerRun.Status.DONE
    assert [time for time, _ in on_the_board(day)] == ["13:30"]


def test_a_session_started_earlier_during_the_run_fails_it_rather_than_move_its_meetings(day, monkeypatch):
    zone = day.stop.zone

    def start_earlier():
        update_session(day.session, acting_user=day.organiser, starts_at=dt.datetime(2099, 2, 13, 12, 50, tzinfo=zone))

    run = run_while(day, monkeypatch, start_earlier)

    assert (run.status, run.error) == (SchedulerRun.Status.FAILED, CHANGED)
    assert on_the_board(day) == []


def test_a_period_blocked_during_the_run_fails_it_rather_than_book_the_person_then(day, monkeypatch):
    zone = day.stop.zone

    def block():
        services.block_period(
            day.delegate(0),
            acting_user=day.organiser,
            starts_at=dt.datetime(2099, 2, 13, 13, 30, tzinfo=zone),
            ends_at=dt.datetime(2099, 2, 13, 13, 50, tzinfo=zone),
        )

    run = run_while(day, monkeypatch, block)

    assert (run.status, run.error) == (SchedulerRun.Status.FAILED, CHANGED)
    assert on_the_board(day) == []
