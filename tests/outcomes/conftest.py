import datetime as dt

import pytest

from events.meetings import services as meeting_services
from events.meetings.models import Meeting
from tests.meetings.conftest import MeetingDay


class B2BAfternoon(MeetingDay):
    """The Austin afternoon with two published meetings: Company 0 with Delegate 0 in the first slot, and
    Company 1 with Delegate 1 in the third; each company has one attendee (its representative)."""

    def __init__(self, organiser):
        super().__init__(organiser)
        meeting_services.book_meeting(
            self.accepted(0, 0), acting_user=organiser, slot=self.slots[0], table=self.tables[0]
        )
        meeting_services.book_meeting(
            self.accepted(1, 1), acting_user=organiser, slot=self.slots[2], table=self.tables[1]
        )
        meeting_services.publish_schedule(self.grid, acting_user=organiser)
        self.first, self.third = Meeting.objects.filter(version__isnull=False).order_by("slot__starts_at")
        self.mission = self.stop.mission

    @property
    def after_both(self):
        return self.third.slot.ends_at + dt.timedelta(minutes=5)


@pytest.fixture
def afternoon(organiser):
    return B2BAfternoon(organiser)
