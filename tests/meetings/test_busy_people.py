"""Who is busy at another session is a person, not a company: found by a helper who registered a colleague of the
company's table attendee for a round table at the same hour; the board flagged the company's three meetings as
conflicts and the scheduler dropped them, though the person at its table was free. The other way round, the
table attendee named by another company for the round table was not seen as busy at all."""

import datetime as dt

import pytest

from events.meetings import selectors
from events.registrations.services import register_company
from tests.factories import RepresentativeFactory, SessionFactory
from tests.meetings.conftest import MeetingDay

pytestmark = pytest.mark.django_db


@pytest.fixture
def day(organiser):
    day = MeetingDay(organiser, companies=2, delegates=1)
    zone = day.stop.zone
    day.round_table = SessionFactory(
        stop=day.stop,
        title="Round table",
        starts_at=dt.datetime(2099, 2, 13, 13, 30, tzinfo=zone),
        ends_at=dt.datetime(2099, 2, 13, 14, 30, tzinfo=zone),
        registration_mode="open",
        capacity=50,
        attendees_per_company=2,
    )
    return day


def at_the_round_table(day, representative, *people):
    """`representative`'s company registers `people` ({full_name, email}) for the round table."""
    company = representative.organization
    register_company(day.round_table, acting_user=representative.user, organization=company, attendees=list(people))


def in_the_round_table(day, slot_index):
    slot = day.slots[slot_index]
    return slot.starts_at < day.round_table.ends_at and day.round_table.starts_at < slot.ends_at


def test_a_company_whose_colleague_is_at_another_session_still_meets(day):
    at_the_round_table(day, day.companies[0], {"full_name": "David Kim", "email": "david@company0.example"})

    free = selectors.available_slots(day.grid)

    assert free[day.company(0).pk] == {slot.index for slot in day.slots}


def test_a_company_whose_table_attendee_is_at_another_session_is_busy_then_whoever_named_them(day):
    company, other = day.companies[0], RepresentativeFactory(organization__name="Coastal Hospitality")
    at_the_round_table(day, other, {"full_name": company.user.full_name, "email": company.user.email.upper()})

    free = selectors.available_slots(day.grid)

    assert free[day.company(0).pk] == {slot.index for slot in day.slots if not in_the_round_table(day, slot.index)}
    assert free[day.company(1).pk] == {slot.index for slot in day.slots}


def test_a_company_meets_while_one_of_its_two_table_attendees_is_elsewhere(day):
    from events.meetings.models import Participant

    company = RepresentativeFactory(organization__name="Forêt Conseil")
    two = [
        {"full_name": "Lina Haddad", "email": "lina@foret.example"},
        {"full_name": "Sami Ali", "email": "sami@foret.example"},
    ]
    register_company(day.session, acting_user=company.user, organization=company.organization, attendees=two)
    at_the_round_table(day, company, two[0])

    seat = Participant.objects.get(grid=day.grid, organization=company.organization)
    free = selectors.available_slots(day.grid)

    assert free[seat.pk] == {slot.index for slot in day.slots}


def test_a_company_is_busy_when_everyone_at_its_table_is_elsewhere(day):
    company = day.companies[0]
    at_the_round_table(day, company, {"full_name": company.user.full_name, "email": company.user.email})

    free = selectors.available_slots(day.grid)

    assert free[day.company(0).pk] == {slot.index for slot in day.slots if not in_the_round_table(day, slot.index)}


def test_busy_periods_take_four_queries_whatever_the_number_of_companies(day, django_assert_max_num_queries):
    participants = list(day.grid.participants.all())
    with django_assert_max_num_queries(4):
        selectors.busy_periods(day.grid, participants)
