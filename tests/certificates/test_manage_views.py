"""The organisers' certificates page: define, issue in one action, revoke; a 404 for anyone else."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from events.certificates import services
from events.certificates.models import AttendanceMark, Certificate, CertificateDefinition
from tests.certificates.conftest import ARABIC_NAME
from tests.factories import MissionFactory, UserFactory

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


def test_the_page_lists_who_may_enter_with_check_ins_and_who_qualifies(client, training):
    training.define(minimum=2)
    client.force_login(training.organiser)

    shown = client.get(page(training)).content.decode()

    assert "2 qualify now; 0 issued." in shown
    assert 'data-person="sara@dakhla.example"' in shown
    assert f'data-person="{training.organiser.email.lower()}"' in shown  # organisers are on every session's list
    assert shown.count("Mark attended<") == 4


def test_an_organiser_marks_and_unmarks_from_the_page(client, training):
    definition = training.define(minimum=2)
    client.force_login(training.organiser)
    url = f"/manage/certificate-definitions/{definition.pk}/attendance/"

    marked = client.post(url, {"email": "sara@dakhla.example", "attended": "1"})
    after_mark = client.get(page(training)).content.decode()
    client.post(url, {"email": "sara@dakhla.example", "attended": "0"})
    after_unmark = client.get(page(training)).content.decode()

    assert marked.status_code == 302
    assert "3 qualify now; 0 issued." in after_mark
    assert f"By <bdi>{training.organiser.full_name}</bdi>" in after_mark
    assert "2 qualify now; 0 issued." in after_unmark
    assert AttendanceMark.objects.count() == 0


def test_marking_someone_off_the_list_shows_why_and_writes_nothing(client, training):
    definition = training.define()
    client.force_login(training.organiser)

    response = client.post(
        f"/manage/certificate-definitions/{definition.pk}/attendance/",
        {"email": "stranger@example.com", "attended": "1"},
        follow=True,
    )

    assert "This person is not on the list of any of this certificate&#x27;s sessions." in response.content.decode()
    assert AttendanceMark.objects.count() == 0


def test_another_missions_organiser_cannot_mark_from_the_page(client, training):
    definition = training.define()
    other = UserFactory()
    MissionFactory().organisers.add(other)
    client.force_login(other)

    response = client.post(
        f"/manage/certificate-definitions/{definition.pk}/attendance/", {"email": "sara@dakhla.example"}
    )

    assert response.status_code == 404
    assert AttendanceMark.objects.count() == 0


def _define_more(training, count):
    for number in range(count):
        definition = training.define(minimum=1)
        services.mark_attended(definition, acting_user=training.organiser, email="sara@dakhla.example")
        if number == 0:
            services.issue_certificates(definition, acting_user=training.organiser)


def test_the_pages_queries_do_not_grow_with_the_definitions(client, training, django_assert_max_num_queries):
    client.force_login(training.organiser)
    _define_more(training, 1)
    with CaptureQueriesContext(connection) as one:
        client.get(page(training))
    _define_more(training, 9)

    with django_assert_max_num_queries(len(one.captured_queries)):
        response = client.get(page(training))

    assert response.content.decode().count('class="certificate-definition"') == 10


def test_someone_who_checked_in_but_is_no_longer_registered_is_said_left_out_not_qualifying(client, training):
    """A helper checked Alice in, then her company cancelled: the page said "1 qualify now; 0 issued" and "Yes" on
    her row, and issuing made nothing, with no reason given. She has no role in the mission to print on a
    certificate any more: her row says she is left out, and why, and the count leaves her out too."""
    from events.registrations.models import Registration
    from events.registrations.services import cancel_registration

    training.define(minimum=2)
    cancel_registration(Registration.objects.get(), acting_user=training.company.user)
    client.force_login(training.organiser)

    shown = client.get(page(training)).content.decode()

    assert "0 qualify now; 0 issued." in shown
    row = shown.split('data-person="youssef@dakhla.example"')[1].split("</tr>")[0]
    assert "Left out: no longer registered in this mission" in row
    assert (
        services.issue_certificates(training.mission.certificate_definitions.get(), acting_user=training.organiser)
        == []
    )
