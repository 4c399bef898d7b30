"""Production settings plus the bare view (feed_urls), for the gunicorn of bench_registration_rush.

The environment gives what production requires (DJANGO_SECRET_KEY, CACHE_URL, DATABASE_URL) and the
broker; https redirects are off because the benchmark speaks plain HTTP to 127.0.0.1.
"""

from config.settings.production import *  # noqa: F403

ROOT_URLCONF = "tests.benchmarks.feed_urls"
