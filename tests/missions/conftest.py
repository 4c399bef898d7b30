import pytest

from tests.factories import MissionFactory, StopFactory


@pytest.fixture
def own_mission(organiser):
    """A mission the organiser fixture organises, with its Austin stop."""
    mission = MissionFactory(title="Morocco Digital Economy", slug="morocco-digital")
    mission.organisers.add(organiser)
    StopFactory(mission=mission, order=1)
    return mission


@pytest.fixture
def organiser_client(api_client, organiser):
    api_client.force_authenticate(organiser)
    return api_client
