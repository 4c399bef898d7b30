"""Correcting an attendee's address (issue 17): who may, what is refused, and what the two addresses receive."""

import pytest
from django.core.exceptions import ValidationError

from events.core.errors import PermissionDeniedError
from events.notifications.models import OutboundEmail, UnreachableAddress
from events.registrations.services import change_attendee_email, register_company
from tests.factories import MissionFactory, RepresentativeFactory, SessionFactory, StopFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def registration(organiser, django_capture_on_commit_callbacks):
    mission = MissionFactory(slug="dakhla")
    mission.organisers.add(organiser)
    session = SessionFactory(stop=StopFactory(mission=mission), title="Fisheries briefing", registration_mode="open")
    representative = RepresentativeFactory()
    with django_capture_on_commit_callbacks(execute=True):
        return register_company(
            session,
            acting_user=representative.user,
            organization=representative.organization,
            attendees=[
                {"full_name": "Omar Tazi", "email": "omar@dakhla-peche.example"},
                {"full_name": "Salma Idrissi", "email": "salma@dakhla-peche.example"},
            ],
        )


def omar(registration):
    return registration.attendees.get(full_name="Omar Tazi")


def mail_to(address):
    return list(OutboundEmail.objects.filter(to=address).exclude(kind="reminder").values_list("kind", "status"))


@pytest.mark.parametrize("who", ["organiser", "representative"])
def test_the_new_address_gets_the_invitation_and_the_old_one_its_cancellation(
    registration, organiser, who, django_capture_on_commit_callbacks
):
    acting = organiser if who == "organiser" else registration.registered_by
    with django_capture_on_commit_callbacks(execute=True):
        change_attendee_email(omar(registration), acting_user=acting, email=" omar.tazi@dakhla-peche.example ")

    assert omar(registration).email == "omar.tazi@dakhla-peche.example"
    assert mail_to("omar.tazi@dakhla-peche.example") == [("invitation.request", "sent")]
    assert mail_to("omar@dakhla-peche.example") == [("invitation.cancel", "sent"), ("invitation.request", "sent")]
    assert mail_to("salma@dakhla-peche.example") == [("invitation.request", "sent")]


def test_a_bounced_old_address_gets_nothing_more(registration, organiser, django_capture_on_commit_callbacks):
    UnreachableAddress.objects.create(email="omar@dakhla-peche.example", event="bounce", since="2027-01-01T00:00Z")

    with django_capture_on_commit_callbacks(execute=True):
        change_attendee_email(omar(registration), acting_user=organiser, email="omar.tazi@dakhla-peche.example")

    assert mail_to("omar@dakhla-peche.example") == [("invitation.cancel", "suppressed"), ("invitation.request", "sent")]


def test_the_same_address_in_another_case_changes_nothing(registration, organiser, django_capture_on_commit_callbacks):
    before = OutboundEmail.objects.count()

    with django_capture_on_commit_callbacks(execute=True):
        change_attendee_email(omar(registration), acting_user=organiser, email="OMAR@dakhla-peche.example")

    assert omar(registration).email == "omar@dakhla-peche.example"
    assert OutboundEmail.objects.count() == before


@pytest.mark.parametrize(
    ("email", "error"),
    [
        ("", "This field cannot be blank."),
        ("not an address", "Enter a valid email address."),
        ("a@b.example\nBcc: x@y.example", "Enter a valid email address."),
        ("Salma@dakhla-peche.example", "Salma@dakhla-peche.example is already an attendee of this registration."),
    ],
)
def test_a_bad_address_is_a_field_error_and_changes_nothing(registration, organiser, email, error):
    before = OutboundEmail.objects.count()

    with pytest.raises(ValidationError) as refused:
        change_attendee_email(omar(registration), acting_user=organiser, email=email)

    assert refused.value.message_dict == {"email": [error]}
    assert omar(registration).email == "omar@dakhla-peche.example"
    assert OutboundEmail.objects.count() == before


def test_someone_else_may_not(registration):
    with pytest.raises(PermissionDeniedError):
        change_attendee_email(omar(registration), acting_user=UserFactory(), email="x@y.example")

    assert omar(registration).email == "omar@dakhla-peche.example"


def test_the_page_says_when_the_new_address_is_unreachable_too(client, registration, organiser):
    UnreachableAddress.objects.create(
        email="omar.t@dakhla-peche.example", event="bounce", reason="550 no such user", since="2027-01-01T00:00Z"
    )
    client.force_login(organiser)

    response = client.post(
        f"/manage/attendees/{omar(registration).pk}/email/", {"email": "omar.t@dakhla-peche.example"}, follow=True
    )

    (message,) = [str(m) for m in response.context["messages"]]
    assert message == (
        "Omar Tazi's address is now omar.t@dakhla-peche.example, but mail cannot reach it either "
        "(Bounced: 550 no such user): nothing is sent."
    )


def test_the_page_says_when_nothing_changed(client, registration, organiser):
    client.force_login(organiser)

    response = client.post(
        f"/manage/attendees/{omar(registration).pk}/email/", {"email": "OMAR@dakhla-peche.example"}, follow=True
    )

    (message,) = [str(m) for m in response.context["messages"]]
    assert message == "omar@dakhla-peche.example is already this attendee's address."


def test_an_answer_given_at_the_old_address_holds_at_the_corrected_one(
    registration, organiser, django_capture_on_commit_callbacks
):
    from events.agenda.models import Invitation
    from events.agenda.rsvp import read_rsvp, record_answer, rsvp_token

    record_answer(read_rsvp(rsvp_token(Invitation.objects.get(email="omar@dakhla-peche.example"), "ACCEPTED")))

    with django_capture_on_commit_callbacks(execute=True):
        change_attendee_email(omar(registration), acting_user=organiser, email="omar.tazi@dakhla-peche.example")

    assert Invitation.objects.get(email="omar.tazi@dakhla-peche.example").answer == "ACCEPTED"
