"""Issuing on PostgreSQL: organisers pressing "issue" ten times at once make one certificate per person,
each mailed once. The negative control removes the definition's row lock: the racing runs then collide
on the unique rule (a crash a person would see), which the lock is there to prevent."""

import pytest
from django.db import connection

from events.certificates import services
from events.certificates.models import Certificate, CertificateDefinition
from events.notifications.models import OutboundEmail
from tests.support.concurrency import run_in_parallel, without_row_lock

pytestmark = pytest.mark.django_db(transaction=True)

RUNS = 10


@pytest.fixture(autouse=True)
def postgresql_only():
    if connection.vendor != "postgresql":
        pytest.skip("concurrency guarantees are proven on PostgreSQL (set DATABASE_URL)")


def issue_at_once(training, definition):
    services.active_signing_key()  # made once beforehand: this test is about the certificates
    jobs = [lambda: services.issue_certificates(definition, acting_user=training.organiser)] * RUNS
    return run_in_parallel(jobs, RUNS)


def test_ten_issue_runs_at_once_make_one_certificate_per_person_each_mailed_once(training):
    definition = training.define()

    refused, crashed = issue_at_once(training, definition)

    assert (refused, crashed) == ([], [])
    assert sorted(Certificate.objects.values_list("email", flat=True)) == [
        "fatima@dakhla.example",
        "youssef@dakhla.example",
    ]
    assert OutboundEmail.objects.filter(kind="certificate.issued").count() == 2


def test_negative_control_without_the_row_lock_the_runs_collide(training, monkeypatch):
    definition = training.define()

    monkeypatch.setattr(services, "CertificateDefinition", without_row_lock(CertificateDefinition))

    _refused, crashed = issue_at_once(training, definition)

    assert crashed, "without the lock, some runs should collide on the unique rule"
    assert Certificate.objects.count() == 2  # the database's rule still holds the line
