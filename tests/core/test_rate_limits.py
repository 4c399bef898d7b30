"""Limits that hold across processes: API throttles, the stricter outreach rate, and allauth's sign-in
limits counted once in a Redis shared by two web processes."""

import os
import re
import socket
import subprocess
import sys
from http.cookiejar import CookieJar
from urllib.error import HTTPError, URLError
from urllib.parse import urlencode, urlsplit, urlunsplit
from urllib.request import HTTPCookieProcessor, Request, build_opener, urlopen

import pytest
import redis
from django.conf import settings
from django.core.cache import cache

from tests.factories import RepresentativeFactory, SectorFactory, UserFactory
from tests.meetings.conftest import MeetingDay
from tests.support.workers import require_worker_services, stop, wait_for, worker_environment

# Real worker or web processes on the clock: run alone, after the parallel part of `make test`.
pytestmark = pytest.mark.serial

NO_THROTTLE = {"anon": None, "user": None, "outreach": None}


@pytest.fixture(autouse=True)
def empty_cache():
    """Throttle counts live in the cache: each test starts from none."""
    cache.clear()
    yield
    cache.clear()


def throttle_rates(settings, **rates):
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": {**NO_THROTTLE, **rates}}


@pytest.mark.django_db
def test_an_anonymous_client_is_refused_with_429_and_retry_after_past_its_rate(settings, api_client):
    throttle_rates(settings, anon="3/minute")
    SectorFactory()

    answers = [api_client.get("/api/v1/sectors/") for _ in range(4)]

    assert [answer.status_code for answer in answers] == [200, 200, 200, 429]
    assert answers[3]["Content-Type"] == "application/json"
    assert 0 < int(answers[3]["Retry-After"]) <= 60
    assert answers[3].json()["detail"].startswith("Request was throttled.")


@pytest.mark.django_db
def test_a_signed_in_user_is_refused_past_the_user_rate_and_another_user_is_not(settings, api_client):
    throttle_rates(settings, user="3/minute")
    first, second = UserFactory(), UserFactory()

    api_client.force_authenticate(first)
    answers = [api_client.get("/api/v1/sectors/").status_code for _ in range(4)]
    api_client.force_authenticate(second)
    other = api_client.get("/api/v1/sectors/").status_code

    assert answers == [200, 200, 200, 429]
    assert other == 200


@pytest.mark.django_db
def test_meeting_requests_and_invitations_share_the_stricter_outreach_rate(settings, api_client, organiser):
    throttle_rates(settings, user="100/minute", outreach="2/hour")
    day = MeetingDay(organiser)
    api_client.force_authenticate(day.companies[0].user)

    def ask(delegate):
        body = {"grid": day.grid.pk, "receiver": day.delegate(delegate).pk}
        return api_client.post("/api/v1/meeting-requests/", body, format="json")

    first, second, third = ask(0), ask(1), ask(2)
    invitation = api_client.post("/api/v1/company-invitations/", {"email": "colleague@example.com"}, format="json")
    listing = api_client.get("/api/v1/meeting-requests/")

    assert (first.status_code, second.status_code) == (201, 201)
    assert third.status_code == 429
    assert int(third["Retry-After"]) > 60  # an hourly rate: the wait is counted in minutes, not seconds
    assert invitation.status_code == 429
    assert listing.status_code == 200
    assert listing.json()["count"] == 2


@pytest.mark.django_db
def test_a_colleague_invitation_alone_trips_the_outreach_rate(settings, api_client):
    throttle_rates(settings, outreach="1/hour")
    api_client.force_authenticate(RepresentativeFactory().user)

    answers = [
        api_client.post("/api/v1/company-invitations/", {"email": email}, format="json").status_code
        for email in ("first@example.com", "second@example.com")
    ]

    assert answers == [201, 429]


def test_production_refuses_to_start_without_a_shared_cache():
    result = subprocess.run(
        [sys.executable, "-c", "import django; django.setup()"],
        env={"DJANGO_SETTINGS_MODULE": "config.settings.production", "DJANGO_SECRET_KEY": "x" * 50, "PATH": ""},
        capture_output=True,
        text=True,
        check=False,
    )

    assert result.returncode != 0
    assert "CACHE_URL must name a Redis cache shared by every web process" in result.stderr


# Two web processes, as gunicorn's workers or two machines would be.

# Both processes answer one host name, as behind a load balancer: allauth's per-account count is keyed by
# the site's domain (the Host header, without django.contrib.sites) and the email typed.
SITE = "missions.example.org"
WRONG_PASSWORD = "The email address and/or password you specified are not correct."
TOO_MANY = "Too many failed login attempts. Try again later."


def wrong_passwords_per_account():
    """The per-account ("/key") part of allauth's configured limit on failed sign-ins."""
    rates = settings.ACCOUNT_RATE_LIMITS["login_failed"].split(",")
    return int(next(rate for rate in rates if rate.endswith("/key")).split("/")[0])


def shared_cache_url():
    """The broker's Redis, database 13: kept for this test, and emptied before it."""
    broker = urlsplit(os.environ["CELERY_BROKER_URL"])
    return urlunsplit((broker.scheme, broker.netloc, "/13", "", ""))


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def start_web(env, started):
    """A gunicorn with one worker on a free port, added to `started` at once so that it is stopped even
    if it never answers."""
    port = free_port()
    gunicorn = [sys.executable, "-m", "gunicorn", "config.wsgi", "--bind", f"127.0.0.1:{port}", "--workers", "1"]
    process = subprocess.Popen(
        [*gunicorn, "--no-control-socket", "--graceful-timeout", "5"],
        env=env,
        cwd=settings.BASE_DIR,
    )
    started.append(process)
    base = f"http://127.0.0.1:{port}"

    def answering():
        try:
            with urlopen(f"{base}/accounts/login/", timeout=30) as page:
                return page.status == 200
        except URLError:  # not listening yet
            return False

    assert wait_for(answering, timeout=60), "the web process did not answer"
    return base


def sign_in_with_a_wrong_password(base, email):
    """One browser's attempt: fetch the form (its CSRF token), post it, and say how it was answered."""
    browser = build_opener(HTTPCookieProcessor(CookieJar()))
    with browser.open(Request(f"{base}/accounts/login/", headers={"Host": SITE}), timeout=30) as page:
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.read().decode()).group(1)
    body = urlencode({"login": email, "password": "not-the-password", "csrfmiddlewaretoken": token}).encode()
    try:
        with browser.open(Request(f"{base}/accounts/login/", data=body, headers={"Host": SITE}), timeout=30) as answer:
            text = answer.read().decode()
    except HTTPError as refusal:
        return "refused" if refusal.code == 429 else f"error {refusal.code}"
    if TOO_MANY in text:
        return "refused"
    assert WRONG_PASSWORD in text
    return "checked"


def alternate_wrong_passwords(env, attempts):
    """`attempts` wrong passwords for one account, sent alternately to two web processes."""
    email = UserFactory().email
    processes = []
    try:
        bases = [start_web(env, processes), start_web(env, processes)]
        return [sign_in_with_a_wrong_password(bases[n % 2], email) for n in range(attempts)]
    finally:
        for process in processes:
            stop(process)


@pytest.mark.django_db(transaction=True)
def test_two_processes_sharing_redis_check_only_the_configured_number_of_wrong_passwords():
    require_worker_services()

    cache_url = shared_cache_url()
    redis.Redis.from_url(cache_url).flushdb()
    limit = wrong_passwords_per_account()

    outcomes = alternate_wrong_passwords(worker_environment(TEST_CACHE_URL=cache_url), attempts=4 * limit)

    assert outcomes.count("checked") == limit
    assert outcomes[:limit] == ["checked"] * limit
    assert outcomes.count("refused") == 3 * limit


@pytest.mark.django_db(transaction=True)
def test_two_processes_each_with_its_own_memory_check_twice_the_limit():
    """The negative control: the same test sees the limit doubled when the processes share nothing."""
    require_worker_services()
    limit = wrong_passwords_per_account()

    outcomes = alternate_wrong_passwords(worker_environment(TEST_CACHE_URL=""), attempts=4 * limit)

    assert outcomes.count("checked") == 2 * limit
