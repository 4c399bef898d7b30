"""A delegate of a mission meets its companies: they cannot also attend one of its B2B meeting sessions for a
company, or the same person would sit on both sides of a meeting, or in two meetings at once."""

import contextlib
import time

import pytest
from allauth.account.models import EmailAddress
from django.core.exceptions import ValidationError
from django.db import connection
from django.test import Client

from events.accounts.models import User
from events.core import locks
from events.missions import services as missions
from events.missions.models import Delegate
from events.notifications.models import OutboundEmail
from events.registrations import receivers, services
from events.registrations.models import Attendee, Registration
from tests.factories import DelegateFactory, SessionFactory, UserFactory, briefing_factory
from tests.registrations.test_register_form import error_of, review
from tests.support.concurrency import run_in_parallel

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


# At once: a company names a person for a B2B meeting session while an organiser adds them to the mission's
# delegation. Each side checked the other's committed rows and found none, so both were written: one person
# on both sides of the meetings. Both now hold one advisory lock on (mission, address) before they check.

RACERS = 6
WAYS = ["roster", "account"]  # an organiser adds them; or, a delegate already, they make the address primary


def race_roles(meetings, representative_of, organiser, *, pause, way="roster"):
    """RACERS people, each named by a company and made a delegate at the same instant, `way`: added to the
    roster by an organiser, or, already a delegate under another address, making it their account's primary one
    on allauth's email page. Each side's check waits `pause` seconds after reading, so that without a shared lock
    both always read before either writes. Returns {address: (attends for a company, is a delegate by it)}."""
    delegation = DelegateFactory(delegation__mission=meetings.stop.mission).delegation
    meetings.stop.mission.organisers.add(organiser)
    companies = [representative_of(f"Company {n}") for n in range(RACERS)]
    addresses = [f"person{n}@both.example" for n in range(RACERS)]

    def slowed(read):
        def read_then_wait(*args, **kwargs):
            found = read(*args, **kwargs)
            time.sleep(pause)
            return found

        return read_then_wait

    def name(company, address):
        def job():
            with contextlib.suppress(ValidationError):
                services.register_company(
                    meetings,
                    acting_user=company.user,
                    organization=company.organization,
                    attendees=[{"full_name": "Twice", "email": address}],
                )

        return job

    def add(address):
        def job():
            with contextlib.suppress(ValidationError):
                missions.add_delegate(delegation, acting_user=organiser, full_name="Twice", email=address)

        return job

    def make_primary(address):
        n = addresses.index(address)
        missions.add_delegate(delegation, acting_user=organiser, full_name="Twice", email=f"twice{n}@old.example")
        user = User.objects.get(email=f"twice{n}@old.example")
        EmailAddress.objects.create(user=user, email=address, verified=True, primary=False)
        client = Client()
        client.force_login(user)

        def job():
            assert client.post("/accounts/email/", {"email": address, "action_primary": ""}).status_code == 302

        return job

    become_delegate = {"roster": add, "account": make_primary}[way]
    jobs = [job for n in range(RACERS) for job in (name(companies[n], addresses[n]), become_delegate(addresses[n]))]
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(receivers, "meeting_attendance", slowed(receivers.meeting_attendance))
        patch.setattr(services, "delegates_among", slowed(services.delegates_among))
        refused, crashed = run_in_parallel(jobs, workers=2 * RACERS)
    assert (refused, crashed) == ([], [])
    delegates = {delegate.calendar_address for delegate in Delegate.objects.filter(delegation=delegation)}
    return {address: (Attendee.objects.filter(email=address).exists(), address in delegates) for address in addresses}


@pytest.mark.parametrize("way", WAYS)
@pytest.mark.django_db(transaction=True)
def test_a_person_named_by_a_company_and_made_a_delegate_at_once_takes_one_role(
    meetings, representative_of, organiser, way
):
    if connection.vendor != "postgresql":
        pytest.skip("concurrency guarantees are proven on PostgreSQL (set DATABASE_URL)")

    roles = race_roles(meetings, representative_of, organiser, pause=0.3, way=way)

    assert sorted(set(roles.values())) in ([(False, True)], [(True, False)], [(False, True), (True, False)])


@pytest.mark.parametrize("way", WAYS)
@pytest.mark.django_db(transaction=True)
def test_without_the_shared_lock_the_same_race_gives_a_person_both_roles(
    meetings, representative_of, organiser, monkeypatch, way
):
    """The negative control: the test above sees the race it guards against."""
    if connection.vendor != "postgresql":
        pytest.skip("concurrency guarantees are proven on PostgreSQL (set DATABASE_URL)")
    monkeypatch.setattr(locks, "hold_keys", lambda namespace, keys: None)  # hold_mission_roles takes none

    roles = race_roles(meetings, representative_of, organiser, pause=0.3, way=way)

    assert set(roles.values()) == {(True, True)}
