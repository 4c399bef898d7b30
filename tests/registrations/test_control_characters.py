"""Attendees' names and answers reach invitations and PostgreSQL: control characters are refused first."""

import pytest

from events.registrations.models import Attendee, Question, Registration
from events.registrations.services import register_company
from tests.registrations.test_api import register_via_api
from tests.registrations.test_pages import form_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def company(representative_of):
    return representative_of("Lone Star Cloud")


@pytest.fixture
def company_client(api_client, company):
    api_client.force_authenticate(company.user)
    return api_client


def test_a_nul_in_an_attendees_name_is_a_400_and_nothing_is_written(company_client, briefing):
    people = [
        {"full_name": "Ana Ruiz", "email": "ana@lonestar.example"},
        {"full_name": "Bo\x00 Chen", "email": "bo@lonestar.example"},
    ]

    response = register_via_api(company_client, briefing, people)

    assert response.status_code == 400
    assert response.json() == {
        "attendees": ["Attendee 2: Remove the invisible control character U+0000 at position 3."]
    }
    assert Registration.objects.count() == 0
    assert Attendee.objects.count() == 0


def test_an_attendees_job_title_on_two_lines_is_refused(company_client, briefing):
    people = [{"full_name": "Ana Ruiz", "email": "ana@lonestar.example", "job_title": "CEO\nBcc: x"}]

    response = register_via_api(company_client, briefing, people)

    assert response.status_code == 400
    assert response.json() == {
        "attendees": ["Attendee 1: Write this on a single line: remove the line break at position 4."]
    }
    assert Registration.objects.count() == 0


def test_an_attendees_name_of_invisible_characters_only_is_refused(company_client, briefing):
    people = [{"full_name": "\u200b", "email": "zw@lonestar.example"}]

    response = register_via_api(company_client, briefing, people)

    assert response.status_code == 400
    assert response.json() == {
        "attendees": [
            "Attendee 1: Write at least one visible character: this holds only spaces or invisible characters."
        ]
    }
    assert Registration.objects.count() == 0


def test_an_attendees_name_longer_than_its_column_is_a_400(company_client, briefing):
    people = [{"full_name": "A" * 201, "email": "ana@lonestar.example"}]

    response = register_via_api(company_client, briefing, people)

    assert response.status_code == 400
    assert response.json() == {"attendees": ["Attendee 1: Ensure this value has at most 200 characters (it has 201)."]}
    assert Registration.objects.count() == 0


def test_a_short_answer_stays_on_one_line_and_a_long_one_keeps_its_lines(company_client, briefing):
    short = Question.objects.create(session=briefing, label="Team size", kind=Question.Kind.TEXT)
    long = Question.objects.create(session=briefing, label="What you offer", kind=Question.Kind.LONG_TEXT)
    people = [{"full_name": "Ana Ruiz", "email": "ana@lonestar.example"}]

    refused = company_client.post(
        "/api/v1/registrations/",
        {
            "session": briefing.pk,
            "attendees": people,
            "answers": {str(short.pk): "4\n5", str(long.pk): "Cloud\r\nSecurity\x1b"},
        },
        format="json",
    )
    accepted = company_client.post(
        "/api/v1/registrations/",
        {"session": briefing.pk, "attendees": people, "answers": {str(short.pk): "4", str(long.pk): "Cloud\nSecurity"}},
        format="json",
    )

    assert refused.status_code == 400
    assert refused.json() == {
        f"question_{short.pk}": ["Write this on a single line: remove the line break at position 2."],
        f"question_{long.pk}": ["Remove the invisible control character U+001B at position 16."],
    }
    assert accepted.status_code == 201, accepted.json()
    assert dict(Registration.objects.get().answers.values_list("question__label", "value")) == {
        "Team size": "4",
        "What you offer": "Cloud\nSecurity",
    }


def registration_of(company, briefing):
    return register_company(
        briefing,
        acting_user=company.user,
        organization=company.organization,
        attendees=[{"full_name": "Ana Ruiz", "email": "ana@lonestar.example"}],
    )


def test_a_decline_reason_keeps_its_lines_but_not_an_escape(api_client, briefing, session_organiser, company):
    briefing.registration_mode = "approval"
    briefing.save()
    registration = registration_of(company, briefing)
    api_client.force_authenticate(session_organiser)
    url = f"/api/v1/registrations/{registration.pk}/decline/"

    refused = api_client.post(url, {"reason": "Full\x1b[2J"}, format="json")
    declined = api_client.post(url, {"reason": "Full.\nSorry."}, format="json")

    assert refused.status_code == 400
    assert refused.json() == {"reason": ["Remove the invisible control character U+001B at position 5."]}
    assert declined.status_code == 200
    assert Registration.objects.get().decision_reason == "Full.\nSorry."


def test_the_organisers_page_refuses_a_reason_with_an_escape(client, briefing, session_organiser, company):
    registration = registration_of(company, briefing)
    client.force_login(session_organiser)

    response = client.post(
        f"/manage/sessions/{briefing.pk}/registrations/bulk/",
        {"action": "cancel", "ids": [registration.pk], "reason": "Duplicate\x1b"},
    )

    assert response.status_code == 400
    assert "Remove the invisible control character U+001B at position 10." in response.content.decode()
    assert Registration.objects.get().status == "confirmed"


def test_the_registration_page_shows_the_error_on_the_attendees_name(client, briefing, company):
    client.force_login(company.user)
    url = f"/missions/{briefing.stop.mission.slug}/register/"

    response = client.post(url, {**form_data(briefing, ("Ana\x0bRuiz", "ana@lonestar.example")), "step": "confirm"})

    assert response.status_code == 200
    assert response.context["form"].errors == {
        "attendee_1_full_name": ["Attendee 1: Write this on a single line: remove the line break at position 4."]
    }
    assert not Registration.objects.exists()


def test_a_choice_on_two_lines_is_refused_on_choices(api_client, briefing, session_organiser):
    api_client.force_authenticate(session_organiser)

    response = api_client.post(
        "/api/v1/questions/",
        {"session": briefing.pk, "label": "Pick", "kind": "choice", "choices": ["Cloud", "Data\ncentres"]},
        format="json",
    )

    assert response.status_code == 400
    assert response.json() == {
        "choices": ["Choice 2: Write this on a single line: remove the line break at position 5."]
    }
    assert not Question.objects.exists()
