"""Issue 12: a rush wakes the worker once per moment, not once per request; nothing waits longer than that."""

import time

import pytest
from celery import current_app
from django.core.cache import cache

from events.core.signals import SWEEP_TASK
from events.core.wake import DUE_AFTER_NOTE, WAKE_WINDOW, wake
from events.notifications.models import OutboundEmail
from events.notifications.services import DISPATCH_TASK
from events.registrations import services
from tests.factories import RepresentativeFactory, briefing_factory
from tests.support import workers

# Real worker or web processes on the clock: run alone, after the parallel part of `make test`.
pytestmark = pytest.mark.serial

DUE = WAKE_WINDOW + DUE_AFTER_NOTE


def register(session, number):
    company = RepresentativeFactory()
    return services.register_company(
        session,
        acting_user=company.user,
        organization=company.organization,
        attendees=[{"full_name": f"Buyer {number}", "email": f"buyer{number}@company.example"}],
    )


@pytest.fixture
def broker(settings, monkeypatch):
    """Production's path (tasks through a broker), with the broker replaced by a list of what was sent."""
    settings.CELERY_TASK_ALWAYS_EAGER = False
    sent = []
    monkeypatch.setattr(
        current_app, "send_task", lambda name, args=None, countdown=None, **options: sent.append((name, countdown))
    )
    return sent


@pytest.mark.django_db
def test_a_rush_of_registrations_wakes_the_dispatcher_and_the_sweep_once(broker, django_capture_on_commit_callbacks):
    session = briefing_factory(capacity=3, attendees_per_company=1)

    for number in range(6):
        with django_capture_on_commit_callbacks(execute=True):
            register(session, number)

    # Six registrations, six confirmations and six announcements: one task each for the worker, due after
    # the note that stopped the five others expires, so it reads their rows too.
    assert sorted(broker) == sorted([(DISPATCH_TASK, DUE), (SWEEP_TASK, DUE)])
    assert OutboundEmail.objects.filter(kind__startswith="registration.", claimed_until__isnull=True).count() == 6


@pytest.mark.django_db
def test_a_commit_after_the_window_wakes_the_worker_again(broker, django_capture_on_commit_callbacks):
    session = briefing_factory(capacity=3, attendees_per_company=1)
    with django_capture_on_commit_callbacks(execute=True):
        register(session, 1)

    time.sleep(WAKE_WINDOW + 0.1)
    with django_capture_on_commit_callbacks(execute=True):
        register(session, 2)

    assert sorted(broker) == sorted([(DISPATCH_TASK, DUE), (SWEEP_TASK, DUE)] * 2)


def test_a_broker_that_refused_is_asked_again_by_the_next_commit(settings, monkeypatch):
    calls = []

    def refuse_once(name, countdown=None, **options):
        calls.append(name)
        if len(calls) == 1:
            raise ConnectionError("broker down")

    monkeypatch.setattr(current_app, "send_task", refuse_once)

    assert wake(DISPATCH_TASK) is False  # logged; the rows wait for beat at worst
    assert wake(DISPATCH_TASK) is True
    assert calls == [DISPATCH_TASK, DISPATCH_TASK]


def test_without_the_cache_the_worker_is_woken_at_once(monkeypatch):
    sent = []
    monkeypatch.setattr(current_app, "send_task", lambda name, countdown=None, **options: sent.append(countdown))

    def cache_down(*args, **kwargs):
        raise ConnectionError("cache down")

    monkeypatch.setattr(cache, "add", cache_down)

    assert wake(DISPATCH_TASK) is True
    assert wake(DISPATCH_TASK) is True
    assert sent == [0, 0]


@pytest.mark.django_db(transaction=True)
def test_every_message_of_a_rush_goes_once_through_a_real_worker(celery_worker):
    session = briefing_factory(capacity=4, attendees_per_company=1)

    registrations = [register(session, number) for number in range(8)]

    # Each registration's message and each confirmed attendee's invitation, sent once, though only the
    # first commit of each window sent a task.
    rows = OutboundEmail.objects.exclude(kind="reminder")
    assert workers.wait_for(lambda: rows.count() == 12 and not rows.exclude(status="sent").exists(), timeout=30)
    representatives = [registration.registered_by.email for registration in registrations]
    invited = [f"buyer{number}@company.example" for number in range(4)]
    assert sorted(workers.delivered_to(celery_worker)) == sorted(representatives + invited)
