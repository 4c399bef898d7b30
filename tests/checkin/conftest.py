import datetime as dt

import pytest
import time_machine

from events.registrations.services import register_company
from tests.factories import DelegateFactory, DelegationFactory, RepresentativeFactory, UserFactory, briefing_factory


class Door:
    """The Austin briefing's door: an organiser, a check-in volunteer, a delegate and two companies'
    attendees (one of them cancelled since)."""

    def __init__(self, organiser):
        self.session = briefing_factory(capacity=50, attendees_per_company=2, title="Public business briefing")
        self.mission = self.session.stop.mission
        self.mission.organisers.add(organiser)
        self.organiser = organiser
        self.volunteer = UserFactory(email="volunteer@agency.example")
        self.delegate = DelegateFactory(
            delegation=DelegationFactory(mission=self.mission, name="Dakhla-Oued Eddahab"),
            full_name="Omar Tazi",
            user=UserFactory(email="omar@dakhla.example"),
        )
        self.company = RepresentativeFactory(organization__name="Lone Star Cloud")
        self.registration = register_company(
            self.session,
            acting_user=self.company.user,
            organization=self.company.organization,
            attendees=[
                {"full_name": "Ana Ruiz", "email": "Ana@LoneStar.example"},
                {"full_name": "Bo Lee", "email": "bo@lonestar.example"},
            ],
        )
        self.left = RepresentativeFactory(organization__name="Gone Ltd")
        self.cancelled = register_company(
            self.session,
            acting_user=self.left.user,
            organization=self.left.organization,
            attendees=[{"full_name": "Cy Gone", "email": "cy@gone.example"}],
        )
        from events.registrations.services import cancel_registration

        cancel_registration(self.cancelled, acting_user=self.left.user)

    def opened(self):
        """The clock moved to a quarter of an hour before the session, its door open (checkin.selectors.door_hours),
        ticking on: `with door.opened():`. Registering happened before, as it must."""
        return time_machine.travel(self.session.starts_at - dt.timedelta(minutes=15), tick=True)


@pytest.fixture
def door(organiser):
    door = Door(organiser)
    with door.opened():
        yield door
