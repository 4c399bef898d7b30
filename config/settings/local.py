"""The embedded default: SQLite, mail written to files, Celery tasks run in-process."""

import os

from .base import *  # noqa: F403
from .base import env_bool

DEBUG = env_bool("DJANGO_DEBUG", True)
SECRET_KEY = SECRET_KEY or "local-development-only-not-secret"  # noqa: F405
ALLOWED_HOSTS = ["*"]
# Serve static files straight from the source folders; no collectstatic in the demo.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True

# Mail the demo and development send goes to files (var/demo-mail/), so `make demo` stays readable and
# every link and calendar attachment can still be opened. DJANGO_EMAIL_BACKEND=...console.EmailBackend
# prints it instead.
EMAIL_BACKEND = os.environ.get("DJANGO_EMAIL_BACKEND", "django.core.mail.backends.filebased.EmailBackend")
EMAIL_FILE_PATH = os.environ.get("DJANGO_EMAIL_FILE_PATH") or str(BASE_DIR / "var" / "demo-mail")  # noqa: F405
