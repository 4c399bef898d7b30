import itertools

import pytest

from tests.factories import RepresentativeFactory, briefing_factory

_COMPANIES = itertools.count(1)


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
    """`count` attendees at addresses of a company no other call names: one person attends a session for one
    company (registrations.validation.attending_for_other_companies)."""
    domain = f"company{next(_COMPANIES)}.example"
    return [{"full_name": f"Attendee {n}", "email": f"{prefix}{n}@{domain}"} for n in range(count)]
