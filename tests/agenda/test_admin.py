"""Organisers find invitations (with the answers given from the email) and feed links in the admin."""

import pytest

from events.meetings import services
from tests.meetings.conftest import MeetingDay

pytestmark = pytest.mark.django_db


def test_invitations_and_their_answers_are_listed_in_the_admin(admin_client, organiser):
    day = MeetingDay(organiser)
    services.book_meeting(day.accepted(0, 0), acting_user=organiser, slot=day.slots[0], table=day.tables[0])
    services.publish_schedule(day.grid, acting_user=organiser)

    invitations = admin_client.get("/admin/agenda/invitation/?answer__exact=NEEDS-ACTION")
    links = admin_client.get("/admin/agenda/feedtoken/")

    assert invitations.status_code == 200
    assert "Meeting with Company 0" in invitations.text
    assert day.delegates[0].user.email in invitations.text
    assert links.status_code == 200
