"""The board's operations: each is validated and a conflict is a 409 naming it."""

import pytest

from events.core.errors import ConflictError
from events.meetings import services
from events.meetings.models import Meeting, MeetingSeat

pytestmark = pytest.mark.django_db


def test_book_move_and_cancel(day):
    request = day.accepted(0, 0)

    meeting = services.book_meeting(request, acting_user=day.organiser, slot=day.slots[0], table=day.tables[0])
    services.move_meeting(meeting, acting_user=day.organiser, slot=day.slots[3], table=day.tables[2])

    meeting.refresh_from_db()
    assert (meeting.slot, meeting.table) == (day.slots[3], day.tables[2])
    assert set(MeetingSeat.objects.filter(meeting=meeting).values_list("slot", flat=True)) == {day.slots[3].pk}
    services.cancel_meeting(meeting, acting_user=day.organiser)
    assert not Meeting.objects.exists()
    assert not MeetingSeat.objects.exists()


def test_a_double_booking_is_refused_with_the_names(day):
    services.book_meeting(day.accepted(0, 0), acting_user=day.organiser, slot=day.slots[0], table=day.tables[0])
    same_delegate = day.accepted(1, 0)
    same_table = day.accepted(2, 1)

    with pytest.raises(ConflictError) as person:
        services.book_meeting(same_delegate, acting_user=day.organiser, slot=day.slots[0], table=day.tables[1])
    with pytest.raises(ConflictError) as table:
        services.book_meeting(same_table, acting_user=day.organiser, slot=day.slots[0], table=day.tables[0])

    assert str(person.value.message) == "Delegate 0 already meets Company 0 at 13:30."
    assert str(table.value.message) == "Table 1 is taken at 13:30 by Company 0 – Delegate 0."
    assert Meeting.objects.count() == 1


def test_unavailable_people_and_fixed_tables_are_respected(day):
    company = day.company(0)
    services.set_presence(company, acting_user=day.organiser, leaves_at=day.slots[2].starts_at)
    table = day.tables[2]
    table.delegate = day.delegates[2]
    table.save()

    with pytest.raises(ConflictError, match="Company 0 is not available at 14:10"):
        services.book_meeting(day.accepted(0, 0), acting_user=day.organiser, slot=day.slots[2], table=day.tables[0])
    with pytest.raises(ConflictError, match="Table 3 is kept for Delegate 2"):
        services.book_meeting(day.accepted(1, 1), acting_user=day.organiser, slot=day.slots[0], table=table)
    with pytest.raises(ConflictError, match="Delegate 2 meets only at Table 3"):
        services.book_meeting(day.accepted(1, 2), acting_user=day.organiser, slot=day.slots[0], table=day.tables[0])


def test_swap_exchanges_places(day):
    first = services.book_meeting(day.accepted(0, 0), acting_user=day.organiser, slot=day.slots[0], table=day.tables[0])
    second = services.book_meeting(
        day.accepted(1, 1), acting_user=day.organiser, slot=day.slots[1], table=day.tables[1]
    )

    services.swap_meetings(first, second, acting_user=day.organiser)

    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.slot, first.table) == (day.slots[1], day.tables[1])
    assert (second.slot, second.table) == (day.slots[0], day.tables[0])
    assert first.working
    assert second.working


def test_publishing_keeps_numbered_versions_that_participants_see(day):
    from events.meetings import selectors

    meeting = services.book_meeting(
        day.accepted(0, 0), acting_user=day.organiser, slot=day.slots[0], table=day.tables[0]
    )
    first = services.publish_schedule(day.grid, acting_user=day.organiser)
    services.move_meeting(meeting, acting_user=day.organiser, slot=day.slots[5], table=day.tables[0])
    second = services.publish_schedule(day.grid, acting_user=day.organiser)

    assert (first.number, second.number) == (1, 2)
    seen_by_company = list(selectors.published_meetings_of(day.companies[0].user))
    seen_by_delegate = list(selectors.published_meetings_of(day.delegates[0].user))
    assert [m.slot for m in seen_by_company] == [day.slots[5]]
    assert [m.uid for m in seen_by_delegate] == [meeting.uid]
    assert list(selectors.published_meetings_of(day.companies[1].user)) == []
    assert first.meetings.get().slot == day.slots[0]  # the old version is kept as it was


def test_declining_an_accepted_request_takes_its_meeting_off_the_board(day):
    request = day.accepted(0, 0)
    services.book_meeting(request, acting_user=day.organiser, slot=day.slots[0], table=day.tables[0])

    services.answer_request(request, acting_user=day.delegates[0].user, accept=False, reason="Schedule clash")

    assert not Meeting.objects.exists()
