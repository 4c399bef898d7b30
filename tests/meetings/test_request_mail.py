"""Issue 10, case 4: a request reaches its receiver, an answer whoever asked; a link answers only on a press."""

import re
from urllib.parse import urlsplit

import pytest

from events.meetings import services
from events.meetings.models import MeetingRequest
from events.notifications.models import OutboundEmail
from tests.meetings.conftest import MeetingDay

pytestmark = pytest.mark.django_db


@pytest.fixture
def day(organiser):
    return MeetingDay(organiser)


def ask(day, company=0, delegate=0, message="We build data centres."):
    return services.request_meeting(
        day.grid,
        acting_user=day.companies[company].user,
        requester=day.company(company),
        receiver=day.delegate(delegate),
        message=message,
    )


def mail(kind):
    return list(OutboundEmail.objects.filter(kind=kind).order_by("pk"))


def test_the_receiver_is_mailed_who_asks_why_and_how_to_answer(day):
    ask(day)

    (received,) = mail("meeting_request.received")
    assert received.to == day.delegates[0].user.email
    assert received.subject == "Company 0 asks to meet you: One-to-one meetings"
    assert "We build data centres." in received.body_text
    assert "/meetings/answer/" in received.body_text


def test_an_answer_is_mailed_to_whoever_asked(day):
    meeting_request = ask(day)

    services.answer_request(meeting_request, acting_user=day.delegates[0].user, accept=False, reason="Not our sector")

    (answered,) = mail("meeting_request.answered")
    assert answered.to == day.companies[0].user.email
    assert answered.subject == "Delegate 0 declined: One-to-one meetings"
    assert "Not our sector" in answered.body_text


def test_the_link_shows_a_button_and_only_the_press_answers(client, day):
    ask(day)
    accept_url = re.search(r"(/meetings/answer/[^/\s]+/)", mail("meeting_request.received")[0].body_text).group(1)

    shown = client.get(accept_url)
    after_get = MeetingRequest.objects.get().status
    pressed = client.post(accept_url)

    assert shown.status_code == 200
    assert "Accept this meeting" in shown.content.decode()
    assert after_get == "pending"
    assert "Thank you: you accepted." in pressed.content.decode()
    assert MeetingRequest.objects.get().status == "accepted"
    assert [row.to for row in mail("meeting_request.answered")] == [day.companies[0].user.email]


def test_a_link_to_a_request_already_answered_changes_nothing(client, day):
    meeting_request = ask(day)
    decline_url = re.search(r"Decline: (\S+)", mail("meeting_request.received")[0].body_text).group(1)
    services.answer_request(meeting_request, acting_user=day.delegates[0].user, accept=True)

    page = client.post(urlsplit(decline_url).path)

    assert "already been answered" in page.content.decode()
    assert MeetingRequest.objects.get().status == "accepted"


def test_a_forged_link_is_a_404(client, day):
    assert client.get("/meetings/answer/not-a-token/").status_code == 404


def test_a_message_over_the_limit_is_refused_with_a_reason_not_cut(client, day):
    client.force_login(day.companies[0].user)

    page = client.post(
        f"/meetings/ask/{day.company(0).pk}/",
        {"receiver": day.delegate(0).pk, "priority": 2, "message": "x" * 6000},
        follow=True,
    )

    assert "at most 500 characters (it has 6000)" in page.content.decode()
    assert MeetingRequest.objects.count() == 0


def test_a_link_to_a_request_whose_company_left_says_so(client, day):
    """A helper cancelled the company's registration, then opened the delegate's Accept link: a bare 404 (Django's
    debug page on the demo), where the delegate needed to read that the request no longer stands."""
    from events.registrations.models import Registration
    from events.registrations.services import cancel_registration

    ask(day)
    accept_url = re.search(r"(/meetings/answer/[^/\s]+/)", mail("meeting_request.received")[0].body_text).group(1)
    registration = Registration.objects.get(session=day.session, organization=day.companies[0].organization)
    cancel_registration(registration, acting_user=day.organiser)

    shown, pressed = client.get(accept_url), client.post(accept_url)

    assert (shown.status_code, pressed.status_code) == (410, 410)
    assert "This request no longer stands: whoever asked no longer takes part in the session" in (
        shown.content.decode()
    )
    assert "Accept this meeting" not in shown.content.decode()


def ask_back(client, day):
    """Delegate 0 asks Company 0 for a meeting from their meetings page; the page it ends on."""
    client.force_login(day.delegates[0].user)
    url = f"/meetings/ask/{day.delegate(0).pk}/"
    return client.post(url, {"receiver": day.company(0).pk, "priority": 2}, follow=True).content.decode()


def test_asking_back_after_accepting_sends_nothing_and_says_the_meeting_is_agreed(client, day):
    """A helper accepted a company's request, then asked that company from "Ask for a meeting": the page said
    "Request sent to ...", nothing was sent, and the company got "... accepted to meet you" a second time."""
    meeting_request = ask(day)
    services.answer_request(meeting_request, acting_user=day.delegates[0].user, accept=True)

    page = ask_back(client, day)

    assert "You already have a meeting agreed with Company 0." in page
    assert "Request sent" not in page
    assert len(mail("meeting_request.answered")) == 1
    assert MeetingRequest.objects.get().status == "accepted"


def test_asking_back_a_pending_request_says_both_asked(client, day):
    ask(day)

    page = ask_back(client, day)

    assert "<bdi>Company 0</bdi> had asked to meet you too: your meeting is agreed." in page
    assert "Request sent" not in page
    assert [row.to for row in mail("meeting_request.answered")] == [day.companies[0].user.email]


def test_a_long_company_name_and_session_title_still_make_a_subject_the_outbox_holds(day):
    """A helper gave a company a 194-character name (200 are allowed): its request's subject, "<name> asks to meet
    you: <session>", was 251 characters; PostgreSQL refused the outbox row (250 at most) and the request failed
    with a 500. A subject is shortened to what the outbox holds, saying so with an ellipsis."""
    from events.companies.services import update_company
    from events.missions.services import update_session

    company = day.companies[0]
    update_company(company.organization, acting_user=company.user, name="Coyote " * 27 + "Networks")
    update_session(day.session, acting_user=day.organiser, title="One-to-one meetings with the digital delegation")
    day.grid.session.refresh_from_db()

    ask(day)

    (received,) = mail("meeting_request.received")
    assert len(received.subject) <= 250
    assert received.subject.startswith("Coyote Coyote")
    assert received.subject.endswith("…")


def test_the_representative_who_asked_hears_the_answer_though_a_colleague_attends(
    day, django_capture_on_commit_callbacks
):
    """A helper's representative, replaced at the meeting session by a colleague, asked a delegate for a meeting:
    'Karim Alaoui accepted to meet you' went to the colleague only, whose meetings page was empty, and never to
    the one who asked and could act on it."""
    from events.registrations.models import Attendee
    from events.registrations.services import substitute_attendee

    representative = day.companies[0]
    attendee = Attendee.objects.get(registration__organization=representative.organization)
    with django_capture_on_commit_callbacks(execute=True):
        substitute_attendee(
            attendee, acting_user=representative.user, full_name="Jane Cole", email="jane@company0.example"
        )
    meeting_request = ask(day)

    services.answer_request(meeting_request, acting_user=day.delegates[0].user, accept=True)

    assert sorted(answered.to for answered in mail("meeting_request.answered")) == sorted(
        ["jane@company0.example", representative.user.email]
    )


def test_a_request_to_a_company_reaches_its_representatives_though_a_colleague_attends(
    day, django_capture_on_commit_callbacks
):
    """A helper's delegate asked a company whose representative had sent a colleague to the session: only the
    colleague was told, whose meetings page showed no request; the representative, who answers on it, heard
    nothing."""
    from events.registrations.models import Attendee
    from events.registrations.services import substitute_attendee

    representative = day.companies[0]
    attendee = Attendee.objects.get(registration__organization=representative.organization)
    with django_capture_on_commit_callbacks(execute=True):
        substitute_attendee(
            attendee, acting_user=representative.user, full_name="Jane Cole", email="jane@company0.example"
        )

    services.request_meeting(
        day.grid, acting_user=day.delegates[0].user, requester=day.delegate(0), receiver=day.company(0)
    )

    assert sorted(received.to for received in mail("meeting_request.received")) == sorted(
        ["jane@company0.example", representative.user.email]
    )
