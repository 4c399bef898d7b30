"""A person named by a company to attend one of the mission's B2B meeting sessions cannot join its delegation: the
delegates meet the companies, and the same person would sit on both sides of a meeting, or in two at once."""

import re

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.core import mail
from django.core.exceptions import ValidationError

from events.missions import services
from events.missions.models import Delegate
from events.registrations.services import cancel_registration, register_company
from tests.factories import DelegationFactory, RepresentativeFactory, SessionFactory

pytestmark = pytest.mark.django_db

REFUSAL = (
    "sarah@lonestar.example attends “One-to-one meetings” for Lone Star Cloud: "
    "delegates meet the companies, they cannot attend for one."
)


def session_of(mission, kind, title, mode="open"):
    return SessionFactory(
        stop=mission.stops.get(),
        kind=kind,
        title=title,
        capacity=20,
        registration_mode=mode,
        attendees_per_company=2,
    )


def registered(session, company="Lone Star Cloud"):
    representative = RepresentativeFactory(organization__name=company)
    return register_company(
        session,
        acting_user=representative.user,
        organization=representative.organization,
        attendees=[
            {"full_name": "Sarah Lamrani", "email": "Sarah@LoneStar.example"},
            {"full_name": "Bo Chen", "email": "bo@lonestar.example"},
        ],
    )


@pytest.fixture
def delegation(own_mission):
    return DelegationFactory(mission=own_mission)


@pytest.fixture
def meetings(own_mission):
    return session_of(own_mission, "b2b_meetings", "One-to-one meetings")


def test_an_attendee_of_a_meeting_session_is_refused_on_the_roster(organiser, delegation, meetings):
    registered(meetings)

    with pytest.raises(ValidationError) as error:
        services.add_delegate(
            delegation, acting_user=organiser, full_name="Sarah Lamrani", email="sarah@lonestar.example"
        )

    assert error.value.message_dict == {"email": [REFUSAL]}
    assert not Delegate.objects.exists()
    assert not get_user_model().objects.filter(email__iexact="sarah@lonestar.example").exists()


def test_an_attendee_awaiting_approval_is_refused_on_the_roster(organiser, own_mission, delegation):
    registered(session_of(own_mission, "b2b_meetings", "One-to-one meetings", mode="approval"))

    with pytest.raises(ValidationError) as error:
        services.add_delegate(
            delegation, acting_user=organiser, full_name="Sarah Lamrani", email="sarah@lonestar.example"
        )

    assert error.value.message_dict == {"email": [REFUSAL]}


def test_the_api_refuses_the_attendee_on_the_email_field(organiser_client, delegation, meetings):
    registered(meetings)

    response = organiser_client.post(
        "/api/v1/delegates/",
        {"delegation": delegation.pk, "full_name": "Sarah Lamrani", "email": "SARAH@lonestar.example"},
        format="json",
    )

    assert response.status_code == 400
    assert response.json() == {"email": [REFUSAL]}
    assert not Delegate.objects.exists()


def test_a_delegates_address_cannot_become_an_attendees(organiser, delegation, meetings):
    registered(meetings)
    delegate = services.add_delegate(delegation, acting_user=organiser, full_name="Sarah", email="s@gov.example.ma")

    with pytest.raises(ValidationError) as error:
        services.update_delegate(delegate, acting_user=organiser, email="sarah@lonestar.example")

    assert error.value.message_dict == {"email": [REFUSAL]}
    delegate.refresh_from_db()
    assert delegate.email == "s@gov.example.ma"
    assert delegate.user.email == "s@gov.example.ma"


def test_a_delegate_may_be_added_whom_no_company_names_for_meetings(organiser, own_mission, delegation, meetings):
    cancel_registration(registered(meetings), acting_user=organiser)
    registered(session_of(own_mission, "business_briefing", "Business briefing"), company="Austin Data")

    delegate = services.add_delegate(
        delegation, acting_user=organiser, full_name="Sarah Lamrani", email="sarah@lonestar.example"
    )

    assert delegate.calendar_address == "sarah@lonestar.example"
    assert delegation.delegates.count() == 1


# A delegate's calendar goes to their account's primary address (Delegate.calendar_address), so the account's
# own email page and the admin's user page are two more ways onto the roster with an address: the same rule holds.


@pytest.fixture
def omar(organiser, delegation):
    services.add_delegate(delegation, acting_user=organiser, full_name="Omar Tazi", email="omar@dakhla.example")
    return get_user_model().objects.get(email="omar@dakhla.example")


def test_a_delegate_cannot_add_an_attendees_address_to_their_account(client, omar, meetings):
    """A tester, signed in as a delegate, added on /accounts/email/ the address a company named to attend the
    mission's meetings, and made it primary: the same person then sat on both sides of the grid."""
    registered(meetings)
    client.force_login(omar)

    response = client.post("/accounts/email/", {"email": "SARAH@lonestar.example", "action_add": ""})

    assert response.status_code == 200
    assert response.context["form"].errors["email"] == [REFUSAL]
    assert list(EmailAddress.objects.filter(user=omar).values_list("email", flat=True)) == ["omar@dakhla.example"]


def test_a_second_address_named_as_an_attendee_since_cannot_become_the_primary_one(client, omar, meetings):
    EmailAddress.objects.create(user=omar, email="sarah@lonestar.example", verified=True, primary=False)
    registered(meetings)  # named by the company after it was added: only the primary address is a delegate's
    client.force_login(omar)

    response = client.post("/accounts/email/", {"email": "sarah@lonestar.example", "action_primary": ""}, follow=True)

    omar.refresh_from_db()
    assert omar.email == "omar@dakhla.example"
    assert EmailAddress.objects.get(user=omar, primary=True).email == "omar@dakhla.example"
    assert [str(message) for message in response.context["messages"]] == [REFUSAL]


def test_the_admin_cannot_give_a_delegates_account_an_attendees_address(client, omar, meetings, admin_user):
    registered(meetings)
    client.force_login(admin_user)
    page = client.get(f"/admin/accounts/user/{omar.pk}/change/")
    posted = {k: v for k, v in page.context["adminform"].form.initial.items() if v is not None and k != "password"}
    posted.update(email="sarah@lonestar.example", groups=[], user_permissions=[])
    posted.update(date_joined_0="2026-01-01", date_joined_1="00:00:00")
    posted.pop("date_joined", None)
    posted.pop("last_login", None)

    response = client.post(f"/admin/accounts/user/{omar.pk}/change/", posted)

    assert response.status_code == 200
    assert response.context["adminform"].form.errors["email"] == [REFUSAL]
    omar.refresh_from_db()
    assert omar.email == "omar@dakhla.example"


def test_a_delegate_may_add_an_address_no_company_names(client, omar, meetings):
    registered(meetings)
    client.force_login(omar)

    response = client.post("/accounts/email/", {"email": "omar.tazi@peche.example", "action_add": ""})

    # The address is added once the code mailed to it is typed in (allauth's verification by code).
    assert response.status_code == 302, response.context["form"].errors
    assert response["Location"] == "/accounts/confirm-email/"
    assert [message.to for message in mail.outbox] == [["omar.tazi@peche.example"]]


def test_an_address_named_as_an_attendee_before_its_code_is_entered_is_not_added(client, omar, meetings):
    """A helper added an address on the delegate's account; a company named it as an attendee before the code
    mailed to it was entered; entering the code added it to the delegate's account."""
    client.force_login(omar)
    client.post("/accounts/email/", {"email": "sarah@lonestar.example", "action_add": ""})
    code = re.search(r"^([A-Z0-9]{4}-[A-Z0-9]{4})$", mail.outbox[-1].body, re.M).group(1)
    registered(meetings)

    response = client.post("/accounts/confirm-email/", {"code": code}, follow=True)

    assert not EmailAddress.objects.filter(user=omar, email__iexact="sarah@lonestar.example").exists()
    assert REFUSAL in [str(message) for message in response.context["messages"]]
