"""Setting up a meeting session, and the requests that feed it."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from events.core.errors import ConflictError, PermissionDeniedError
from events.meetings import selectors, services
from events.meetings.models import MeetingRequest, Participant
from tests.factories import UserFactory
from tests.meetings.conftest import MeetingDay
from tests.support.bidi_layout import shown

pytestmark = pytest.mark.django_db


def local(slot, zone):
    return slot.starts_at.astimezone(zone).strftime("%H:%M")


def test_the_grid_is_cut_in_local_time_around_the_break(day):
    times = [local(slot, day.stop.zone) for slot in day.slots]

    assert times[:6] == ["13:30", "13:50", "14:10", "14:30", "14:50", "15:10"]
    assert "15:30" not in times  # the coffee break
    assert times[6:] == ["15:50", "16:10", "16:30", "16:50", "17:10"]
    assert [slot.index for slot in day.slots] == list(range(11))
    assert [table.name for table in day.tables] == ["Table 1", "Table 2", "Table 3"]


def test_the_grid_follows_the_wall_clock_across_a_clock_change(organiser):
    """On 14 March 2027 Austin moves from CST to CDT at 02:00: slots stay 30 minutes on the wall clock."""
    day = MeetingDay(organiser, companies=0, delegates=0, tables=1)
    zone = day.stop.zone
    times = services.grids.local_slot_times(
        type(day.session)(
            stop=day.stop,
            starts_at=dt.datetime(2027, 3, 14, 0, 0, tzinfo=zone),
            ends_at=dt.datetime(2027, 3, 14, 4, 0, tzinfo=zone),
        ),
        30,
        [],
    )

    local = [
        (start.astimezone(zone).strftime("%H:%M %Z"), end.astimezone(zone).strftime("%H:%M")) for start, end in times
    ]
    assert local[3:6] == [("01:30 CST", "03:00"), ("03:00 CDT", "03:30"), ("03:30 CDT", "04:00")]


def test_participants_are_the_delegates_and_the_confirmed_companies(day):
    participants = Participant.objects.filter(grid=day.grid)

    assert participants.filter(organization__isnull=False).count() == 3
    assert participants.filter(delegate__isnull=False).count() == 3


def test_only_a_b2b_session_gets_a_grid_and_only_from_its_organisers(day, organiser):
    with pytest.raises(PermissionDeniedError):
        services.set_up_grid(day.session, acting_user=UserFactory())
    with pytest.raises(ValidationError) as refused:
        services.set_up_grid(day.session, acting_user=organiser, slot_minutes=600)
    assert "too short" in str(refused.value)


def test_a_company_asks_a_delegate_and_the_delegate_accepts(day):
    request = services.request_meeting(
        day.grid,
        acting_user=day.companies[0].user,
        requester=day.company(0),
        receiver=day.delegate(0),
        message="We host the national e-government cloud in Texas.",
        priority=3,
    )
    answered = services.answer_request(request, acting_user=day.delegates[0].user, accept=True)

    assert answered.status == MeetingRequest.Status.ACCEPTED
    assert answered.weight == 3


def test_mutual_requests_are_recognised_and_accepted(day):
    asked = services.request_meeting(
        day.grid, acting_user=day.companies[0].user, requester=day.company(0), receiver=day.delegate(0)
    )
    back = services.request_meeting(
        day.grid, acting_user=day.delegates[0].user, requester=day.delegate(0), receiver=day.company(0)
    )

    assert back.pk == asked.pk
    assert back.mutual is True
    assert back.status == MeetingRequest.Status.ACCEPTED
    assert MeetingRequest.objects.count() == 1


def test_requests_are_refused_with_a_reason(day):
    grid = day.grid
    grid.requests_per_company = 1
    grid.save()
    company = day.companies[0]
    services.request_meeting(grid, acting_user=company.user, requester=day.company(0), receiver=day.delegate(0))

    grid.requests_per_company = 5
    grid.save()
    with pytest.raises(ConflictError, match="already asked"):
        services.request_meeting(grid, acting_user=company.user, requester=day.company(0), receiver=day.delegate(0))
    with pytest.raises(ValidationError, match="companies meet delegates"):
        services.request_meeting(grid, acting_user=company.user, requester=day.company(0), receiver=day.company(1))
    with pytest.raises(PermissionDeniedError):
        services.request_meeting(
            grid, acting_user=day.companies[1].user, requester=day.company(0), receiver=day.delegate(1)
        )
    grid.requests_per_company = 1
    grid.save()
    with pytest.raises(ValidationError, match="all 1 of your requests"):
        services.request_meeting(grid, acting_user=company.user, requester=day.company(0), receiver=day.delegate(1))


def test_only_the_receiver_or_an_organiser_answers(day):
    request = services.request_meeting(
        day.grid, acting_user=day.companies[0].user, requester=day.company(0), receiver=day.delegate(0)
    )

    with pytest.raises(PermissionDeniedError):
        services.answer_request(request, acting_user=day.companies[0].user, accept=True)
    with pytest.raises(PermissionDeniedError):
        services.answer_request(request, acting_user=day.delegates[1].user, accept=True)
    assert services.answer_request(request, acting_user=day.organiser, accept=False).status == "declined"


def test_sessions_a_person_attends_block_their_time(day):
    from tests.factories import SessionFactory

    zone = day.stop.zone
    SessionFactory(
        stop=day.stop,
        kind="site_visit",
        starts_at=dt.datetime(2099, 2, 13, 16, 0, tzinfo=zone),
        ends_at=dt.datetime(2099, 2, 13, 17, 30, tzinfo=zone),
    )
    company = day.company(0)
    services.set_presence(company, acting_user=day.companies[0].user, arrives_at=day.slots[2].starts_at)
    services.block_period(
        company, acting_user=day.companies[0].user, starts_at=day.slots[4].starts_at, ends_at=day.slots[4].ends_at
    )

    free = selectors.available_slots(day.grid)

    # The delegation visits a site from 16:00, so the 15:50 slot is already too late.
    assert sorted(free[day.delegate(0).pk]) == [0, 1, 2, 3, 4, 5]
    assert sorted(free[company.pk]) == [2, 3, 5, 6, 7, 8, 9, 10]


def test_breaks_that_overlap_are_refused_on_breaks(day, organiser):
    """A helper: 10:00–10:40 and 10:20–11:00, and the same break twice, were stored as separate breaks."""
    zone = day.stop.zone
    coffee = (dt.datetime(2099, 2, 13, 14, 0, tzinfo=zone), dt.datetime(2099, 2, 13, 14, 40, tzinfo=zone), "Coffee")
    tea = (dt.datetime(2099, 2, 13, 14, 20, tzinfo=zone), dt.datetime(2099, 2, 13, 15, 0, tzinfo=zone), "Tea")

    for breaks, said in (
        ([tea, coffee], "14:00–14:40 and 14:20–15:00"),
        ([coffee, coffee], "14:00–14:40 and 14:00–14:40"),
    ):
        with pytest.raises(ValidationError) as refused:
            services.set_up_grid(day.session, acting_user=organiser, breaks=breaks)
        assert refused.value.message_dict == {"breaks": [f"Two breaks overlap: {said}."]}


def test_an_arabic_reader_sees_the_overlapping_breaks_in_order(day, organiser):
    """The refusal named both breaks as plain ranges: in an Arabic sentence each read "14:40–14:00"."""
    zone = day.stop.zone
    coffee = (dt.datetime(2099, 2, 13, 14, 0, tzinfo=zone), dt.datetime(2099, 2, 13, 14, 40, tzinfo=zone), "Coffee")
    tea = (dt.datetime(2099, 2, 13, 14, 20, tzinfo=zone), dt.datetime(2099, 2, 13, 15, 0, tzinfo=zone), "Tea")

    with translation.override("ar"), pytest.raises(ValidationError) as refused:
        services.set_up_grid(day.session, acting_user=organiser, breaks=[coffee, tea])

    (message,) = refused.value.message_dict["breaks"]
    assert "14:00–14:40" in shown(message)
    assert "14:20–15:00" in shown(message)


def test_breaks_that_leave_no_slot_are_refused_on_breaks(day, organiser):
    session = day.session
    whole = (session.starts_at, session.ends_at, "Closed")

    with pytest.raises(ValidationError) as refused:
        services.set_up_grid(session, acting_user=organiser, breaks=[whole])

    assert refused.value.message_dict == {"breaks": ["The breaks leave no time for a single slot of this length."]}
