"""Figures, not assertions on time: certificate signing and verification per second (issue 13, "Measured").

Printed: Ed25519 signatures and verifications per second of a real certificate record (canonical JSON of
about 1 KB, an Arabic name), each the median of three runs; then issuing through the service (qualifiers,
names, signing, one bulk insert) per second for 200 trainees, and one certificate PDF's time and size.
"""

import statistics
import time

import pytest

from events.certificates import documents, selectors, services, signing
from events.checkin.services import issue_badges
from events.registrations.services import register_company
from tests.certificates.conftest import Training
from tests.factories import RepresentativeFactory

pytestmark = pytest.mark.django_db

RUNS = 3
SIGNATURES = 2000
TRAINEES = 200


def per_second(count, work):
    rates = []
    for _run in range(RUNS):
        started = time.perf_counter()
        for _ in range(count):
            work()
        rates.append(count / (time.perf_counter() - started))
    return statistics.median(rates)


def test_signing_and_verifying_per_second(organiser):
    training = Training(organiser)
    (certificate, *_rest) = services.issue_certificates(training.define(), acting_user=organiser)
    record = selectors.record_of(certificate)
    private_key = signing.from_b64url(certificate.signing_key.private_key)
    public_key = signing.from_b64url(certificate.signing_key.public_key)

    signed = per_second(SIGNATURES, lambda: signing.sign(record, private_key))
    verified = per_second(SIGNATURES, lambda: signing.verifies(record, certificate.signature, public_key))
    checked = per_second(SIGNATURES // 4, lambda: selectors.verification(certificate.public_id))

    print(
        f"\ncertificates: record {len(certificate.record.encode())} bytes; sign {signed:,.0f}/s, "
        f"verify {verified:,.0f}/s, verify with the database lookup (selectors.verification) {checked:,.0f}/s"
    )


def test_issuing_to_200_trainees(organiser):
    training = Training(organiser)
    training.sessions[0].capacity = TRAINEES + 10
    training.sessions[0].save(update_fields=["capacity"])
    for batch in range(TRAINEES // 5):
        company = RepresentativeFactory(organization__name=f"Cooperative {batch}")
        register_company(
            training.sessions[0],
            acting_user=company.user,
            organization=company.organization,
            attendees=[{"full_name": f"Trainee {batch}-{n}", "email": f"t{batch}-{n}@example.com"} for n in range(5)],
        )
    training.badges = issue_badges(training.mission)
    for email in training.badges:
        if email.startswith("t"):
            training.check_in(email, 0, 1)
    definition = training.define()

    started = time.perf_counter()
    issued = services.issue_certificates(definition, acting_user=organiser)
    elapsed = time.perf_counter() - started
    started = time.perf_counter()
    pdf = documents.certificate_pdf(issued[0])
    pdf_seconds = time.perf_counter() - started

    print(
        f"\ncertificates: issued {len(issued)} in {elapsed:.2f} s ({len(issued) / elapsed:,.0f}/s); "
        f"one PDF {pdf_seconds:.2f} s, {len(pdf) / 1024:.0f} KiB"
    )
