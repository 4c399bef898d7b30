"""Defining, issuing and revoking certificates: who qualifies, once each, and organisers only."""

import datetime as dt
import json

import pytest
from django.core.exceptions import ValidationError

from events.certificates import selectors, services
from events.certificates.models import Certificate
from events.core.errors import ConflictError, PermissionDeniedError
from events.registrations.services import register_company
from tests.certificates.conftest import ARABIC_NAME
from tests.factories import RepresentativeFactory, SessionFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_qualifiers_are_those_checked_in_to_at_least_n_of_the_sessions(training):
    two_of_three = training.define(minimum=2)
    one_of_three = training.define(minimum=1)

    assert selectors.qualifiers(two_of_three) == ["fatima@dakhla.example", "youssef@dakhla.example"]
    assert selectors.qualifiers(one_of_three) == [
        "fatima@dakhla.example",
        "sara@dakhla.example",
        "youssef@dakhla.example",
    ]


def test_check_ins_at_sessions_outside_the_definition_do_not_count(training):
    definition = services.define_certificate(
        training.mission,
        acting_user=training.organiser,
        title="Day 2",
        sessions=[training.sessions[1]],
        issuer_name="CRI Dakhla",
    )

    assert selectors.qualifiers(definition) == ["fatima@dakhla.example", "sara@dakhla.example"]


def test_issue_gives_each_qualifier_one_certificate_with_their_name_as_written(training):
    definition = training.define()

    issued = services.issue_certificates(definition, acting_user=training.organiser)

    assert sorted((certificate.email, certificate.name) for certificate in issued) == [
        ("fatima@dakhla.example", ARABIC_NAME),
        ("youssef@dakhla.example", "Youssef Alaoui"),
    ]
    record = json.loads(Certificate.objects.get(email="fatima@dakhla.example").record)
    assert record["credentialSubject"]["name"] == ARABIC_NAME
    assert record["credentialSubject"]["achievement"]["name"] == "Social-media marketing and e-commerce training"
    assert record["issuer"]["name"] == "Dakhla-Oued Eddahab Regional Investment Centre"
    assert record["type"] == ["VerifiableCredential", "OpenBadgeCredential"]


def test_issuing_again_issues_only_to_those_who_qualified_since(training):
    definition = training.define()
    services.issue_certificates(definition, acting_user=training.organiser)

    nobody_new = services.issue_certificates(definition, acting_user=training.organiser)
    training.check_in("sara@dakhla.example", 2)
    sara_now = services.issue_certificates(definition, acting_user=training.organiser)

    assert nobody_new == []
    assert [certificate.email for certificate in sara_now] == ["sara@dakhla.example"]
    assert definition.certificates.count() == 3


def test_a_revoked_certificate_is_not_issued_again(training, issued):
    services.revoke_certificate(issued["youssef@dakhla.example"], acting_user=training.organiser, reason="Duplicate")

    again = services.issue_certificates(issued["youssef@dakhla.example"].definition, acting_user=training.organiser)

    assert again == []


def test_public_ids_are_unguessable_and_distinct(issued):
    ids = [certificate.public_id for certificate in issued.values()]

    assert len(set(ids)) == 2
    assert all(len(public_id) == 26 and public_id.isalnum() for public_id in ids)


def test_revoke_records_the_date_and_the_reason(training, issued):
    when = dt.datetime(2099, 3, 10, 12, tzinfo=dt.UTC)

    revoked = services.revoke_certificate(
        issued["youssef@dakhla.example"], acting_user=training.organiser, reason="Signed in for a friend", now=when
    )

    assert (revoked.revoked_at, revoked.revocation_reason) == (when, "Signed in for a friend")
    assert selectors.verification(revoked.public_id).status == selectors.REVOKED


def test_revoking_twice_is_a_conflict_and_a_reason_is_required(training, issued):
    certificate = issued["youssef@dakhla.example"]
    with pytest.raises(ValidationError, match="Say why"):
        services.revoke_certificate(certificate, acting_user=training.organiser, reason="  ")
    services.revoke_certificate(certificate, acting_user=training.organiser, reason="Duplicate")

    with pytest.raises(ConflictError):
        services.revoke_certificate(certificate, acting_user=training.organiser, reason="Again")


def test_a_definition_takes_sessions_of_its_mission_and_a_reachable_minimum(training):
    elsewhere = SessionFactory()

    with pytest.raises(ValidationError, match="sessions of this mission"):
        services.define_certificate(
            training.mission, acting_user=training.organiser, title="T", sessions=[elsewhere], issuer_name="I"
        )
    with pytest.raises(ValidationError, match="Between 1 and"):
        training.define(minimum=4)
    with pytest.raises(ValidationError, match="at least one session"):
        services.define_certificate(
            training.mission, acting_user=training.organiser, title="T", sessions=[], issuer_name="I"
        )


def test_only_the_mission_s_organisers_define_issue_and_revoke(training, issued):
    stranger = UserFactory()
    definition = issued["youssef@dakhla.example"].definition

    with pytest.raises(PermissionDeniedError):
        services.define_certificate(
            training.mission, acting_user=stranger, title="T", sessions=training.sessions, issuer_name="I"
        )
    with pytest.raises(PermissionDeniedError):
        services.issue_certificates(definition, acting_user=training.company.user)
    with pytest.raises(PermissionDeniedError):
        services.revoke_certificate(issued["youssef@dakhla.example"], acting_user=stranger, reason="No")
    assert Certificate.objects.filter(revoked_at__isnull=False).count() == 0


def test_a_corrected_address_is_not_issued_a_second_certificate(training, issued):
    """A helper corrected a certified attendee's address: the certificates page listed her twice (issued, and
    "Mark attended" at the new address), and issuing again gave her a second certificate. Her check-ins,
    attendance mark and certificate are hers: they move with her address."""
    from events.registrations.models import Attendee
    from events.registrations.services import change_attendee_email

    definition = issued["fatima@dakhla.example"].definition
    attendee = Attendee.objects.get(email__iexact="fatima@dakhla.example")

    change_attendee_email(attendee, acting_user=training.organiser, email="fatima.z@dakhla.example")

    assert services.issue_certificates(definition, acting_user=training.organiser) == []
    assert list(definition.certificates.filter(email__startswith="fatima").values_list("email", flat=True)) == [
        "fatima.z@dakhla.example"
    ]


def test_a_certificate_stays_with_a_person_whose_old_address_still_holds_another_role(training, issued):
    """Another company named Youssef too, then put a colleague in his place by correcting that row's address: his
    certificate, badge and check-ins went to the colleague. They stay with Youssef, who still attends for Dakhla
    Digital (checkin.services.move_badges)."""
    from events.registrations.services import change_attendee_email

    other = RepresentativeFactory(organization__name="Sahara Logistics")
    named = register_company(
        training.sessions[1],
        acting_user=other.user,
        organization=other.organization,
        attendees=[{"full_name": "Youssef Alaoui", "email": "youssef@dakhla.example"}],
    )

    change_attendee_email(named.attendees.get(), acting_user=training.organiser, email="karim@sahara.example")

    certificate = issued["youssef@dakhla.example"]
    certificate.refresh_from_db()
    assert certificate.email == "youssef@dakhla.example"
