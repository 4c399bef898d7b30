"""Issue 11, cases 1 and 2: only published missions take registrations; stored choices can never crash a read."""

import pytest

from events.core.errors import ApplicationError
from events.missions.models import Mission
from events.registrations.models import Registration
from events.registrations.services import register_company
from tests.factories import briefing_factory
from tests.registrations.conftest import attendees

pytestmark = pytest.mark.django_db


@pytest.fixture
def draft_briefing():
    session = briefing_factory(capacity=10)
    Mission.objects.filter(pk=session.stop.mission_id).update(status=Mission.Status.DRAFT)
    session.refresh_from_db()
    return session


def test_a_company_cannot_register_for_a_session_of_a_draft_mission_through_the_api(
    api_client, draft_briefing, representative_of
):
    company = representative_of("Lone Star Cloud")
    api_client.force_authenticate(company.user)

    response = api_client.post(
        "/api/v1/registrations/", {"session": draft_briefing.pk, "attendees": attendees(1)}, format="json"
    )
    mission_wide = api_client.post(
        "/api/v1/registrations/mission/",
        {"mission": draft_briefing.stop.mission.slug, "attendees": attendees(1)},
        format="json",
    )

    assert response.status_code == 400
    assert response.json()["session"] == [f'Invalid pk "{draft_briefing.pk}" - object does not exist.']
    assert mission_wide.status_code == 400
    assert list(mission_wide.json()) == ["mission"]
    assert Registration.objects.count() == 0


def test_the_service_refuses_a_draft_missions_session(draft_briefing, representative_of):
    company = representative_of("Lone Star Cloud")

    with pytest.raises(ApplicationError):
        register_company(
            draft_briefing, acting_user=company.user, organization=company.organization, attendees=attendees(1)
        )

    assert Registration.objects.count() == 0


@pytest.mark.parametrize("choices", [False, 0, {}, "Yes", [""], [None]])
def test_choices_that_are_not_a_list_of_texts_are_refused_and_reads_keep_working(api_client, organiser, choices):
    from events.registrations.models import Question

    session = briefing_factory(capacity=10)
    session.stop.mission.organisers.add(organiser)
    question = Question.objects.create(session=session, label="Team size", kind="text")
    api_client.force_authenticate(organiser)

    response = api_client.patch(f"/api/v1/questions/{question.pk}/", {"choices": choices}, format="json")
    api_client.force_authenticate(None)
    listing = api_client.get("/api/v1/sessions/")

    assert response.status_code == 400
    assert "choices" in response.json()
    assert listing.status_code == 200
