"""Production: every secret comes from the environment; there is no default for any of them."""

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import env_bool

if not SECRET_KEY:  # noqa: F405
    raise ImproperlyConfigured("DJANGO_SECRET_KEY must be set in production.")

DEBUG = False
# Persistent connections: opening one per request costs a PostgreSQL backend a few milliseconds, more
# than a cached feed or a small API read takes in all.
DATABASES["default"]["CONN_MAX_AGE"] = int(os.environ.get("DJANGO_CONN_MAX_AGE", "60"))  # noqa: F405
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True  # noqa: F405
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", True)
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
# A year, with subdomains and preload: what the browsers' HSTS preload list asks for.
SECURE_HSTS_SECONDS = int(os.environ.get("DJANGO_SECURE_HSTS_SECONDS", str(365 * 24 * 3600)))  # noqa: F405
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SECURE_CONTENT_TYPE_NOSNIFF = True
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
# SendGrid through its SMTP relay and Django's own SMTP backend (README, "Mail": why not an HTTP API
# client). Without a key, EMAIL_BACKEND and EMAIL_HOST name any other relay or backend.
if os.environ.get("SENDGRID_API_KEY"):  # noqa: F405
    EMAIL_BACKEND = "events.notifications.smtp.EmailBackend"
    EMAIL_HOST = os.environ.get("EMAIL_HOST", "smtp.sendgrid.net")  # noqa: F405
    EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "587"))  # noqa: F405
    EMAIL_HOST_USER = "apikey"  # SendGrid's fixed user name for API-key authentication
    EMAIL_HOST_PASSWORD = os.environ["SENDGRID_API_KEY"]  # noqa: F405
    EMAIL_USE_TLS = True
else:
    EMAIL_BACKEND = os.environ.get("DJANGO_EMAIL_BACKEND", "events.notifications.smtp.EmailBackend")  # noqa: F405
# The cache holds sign-in limits (allauth), API throttles and rendered feeds. Each process's own memory
# would multiply every limit by the number of processes, so production refuses to start without Redis.
if not os.environ.get("CACHE_URL"):  # noqa: F405
    raise ImproperlyConfigured(
        "CACHE_URL must name a Redis cache shared by every web process (e.g. redis://redis:6379/1): "
        "sign-in limits and API throttles are counted there."
    )
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": os.environ["CACHE_URL"],  # noqa: F405
    }
}
# Every link in mail (RSVP, answers, feeds, certificates) is SITE_URL plus a path, written by workers that
# have no request to take a host from: without it production would mail links to 127.0.0.1.
if not PUBLIC_SITE_URL.startswith("https://"):  # noqa: F405
    raise ImproperlyConfigured(
        "SITE_URL must be the public https address people reach the site at (e.g. https://missions.example.org): "
        "the links in every mail are built from it."
    )
# Limits per IP address need the client's address, not the proxy's (the proxy that sets X-Forwarded-Proto
# above). Without this every user would share the proxy's address and its limits.
ALLAUTH_TRUSTED_PROXY_COUNT = int(os.environ.get("DJANGO_TRUSTED_PROXY_COUNT", "1"))  # noqa: F405
REST_FRAMEWORK = {**REST_FRAMEWORK, "NUM_PROXIES": ALLAUTH_TRUSTED_PROXY_COUNT}  # noqa: F405
