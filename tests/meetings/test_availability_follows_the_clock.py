"""When a participant can meet is planned on the stop's clock, as the grid it is read against.

A delegate who lands at 14:00 in Austin is there from 14:00 local, whatever moves after it was typed:
the meeting session (its slots shift by a wall-clock offset), the stop's zone (an organiser's
correction) or the tz rules (Morocco's clocks, a tzdata upgrade). Arrival, departure and blocked periods
were bare UTC instants that stayed behind while the slots moved, so a re-run of the scheduler booked a
delegate before they arrived, or into the hour they had blocked.
"""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.core.management import call_command

from events.meetings import services
from events.meetings.models import BlockedPeriod, Meeting, Participant
from events.missions.services import update_session, update_stop
from tests.meetings.conftest import MeetingDay

pytestmark = pytest.mark.django_db

CHICAGO, DENVER = ZoneInfo("America/Chicago"), ZoneInfo("America/Denver")


def at(zone, hour, minute=0):
    return dt.datetime(2099, 2, 13, hour, minute, tzinfo=zone)


def local_times(participant_pk, zone):
    """(arrival, departure, [(blocked from, to)]) of a participant, read on `zone`'s clock."""
    participant = Participant.objects.get(pk=participant_pk)
    periods = BlockedPeriod.objects.filter(participant=participant).order_by("starts_at")

    def hhmm(instant):
        return instant.astimezone(zone).strftime("%H:%M") if instant else None

    return (
        hhmm(participant.arrives_at),
        hhmm(participant.leaves_at),
        [(hhmm(period.starts_at), hhmm(period.ends_at)) for period in periods],
    )


def late_delegate(day, zone):
    """Delegate 0 arrives at 14:30, leaves at 17:10 and is busy 15:50–16:30, on the stop's clock."""
    delegate = day.delegate(0)
    services.set_presence(delegate, acting_user=day.organiser, arrives_at=at(zone, 14, 30), leaves_at=at(zone, 17, 10))
    services.block_period(
        delegate, acting_user=day.organiser, starts_at=at(zone, 15, 50), ends_at=at(zone, 16, 30), reason="Press"
    )
    return delegate


AS_TYPED = ("14:30", "17:10", [("15:50", "16:30")])


def test_they_move_with_the_meeting_session(organiser):
    day = MeetingDay(organiser)
    delegate = late_delegate(day, CHICAGO)

    update_session(day.session, acting_user=organiser, starts_at=at(CHICAGO, 15), ends_at=at(CHICAGO, 19))

    assert local_times(delegate.pk, CHICAGO) == ("16:00", "18:40", [("17:20", "18:00")])


def test_a_longer_session_that_keeps_its_start_leaves_them_where_they_were(organiser):
    day = MeetingDay(organiser)
    delegate = late_delegate(day, CHICAGO)

    update_session(day.session, acting_user=organiser, ends_at=at(CHICAGO, 18, 30))

    assert local_times(delegate.pk, CHICAGO) == AS_TYPED


def test_a_new_zone_keeps_their_local_times(organiser):
    day = MeetingDay(organiser)
    delegate = late_delegate(day, CHICAGO)

    update_stop(day.stop, acting_user=organiser, time_zone="America/Denver")

    assert local_times(delegate.pk, DENVER) == AS_TYPED


def test_a_tz_upgrade_keeps_their_local_times(organiser, releases):
    releases("2025b")
    casablanca = ZoneInfo("Africa/Casablanca")
    day = MeetingDay(organiser, time_zone="Africa/Casablanca")
    delegate = late_delegate(day, casablanca)
    assert Participant.objects.get(pk=delegate.pk).arrives_at == dt.datetime(2099, 2, 13, 13, 30, tzinfo=dt.UTC)
    releases("2026f")

    call_command("rederive_instants")

    assert local_times(delegate.pk, ZoneInfo("Africa/Casablanca")) == AS_TYPED
    assert Participant.objects.get(pk=delegate.pk).arrives_at == dt.datetime(2099, 2, 13, 14, 30, tzinfo=dt.UTC)


def test_a_scheduler_run_after_the_session_moved_books_the_delegate_only_when_they_can_meet(organiser):
    day = MeetingDay(organiser)
    late_delegate(day, CHICAGO)
    for company in range(3):
        day.accepted(company, 0)

    update_session(day.session, acting_user=organiser, starts_at=at(CHICAGO, 15), ends_at=at(CHICAGO, 19))
    run = services.execute_run(services.start_run(day.grid, acting_user=organiser).pk)

    assert run.status == "done", run.error
    booked = Meeting.objects.filter(request__receiver=day.delegate(0)).select_related("slot")
    times = sorted((m.slot.starts_at.astimezone(CHICAGO), m.slot.ends_at.astimezone(CHICAGO)) for m in booked)
    assert len(times) == 3
    for starts_at, ends_at in times:
        assert at(CHICAGO, 16) <= starts_at
        assert ends_at <= at(CHICAGO, 18, 40)
        assert ends_at <= at(CHICAGO, 17, 20) or starts_at >= at(CHICAGO, 18)
