"""A company cancelling its registration for a B2B session reads first which of its meetings go with it."""

import pytest

pytestmark = pytest.mark.django_db


def test_the_page_asking_to_cancel_a_meeting_session_names_the_meetings_it_cancels(client, day):
    """Found by a helper: the page asking a company to confirm its cancellation spoke of the waitlist only;
    confirming cancelled its two scheduled meetings and mailed everyone."""
    from events.meetings import services

    services.book_meeting(day.accepted(0, 0), acting_user=day.organiser, slot=day.slots[4], table=day.tables[0])
    services.publish_schedule(day.grid, acting_user=day.organiser)
    registration = day.companies[0].organization.registrations.get(session=day.session)
    client.force_login(day.companies[0].user)

    page = client.get(f"/registrations/{registration.pk}/cancel/").content.decode()

    assert "Cancelling also cancels your one-to-one meetings:" in page
    assert "Meeting with Delegate 0" in page
    assert "14:50" in page
