"""The organisers' certificates page: define, issue in one action, revoke; a 404 for anyone else."""

import pytest

from events.certificates.models import Certificate, CertificateDefinition
from tests.certificates.conftest import ARABIC_NAME
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def page(training):
    return f"/manage/missions/{training.mission.slug}/certificates/"


def test_an_organiser_defines_issues_and_revokes_from_the_page(client, training):
    client.force_login(training.organiser)

    defined = client.post(
        page(training),
        {
            "title": "Social-media marketing and e-commerce training",
            "sessions": [session.pk for session in training.sessions],
            "minimum_check_ins": 2,
            "issuer_name": "CRI Dakhla",
        },
    )
    definition = CertificateDefinition.objects.get()
    client.post(f"/manage/certificate-definitions/{definition.pk}/issue/")
    youssef = Certificate.objects.get(email="youssef@dakhla.example")
    client.post(f"/manage/certificates/{youssef.pk}/revoke/", {"reason": "Signed in for a friend"})
    shown = client.get(page(training)).content.decode()

    assert defined.status_code == 302
    assert definition.certificates.count() == 2
    assert f"<bdi>{ARABIC_NAME}</bdi>" in shown
    assert "Signed in for a friend" in shown  # organisers see the reason; the public page does not
    youssef.refresh_from_db()
    assert youssef.revoked


def test_a_minimum_above_the_sessions_is_shown_on_the_form(client, training):
    client.force_login(training.organiser)

    response = client.post(
        page(training),
        {"title": "T", "sessions": [training.sessions[0].pk], "minimum_check_ins": 2, "issuer_name": "CRI"},
    )

    assert response.status_code == 200
    assert "Between 1 and the number of sessions chosen (1)." in response.content.decode()
    assert CertificateDefinition.objects.count() == 0


def test_anyone_but_the_organisers_gets_404(client, training, issued):
    client.force_login(UserFactory())
    certificate = issued["youssef@dakhla.example"]

    answers = [
        client.get(page(training)).status_code,
        client.post(f"/manage/certificate-definitions/{certificate.definition_id}/issue/").status_code,
        client.post(f"/manage/certificates/{certificate.pk}/revoke/", {"reason": "x"}).status_code,
    ]

    assert answers == [404, 404, 404]
    assert Certificate.objects.filter(revoked_at__isnull=False).count() == 0
