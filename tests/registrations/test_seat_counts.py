"""The seat decision's one SQL statement (selectors.seat_counts) gives what the ORM would."""

import pytest
from django.db.models import Count, Max, Q, Sum

from events.registrations.models import Registration
from events.registrations.selectors import seat_counts
from tests.factories import OrganizationFactory, UserFactory, briefing_factory

pytestmark = pytest.mark.django_db

ROWS = [  # status, seats, waitlist number
    ("confirmed", 2, None),
    ("confirmed", 3, None),
    ("pending", 1, None),
    ("waitlisted", 2, 4),
    ("waitlisted", 1, 7),
    ("cancelled", 5, None),
    ("declined", 1, None),
]


def orm_counts(session):
    status = Registration.Status
    counts = Registration.objects.filter(session=session).aggregate(
        confirmed=Sum("seats", filter=Q(status=status.CONFIRMED), default=0),
        last_number=Max("waitlist_number"),
        waiting=Count("pk", filter=Q(status=status.WAITLISTED)),
    )
    return counts


@pytest.mark.parametrize("empty", [True, False])
def test_seat_counts_agree_with_the_orm(empty):
    session, other_session = briefing_factory(capacity=10), briefing_factory(capacity=10)
    by = UserFactory()
    companies = [OrganizationFactory() for _ in ROWS]
    if not empty:
        for company, (status, seats, number) in zip(companies, ROWS, strict=True):
            Registration.objects.create(
                session=session,
                organization=company,
                registered_by=by,
                status=status,
                seats=seats,
                waitlist_number=number,
            )
            # Another session's registrations count for nothing here.
            Registration.objects.create(
                session=other_session, organization=company, registered_by=by, status="confirmed", seats=1
            )

    assert seat_counts(session) == orm_counts(session)
    assert seat_counts(session) == (
        {"confirmed": 0, "last_number": None, "waiting": 0}
        if empty
        else {
            "confirmed": 5,
            "last_number": 7,
            "waiting": 2,
        }
    )
