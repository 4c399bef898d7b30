"""The certificates API: organisers define, issue and revoke; anyone else gets 403/404; anyone verifies."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from events.certificates import services
from events.certificates.models import AttendanceMark, Certificate
from tests.factories import MissionFactory, UserFactory

pytestmark = pytest.mark.django_db


def definition_body(training, **changes):
    return {
        "mission": training.mission.pk,
        "title": "Social-media marketing and e-commerce training",
        "sessions": [session.pk for session in training.sessions],
        "minimum_check_ins": 2,
        "issuer_name": "CRI Dakhla",
        **changes,
    }


def test_an_organiser_defines_issues_and_issues_again_to_nobody_new(api_client, training):
    api_client.force_authenticate(training.organiser)

    defined = api_client.post("/api/v1/certificate-definitions/", definition_body(training), format="json")
    first = api_client.post(f"/api/v1/certificate-definitions/{defined.json()['id']}/issue/")
    second = api_client.post(f"/api/v1/certificate-definitions/{defined.json()['id']}/issue/")

    assert defined.status_code == 201
    assert sorted(certificate["email"] for certificate in first.json()["issued"]) == [
        "fatima@dakhla.example",
        "youssef@dakhla.example",
    ]
    assert second.json() == {"issued": []}


def test_a_minimum_above_the_sessions_is_a_field_error(api_client, training):
    api_client.force_authenticate(training.organiser)

    response = api_client.post(
        "/api/v1/certificate-definitions/", definition_body(training, minimum_check_ins=4), format="json"
    )

    assert response.status_code == 400
    assert list(response.json()) == ["minimum_check_ins"]


def test_an_organiser_revokes_one_and_a_second_revocation_is_a_conflict(api_client, training, issued):
    api_client.force_authenticate(training.organiser)
    certificate = issued["youssef@dakhla.example"]

    revoked = api_client.post(f"/api/v1/certificates/{certificate.pk}/revoke/", {"reason": "Duplicate"}, format="json")
    again = api_client.post(f"/api/v1/certificates/{certificate.pk}/revoke/", {"reason": "Duplicate"}, format="json")

    assert revoked.status_code == 200
    assert revoked.json()["revocation_reason"] == "Duplicate"
    assert again.status_code == 409


@pytest.mark.parametrize(
    ("who", "refused"),
    [("stranger", (403, 403, 403)), ("company", (403, 403, 403)), ("other organiser", (403, 404, 404))],
)
def test_nobody_but_the_mission_s_organisers_defines_issues_or_revokes(api_client, training, issued, who, refused):
    elsewhere = MissionFactory()
    elsewhere.organisers.add(UserFactory(email="elsewhere@agency.example"))
    people = {
        "stranger": UserFactory(),
        "company": training.company.user,
        "other organiser": elsewhere.organisers.get(),
    }
    api_client.force_authenticate(people[who])
    certificate = issued["youssef@dakhla.example"]

    defined = api_client.post("/api/v1/certificate-definitions/", definition_body(training), format="json")
    issue = api_client.post(f"/api/v1/certificate-definitions/{certificate.definition_id}/issue/")
    revoke = api_client.post(f"/api/v1/certificates/{certificate.pk}/revoke/", {"reason": "x"}, format="json")
    listed = api_client.get("/api/v1/certificates/")

    assert (defined.status_code, issue.status_code, revoke.status_code) == refused
    assert listed.json()["results"] == []
    assert Certificate.objects.filter(revoked_at__isnull=False).count() == 0


def test_anonymous_callers_may_not_define(api_client, training):
    response = api_client.post("/api/v1/certificate-definitions/", definition_body(training), format="json")

    assert response.status_code in (401, 403)


def test_anyone_verifies_valid_revoked_and_unknown_without_private_data(api_client, training, issued):
    valid, revoked = issued["fatima@dakhla.example"], issued["youssef@dakhla.example"]
    services.revoke_certificate(revoked, acting_user=training.organiser, reason="Signed in for a friend")

    answers = {
        name: api_client.get(f"/api/v1/certificate-verifications/{public_id}/")
        for name, public_id in [("valid", valid.public_id), ("revoked", revoked.public_id), ("unknown", "a" * 26)]
    }

    assert {name: (answer.status_code, answer.json()["status"]) for name, answer in answers.items()} == {
        "valid": (200, "valid"),
        "revoked": (200, "revoked"),
        "unknown": (404, "unknown"),
    }
    assert answers["valid"].json()["proof"]["kid"] == valid.signing_key.kid
    assert answers["revoked"].json()["revoked_at"] is not None
    for answer in answers.values():
        text = answer.content.decode()
        assert "@dakhla.example" not in text
        assert "Signed in for a friend" not in text


def certificates_listed(api_client, training, count):
    for number in range(count):
        Certificate.objects.create(
            definition=training.definition,
            email=f"p{number}@example.com",
            name=f"P {number}",
            issued_at=training.sessions[0].starts_at,
            record="{}",
            signature="x",
            signing_key=services.active_signing_key(),
        )
    with CaptureQueriesContext(connection) as queries:
        response = api_client.get("/api/v1/certificates/")
    assert len(response.json()["results"]) == count
    return len(queries)


def test_the_certificate_list_costs_the_same_queries_for_1_and_20(api_client, training, organiser):
    api_client.force_authenticate(organiser)
    training.definition = training.define()
    services.active_signing_key()

    one = certificates_listed(api_client, training, 1)
    Certificate.objects.all().delete()
    twenty = certificates_listed(api_client, training, 20)

    assert one == twenty


def definitions_listed(api_client, training, count):
    for _number in range(count):
        training.define()
    with CaptureQueriesContext(connection) as queries:
        response = api_client.get("/api/v1/certificate-definitions/")
    assert len(response.json()["results"]) == count
    return len(queries)


def test_the_definition_list_costs_the_same_queries_for_1_and_20(api_client, training, organiser):
    api_client.force_authenticate(organiser)

    one = definitions_listed(api_client, training, 1)
    Certificate.objects.all().delete()
    training.mission.certificate_definitions.all().delete()
    twenty = definitions_listed(api_client, training, 20)

    assert one == twenty


def test_an_organiser_marks_reads_the_list_and_unmarks_through_the_api(api_client, training):
    definition = training.define(minimum=2)
    api_client.force_authenticate(training.organiser)
    base = f"/api/v1/certificate-definitions/{definition.pk}"

    marked = api_client.post(f"{base}/mark-attended/", {"email": "Sara@Dakhla.example"}, format="json")
    listed = api_client.get(f"{base}/attendance/")
    unmarked = api_client.post(f"{base}/unmark-attended/", {"email": "sara@dakhla.example"}, format="json")

    assert marked.status_code == 201
    assert (marked.json()["email"], marked.json()["marked_by"]) == ("sara@dakhla.example", training.organiser.email)
    sara = next(row for row in listed.json() if row["email"] == "sara@dakhla.example")
    assert (sara["check_ins"], sara["qualifies"], sara["mark"]["marked_by"]) == (1, True, training.organiser.email)
    assert unmarked.status_code == 204
    assert AttendanceMark.objects.count() == 0


def test_marking_someone_off_the_list_is_a_field_error(api_client, training):
    definition = training.define()
    api_client.force_authenticate(training.organiser)

    response = api_client.post(
        f"/api/v1/certificate-definitions/{definition.pk}/mark-attended/",
        {"email": "stranger@example.com"},
        format="json",
    )

    assert response.status_code == 400
    assert response.json()["email"] == ["This person is not on the list of any of this certificate's sessions."]
    assert AttendanceMark.objects.count() == 0


def test_unmarking_after_issuing_is_a_conflict(api_client, training):
    definition = training.define(minimum=3)
    services.mark_attended(definition, acting_user=training.organiser, email="sara@dakhla.example")
    services.issue_certificates(definition, acting_user=training.organiser)
    api_client.force_authenticate(training.organiser)

    response = api_client.post(
        f"/api/v1/certificate-definitions/{definition.pk}/unmark-attended/",
        {"email": "sara@dakhla.example"},
        format="json",
    )

    assert response.status_code == 409
    assert AttendanceMark.objects.count() == 1


def test_another_missions_organiser_cannot_mark_or_read_the_list(api_client, training):
    definition = training.define()
    other = UserFactory()
    MissionFactory().organisers.add(other)
    api_client.force_authenticate(other)
    base = f"/api/v1/certificate-definitions/{definition.pk}"

    answers = [
        api_client.get(f"{base}/attendance/").status_code,
        api_client.post(f"{base}/mark-attended/", {"email": "sara@dakhla.example"}, format="json").status_code,
        api_client.post(f"{base}/unmark-attended/", {"email": "sara@dakhla.example"}, format="json").status_code,
    ]

    assert answers == [404, 404, 404]
    assert AttendanceMark.objects.count() == 0
