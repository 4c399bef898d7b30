"""Issue 12: the registration page checks at the review step everything confirming would, next to the field;
it describes each session (local time, seats, deadline), offers no session twice and asks before cancelling."""

import datetime as dt
import re

import pytest
from django.core.exceptions import ValidationError

from events.missions.models import Session
from events.registrations import services, validation
from events.registrations.models import Question, Registration
from tests.factories import SessionFactory
from tests.registrations.conftest import attendees

pytestmark = pytest.mark.django_db


def url_of(session):
    return f"/missions/{session.stop.mission.slug}/register/"


def review(client, session, people, sessions=None, **extra):
    data = {"sessions": sessions or [session.pk], "step": "review", **extra}
    for number, person in enumerate(people, start=1):
        for key, value in zip(("full_name", "email", "job_title"), person, strict=False):
            data[f"attendee_{number}_{key}"] = value
    return client.post(url_of(session), data)


def error_of(page, field):
    """The text of the error list Django renders for `field` (next to it), or None."""
    found = re.search(rf'<ul class="errorlist" id="id_{field}_error">(.*?)</ul>', page, re.DOTALL)
    return " ".join(re.sub(r"<[^>]+>", " ", found.group(1)).split()) if found else None


def text_of(html):
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


@pytest.fixture
def signed_in(client, representative_of):
    representative = representative_of("Lone Star Cloud")
    client.force_login(representative.user)
    return representative


def test_an_attendee_without_a_name_is_refused_at_review_next_to_the_name(client, briefing, signed_in):
    response = review(client, briefing, [("Ana Ruiz", "ana@co.example"), ("", "bo@co.example")])

    page = response.content.decode()
    assert "Confirm the registration" not in page
    assert error_of(page, "attendee_2_full_name") == "Attendee 2 needs a name."
    assert 'aria-invalid="true" aria-describedby="id_attendee_2_full_name_error"' in page
    assert not Registration.objects.exists()


def test_an_invalid_or_repeated_email_is_refused_at_review_next_to_the_email(client, briefing, signed_in):
    response = review(
        client,
        briefing,
        [("Ana Ruiz", "ana@co.example"), ("Bo Chen", "not-an-email"), ("Cy Diaz", "ANA@co.example")],
    )

    page = response.content.decode()
    assert error_of(page, "attendee_2_email") == "Attendee 2 needs a valid email address."
    assert error_of(page, "attendee_3_email") == "ANA@co.example is listed twice."
    assert "Confirm the registration" not in page


def test_a_name_on_two_lines_is_refused_at_review(client, briefing, signed_in):
    response = review(client, briefing, [("Ana\nRuiz", "ana@co.example")])

    assert error_of(response.content.decode(), "attendee_1_full_name") == (
        "Attendee 1: Write this on a single line: remove the line break at position 4."
    )


def test_more_attendees_than_the_session_admits_are_refused_at_the_first_one_too_many(client, briefing, signed_in):
    roomy = SessionFactory(stop=briefing.stop, registration_mode="open", attendees_per_company=3)
    briefing.attendees_per_company = 1
    briefing.save()

    response = review(client, briefing, [("Ana", "ana@co.example"), ("Bo", "bo@co.example")])
    roomy_only = review(client, briefing, [("Ana", "ana@co.example"), ("Bo", "bo@co.example")], sessions=[roomy.pk])

    assert error_of(response.content.decode(), "attendee_2_full_name") == (
        f"{briefing.title} admits at most 1 attendee per company."
    )
    assert "Confirm the registration" in roomy_only.content.decode()


def test_an_unanswered_required_question_is_refused_at_review_only_for_a_chosen_session(client, briefing, signed_in):
    other = SessionFactory(stop=briefing.stop, registration_mode="open")
    asked = Question.objects.create(session=briefing, label="Team size")
    not_asked = Question.objects.create(session=other, label="Dietary needs")

    response = review(client, briefing, [("Ana", "ana@co.example")])

    page = response.content.decode()
    assert error_of(page, f"question_{asked.pk}") == "Answer this question."
    assert error_of(page, f"question_{not_asked.pk}") is None


def test_a_question_no_longer_asked_is_not_on_the_form_and_does_not_hold_it_back(client, briefing, signed_in):
    retired = Question.objects.create(session=briefing, label="Dietary needs", asked=False)

    page = client.get(url_of(briefing)).content.decode()
    reviewed = review(client, briefing, [("Ana", "ana@co.example")]).content.decode()

    assert "Dietary needs" not in page
    assert f"question_{retired.pk}" not in page
    assert "Confirm the registration" in reviewed


def test_a_valid_form_reaches_review_with_its_answers(client, briefing, signed_in):
    question = Question.objects.create(session=briefing, label="Interested in?", kind="yes_no")

    response = review(client, briefing, [("Ana", "ana@co.example", "CTO")], **{f"question_{question.pk}": "yes"})

    page = response.content.decode()
    assert "Confirm the registration" in page
    assert text_of(re.search(r'<dl class="review-answers">.*?</dl>', page, re.DOTALL).group()) == "Interested in? Yes"


def test_required_questions_are_marked_for_eyes_and_screen_readers(client, briefing, signed_in):
    required = Question.objects.create(session=briefing, label="Team size")
    optional = Question.objects.create(session=briefing, label="Anything else?", required=False)

    page = client.get(url_of(briefing)).content.decode()

    label = re.search(rf'<label for="id_question_{required.pk}">(.*?)</label>', page, re.DOTALL).group(1)
    assert text_of(label) == "Team size (required)"
    required_input = re.search(rf'<input[^>]*name="question_{required.pk}"[^>]*>', page).group()
    assert " required " in required_input
    assert 'aria-required="true"' in required_input
    optional_input = re.search(rf'<input[^>]*name="question_{optional.pk}"[^>]*>', page).group()
    assert "required" not in optional_input
    label = re.search(rf'<label for="id_question_{optional.pk}">(.*?)</label>', page, re.DOTALL).group(1)
    assert text_of(label) == "Anything else?"


def test_each_session_shows_its_local_time_seats_and_deadline(client, briefing, signed_in, representative_of):
    briefing.title = "Public business briefing"
    briefing.capacity = 3
    briefing.registration_closes_at = dt.datetime(2099, 2, 6, 3, 0, tzinfo=dt.UTC)
    briefing.save()
    full = SessionFactory(
        stop=briefing.stop,
        title="Site visit",
        registration_mode="open",
        capacity=1,
        starts_at=briefing.starts_at + dt.timedelta(days=1),
        ends_at=briefing.ends_at + dt.timedelta(days=1),
    )
    unlimited = SessionFactory(
        stop=briefing.stop,
        title="Reception",
        registration_mode="open",
        capacity=None,
        starts_at=briefing.starts_at + dt.timedelta(days=2),
        ends_at=briefing.ends_at + dt.timedelta(days=2),
    )
    other = representative_of("Other Co")
    services.register_company(full, acting_user=other.user, organization=other.organization, attendees=attendees(1))
    services.register_company(
        briefing, acting_user=other.user, organization=other.organization, attendees=attendees(2, "b")
    )

    page = client.get(url_of(briefing)).content.decode()

    choices = re.findall(r'<div class="session-choice">(.*?)</div>\s*</div>', page, re.DOTALL)
    assert [text_of(choice) for choice in choices] == [
        "Public business briefing Tuesday 10 February 2099, 09:00–11:00 CST (America/Chicago) · Austin "
        "1 seat left Registration closes Thursday 5 February 2099, 21:00 CST (America/Chicago)",
        "Site visit Wednesday 11 February 2099, 09:00–11:00 CST (America/Chicago) · Austin "
        "Full: new registrations join the waitlist Registration closes when the session starts.",
        "Reception Thursday 12 February 2099, 09:00–11:00 CST (America/Chicago) · Austin "
        "No seat limit Registration closes when the session starts.",
    ]
    assert unlimited.pk


def test_a_session_already_registered_is_shown_but_not_offered(client, briefing, signed_in):
    other = SessionFactory(stop=briefing.stop, registration_mode="open", title="Site visit")
    question = Question.objects.create(session=briefing, label="Team size")
    services.register_company(
        briefing,
        acting_user=signed_in.user,
        organization=signed_in.organization,
        attendees=attendees(1),
        answers={question.pk: "3"},
    )

    page = client.get(url_of(briefing)).content.decode()
    again = review(client, briefing, [("Ana", "ana@co.example")], **{f"question_{question.pk}": "3"})

    assert f'name="sessions" value="{briefing.pk}"' not in page
    assert f'name="sessions" value="{other.pk}"' in page
    assert "Already registered" in page
    assert "Team size" not in page  # its questions were answered when it was registered
    assert error_of(again.content.decode(), "sessions") == (
        f"{briefing.title}: Your company is already registered for this session."
    )
    assert Registration.objects.count() == 1


def test_cancelling_asks_first_and_the_confirmation_cancels(client, briefing, signed_in):
    registration = services.register_company(
        briefing, acting_user=signed_in.user, organization=signed_in.organization, attendees=attendees(1)
    )
    cancel_url = f"/registrations/{registration.pk}/cancel/"

    listing = client.get("/registrations/").content.decode()
    question = client.get(cancel_url).content.decode()
    registration.refresh_from_db()
    asked_status = registration.status
    client.post(cancel_url)

    assert f'<a href="{cancel_url}">' in listing
    assert f'action="{cancel_url}"' not in listing  # no one-click cancel on the list
    assert f"Cancel your registration for “{briefing.title}”?" in question
    assert f'<form method="post" action="{cancel_url}"' in question
    assert asked_status == "confirmed"
    registration.refresh_from_db()
    assert registration.status == "cancelled"


BAD_ATTENDEES = [
    [],
    [{"full_name": "", "email": "a@co.example"}],
    [{"full_name": "Ana", "email": "nope"}],
    [{"full_name": "Ana", "email": "a@co.example"}, {"full_name": "Bo", "email": "A@co.example"}],
    [{"full_name": "A" * 201, "email": "a@co.example"}],
    [{"full_name": "Ana", "email": "a@co.example", "job_title": "CEO\x00"}],
    attendees(4),
]


@pytest.mark.parametrize("people", BAD_ATTENDEES)
def test_the_page_and_the_service_refuse_attendees_with_the_same_message(briefing, representative_of, people):
    company = representative_of()
    limit, limited_by = validation.attendee_limit([briefing])
    problems = validation.attendee_problems(enumerate(people, start=1), limit=limit, limited_by=limited_by)

    with pytest.raises(ValidationError) as refused:
        services.register_company(
            briefing, acting_user=company.user, organization=company.organization, attendees=people
        )

    assert refused.value.message_dict == {"attendees": [problems[0].message]}


def test_a_session_whose_registration_closed_after_review_says_so_at_confirm(client, briefing, signed_in):
    from django.utils import timezone

    SessionFactory(stop=briefing.stop, registration_mode="open")  # still open: the page stays
    reviewed = review(client, briefing, [("Ana", "ana@co.example")])
    assert "Confirm the registration" in reviewed.content.decode()
    briefing.registration_closes_at = timezone.now() - dt.timedelta(seconds=1)
    briefing.save()

    confirmed = review(client, briefing, [("Ana", "ana@co.example")], step="confirm")

    assert error_of(confirmed.content.decode(), "sessions") == (
        "A session you chose no longer takes registrations: its registration closed meanwhile. "
        "The sessions still open are listed below."
    )
    assert not Registration.objects.exists()


def test_the_mission_form_ticks_nothing_for_the_company_unless_one_session_is_offered(client, briefing, signed_in):
    """A tester found five sessions ticked at once: one confirm from five registrations."""
    SessionFactory(stop=briefing.stop, registration_mode="open", title="Site visit")
    mission_form = f"/missions/{briefing.stop.mission.slug}/register/"

    several = client.get(mission_form).content.decode()
    Session.objects.exclude(pk=briefing.pk).delete()
    one = client.get(mission_form).content.decode()

    assert re.findall(r'<input[^>]*name="sessions"[^>]*checked', several) == []
    assert len(re.findall(r'<input[^>]*name="sessions"[^>]*checked', one)) == 1


def test_asking_for_a_session_already_registered_says_so(client, briefing, signed_in):
    services.register_company(
        briefing, acting_user=signed_in.user, organization=signed_in.organization, attendees=attendees(1)
    )

    page = client.get(f"{url_of(briefing)}?session={briefing.pk}")

    assert "Your company is already registered for this session." in [str(m) for m in page.context["messages"]]


def test_the_form_and_its_review_say_when_the_organisers_decide_or_the_waitlist_waits(
    client, briefing, signed_in, representative_of
):
    """A tester could not tell which sessions need the organisers' approval, and confirmed into a full
    session without a word that the waitlist was where the registration would go."""
    approval = SessionFactory(stop=briefing.stop, registration_mode="approval", title="Closed-door round table")
    other = representative_of("Other")
    services.register_company(  # three seats of three
        briefing, acting_user=other.user, organization=other.organization, attendees=attendees(3)
    )

    form = client.get(url_of(briefing)).content.decode()
    reviewed = text_of(
        review(client, briefing, [("Ana Ruiz", "ana@co.example")], sessions=[briefing.pk, approval.pk]).content.decode()
    )

    approval_choice = form.split(f'value="{approval.pk}"', 1)[1].split('class="session-choice', 1)[0]
    assert "The organisers approve each registration" in approval_choice
    assert f"{briefing.title} · " in reviewed
    assert "Full: this registration joins the waitlist" in reviewed.split(approval.title)[0].split(briefing.title)[1]
    assert "The organisers approve each registration" in reviewed.split(approval.title, 1)[1]


def test_while_anyone_waits_the_form_offers_no_seat_and_the_review_says_the_waitlist(
    client, briefing, signed_in, representative_of
):
    """A tester read "1 seat left" and no warning, then was waitlisted behind a company of two waiting for
    that one seat: nobody overtakes the waitlist, and the form must say what the service will decide."""
    first, second = representative_of("First"), representative_of("Second")
    services.register_company(briefing, acting_user=first.user, organization=first.organization, attendees=attendees(2))
    services.register_company(
        briefing, acting_user=second.user, organization=second.organization, attendees=attendees(2, prefix="s")
    )  # one seat left of three, and a company of two waits for it

    form = text_of(client.get(f"{url_of(briefing)}?session={briefing.pk}").content.decode())
    reviewed = text_of(review(client, briefing, [("Ana Ruiz", "ana@co.example")]).content.decode())

    assert "1 seat left" not in form
    assert "Full: new registrations join the waitlist" in form
    assert "Full: this registration joins the waitlist" in reviewed


def test_the_error_summary_links_every_error_to_an_element_of_the_page(client, briefing, signed_in):
    """A tester's "Choose at least one session." link pointed at #id_sessions, which nothing had."""
    page = client.post(url_of(briefing), {"step": "review", "attendee_1_full_name": "", "attendee_1_email": ""})

    html = page.content.decode()
    summary = html.split('id="error-summary"', 1)[1].split("</div>", 1)[0]
    targets = re.findall(r'href="#([\w-]+)"', summary)
    assert targets
    for target in targets:
        assert f'id="{target}"' in html, target


def test_a_question_typed_in_one_script_reads_in_order_on_a_page_in_another(client, briefing, signed_in):
    """A helper's Arabic page at 375 px showed the English question "?How did you hear about the mission": the
    organiser's words, set in the page's right-to-left paragraph with nothing to isolate them."""
    question = Question.objects.create(session=briefing, label="How did you hear about the mission?")

    page = client.get(url_of(briefing), HTTP_ACCEPT_LANGUAGE="ar").content.decode()

    label = re.search(rf'<label for="id_question_{question.pk}">(.*?)</label>', page, re.DOTALL).group(1)
    assert "<bdi>How did you hear about the mission?</bdi>" in label
