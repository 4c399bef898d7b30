# Before anything reads a time zone: every process uses the pinned tz database (see tz_database.py).
from config.tz_database import use_pinned_tz_database

use_pinned_tz_database()

# Load the Celery app whenever Django starts so that @shared_task binds to it.
from config.celery import app as celery_app  # noqa: E402

__all__ = ("celery_app",)
