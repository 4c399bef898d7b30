"""A delegate of a mission meets its companies: they cannot also attend one of its B2B meeting sessions for a
company, or the same person would sit on both sides of a meeting, or in two meetings at once."""

import pytest
from django.core.exceptions import ValidationError

from events.notifications.models import OutboundEmail
from events.registrations import services
from events.registrations.models import Attendee, Registration
from tests.factories import DelegateFactory, SessionFactory, UserFactory, briefing_factory
from tests.registrations.test_register_form import error_of, review

pytestmark = pytest.mark.django_db

REFUSAL = "Omar Tazi is a delegate of this mission: delegates meet the companies, they cannot attend for one."


@pytest.fixture
def meetings():
    return briefing_factory(capacity=20, kind="b2b_meetings", title="One-to-one meetings", attendees_per_company=2)


@pytest.fixture
def omar(meetings):
    """A delegate whose invitations go to his account's address, written here in another case."""
    return DelegateFactory(
        delegation__mission=meetings.stop.mission,
        full_name="Omar Tazi",
        email="omar@digital.gov.ma",
        user=UserFactory(email="Omar.Tazi@Digital.gov.ma"),
    )


@pytest.fixture
def company(representative_of):
    return representative_of("Atlas Cloud SARL")


def people(second_email):
    return [
        {"full_name": "Sarah Lamrani", "email": "sarah@atlas.example"},
        {"full_name": "Omar T.", "email": second_email},
    ]


def test_a_delegate_is_refused_as_attendee_of_a_meeting_session(meetings, omar, company):
    with pytest.raises(ValidationError) as error:
        services.register_company(
            meetings,
            acting_user=company.user,
            organization=company.organization,
            attendees=people("omar.tazi@digital.GOV.ma"),
        )

    assert error.value.message_dict == {"attendees": [REFUSAL]}
    assert Registration.objects.count() == 0
    assert Attendee.objects.count() == 0
    assert OutboundEmail.objects.count() == 0


def test_a_delegate_is_refused_when_registering_for_the_whole_mission(meetings, omar, company):
    briefing = SessionFactory(stop=meetings.stop, capacity=20, registration_mode="open", attendees_per_company=2)

    with pytest.raises(ValidationError) as error:
        services.register_company_for_sessions(
            [briefing, meetings],
            acting_user=company.user,
            organization=company.organization,
            attendees=people("omar.tazi@digital.gov.ma"),
        )

    assert error.value.message_dict == {"attendees": [REFUSAL]}
    assert Registration.objects.count() == 0


def test_the_api_refuses_a_delegate_as_attendee_and_writes_nothing(api_client, meetings, omar, company):
    api_client.force_authenticate(company.user)

    response = api_client.post(
        "/api/v1/registrations/",
        {"session": meetings.pk, "attendees": people("Omar.Tazi@digital.gov.ma")},
        format="json",
    )

    assert response.status_code == 400
    assert response.json() == {"attendees": [REFUSAL]}
    assert Registration.objects.count() == 0
    assert Attendee.objects.count() == 0


def test_the_registration_page_refuses_a_delegate_next_to_their_email(client, meetings, omar, company):
    client.force_login(company.user)

    response = review(
        client, meetings, [("Sarah Lamrani", "sarah@atlas.example"), ("Omar T.", "omar.tazi@digital.gov.ma")]
    )

    page = response.content.decode()
    assert error_of(page, "attendee_2_email") == REFUSAL
    assert "Confirm the registration" not in page
    assert not Registration.objects.exists()


def test_an_attendee_address_cannot_be_changed_to_a_delegates(meetings, omar, company):
    registration = services.register_company(
        meetings, acting_user=company.user, organization=company.organization, attendees=people("omar@atlas.example")
    )
    attendee = registration.attendees.get(email="omar@atlas.example")

    with pytest.raises(ValidationError) as error:
        services.change_attendee_email(attendee, acting_user=company.user, email="OMAR.TAZI@digital.gov.ma")

    assert error.value.message_dict == {"email": [REFUSAL]}
    attendee.refresh_from_db()
    assert attendee.email == "omar@atlas.example"


def test_a_company_registers_for_a_meeting_session_with_its_own_people(meetings, omar, company):
    registration = services.register_company(
        meetings, acting_user=company.user, organization=company.organization, attendees=people("omar@atlas.example")
    )

    assert registration.status == "confirmed"
    assert sorted(registration.attendees.values_list("email", flat=True)) == [
        "omar@atlas.example",
        "sarah@atlas.example",
    ]


def test_a_delegate_may_attend_a_briefing_or_another_missions_meetings(meetings, omar, company):
    briefing = SessionFactory(stop=meetings.stop, capacity=20, registration_mode="open", attendees_per_company=2)
    elsewhere = briefing_factory(kind="b2b_meetings", attendees_per_company=2)

    registrations = [
        services.register_company(
            session,
            acting_user=company.user,
            organization=company.organization,
            attendees=people("omar.tazi@digital.gov.ma"),
        )
        for session in (briefing, elsewhere)
    ]

    assert [registration.status for registration in registrations] == ["confirmed", "confirmed"]
