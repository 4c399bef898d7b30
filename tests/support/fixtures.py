"""Reusable fixtures; a test folder's conftest.py imports the ones it needs by name."""

import pytest

from tests.support.fake_sendgrid import FakeSendGrid

SENDGRID_BACKEND = "anymail.backends.sendgrid.EmailBackend"


@pytest.fixture
def fake_sendgrid():
    """A fake SendGrid API on a free local port, with an empty script; stopped after the test."""
    with FakeSendGrid() as server:
        yield server


@pytest.fixture
def sendgrid_backend(settings, fake_sendgrid):
    """Django's mail goes through django-anymail's SendGrid backend, as in production, to the fake."""
    settings.EMAIL_BACKEND = SENDGRID_BACKEND
    settings.ANYMAIL = fake_sendgrid.anymail_settings()
    return fake_sendgrid
