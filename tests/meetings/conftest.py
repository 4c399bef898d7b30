import datetime as dt

import pytest

from events.meetings import services
from events.meetings.models import MeetingRequest, Participant
from events.registrations.services import register_company
from tests.factories import (
    DelegateFactory,
    DelegationFactory,
    MissionFactory,
    RepresentativeFactory,
    SessionFactory,
    StopFactory,
    UserFactory,
)


class MeetingDay:
    """An afternoon of one-to-one meetings in Austin: 13:30–17:30 local, 20-minute slots, a break at 15:30."""

    def __init__(
        self, organiser, companies=3, delegates=3, tables=3, pairing="companies_delegates", time_zone="America/Chicago"
    ):
        mission = MissionFactory(start_date=dt.date(2099, 2, 10), end_date=dt.date(2099, 2, 21))
        mission.organisers.add(organiser)
        self.organiser = organiser
        self.stop = StopFactory(
            mission=mission, start_date=dt.date(2099, 2, 10), end_date=dt.date(2099, 2, 14), time_zone=time_zone
        )
        zone = self.stop.zone
        self.session = SessionFactory(
            stop=self.stop,
            kind="b2b_meetings",
            title="One-to-one meetings",
            starts_at=dt.datetime(2099, 2, 13, 13, 30, tzinfo=zone),
            ends_at=dt.datetime(2099, 2, 13, 17, 30, tzinfo=zone),
            registration_mode="open",
            capacity=200,
            attendees_per_company=2,
        )
        delegation = DelegationFactory(mission=mission)
        self.delegates = [
            DelegateFactory(delegation=delegation, full_name=f"Delegate {n}", user=UserFactory())
            for n in range(delegates)
        ]
        self.companies = []
        for n in range(companies):
            representative = RepresentativeFactory(organization__name=f"Company {n}")
            register_company(
                self.session,
                acting_user=representative.user,
                organization=representative.organization,
                attendees=[{"full_name": representative.user.full_name, "email": representative.user.email}],
            )
            self.companies.append(representative)
        self.grid = services.set_up_grid(
            self.session,
            acting_user=organiser,
            slot_minutes=20,
            pairing=pairing,
            breaks=[
                (dt.datetime(2099, 2, 13, 15, 30, tzinfo=zone), dt.datetime(2099, 2, 13, 15, 50, tzinfo=zone), "Coffee")
            ],
            tables=[f"Table {n + 1}" for n in range(tables)],
        )
        self.slots = list(self.grid.slots.all())
        self.tables = list(self.grid.tables.all())

    def company(self, n) -> Participant:
        return Participant.objects.get(grid=self.grid, organization=self.companies[n].organization)

    def delegate(self, n) -> Participant:
        return Participant.objects.get(grid=self.grid, delegate=self.delegates[n])

    def accepted(self, company, delegate, priority=2) -> MeetingRequest:
        meeting_request = services.request_meeting(
            self.grid,
            acting_user=self.companies[company].user,
            requester=self.company(company),
            receiver=self.delegate(delegate),
            priority=priority,
        )
        return services.answer_request(meeting_request, acting_user=self.organiser, accept=True)


@pytest.fixture
def day(organiser):
    return MeetingDay(organiser)
