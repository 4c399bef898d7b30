import datetime as dt
import zoneinfo
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from django.conf import settings
from django.core.cache import cache
from django.utils import translation
from rest_framework.test import APIClient

from config.celery import app
from tests.factories import MissionFactory, SessionFactory, StopFactory, UserFactory
from tests.support import workers


@pytest.fixture(autouse=True)
def english_between_tests():
    """A request in French activates French for the thread (LocaleMiddleware); the next test starts in English."""
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture(autouse=True)
def empty_cache_between_tests():
    """What one test leaves in the cache (a worker's wake noted for the next second, events.core.wake; a
    throttle's count) must not change the next one."""
    yield
    cache.clear()


@pytest.fixture
def api_client():
    return APIClient()


@pytest.fixture
def user(db):
    return UserFactory()


@pytest.fixture
def organiser(db):
    """A member of an agency's staff who may create missions."""
    from django.contrib.auth.models import Permission

    user = UserFactory(email="organiser@agency.example")
    user.user_permissions.add(Permission.objects.get(codename="add_mission"))
    return user


@pytest.fixture
def two_zone_mission():
    """The USTDA shape: Austin (Central time) then Silicon Valley (Pacific time)."""
    mission = MissionFactory(title="Morocco Digital Economy", slug="morocco-digital")
    austin = StopFactory(mission=mission, order=1, city="Austin", end_date=dt.date(2027, 2, 14))
    valley = StopFactory(
        mission=mission,
        order=2,
        city="San Jose",
        region="California",
        time_zone="America/Los_Angeles",
        start_date=dt.date(2027, 2, 15),
    )
    SessionFactory(
        stop=austin,
        title="Public business briefing",
        starts_at=dt.datetime(2027, 2, 13, 9, 0, tzinfo=ZoneInfo("America/Chicago")),
        ends_at=dt.datetime(2027, 2, 13, 12, 0, tzinfo=ZoneInfo("America/Chicago")),
    )
    SessionFactory(
        stop=valley,
        title="Site visit: Juniper Networks",
        starts_at=dt.datetime(2027, 2, 16, 10, 0, tzinfo=ZoneInfo("America/Los_Angeles")),
        ends_at=dt.datetime(2027, 2, 16, 12, 30, tzinfo=ZoneInfo("America/Los_Angeles")),
    )
    return mission


@pytest.fixture
def celery_worker(tmp_path, settings):
    """A real Celery worker on the test database and the Redis broker, sending mail to files in the
    maildir it yields; tasks of this test go to the broker (not eager). Skips without PostgreSQL and Redis."""
    workers.require_worker_services()
    maildir = tmp_path / "mail"
    env = workers.worker_environment(
        DJANGO_EMAIL_BACKEND="django.core.mail.backends.filebased.EmailBackend", DJANGO_EMAIL_FILE_PATH=str(maildir)
    )
    app.control.purge()  # tasks left by an earlier run name rows of another database
    worker = workers.start_worker(env)
    try:
        assert workers.wait_until_answering(), "the Celery worker did not start"
        settings.CELERY_TASK_ALWAYS_EAGER = False
        yield maildir
    finally:
        workers.stop(worker)


DATABASE_FIXTURES = {
    "db",
    "transactional_db",
    "live_server",
    "django_db_reset_sequences",
    "django_db_serialized_rollback",
}


def uses_database(item) -> bool:
    return bool(item.get_closest_marker("django_db") or DATABASE_FIXTURES & set(item.fixturenames))


@pytest.fixture(scope="module", autouse=True)
def sectors_for_the_module(request, django_db_blocker):
    """The sectors the migrations seed, before a module's own fixtures need them (a demo loaded once for the
    module): a transactional test of an earlier module on this process may have flushed them. Only for a
    module with a test that uses the database."""
    if not any(uses_database(item) for item in request.session.items if item.module is request.module):
        return
    request.getfixturevalue("django_db_setup")
    from tests.support.sectors import seed_sectors

    with django_db_blocker.unblock():
        seed_sectors()


@pytest.fixture(autouse=True)
def seeded_sectors(request, django_db_blocker):
    """The sectors the migrations seed, there for every test that uses the database.

    A transactional test (a thread, a live server, a worker) ends by flushing the database, seeded rows
    included; whatever test runs next on this process (pytest-xdist decides, not the file order) finds
    them again. One query when they are there.
    """
    if not uses_database(request.node):
        return
    request.getfixturevalue("django_db_setup")
    from tests.support.sectors import seed_sectors

    with django_db_blocker.unblock():
        seed_sectors()


TZDATA = Path(__file__).parent / "core" / "tzdata"


@pytest.fixture
def releases(monkeypatch):
    """Switch the tz release in use: releases("2025b") or releases("2026f").

    Two committed copies of Africa/Casablanca stand for them: 2025b (Morocco on +01 outside Ramadan)
    and 2026f (on +00 from 20 September 2026). Other zones come from the pinned wheel.
    """

    def use(release):
        zoneinfo.reset_tzpath(to=[str(TZDATA / release)])
        zoneinfo.ZoneInfo.clear_cache()  # or zones read under the other release would be kept
        monkeypatch.setattr("events.core.wall_clock.tz_database_version", lambda: release)

    yield use
    zoneinfo.reset_tzpath(to=[])
    zoneinfo.ZoneInfo.clear_cache()
