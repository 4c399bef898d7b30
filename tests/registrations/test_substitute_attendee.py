"""Sending someone else in an attendee's place: the seat, the company's answers and its place on the waitlist
stay; the new person is a new person everywhere (their own invitation, badge and place on the door list), and the
one they replace is told the entry is cancelled and no longer enters, while what they did (a check-in, their
other sessions) stays theirs."""

import datetime as dt

import pytest
import time_machine
from django.core.exceptions import ValidationError

from events.checkin.models import Badge
from events.checkin.selectors import holder_at_session
from events.checkin.services import issue_badges
from events.core.errors import PermissionDeniedError
from events.notifications.models import OutboundEmail
from events.registrations.errors import InvalidTransition, SessionOver
from events.registrations.models import Attendee, Registration
from events.registrations.services import cancel_registration, register_company, substitute_attendee
from tests.factories import MissionFactory, RepresentativeFactory, SessionFactory, StopFactory, UserFactory

pytestmark = pytest.mark.django_db

OMAR = "omar@dakhla-peche.example"
NADIA = "nadia@dakhla-peche.example"
NO_NAME = "Give the full name of the person who attends."
ONE_LINE = "Write this on a single line: remove the line break at position %d."


@pytest.fixture
def mission(organiser):
    mission = MissionFactory(slug="dakhla")
    mission.organisers.add(organiser)
    return mission


@pytest.fixture
def representative():
    return RepresentativeFactory(organization__name="Dakhla Pêche")


def register(session, representative, people, capture):
    with capture(execute=True):
        return register_company(
            session,
            acting_user=representative.user,
            organization=representative.organization,
            attendees=[{"full_name": name, "email": email} for name, email in people],
        )


@pytest.fixture
def registration(mission, representative, django_capture_on_commit_callbacks):
    session = SessionFactory(stop=StopFactory(mission=mission), title="Fisheries briefing", registration_mode="open")
    people = [("Omar Tazi", OMAR), ("Salma Idrissi", "salma@dakhla-peche.example")]
    return register(session, representative, people, django_capture_on_commit_callbacks)


def omar(registration):
    return registration.attendees.get(email=OMAR)


def mail_to(address):
    return sorted(OutboundEmail.objects.filter(to=address).exclude(kind="reminder").values_list("kind", "status"))


def nadia(**fields):
    return {"full_name": "Nadia Berrada", "email": NADIA, "job_title": "Export manager"} | fields


@pytest.mark.parametrize("who", ["organiser", "representative"])
def test_the_seat_goes_to_the_new_person_and_the_invitation_with_it(
    registration, organiser, who, django_capture_on_commit_callbacks
):
    acting = organiser if who == "organiser" else registration.registered_by
    with django_capture_on_commit_callbacks(execute=True):
        substitute_attendee(omar(registration), acting_user=acting, **nadia(email=f" {NADIA.upper()} "))

    row = registration.attendees.get(email__iexact=NADIA)
    assert (row.full_name, row.job_title) == ("Nadia Berrada", "Export manager")
    assert sorted(registration.attendees.values_list("full_name", flat=True)) == ["Nadia Berrada", "Salma Idrissi"]
    registration.refresh_from_db()
    assert (registration.status, registration.seats) == (Registration.Status.CONFIRMED, 2)
    assert mail_to(NADIA.upper()) + mail_to(NADIA) == [("invitation.request", "sent")]
    assert mail_to(OMAR) == [("invitation.cancel", "sent"), ("invitation.request", "sent")]
    assert mail_to("salma@dakhla-peche.example") == [("invitation.request", "sent")]


def test_the_door_knows_the_new_person_by_name_and_no_longer_lets_the_old_one_in(
    registration, organiser, django_capture_on_commit_callbacks
):
    session = registration.session
    omar_badge = issue_badges(session.stop.mission)[OMAR]

    with django_capture_on_commit_callbacks(execute=True):
        substitute_attendee(omar(registration), acting_user=organiser, **nadia())

    # The printed badge is Omar's: it does not become Nadia's (the address was not corrected, a person changed).
    assert Badge.objects.get(pk=omar_badge.pk).email == OMAR
    assert holder_at_session(session, OMAR) is None
    assert holder_at_session(session, NADIA).name == "Nadia Berrada"


def test_the_old_person_keeps_their_other_sessions(
    registration, representative, organiser, django_capture_on_commit_callbacks
):
    dinner = SessionFactory(stop=registration.session.stop, title="Investors' dinner", registration_mode="open")
    dinner.starts_at += dt.timedelta(hours=10)
    dinner.ends_at += dt.timedelta(hours=10)
    dinner.save()
    register(dinner, representative, [("Omar Tazi", OMAR)], django_capture_on_commit_callbacks)

    with django_capture_on_commit_callbacks(execute=True):
        substitute_attendee(omar(registration), acting_user=organiser, **nadia())

    assert holder_at_session(dinner, OMAR).name == "Omar Tazi"
    assert dinner.registrations.get().attendees.get().email == OMAR
    # One cancellation: the briefing's, not the dinner's.
    assert [kind for kind, _status in mail_to(OMAR)].count("invitation.cancel") == 1


def test_the_same_address_under_a_corrected_name_is_the_same_person(
    registration, organiser, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        substitute_attendee(omar(registration), acting_user=organiser, full_name="Omar El Tazi", email=OMAR.upper())

    assert omar(registration).full_name == "Omar El Tazi"
    assert "invitation.cancel" not in [kind for kind, _status in mail_to(OMAR)]


def test_a_waitlisted_registration_keeps_its_place_in_line(
    mission, representative, registration, django_capture_on_commit_callbacks
):
    session = registration.session
    session.capacity = 2
    session.save()
    other = RepresentativeFactory(organization__name="Atlas Logistique")
    waiting = register(session, other, [("Karim Alaoui", "karim@atlas.example")], django_capture_on_commit_callbacks)
    assert waiting.status == Registration.Status.WAITLISTED

    with django_capture_on_commit_callbacks(execute=True):
        substitute_attendee(
            waiting.attendees.get(), acting_user=other.user, full_name="Leila Alaoui", email="leila@atlas.example"
        )

    waiting.refresh_from_db()
    assert (waiting.status, waiting.waitlist_number) == (Registration.Status.WAITLISTED, 1)
    assert waiting.attendees.get().full_name == "Leila Alaoui"
    assert mail_to("leila@atlas.example") == []  # nothing to attend yet


@pytest.mark.parametrize(
    ("fields", "errors"),
    [
        (nadia(full_name="  "), {"full_name": [NO_NAME]}),
        (
            nadia(full_name="Nadia\nBcc: x@y.example"),
            {"full_name": ["Write this on a single line: remove the line break at position 6."]},
        ),
        (nadia(email="not an address"), {"email": ["Enter a valid email address."]}),
        (nadia(email=f"{NADIA}\nBcc: x@y.example"), {"email": ["Enter a valid email address."]}),
        (nadia(job_title="x" * 151), {"job_title": ["Ensure this value has at most 150 characters (it has 151)."]}),
        (
            nadia(full_name="", email="Salma@dakhla-peche.example"),
            {
                "full_name": [NO_NAME],
                "email": ["Salma@dakhla-peche.example is already an attendee of this registration."],
            },
        ),
    ],
)
def test_bad_input_is_a_field_error_and_changes_nothing(registration, organiser, fields, errors):
    before = OutboundEmail.objects.count()

    with pytest.raises(ValidationError) as refused:
        substitute_attendee(omar(registration), acting_user=organiser, **fields)

    assert refused.value.message_dict == errors
    assert omar(registration).full_name == "Omar Tazi"
    assert OutboundEmail.objects.count() == before


def test_a_person_another_company_named_for_the_session_is_refused(
    registration, django_capture_on_commit_callbacks, organiser
):
    other = RepresentativeFactory(organization__name="Atlas Logistique")
    register(registration.session, other, [("Karim Alaoui", "karim@atlas.example")], django_capture_on_commit_callbacks)

    with pytest.raises(ValidationError) as refused:
        substitute_attendee(omar(registration), acting_user=organiser, full_name="Karim", email="karim@atlas.example")

    assert refused.value.message_dict == {
        "email": ["karim@atlas.example already attends Fisheries briefing for another company."]
    }
    assert omar(registration).full_name == "Omar Tazi"


def test_someone_else_may_not(registration):
    with pytest.raises(PermissionDeniedError):
        substitute_attendee(omar(registration), acting_user=UserFactory(), **nadia())
    with pytest.raises(PermissionDeniedError):
        substitute_attendee(omar(registration), acting_user=RepresentativeFactory().user, **nadia())

    assert omar(registration).full_name == "Omar Tazi"


def test_not_once_the_session_is_over(registration, organiser):
    with time_machine.travel(registration.session.ends_at + dt.timedelta(minutes=1)), pytest.raises(SessionOver):
        substitute_attendee(omar(registration), acting_user=organiser, **nadia())

    assert omar(registration).full_name == "Omar Tazi"


def test_not_in_a_cancelled_registration(registration, organiser, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        cancel_registration(registration, acting_user=organiser)

    with pytest.raises(InvalidTransition):
        substitute_attendee(omar(registration), acting_user=organiser, **nadia())

    assert omar(registration).full_name == "Omar Tazi"


def substitute_url(registration):
    return f"/registrations/attendees/{omar(registration).pk}/substitute/"


def test_a_representative_sends_someone_else_from_their_registrations(client, registration):
    client.force_login(registration.registered_by)
    mine = client.get("/registrations/").content.decode()
    assert f'href="{substitute_url(registration)}"' in mine

    page = client.get(substitute_url(registration))
    assert page.status_code == 200
    assert "Send someone else in <bdi>Omar Tazi</bdi>" in page.content.decode()

    response = client.post(substitute_url(registration), nadia(), follow=True)

    assert response.redirect_chain == [("/registrations/", 302)]
    (message,) = [str(m) for m in response.context["messages"]]
    assert message == (
        f"Nadia Berrada takes Omar Tazi's place: the invitation is sent to {NADIA}, and Omar Tazi is told it is "
        "cancelled."
    )
    assert "Nadia Berrada" in response.content.decode()


def test_the_form_shows_every_refusal_on_its_field_and_keeps_what_was_typed(client, registration):
    client.force_login(registration.registered_by)

    response = client.post(
        substitute_url(registration), {"full_name": "", "email": "salma@dakhla-peche.example", "job_title": "CFO"}
    )

    assert response.status_code == 400
    form = response.context["form"]
    assert form.errors == {
        "full_name": [NO_NAME],
        "email": ["salma@dakhla-peche.example is already an attendee of this registration."],
    }
    assert 'value="CFO"' in response.content.decode()
    assert omar(registration).full_name == "Omar Tazi"


def test_an_organiser_returns_to_the_session_s_registrations(client, registration, organiser):
    client.force_login(organiser)
    manage = f"/manage/sessions/{registration.session_id}/registrations/"
    assert f'href="{substitute_url(registration)}"' in client.get(manage).content.decode()

    response = client.post(substitute_url(registration), nadia(email=OMAR, full_name="Omar El Tazi"))

    assert response.status_code == 302
    assert response["Location"] == manage
    assert omar(registration).full_name == "Omar El Tazi"


def test_another_company_does_not_find_the_attendee(client, registration):
    client.force_login(RepresentativeFactory().user)

    assert client.get(substitute_url(registration)).status_code == 404
    assert client.post(substitute_url(registration), nadia()).status_code == 404


def test_once_the_session_is_over_the_page_says_so(client, registration):
    with time_machine.travel(registration.session.ends_at + dt.timedelta(minutes=1)):
        client.force_login(registration.registered_by)
        assert f'href="{substitute_url(registration)}"' not in client.get("/registrations/").content.decode()
        response = client.post(substitute_url(registration), nadia(), follow=True)

    (message,) = [str(m) for m in response.context["messages"]]
    assert message == "Nobody can be sent in Omar Tazi's place: the session is over."
    assert omar(registration).full_name == "Omar Tazi"


def substitute_via_api(api_client, registration, **body):
    return api_client.post(f"/api/v1/registrations/{registration.pk}/substitute/", body, format="json")


def test_the_api_substitutes_the_attendee_it_names_by_address(
    api_client, registration, django_capture_on_commit_callbacks
):
    api_client.force_authenticate(registration.registered_by)

    with django_capture_on_commit_callbacks(execute=True):
        response = substitute_via_api(api_client, registration, attendee=OMAR.upper(), **nadia())

    assert response.status_code == 200, response.json()
    assert response.json()["attendees"] == [
        {"full_name": "Nadia Berrada", "email": NADIA, "job_title": "Export manager"},
        {"full_name": "Salma Idrissi", "email": "salma@dakhla-peche.example", "job_title": ""},
    ]
    assert mail_to(NADIA) == [("invitation.request", "sent")]


@pytest.mark.parametrize(
    ("body", "errors"),
    [
        ({"email": NADIA, "full_name": "Nadia"}, {"attendee": ["This field is required."]}),
        (
            {"attendee": "nobody@dakhla-peche.example", "email": NADIA, "full_name": "Nadia"},
            {"attendee": ["nobody@dakhla-peche.example is not an attendee of this registration."]},
        ),
        ({"attendee": OMAR, "email": "x\r\nBcc: y@z.example", "full_name": ""}, None),
    ],
)
def test_the_api_answers_bad_input_field_by_field(api_client, registration, body, errors):
    api_client.force_authenticate(registration.registered_by)

    response = substitute_via_api(api_client, registration, **body)

    assert response.status_code == 400
    if errors is not None:
        assert response.json() == errors
    else:
        assert set(response.json()) == {"email", "full_name"}
    assert omar(registration).full_name == "Omar Tazi"


def test_the_api_hides_other_companies_registrations(api_client, registration):
    api_client.force_authenticate(RepresentativeFactory().user)

    assert substitute_via_api(api_client, registration, attendee=OMAR, **nadia()).status_code == 404


def test_a_corrected_name_is_the_person_s_in_every_session_of_the_company(
    registration, representative, organiser, django_capture_on_commit_callbacks
):
    dinner = SessionFactory(stop=registration.session.stop, title="Investors' dinner", registration_mode="open")
    register(dinner, representative, [("Omar Tazi", OMAR)], django_capture_on_commit_callbacks)

    with django_capture_on_commit_callbacks(execute=True):
        substitute_attendee(omar(registration), acting_user=organiser, full_name="Omar El Tazi", email=OMAR)

    assert holder_at_session(dinner, OMAR).name == "Omar El Tazi"
    assert holder_at_session(registration.session, OMAR).name == "Omar El Tazi"


def test_a_corrected_name_with_no_job_title_keeps_each_row_s_own(
    registration, representative, organiser, django_capture_on_commit_callbacks
):
    """A helper corrected Dana's name on a row without a job title: her 'Chief Executive Officer' at another
    session was erased; the other way round, one row's title was copied onto a row that had none."""
    dinner = SessionFactory(stop=registration.session.stop, title="Investors' dinner", registration_mode="open")
    register(dinner, representative, [("Omar Tazi", OMAR)], django_capture_on_commit_callbacks)
    dinner.registrations.get().attendees.update(job_title="Export manager")

    substitute_attendee(omar(registration), acting_user=organiser, full_name="Omar El Tazi", email=OMAR, job_title="")

    rows = Attendee.objects.filter(email=OMAR).order_by("registration__session__title")
    assert list(rows.values_list("full_name", "job_title")) == [
        ("Omar El Tazi", ""),
        ("Omar El Tazi", "Export manager"),
    ]


def test_a_newcomer_the_company_names_elsewhere_in_the_mission_has_one_name(
    registration, representative, organiser, django_capture_on_commit_callbacks
):
    """A helper sent 'Maya Chen-Okafor' in a colleague's place at an address that was 'Maya Chen' at another session:
    her badge said one name, that session's door the other. One address is one person: the name given last holds."""
    dinner = SessionFactory(stop=registration.session.stop, title="Investors' dinner", registration_mode="open")
    register(dinner, representative, [("Nadia B.", NADIA)], django_capture_on_commit_callbacks)

    substitute_attendee(omar(registration), acting_user=organiser, full_name="Nadia Berrada", email=NADIA)

    assert set(Attendee.objects.filter(email=NADIA).values_list("full_name", flat=True)) == {"Nadia Berrada"}
    assert holder_at_session(dinner, NADIA).name == "Nadia Berrada"


def test_a_new_registration_naming_an_address_under_another_name_gives_the_person_that_name_everywhere(
    registration, representative, django_capture_on_commit_callbacks
):
    """A helper registered "Marc Reed-Jr <COMPANY@demo.example >" at a second session, where the address was "Marcus
    Reed" at the first: the two doors' lists said two names for one badge, and his invitations two names for one
    person. One address is one person in the company's registrations: the name given last holds, as with "Send
    someone else"."""
    dinner = SessionFactory(stop=registration.session.stop, title="Investors' dinner", registration_mode="open")

    register(
        dinner, representative, [("Omar El Tazi", f" {OMAR.upper()} ".strip())], django_capture_on_commit_callbacks
    )

    assert set(Attendee.objects.filter(email__iexact=OMAR).values_list("full_name", flat=True)) == {"Omar El Tazi"}
    assert holder_at_session(registration.session, OMAR).name == "Omar El Tazi"
    assert holder_at_session(dinner, OMAR).name == "Omar El Tazi"
    assert registration.attendees.get(email="salma@dakhla-peche.example").full_name == "Salma Idrissi"


def test_a_form_sent_with_nothing_changed_changes_nothing_and_tells_nobody(
    registration, organiser, django_capture_on_commit_callbacks
):
    before = OutboundEmail.objects.count()

    with django_capture_on_commit_callbacks(execute=True):
        substitute_attendee(omar(registration), acting_user=organiser, full_name=" Omar Tazi ", email=OMAR.upper())

    assert OutboundEmail.objects.count() == before


def test_every_refusal_is_named_at_once(registration, django_capture_on_commit_callbacks, organiser):
    other = RepresentativeFactory(organization__name="Atlas Logistique")
    register(registration.session, other, [("Karim Alaoui", "karim@atlas.example")], django_capture_on_commit_callbacks)

    with pytest.raises(ValidationError) as refused:
        substitute_attendee(omar(registration), acting_user=organiser, full_name="", email="karim@atlas.example")

    assert refused.value.message_dict == {
        "full_name": [NO_NAME],
        "email": ["karim@atlas.example already attends Fisheries briefing for another company."],
    }


def test_the_page_warns_when_mail_cannot_reach_the_new_person(client, registration):
    from events.notifications.models import UnreachableAddress

    UnreachableAddress.objects.create(email=NADIA, event="bounce", reason="550 no such user", since="2027-01-01T00:00Z")
    client.force_login(registration.registered_by)

    response = client.post(substitute_url(registration), nadia(), follow=True)

    (message,) = [str(m) for m in response.context["messages"]]
    assert message == (
        f"Nadia Berrada takes Omar Tazi's place, but mail cannot reach {NADIA} (Bounced: 550 no such user): the "
        "invitation is not sent; give another address."
    )


def test_nobody_takes_the_place_of_someone_who_has_checked_in(registration, organiser):
    """A helper replaced Tom after he had entered: the door's count dropped to 0 of 3 with Tom in the room, and the
    arrivals list showed him as 'No longer on the list'. He attended; his place is his."""
    from django.utils import timezone

    from events.checkin.models import CheckIn
    from events.core.errors import ConflictError

    session = registration.session
    CheckIn.objects.create(
        session=session, badge=issue_badges(session.stop.mission)[OMAR], checked_in_at=timezone.now()
    )

    with pytest.raises(ConflictError) as refused:
        substitute_attendee(omar(registration), acting_user=organiser, **nadia())

    assert refused.value.code == "checked_in"
    assert str(refused.value.message) == (
        "Omar Tazi has checked in at this session: they attended it, and nobody can take their place now."
    )
    assert omar(registration).full_name == "Omar Tazi"
    # Their name can still be put right: the person stays the same.
    substitute_attendee(omar(registration), acting_user=organiser, full_name="Omar El Tazi", email=OMAR)
    assert omar(registration).full_name == "Omar El Tazi"


def company_mail(registration):
    rows = OutboundEmail.objects.filter(to=registration.registered_by.email, kind="registration.substituted")
    return list(rows.values_list("subject", "body_text"))


def test_the_company_is_told_when_the_organisers_send_someone_else(
    registration, organiser, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        substitute_attendee(omar(registration), acting_user=organiser, **nadia())

    ((subject, body),) = company_mail(registration)
    assert subject == "Attendees changed: Fisheries briefing"
    assert body.startswith("The organisers have updated your company's attendees.")
    assert f"- Nadia Berrada <{NADIA}>" in body
    assert "Omar Tazi" not in body


def test_the_company_is_not_told_what_its_representative_did(registration, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        substitute_attendee(omar(registration), acting_user=registration.registered_by, **nadia())

    assert company_mail(registration) == []


def test_an_empty_form_says_what_each_field_needs(client, registration):
    client.force_login(registration.registered_by)

    response = client.post(substitute_url(registration), {"full_name": "", "email": "", "job_title": ""})

    assert response.status_code == 400
    assert response.context["form"].errors == {
        "full_name": [NO_NAME],
        "email": ["Give the email address of the person who attends."],
    }


def test_a_form_sent_after_a_colleague_replaced_the_person_is_refused(client, registration, organiser):
    """Two colleagues had the form open: the second replaced the newcomer the first had just sent, who was invited
    and cancelled at once, and nobody was warned."""
    client.force_login(registration.registered_by)
    shown_for = omar(registration)
    substitute_attendee(shown_for, acting_user=organiser, full_name="Xavier One", email="xavier@dakhla-peche.example")

    response = client.post(f"/registrations/attendees/{shown_for.pk}/substitute/", {**nadia(), "replacing": OMAR})

    assert response.status_code == 409
    assert response.context["form"].non_field_errors() == [
        "Meanwhile, this place went to Xavier One (xavier@dakhla-peche.example). Check that you still want to send "
        "someone else."
    ]
    assert registration.attendees.filter(email="xavier@dakhla-peche.example").exists()


def test_the_organisers_page_says_who_has_checked_in_and_offers_no_one_in_their_place(client, registration, organiser):
    from django.utils import timezone

    from events.checkin.models import CheckIn

    session = registration.session
    CheckIn.objects.create(
        session=session, badge=issue_badges(session.stop.mission)[OMAR], checked_in_at=timezone.now()
    )
    client.force_login(organiser)

    page = client.get(f"/manage/sessions/{session.pk}/registrations/").content.decode()

    assert page.count("data-checked-in") == 1
    assert f'href="{substitute_url(registration)}"' not in page
    salma = registration.attendees.get(email="salma@dakhla-peche.example")
    assert f'href="/registrations/attendees/{salma.pk}/substitute/"' in page
