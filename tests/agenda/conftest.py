"""Fixtures shared by the agenda's tests; a module's own fixture of the same name wins over these."""

import pytest

from tests.factories import MissionFactory, SessionFactory, StopFactory


@pytest.fixture
def briefing(organiser):
    mission = MissionFactory(title="Morocco Digital Economy")
    mission.organisers.add(organiser)
    stop = StopFactory(mission=mission, city="Austin", time_zone="America/Chicago")
    return SessionFactory(stop=stop, title="Public business briefing", venue="AT&T Center", registration_mode="open")
