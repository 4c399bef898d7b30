"""Intents: messages decided in a transaction and written by the worker that sends them."""

import pytest
from django.core import mail

from events.notifications.composers import NothingToSend, register_composer
from events.notifications.services import Email, Intent, deliver_email, enqueue_email

pytestmark = pytest.mark.django_db


@pytest.fixture
def composers():
    calls = []

    def greeting(row):
        calls.append(row.pk)
        return Email(to=row.to, subject=f"Hello {row.reference}", body_text="Body", kind=row.kind, language="fr")

    def outdated(row):
        raise NothingToSend("Not sent: the news is no longer true.")

    def broken(row):
        raise LookupError("the composer has a bug")

    register_composer("test.greeting", greeting)
    register_composer("test.outdated", outdated)
    register_composer("test.broken", broken)
    return calls


def intent(composer):
    return enqueue_email(Intent(to="ann@company.example", kind="test.kind", composer=composer, reference="thing:1"))


def test_an_intent_is_written_once_when_sent_and_kept_on_its_row(composers):
    row = intent("test.greeting")

    assert deliver_email(row.pk) == "sent"
    row.refresh_from_db()
    assert (row.subject, row.body_text, row.language) == ("Hello thing:1", "Body", "fr")
    assert [message.subject for message in mail.outbox] == ["Hello thing:1"]
    assert composers == [row.pk]


def test_an_intent_no_longer_true_is_cancelled_with_its_reason_and_sends_nothing(composers):
    row = intent("test.outdated")

    assert deliver_email(row.pk) == "cancelled"
    row.refresh_from_db()
    assert row.last_error == "Not sent: the news is no longer true."
    assert (row.attempts, mail.outbox) == (0, [])


def test_a_composer_that_fails_fails_the_row_at_once_rather_than_retrying_for_ever(composers):
    row = intent("test.broken")

    assert deliver_email(row.pk) == "failed"
    row.refresh_from_db()
    assert row.last_error == "LookupError: the composer has a bug"
    assert mail.outbox == []
