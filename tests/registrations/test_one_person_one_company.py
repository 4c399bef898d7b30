"""One person attends a session once, for one company.

Named by two companies at one B2B meeting session, a person was two participants of its grid: the
scheduler booked them into two meetings at once, and each company's badge and seat counted them again.
Whichever company names them second is refused, next to the address, and nothing of its registration
is written, whether it registers, changes an address or races the first company for the seat.
"""

import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from events.registrations import services
from events.registrations.models import Attendee, Registration
from tests.factories import SessionFactory, briefing_factory
from tests.registrations.test_register_form import error_of, review
from tests.support.concurrency import run_in_parallel

pytestmark = pytest.mark.django_db

ANA = "ana@consult.example"
REFUSAL = "ana@consult.example already attends One-to-one meetings for another company."


@pytest.fixture
def meetings():
    return briefing_factory(capacity=20, kind="b2b_meetings", title="One-to-one meetings", attendees_per_company=2)


@pytest.fixture
def atlas(representative_of, meetings):
    """Atlas Cloud, registered for the meetings with Ana."""
    company = representative_of("Atlas Cloud")
    services.register_company(
        meetings,
        acting_user=company.user,
        organization=company.organization,
        attendees=[{"full_name": "Ana Ruiz", "email": ANA}],
    )
    return company


@pytest.fixture
def bayou(representative_of):
    return representative_of("Bayou Data")


def with_ana(email=ANA):
    return [{"full_name": "Sam Lee", "email": "sam@bayou.example"}, {"full_name": "Ana Ruiz", "email": email}]


def test_a_second_company_cannot_name_a_person_who_attends_for_the_first(meetings, atlas, bayou):
    with pytest.raises(ValidationError) as error:
        services.register_company(
            meetings,
            acting_user=bayou.user,
            organization=bayou.organization,
            attendees=with_ana("Ana@Consult.example"),
        )

    assert error.value.message_dict == {"attendees": [REFUSAL.replace(ANA, "Ana@Consult.example")]}
    assert not Registration.objects.filter(organization=bayou.organization).exists()
    assert Attendee.objects.filter(email__iexact=ANA).count() == 1


def test_a_registration_for_several_sessions_is_refused_whole(meetings, atlas, bayou):
    briefing = SessionFactory(stop=meetings.stop, capacity=20, registration_mode="open", attendees_per_company=2)

    with pytest.raises(ValidationError) as error:
        services.register_company_for_sessions(
            [briefing, meetings], acting_user=bayou.user, organization=bayou.organization, attendees=with_ana()
        )

    assert error.value.message_dict == {"attendees": [REFUSAL]}
    assert not Registration.objects.filter(organization=bayou.organization).exists()


def test_once_the_first_company_cancels_the_second_may_name_them(meetings, atlas, bayou):
    services.cancel_registration(Registration.objects.get(organization=atlas.organization), acting_user=atlas.user)

    registration = services.register_company(
        meetings, acting_user=bayou.user, organization=bayou.organization, attendees=with_ana()
    )

    assert registration.status == "confirmed"


def test_the_same_company_may_name_them_at_another_session(meetings, atlas):
    briefing = SessionFactory(stop=meetings.stop, capacity=20, registration_mode="open", attendees_per_company=2)

    registration = services.register_company(
        briefing, acting_user=atlas.user, organization=atlas.organization, attendees=with_ana()
    )

    assert registration.status == "confirmed"


def test_the_api_answers_400_on_the_attendees_and_writes_nothing(api_client, meetings, atlas, bayou):
    api_client.force_authenticate(bayou.user)

    response = api_client.post(
        "/api/v1/registrations/", {"session": meetings.pk, "attendees": with_ana()}, format="json"
    )

    assert response.status_code == 400
    assert response.json() == {"attendees": [REFUSAL]}
    assert not Registration.objects.filter(organization=bayou.organization).exists()


def test_the_registration_page_says_so_next_to_the_address(client, meetings, atlas, bayou):
    client.force_login(bayou.user)

    response = review(client, meetings, [("Sam Lee", "sam@bayou.example"), ("Ana Ruiz", ANA)])

    page = response.content.decode()
    assert error_of(page, "attendee_2_email") == REFUSAL
    assert "Confirm the registration" not in page


def test_an_address_cannot_be_changed_to_a_person_who_attends_for_another_company(meetings, atlas, bayou):
    registration = services.register_company(
        meetings, acting_user=bayou.user, organization=bayou.organization, attendees=with_ana("ana@bayou.example")
    )
    attendee = registration.attendees.get(email="ana@bayou.example")

    with pytest.raises(ValidationError) as error:
        services.change_attendee_email(attendee, acting_user=bayou.user, email=ANA.upper())

    assert error.value.message_dict == {"email": [REFUSAL.replace(ANA, ANA.upper())]}
    attendee.refresh_from_db()
    assert attendee.email == "ana@bayou.example"


@pytest.mark.django_db(transaction=True)
def test_companies_naming_one_person_at_once_seat_them_once(meetings, representative_of):
    """Eight companies name one person at the same instant: one registers them, seven are refused."""
    if connection.vendor != "postgresql":
        pytest.skip("concurrency guarantees are proven on PostgreSQL (set DATABASE_URL)")
    companies = [representative_of(f"Company {n}") for n in range(8)]
    refusals = []

    def register(company):
        def job():
            try:
                services.register_company(
                    meetings,
                    acting_user=company.user,
                    organization=company.organization,
                    attendees=[{"full_name": "Ana Ruiz", "email": ANA}],
                )
            except ValidationError as error:
                refusals.append(error.message_dict)

        return job

    refused, crashed = run_in_parallel([register(company) for company in companies], workers=8)

    assert (refused, crashed) == ([], [])
    assert refusals == [{"attendees": [REFUSAL]}] * 7
    assert Registration.objects.count() == 1
    assert Attendee.objects.filter(email__iexact=ANA).count() == 1


def test_an_address_in_other_letters_case_is_the_same_person_beyond_ascii_too(meetings, representative_of):
    """A tester named zed@ÉCOLE.example for one company and zed@école.example for another: on SQLite, whose
    own LOWER() knows only ASCII, both were seated."""
    first, second = representative_of("Hill Country"), representative_of("Lone Star")
    services.register_company(
        meetings,
        acting_user=first.user,
        organization=first.organization,
        attendees=[{"full_name": "Zed", "email": "zed@ÉCOLE.example"}],
    )

    with pytest.raises(ValidationError) as error:
        services.register_company(
            meetings,
            acting_user=second.user,
            organization=second.organization,
            attendees=[{"full_name": "Zed", "email": "zed@école.example"}],
        )

    assert error.value.message_dict == {
        "attendees": ["zed@école.example already attends One-to-one meetings for another company."]
    }
