import datetime as dt

import pytest
from django.db import transaction

from events.demo.loader import load_demo

TODAY = dt.date(2026, 11, 23)


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    """The demo loaded once, as of TODAY, for every test of a module that asks for it.

    A load takes seconds and most tests only read what it wrote. The load runs in a transaction held for
    the module: each test runs in a savepoint of it and is rolled back to it (pytest-django's `db`), and
    the whole is rolled back once the module is done, so no other module sees the demo.
    """
    with django_db_blocker.unblock(), transaction.atomic():
        yield load_demo(today=TODAY)
        transaction.set_rollback(True)
