"""What a person's calendar should hold is read in a fixed number of queries, whatever the number of people."""

import pytest

from events.agenda.contents import calendar_entries_for
from events.agenda.services import refresh_calendars
from events.meetings import services as meetings
from events.missions.models import Delegate
from events.registrations.services import register_company
from tests.factories import DelegateFactory, DelegationFactory, SessionFactory
from tests.meetings.conftest import MeetingDay

pytestmark = pytest.mark.django_db


def people(organiser, count):
    """`count` company attendees of a briefing and of a meeting day, delegates with meetings, all published."""
    day = MeetingDay(organiser, companies=count, delegates=count, tables=count)
    briefing = SessionFactory(stop=day.stop, registration_mode="open", capacity=500)
    emails = []
    for n, representative in enumerate(day.companies):
        email = representative.user.email
        register_company(
            briefing,
            acting_user=representative.user,
            organization=representative.organization,
            attendees=[{"full_name": f"Person {n}", "email": email}],
        )
        meetings.book_meeting(day.accepted(n, n), acting_user=organiser, slot=day.slots[0], table=day.tables[n])
        emails.append(email)
    meetings.publish_schedule(day.grid, acting_user=organiser)
    DelegateFactory(delegation=DelegationFactory(mission=day.stop.mission), email=emails[0], full_name="Two roles")
    emails += [delegate.user.email for delegate in Delegate.objects.filter(user__isnull=False)]
    return emails


@pytest.mark.parametrize("count", [1, 20])
def test_reading_calendars_takes_the_same_queries_for_one_or_twenty(organiser, count, django_assert_max_num_queries):
    emails = people(organiser, count)

    with django_assert_max_num_queries(9):
        held = calendar_entries_for(emails)

    assert len(held) == len(set(emails))
    assert all(entries for entries in held.values())


@pytest.mark.parametrize("count", [1, 20])
def test_a_sync_with_nothing_to_send_takes_the_same_queries(organiser, count, django_assert_max_num_queries):
    emails = people(organiser, count)

    # Nine reads (the people's invitations, then calendar_entries_for), two savepoints each way and,
    # on PostgreSQL, one statement taking every person's advisory lock.
    with django_assert_max_num_queries(14):
        result = refresh_calendars(people=emails)

    assert result == {"requests": 0, "cancellations": 0}
