"""Test settings with the benchmark URLconf (feed_urls), for the gunicorn that bench_feeds starts."""

from config.settings.test import *  # noqa: F403

ROOT_URLCONF = "tests.benchmarks.feed_urls"

# Measure the feed as production serves it: its version trusted for a minute (the tests use 0).
AGENDA_FEED_FRESHNESS_SECONDS = 60
