import pytest

from tests.factories import RepresentativeFactory, briefing_factory


@pytest.fixture
def briefing(db):
    return briefing_factory(capacity=3, attendees_per_company=3)


@pytest.fixture
def session_organiser(briefing, organiser):
    briefing.stop.mission.organisers.add(organiser)
    return organiser


@pytest.fixture
def representative_of(db):
    """A company with a representative, by company name."""

    def make(name="CloudCo", **user_fields):
        return RepresentativeFactory(organization__name=name, **{f"user__{k}": v for k, v in user_fields.items()})

    return make


def attendees(count, prefix="person"):
    return [{"full_name": f"Attendee {n}", "email": f"{prefix}{n}@company.example"} for n in range(count)]
