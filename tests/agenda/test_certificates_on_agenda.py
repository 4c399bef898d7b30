"""A person's certificates on their agenda page: each valid one with its PDF and its public verification link,
a revoked one marked as revoked (its PDF is gone), and nobody else's."""

import pytest

from events.certificates import services
from events.certificates.selectors import certificates_of
from tests.certificates.conftest import Training
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def issued(organiser):
    """Dakhla's training issued: Fatima and Youssef hold a certificate; Youssef's is revoked."""
    training = Training(organiser)
    certificates = services.issue_certificates(training.define(minimum=2), acting_user=organiser)
    by_email = {certificate.email: certificate for certificate in certificates}
    services.revoke_certificate(by_email["youssef@dakhla.example"], acting_user=organiser, reason="Signed for a friend")
    return by_email


def test_a_person_sees_their_certificate_with_its_pdf_and_verification_link(client, issued):
    certificate = issued["fatima@dakhla.example"]
    client.force_login(UserFactory(email="Fatima@Dakhla.example"))

    shown = client.get("/agenda/").content.decode()

    assert "Your certificates" in shown
    assert f'href="/verify/{certificate.public_id}/certificate.pdf"' in shown
    assert f'href="/verify/{certificate.public_id}/"' in shown
    assert issued["youssef@dakhla.example"].public_id not in shown


def test_a_revoked_certificate_says_so_and_offers_no_pdf(client, issued):
    certificate = issued["youssef@dakhla.example"]
    client.force_login(UserFactory(email="youssef@dakhla.example"))

    shown = client.get("/agenda/").content.decode()

    assert "Revoked on" in shown
    assert f'href="/verify/{certificate.public_id}/"' in shown
    assert "certificate.pdf" not in shown
    assert "Signed for a friend" not in shown  # the reason stays with the organisers


def test_someone_without_a_certificate_sees_no_section(client, issued):
    client.force_login(UserFactory(email="sara@dakhla.example"))

    shown = client.get("/agenda/").content.decode()

    assert "Your certificates" not in shown


def test_the_agenda_reads_certificates_in_one_query(client, issued, django_assert_num_queries):
    person = UserFactory(email="fatima@dakhla.example")

    with django_assert_num_queries(1):
        held = certificates_of(person)
        titles = [(certificate.definition.title, certificate.definition.mission.title) for certificate in held]

    assert titles == [("Social-media marketing and e-commerce training", "Dakhla Connect")]
