"""Test settings: the database comes from DATABASE_URL (SQLite by default)."""

import os
from urllib.parse import urlsplit, urlunsplit

from .base import *  # noqa: F403

SECRET_KEY = "test-only-not-secret"
DEBUG = False
ALLOWED_HOSTS = ["*"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# A real worker started by a test writes its mail to files the test can count.
EMAIL_BACKEND = os.environ.get("DJANGO_EMAIL_BACKEND", "django.core.mail.backends.locmem.EmailBackend")
EMAIL_FILE_PATH = os.environ.get("DJANGO_EMAIL_FILE_PATH", "")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
LOGGING = {"version": 1, "disable_existing_loggers": False}
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
# Parallel test processes (pytest-xdist: gw0, gw1...) each have a database of their own; each gets a Redis
# database of its own as broker too, or one's Celery worker would take the other's tasks. A worker a test
# starts inherits PYTEST_XDIST_WORKER, so it reads the same one.
_xdist = os.environ.get("PYTEST_XDIST_WORKER", "")
if _xdist.startswith("gw") and CELERY_BROKER_URL.startswith("redis"):  # noqa: F405
    _broker = urlsplit(CELERY_BROKER_URL)  # noqa: F405
    CELERY_BROKER_URL = urlunsplit(_broker._replace(path=f"/{1 + int(_xdist[2:])}"))
# Tests run tasks in-process unless a test starts a real worker against CELERY_BROKER_URL itself.
CELERY_TASK_ALWAYS_EAGER = os.environ.get("CELERY_TASK_ALWAYS_EAGER", "true") == "true"
# A worker started by a test sends through Django's SMTP backend to a local fake relay when the
# environment names it (EMAIL_HOST, EMAIL_PORT... read in base.py), and may shorten the outbox's waits.
if os.environ.get("OUTBOX_CLAIM_SECONDS"):
    OUTBOX_CLAIM_SECONDS = float(os.environ["OUTBOX_CLAIM_SECONDS"])
if os.environ.get("OUTBOX_LEASE_SECONDS"):
    OUTBOX_LEASE_SECONDS = float(os.environ["OUTBOX_LEASE_SECONDS"])
if os.environ.get("OUTBOX_FIRST_RETRY_SECONDS"):
    OUTBOX_FIRST_RETRY_SECONDS = float(os.environ["OUTBOX_FIRST_RETRY_SECONDS"])

# Tests look at a feed right after a change: no minute of grace for the feed's version.
AGENDA_FEED_FRESHNESS_SECONDS = 0

# A web process started by a test counts its limits in the Redis the test names, shared with its twin.
if os.environ.get("TEST_CACHE_URL"):
    CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": os.environ["TEST_CACHE_URL"]}
    }
# No API throttling unless a test sets a rate (tests/core/test_rate_limits.py): other tests send many requests.
REST_FRAMEWORK = {
    **REST_FRAMEWORK,  # noqa: F405
    "DEFAULT_THROTTLE_RATES": {"anon": None, "user": None, "outreach": None},
}
