"""The "or marked attended" criterion: an organiser marks a person of the sessions' lists attended (dated and
attributed), they qualify without enough check-ins, and the mark can be taken back until the certificate is issued."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from events.certificates import selectors, services
from events.certificates.models import AttendanceMark, Certificate
from events.core.errors import ConflictError, PermissionDeniedError
from tests.factories import MissionFactory

pytestmark = pytest.mark.django_db

NOON = dt.datetime(2099, 3, 4, 12, tzinfo=dt.UTC)


def test_a_person_marked_attended_qualifies_without_enough_check_ins(training):
    definition = training.define(minimum=2)

    mark = services.mark_attended(definition, acting_user=training.organiser, email=" Sara@Dakhla.example ", now=NOON)

    assert (mark.email, mark.marked_by, mark.marked_at) == ("sara@dakhla.example", training.organiser, NOON)
    assert selectors.qualifiers(definition) == [
        "fatima@dakhla.example",
        "sara@dakhla.example",
        "youssef@dakhla.example",
    ]


def test_issuing_gives_the_marked_person_a_certificate(training):
    definition = training.define(minimum=3)
    services.mark_attended(definition, acting_user=training.organiser, email="sara@dakhla.example")

    issued = services.issue_certificates(definition, acting_user=training.organiser)

    assert sorted(certificate.email for certificate in issued) == ["fatima@dakhla.example", "sara@dakhla.example"]
    narrative = selectors.record_of(issued[0])["credentialSubject"]["achievement"]["criteria"]["narrative"]
    assert narrative == "Checked in to at least 3 of 3 sessions, or marked attended by the organisers."


def test_someone_on_no_list_of_the_sessions_cannot_be_marked(training):
    definition = training.define()

    with pytest.raises(ValidationError) as error:
        services.mark_attended(definition, acting_user=training.organiser, email="stranger@example.com")

    assert error.value.message_dict == {
        "email": ["This person is not on the list of any of this certificate's sessions."]
    }
    assert AttendanceMark.objects.count() == 0


def test_an_address_that_is_not_one_is_a_field_error(training):
    definition = training.define()

    with pytest.raises(ValidationError) as error:
        services.mark_attended(definition, acting_user=training.organiser, email="not an address")

    assert error.value.message_dict == {"email": ["Enter a valid email address."]}


def test_marking_twice_is_a_conflict(training):
    definition = training.define()
    services.mark_attended(definition, acting_user=training.organiser, email="sara@dakhla.example")

    with pytest.raises(ConflictError):
        services.mark_attended(definition, acting_user=training.organiser, email="sara@dakhla.example")

    assert AttendanceMark.objects.count() == 1


def test_another_missions_organiser_cannot_mark(training):
    definition = training.define()
    stranger = MissionFactory().organisers.create(email="other@organiser.example")

    with pytest.raises(PermissionDeniedError):
        services.mark_attended(definition, acting_user=stranger, email="sara@dakhla.example")
    with pytest.raises(PermissionDeniedError):
        services.unmark_attended(definition, acting_user=stranger, email="sara@dakhla.example")

    assert AttendanceMark.objects.count() == 0


def test_unmarking_before_issuing_takes_the_qualification_back(training):
    definition = training.define(minimum=2)
    services.mark_attended(definition, acting_user=training.organiser, email="sara@dakhla.example")

    services.unmark_attended(definition, acting_user=training.organiser, email="SARA@dakhla.example")

    assert AttendanceMark.objects.count() == 0
    assert selectors.qualifiers(definition) == ["fatima@dakhla.example", "youssef@dakhla.example"]


def test_unmarking_after_issuing_is_refused(training):
    definition = training.define(minimum=3)
    services.mark_attended(definition, acting_user=training.organiser, email="sara@dakhla.example")
    services.issue_certificates(definition, acting_user=training.organiser)

    with pytest.raises(ConflictError):
        services.unmark_attended(definition, acting_user=training.organiser, email="sara@dakhla.example")

    assert AttendanceMark.objects.count() == 1
    assert Certificate.objects.filter(email="sara@dakhla.example").count() == 1


def test_unmarking_someone_not_marked_is_a_field_error(training):
    definition = training.define()

    with pytest.raises(ValidationError) as error:
        services.unmark_attended(definition, acting_user=training.organiser, email="sara@dakhla.example")

    assert error.value.message_dict == {"email": ["This person is not marked attended."]}


def test_the_list_shows_everyone_who_may_enter_with_check_ins_marks_and_who_qualifies(training):
    definition = training.define(minimum=2)
    services.mark_attended(definition, acting_user=training.organiser, email="sara@dakhla.example", now=NOON)

    [(shown, rows)] = selectors.definitions_with_lists(
        selectors.organised_definitions(training.organiser).filter(pk=definition.pk)
    )

    by_email = {row.holder.email: (row.check_ins, row.mark is not None, row.qualifies) for row in rows}
    assert shown == definition
    assert by_email == {
        "fatima@dakhla.example": (3, False, True),
        "youssef@dakhla.example": (2, False, True),
        "sara@dakhla.example": (1, True, True),
        training.organiser.email.lower(): (0, False, False),
    }


def test_check_ins_of_one_definition_do_not_count_for_another(training):
    whole = training.define(minimum=2)
    first_day = services.define_certificate(
        training.mission,
        acting_user=training.organiser,
        title="Day 2",
        sessions=[training.sessions[1]],
        issuer_name="CRI",
    )

    counts = selectors.check_ins_by_definition([whole, first_day])

    assert counts[whole.pk] == {"fatima@dakhla.example": 3, "youssef@dakhla.example": 2, "sara@dakhla.example": 1}
    assert counts[first_day.pk] == {"fatima@dakhla.example": 1, "sara@dakhla.example": 1}
