"""The organiser's questions, and registering for several sessions of a mission at once."""

import datetime as dt

import pytest
from django.utils import timezone

from events.registrations.models import Answer, Question, Registration
from tests.factories import SessionFactory, StopFactory, briefing_factory
from tests.registrations.conftest import attendees

pytestmark = pytest.mark.django_db


@pytest.fixture
def company(representative_of):
    return representative_of("Lone Star Cloud")


@pytest.fixture
def questions(briefing):
    return {
        "team": Question.objects.create(session=briefing, label="Team size in Morocco", position=1),
        "partner": Question.objects.create(
            session=briefing, label="Do you have a local partner?", kind="yes_no", position=2
        ),
        "interest": Question.objects.create(
            session=briefing,
            label="Main interest",
            kind="choice",
            choices=["Cloud", "Cybersecurity"],
            required=False,
            position=3,
        ),
    }


def post_registration(client, session, answers, people=None):
    return client.post(
        "/api/v1/registrations/",
        {"session": session.pk, "attendees": people or attendees(1), "answers": answers},
        format="json",
    )


def test_answers_are_kept_with_the_registration(api_client, company, briefing, questions):
    api_client.force_authenticate(company.user)

    response = post_registration(
        api_client,
        briefing,
        {str(questions["team"].pk): "12", str(questions["partner"].pk): "Yes", str(questions["interest"].pk): "Cloud"},
    )

    assert response.status_code == 201, response.json()
    assert {a["question_label"]: a["value"] for a in response.json()["answers"]} == {
        "Team size in Morocco": "12",
        "Do you have a local partner?": "yes",
        "Main interest": "Cloud",
    }


def test_each_bad_answer_is_named_and_nothing_is_written(api_client, company, briefing, questions):
    api_client.force_authenticate(company.user)

    response = post_registration(
        api_client, briefing, {str(questions["partner"].pk): "maybe", str(questions["interest"].pk): "Biotech"}
    )

    assert response.status_code == 400
    errors = response.json()
    assert errors[f"question_{questions['team'].pk}"] == ["Answer this question."]
    assert errors[f"question_{questions['partner'].pk}"] == ["Answer yes or no."]
    assert "Cloud, Cybersecurity" in errors[f"question_{questions['interest'].pk}"][0]
    assert not Registration.objects.exists()
    assert not Answer.objects.exists()


def test_sessions_show_their_questions_and_registration_rules(api_client, briefing, questions):
    response = api_client.get(f"/api/v1/sessions/{briefing.pk}/")

    body = response.json()
    assert [q["label"] for q in body["questions"]] == [
        "Team size in Morocco",
        "Do you have a local partner?",
        "Main interest",
    ]
    assert body["attendees_per_company"] == 3
    assert "registration_closes_at" in body


def test_an_organiser_asks_questions_only_for_missions_they_organise(
    api_client, briefing, session_organiser, organiser
):
    api_client.force_authenticate(session_organiser)
    created = api_client.post(
        "/api/v1/questions/", {"session": briefing.pk, "label": "Website", "kind": "text"}, format="json"
    )
    bad_choice = api_client.post(
        "/api/v1/questions/",
        {"session": briefing.pk, "label": "Pick", "kind": "choice", "choices": ["One"]},
        format="json",
    )
    elsewhere = briefing_factory()
    refused = api_client.post("/api/v1/questions/", {"session": elsewhere.pk, "label": "Spy"}, format="json")

    assert created.status_code == 201
    assert bad_choice.status_code == 400
    assert "at least two" in bad_choice.json()["choices"][0]
    assert refused.status_code == 400
    assert "session" in refused.json()
    assert list(Question.objects.values_list("label", flat=True)) == ["Website"]


def answer_all(api_client, company, briefing, questions):
    api_client.force_authenticate(company.user)
    given = {"team": "12", "partner": "Yes", "interest": "Cloud"}
    answers = {str(questions[name].pk): value for name, value in given.items()}
    assert post_registration(api_client, briefing, answers).status_code == 201


@pytest.mark.parametrize(
    ("question", "change", "field"),
    [
        ("team", {"kind": "yes_no"}, "kind"),
        ("team", {"kind": "choice", "choices": ["One to five", "More"]}, "kind"),
        ("interest", {"choices": ["Cybersecurity", "Data centres"]}, "choices"),
    ],
    ids=["text-to-yes-no", "text-to-choice", "answered-choice-removed"],
)
def test_an_answered_question_cannot_change_so_as_to_misread_its_answers(
    api_client, company, briefing, questions, session_organiser, question, change, field
):
    """A helper made a long-text question yes-or-no after companies had answered it: every answer, "A national
    security operations centre..." among them, then read "No" on the organisers' page and in the exports."""
    answer_all(api_client, company, briefing, questions)
    api_client.force_authenticate(session_organiser)
    target = questions[question]

    response = api_client.patch(f"/api/v1/questions/{target.pk}/", change, format="json")

    assert response.status_code == 400, response.json()
    assert list(response.json()) == [field]
    target.refresh_from_db()
    assert (target.kind, target.choices) == (questions[question].kind, questions[question].choices)


def test_an_answered_question_may_still_be_reworded_and_a_choice_added(
    api_client, company, briefing, questions, session_organiser
):
    answer_all(api_client, company, briefing, questions)
    api_client.force_authenticate(session_organiser)

    reworded = api_client.patch(
        f"/api/v1/questions/{questions['team'].pk}/", {"label": "Team size", "kind": "long_text"}, format="json"
    )
    widened = api_client.patch(
        f"/api/v1/questions/{questions['interest'].pk}/",
        {"choices": ["Cloud", "Cybersecurity", "Data centres"]},
        format="json",
    )

    assert (reworded.status_code, widened.status_code) == (200, 200)


@pytest.fixture
def mission_sessions(briefing):
    """The briefing and a site visit the next day, both open; and a reception that takes no registration."""
    visit = SessionFactory(
        stop=briefing.stop,
        title="Site visit",
        starts_at=briefing.starts_at + dt.timedelta(days=1),
        ends_at=briefing.ends_at + dt.timedelta(days=1),
        registration_mode="approval",
        capacity=10,
        attendees_per_company=2,
    )
    SessionFactory(stop=briefing.stop, title="Reception", registration_mode="none")
    return briefing, visit


def test_a_company_registers_for_the_whole_mission(api_client, company, mission_sessions):
    briefing, visit = mission_sessions
    api_client.force_authenticate(company.user)

    response = api_client.post(
        "/api/v1/registrations/mission/",
        {"mission": briefing.stop.mission.slug, "attendees": attendees(2)},
        format="json",
    )

    assert response.status_code == 201, response.json()
    assert {(r["session_title"], r["status"]) for r in response.json()} == {
        (briefing.title, "confirmed"),
        ("Site visit", "pending"),
    }


def test_one_refusal_leaves_no_registration_for_any_session(api_client, company, mission_sessions):
    briefing, visit = mission_sessions
    api_client.force_authenticate(company.user)
    api_client.post("/api/v1/registrations/", {"session": visit.pk, "attendees": attendees(1)}, format="json")

    too_many = api_client.post(
        "/api/v1/registrations/mission/",
        {"mission": briefing.stop.mission.slug, "sessions": [briefing.pk], "attendees": attendees(4)},
        format="json",
    )
    already = api_client.post(
        "/api/v1/registrations/mission/",
        {"mission": briefing.stop.mission.slug, "attendees": attendees(1)},
        format="json",
    )

    assert too_many.status_code == 400
    assert "at most 3" in too_many.json()["attendees"][0]
    assert already.status_code == 409
    assert already.json()["sessions"][0].startswith("Site visit:")
    assert not Registration.objects.filter(session=briefing).exists()


def test_a_closed_session_cannot_be_chosen(api_client, company, mission_sessions):
    briefing, visit = mission_sessions
    visit.registration_closes_at = timezone.now() - dt.timedelta(minutes=1)
    visit.save()
    api_client.force_authenticate(company.user)

    response = api_client.post(
        "/api/v1/registrations/mission/",
        {"mission": briefing.stop.mission.slug, "sessions": [briefing.pk, visit.pk], "attendees": attendees(1)},
        format="json",
    )

    assert response.status_code == 400
    assert str(visit.pk) in response.json()["sessions"][0]
    assert not Registration.objects.exists()


def test_a_draft_mission_is_not_found(api_client, company):
    other_stop = StopFactory(mission__status="draft")
    api_client.force_authenticate(company.user)

    response = api_client.post(
        "/api/v1/registrations/mission/", {"mission": other_stop.mission.slug, "attendees": attendees(1)}, format="json"
    )

    assert response.status_code in (400, 404)
    assert not Registration.objects.exists()


def test_an_empty_list_of_sessions_chooses_none_and_a_session_listed_twice_counts_once(
    api_client, company, mission_sessions
):
    briefing, visit = mission_sessions
    api_client.force_authenticate(company.user)
    slug = briefing.stop.mission.slug

    none = api_client.post(
        "/api/v1/registrations/mission/", {"mission": slug, "sessions": [], "attendees": attendees(1)}, format="json"
    )
    twice = api_client.post(
        "/api/v1/registrations/mission/",
        {"mission": slug, "sessions": [briefing.pk, briefing.pk], "attendees": attendees(1)},
        format="json",
    )

    assert none.status_code == 400
    assert none.json() == {"sessions": ["Choose at least one session."]}
    assert twice.status_code == 201, twice.json()
    assert [registration["session"] for registration in twice.json()] == [briefing.pk]
    assert Registration.objects.filter(organization=company.organization).count() == 1


def test_an_answered_question_is_not_deleted_with_its_answers_but_may_stop_being_asked(
    api_client, company, briefing, questions, session_organiser
):
    """An organiser deleted a question companies had answered (dietary needs, team size): the answers went with it,
    from the registrations page and the exports, and nothing said so. A question with answers is retired instead,
    as pretalx does: no longer asked, its answers kept."""
    answer_all(api_client, company, briefing, questions)
    api_client.force_authenticate(session_organiser)
    team = questions["team"]

    deleted = api_client.delete(f"/api/v1/questions/{team.pk}/")

    assert deleted.status_code == 400, deleted.content
    assert "asked" in deleted.json()
    assert "1 registration" in deleted.json()["asked"][0]
    assert Answer.objects.filter(question=team).count() == 1

    retired = api_client.patch(f"/api/v1/questions/{team.pk}/", {"asked": False}, format="json")

    assert retired.status_code == 200, retired.json()
    assert retired.json()["asked"] is False
    session = api_client.get(f"/api/v1/sessions/{briefing.pk}/").json()
    assert [q["label"] for q in session["questions"]] == ["Do you have a local partner?", "Main interest"]
    export = api_client.get(f"/api/v1/session-registrations/{briefing.pk}/export/")
    assert "Team size in Morocco" in export.content.decode()
    assert ",12," in export.content.decode() or ",12\r" in export.content.decode()


def test_a_question_no_longer_asked_is_neither_required_nor_accepted(
    api_client, representative_of, briefing, questions
):
    questions["team"].asked = False
    questions["team"].save()
    second = representative_of("Second Cloud")
    api_client.force_authenticate(second.user)

    without = post_registration(api_client, briefing, {str(questions["partner"].pk): "no"})
    api_client.force_authenticate(representative_of("Third Cloud").user)
    answering = post_registration(
        api_client, briefing, {str(questions["partner"].pk): "no", str(questions["team"].pk): "4"}, attendees(1)
    )

    assert without.status_code == 201, without.json()
    assert answering.status_code == 400
    assert list(answering.json()) == ["answers"]


def test_an_unanswered_question_is_still_deleted(api_client, briefing, questions, session_organiser):
    api_client.force_authenticate(session_organiser)

    response = api_client.delete(f"/api/v1/questions/{questions['team'].pk}/")

    assert response.status_code == 204
    assert not Question.objects.filter(pk=questions["team"].pk).exists()
