"""Reusable fixtures; a test folder's conftest.py imports the ones it needs by name."""

import pytest

from tests.support.fake_smtp import FakeSMTPRelay


@pytest.fixture
def fake_relay():
    """A fake of SendGrid's SMTP relay on a free local port, with an empty script; stopped after the test."""
    with FakeSMTPRelay() as relay:
        yield relay


@pytest.fixture
def relay_backend(settings, fake_relay):
    """Django's mail goes through its SMTP backend, as in production, to the fake relay."""
    for name, value in fake_relay.email_settings().items():
        setattr(settings, name, value)
    return fake_relay
