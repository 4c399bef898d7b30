"""Mail through a real Redis broker and a real Celery worker process, on the real PostgreSQL."""

import time

import pytest
from django.db import transaction

from events.core.models import PendingAnnouncement
from events.notifications import services as notifications
from events.notifications.models import OutboundEmail
from events.registrations import services
from tests.factories import RepresentativeFactory, briefing_factory
from tests.support import workers

# Real worker processes on the clock: run alone, after the parallel part of `make test`.
pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.serial]


def register(session, representative):
    return services.register_company(
        session,
        acting_user=representative.user,
        organization=representative.organization,
        attendees=[{"full_name": "Buyer", "email": "buyer@company.example"}],
    )


def register_then_fail(session, representative):
    with transaction.atomic():
        register(session, representative)
        raise RuntimeError("the request failed after registering")


def test_rolled_back_registration_sends_nothing_and_committed_one_sends_once(celery_worker):
    session = briefing_factory(capacity=5, attendees_per_company=1)
    rolled_back, committed = RepresentativeFactory(), RepresentativeFactory()

    with pytest.raises(RuntimeError):
        register_then_fail(session, rolled_back)
    registration = register(session, committed)

    # The confirmation to the representative, written by the worker; the session's calendar invitation to
    # the attendee, which the worker works out after commit from the registration's announcement.
    rows = OutboundEmail.objects.exclude(kind="reminder")  # reminders wait for their time
    expected = ["invitation.request", "registration.confirmed"]
    assert workers.wait_for(lambda: sorted(rows.values_list("kind", flat=True)) == expected)
    assert workers.wait_for(lambda: all(row.status == "sent" for row in rows.all()))
    assert not PendingAnnouncement.objects.exists()
    # A second hand-out of the same rows (a late dispatcher, a redelivered task) must not send again.
    rows.update(claimed_until=None)
    for row in rows.all():
        notifications.hand_to_worker([row.pk])
    notifications.dispatch_due_emails()
    time.sleep(2)
    assert sorted(workers.delivered_to(celery_worker)) == sorted([committed.user.email, "buyer@company.example"])
    assert not OutboundEmail.objects.filter(to=rolled_back.user.email).exists()
    assert OutboundEmail.objects.filter(reference=f"registration:{registration.pk}").count() == 1
