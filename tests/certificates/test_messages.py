"""Each new certificate is mailed to its holder through the outbox, once, with its verification address."""

import pytest

from events.certificates import services
from events.notifications.models import OutboundEmail
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_issuing_mails_each_new_holder_their_certificate_once(training):
    definition = training.define()

    issued = services.issue_certificates(definition, acting_user=training.organiser)
    services.issue_certificates(definition, acting_user=training.organiser)

    rows = OutboundEmail.objects.filter(kind="certificate.issued").order_by("to")
    assert [row.to for row in rows] == ["fatima@dakhla.example", "youssef@dakhla.example"]
    youssef = next(certificate for certificate in issued if certificate.email == "youssef@dakhla.example")
    assert rows[1].subject == "Your certificate: Social-media marketing and e-commerce training"
    assert f"/verify/{youssef.public_id}/" in rows[1].body_text
    assert rows[1].body_text.startswith("Hello Youssef Alaoui,")
    assert rows[1].topic == f"mission:{training.mission.pk}"


def test_the_mail_is_in_the_holder_s_language_when_they_have_an_account(training):
    UserFactory(email="youssef@dakhla.example", language="fr")

    services.issue_certificates(training.define(), acting_user=training.organiser)

    row = OutboundEmail.objects.get(kind="certificate.issued", to="youssef@dakhla.example")
    assert (row.language, row.subject) == (
        "fr",
        "Votre certificat\u00a0: Social-media marketing and e-commerce training",
    )


def test_the_holder_s_account_is_found_whatever_the_case_of_its_address(training):
    UserFactory(email="Youssef@Dakhla.example", language="fr")

    services.issue_certificates(training.define(), acting_user=training.organiser)

    row = OutboundEmail.objects.get(kind="certificate.issued", to="youssef@dakhla.example")
    assert row.language == "fr"
