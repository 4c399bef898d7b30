"""The organisers' registrations page: local times with the zone named, refusals that say what to do
instead (on the refused registration's row), and a capacity with bounds shown on its field."""

import datetime as dt
import re
from html import unescape

import pytest

from events.registrations import services
from events.registrations.errors import InvalidTransition
from events.registrations.models import Question, Registration
from tests.registrations.conftest import attendees

pytestmark = pytest.mark.django_db


def register(session, representative, count=1):
    return services.register_company(
        session,
        acting_user=representative.user,
        organization=representative.organization,
        attendees=attendees(count, representative.organization.slug),
    )


def row_of(page, registration):
    return re.search(rf'<tr data-registration="{registration.pk}">(.*?)</tr>', page, re.DOTALL).group(1)


def text(html):
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def messages_of(response):
    return [str(message) for message in response.context["messages"]]


@pytest.fixture
def manage_url(briefing):
    return f"/manage/sessions/{briefing.pk}/registrations/"


def test_times_are_shown_in_the_stops_zone_with_the_zone_named(
    client, briefing, session_organiser, representative_of, manage_url
):
    registration = register(briefing, representative_of("Austin Cloud"))
    services.cancel_registration(registration, acting_user=session_organiser)
    Registration.objects.filter(pk=registration.pk).update(
        created_at=dt.datetime(2099, 2, 2, 15, 14, tzinfo=dt.UTC),  # 09:14 in Austin (UTC-6)
        updated_at=dt.datetime(2099, 2, 3, 1, 5, tzinfo=dt.UTC),  # 19:05 the day before in Austin
    )
    client.force_login(session_organiser)

    page = client.get(manage_url).content.decode()

    row = text(row_of(page, registration))
    assert row.endswith("2 Feb 2099, 09:14 (America/Chicago)")
    assert "Cancelled since 2 Feb 2099, 19:05 (America/Chicago)" in row
    assert "Tuesday 10 February 2099, 09:00–" in text(page)
    assert "(America/Chicago) · " in text(page)


def test_a_registration_still_in_its_first_status_shows_no_decision_time(
    client, briefing, session_organiser, representative_of, manage_url
):
    registration = register(briefing, representative_of("Austin Cloud"))
    client.force_login(session_organiser)

    row = text(row_of(client.get(manage_url).content.decode(), registration))

    assert "Confirmed" in row
    assert "since" not in row


def test_long_answers_are_laid_out_to_wrap_on_a_wide_page(
    client, briefing, session_organiser, representative_of, manage_url
):
    question = Question.objects.create(session=briefing, label="What do you offer?", kind="long_text")
    company = representative_of("Austin Cloud")
    registration = services.register_company(
        briefing,
        acting_user=company.user,
        organization=company.organization,
        attendees=attendees(1),
        answers={question.pk: "Sovereign cloud\nfor ministries"},
    )
    client.force_login(session_organiser)

    page = client.get(manage_url).content.decode()

    assert 'class="wide-page"' in page
    assert '<dt class="question"><bdi>What do you offer?</bdi></dt>' in row_of(page, registration)
    assert '<dd class="answer" dir="auto">Sovereign cloud\nfor ministries</dd>' in row_of(page, registration)


@pytest.mark.parametrize(
    ("status", "decision", "explanation"),
    [
        (
            "waitlisted",
            "approve",
            "Texas Cyber is on the waitlist: it cannot be approved. It is confirmed by itself, in order, when a "
            "seat frees up (raise the capacity to seat it now); or decline or cancel it.",
        ),
        ("confirmed", "approve", "Texas Cyber is already confirmed: there is nothing to approve."),
        ("confirmed", "decline", "Texas Cyber is confirmed: it cannot be declined. Cancel it instead."),
        (
            "cancelled",
            "cancel",
            "Texas Cyber's registration is already cancelled: nothing more can be done with it. "
            "The company may register again.",
        ),
    ],
)
def test_a_refused_decision_says_what_to_do_instead(
    client, briefing, session_organiser, representative_of, status, decision, explanation
):
    briefing.capacity = 0 if status == "waitlisted" else 3
    briefing.save()
    registration = register(briefing, representative_of("Texas Cyber"))
    if status == "cancelled":
        services.cancel_registration(registration, acting_user=session_organiser)
    client.force_login(session_organiser)

    response = client.post(
        f"/manage/sessions/{briefing.pk}/registrations/bulk/", {"action": decision, "ids": [registration.pk]}
    )

    refusal = re.search(
        rf'<p id="refusal-{registration.pk}"[^>]*>(.*?)</p>', row_of(response.content.decode(), registration)
    )
    assert response.status_code == 400
    assert messages_of(response) == []
    assert unescape(refusal[1]) == explanation
    assert Registration.objects.get(pk=registration.pk).status == status


def test_the_allowed_decisions_are_those_the_services_accept(briefing, session_organiser, representative_of):
    from events.registrations.transitions import ALLOWED_DECISIONS

    accepted = {}
    for number, (status, decision) in enumerate(
        (status, decision) for status in Registration.Status.values for decision in services.DECISIONS
    ):
        briefing.registration_mode = "approval" if status in ("pending", "declined") else "open"
        briefing.capacity = 0 if status == "waitlisted" else None
        briefing.save()
        registration = register(briefing, representative_of(f"Company {number}"))
        if status == "declined":
            services.decline_registration(registration, acting_user=session_organiser)
        if status == "cancelled":
            services.cancel_registration(registration, acting_user=session_organiser)
        registration.refresh_from_db()
        assert registration.status == status
        try:
            services.decide(registration, decision, acting_user=session_organiser)
        except InvalidTransition:
            continue
        accepted.setdefault(status, set()).add(decision)
        if registration.status != "cancelled":
            Registration.objects.filter(pk=registration.pk).update(status="cancelled", waitlist_number=None)

    assert accepted == {status: set(decisions) for status, decisions in ALLOWED_DECISIONS.items() if decisions}


@pytest.mark.parametrize(
    ("raw", "error"),
    [
        ("0", "A session needs at least 1 seat; leave the capacity empty for no limit."),
        ("-3", "A session needs at least 1 seat; leave the capacity empty for no limit."),
        ("100001", "At most 100000 seats."),
        ("twelve", "Enter a whole number of seats, or leave it empty for no limit."),
    ],
)
def test_a_capacity_out_of_bounds_is_refused_on_its_field(client, briefing, session_organiser, raw, error):
    client.force_login(session_organiser)

    response = client.post(f"/manage/sessions/{briefing.pk}/capacity/", {"capacity": raw})

    page = response.content.decode()
    briefing.refresh_from_db()
    assert response.status_code == 400
    assert briefing.capacity == 3
    assert re.search(r'<input[^>]*id="capacity"[^>]*aria-invalid="true"[^>]*aria-describedby="capacity-error"', page)
    assert f'<p id="capacity-error" class="field-error">{error}</p>' in page
    assert f'value="{raw}"' in page


@pytest.mark.parametrize(("raw", "expected"), [("100000", 100000), ("1", 1), ("", None)])
def test_a_capacity_within_bounds_is_saved(client, briefing, session_organiser, raw, expected):
    client.force_login(session_organiser)

    response = client.post(f"/manage/sessions/{briefing.pk}/capacity/", {"capacity": raw}, follow=True)

    briefing.refresh_from_db()
    assert briefing.capacity == expected
    assert messages_of(response) == ["Capacity saved."]


def test_a_capacity_below_the_confirmed_seats_is_saved_and_says_nobody_is_unseated(
    client, briefing, session_organiser, representative_of
):
    register(briefing, representative_of("Austin Cloud"), count=3)
    client.force_login(session_organiser)

    response = client.post(f"/manage/sessions/{briefing.pk}/capacity/", {"capacity": "1"}, follow=True)

    briefing.refresh_from_db()
    assert briefing.capacity == 1
    assert messages_of(response) == [
        "Capacity saved. 3 seats are already confirmed, 2 more than the new capacity: nobody is unseated, "
        "and new registrations go to the waitlist until enough seats are freed."
    ]


@pytest.mark.parametrize("capacity", [0, 100001, -1])
def test_the_api_refuses_a_capacity_out_of_bounds_on_its_field(api_client, briefing, session_organiser, capacity):
    api_client.force_authenticate(session_organiser)

    response = api_client.post(
        f"/api/v1/session-registrations/{briefing.pk}/capacity/", {"capacity": capacity}, format="json"
    )

    briefing.refresh_from_db()
    assert response.status_code == 400
    assert list(response.json()) == ["capacity"]
    assert briefing.capacity == 3


def test_the_api_bulk_decision_says_what_to_do_instead(api_client, briefing, session_organiser, representative_of):
    briefing.capacity = 0
    briefing.save()
    registration = register(briefing, representative_of("Texas Cyber"))
    api_client.force_authenticate(session_organiser)

    response = api_client.post(
        "/api/v1/registrations/bulk/", {"action": "approve", "ids": [registration.pk]}, format="json"
    )

    assert response.json()["results"] == [
        {
            "id": registration.pk,
            "ok": False,
            "detail": "Texas Cyber is on the waitlist: it cannot be approved. It is confirmed by itself, in order, "
            "when a seat frees up (raise the capacity to seat it now); or decline or cancel it.",
        }
    ]


def test_a_yes_or_no_answer_reads_in_the_organisers_language(
    client, briefing, session_organiser, representative_of, manage_url
):
    question = Question.objects.create(session=briefing, label="Do you need a visa letter?", kind="yes_no")
    company = representative_of("Austin Cloud")
    registration = services.register_company(
        briefing,
        acting_user=company.user,
        organization=company.organization,
        attendees=attendees(1),
        answers={question.pk: "yes"},
    )
    client.force_login(session_organiser)

    english = row_of(client.get(manage_url).content.decode(), registration)
    french = row_of(client.get(manage_url, HTTP_ACCEPT_LANGUAGE="fr").content.decode(), registration)

    assert '<dd class="answer" dir="auto">Yes</dd>' in english
    assert '<dd class="answer" dir="auto">Oui</dd>' in french


def test_a_refused_capacity_page_survives_a_reload_and_a_language_switch(
    client, briefing, session_organiser, manage_url
):
    """The refusal is shown at the capacity URL (with its field error); a GET there, as a reload or the language
    switch's return makes, lands on the registrations page instead of a 405."""
    client.force_login(session_organiser)
    capacity_url = f"/manage/sessions/{briefing.pk}/capacity/"
    refused = client.post(capacity_url, {"capacity": "0"})
    assert refused.status_code == 400
    assert 'id="capacity-error"' in refused.content.decode()

    reloaded = client.get(capacity_url)
    switched = client.post("/i18n/setlang/", {"language": "fr", "next": capacity_url}, follow=True)

    assert (reloaded.status_code, reloaded["Location"]) == (302, manage_url)
    assert switched.redirect_chain[-1] == (manage_url, 302)
    assert switched.status_code == 200
    assert "Inscriptions" in switched.content.decode()


def headline_of(page):
    return {key: text(html) for key, html in re.findall(r'<li data-count="(\w+)">(.*?)</li>', page, re.DOTALL)}


def test_the_headline_counts_agree_with_their_number_in_french(
    client, briefing, session_organiser, representative_of, manage_url
):
    briefing.capacity = None
    briefing.save()
    confirmed = [register(briefing, representative_of(f"Company {n}")) for n in range(3)]
    for registration in confirmed[1:]:
        services.cancel_registration(registration, acting_user=session_organiser)
    client.force_login(session_organiser)

    french = headline_of(client.get(manage_url, HTTP_ACCEPT_LANGUAGE="fr").content.decode())
    english = headline_of(client.get(manage_url).content.decode())

    assert french == {
        "seats": "1 place occupée",
        "confirmed": "1 Confirmée",
        "pending": "0 En attente de validation",
        "waitlisted": "0 Sur liste d’attente",
        "declined": "0 Refusée",
        "cancelled": "2 Annulées",
    }
    assert english["seats"] == "1 seat taken"
    assert english["cancelled"] == "2 Cancelled"


def test_the_headline_with_a_capacity_agrees_with_the_capacity(
    client, briefing, session_organiser, representative_of, manage_url
):
    for n in range(2):
        register(briefing, representative_of(f"Company {n}"))
    client.force_login(session_organiser)

    french = headline_of(client.get(manage_url, HTTP_ACCEPT_LANGUAGE="fr").content.decode())

    assert french["seats"] == "2 / 3 places occupées"
    assert french["confirmed"] == "2 Confirmées"


def test_the_page_title_has_the_french_space_before_its_colon(client, briefing, session_organiser, manage_url):
    client.force_login(session_organiser)

    french = client.get(manage_url, HTTP_ACCEPT_LANGUAGE="fr").content.decode()
    english = client.get(manage_url).content.decode()

    assert f"<h1>Inscriptions\u00a0: {briefing.title}</h1>" in french
    assert f"<h1>Registrations: {briefing.title}</h1>" in english


def test_two_registrations_of_one_company_have_checkboxes_a_screen_reader_tells_apart(
    client, briefing, session_organiser, representative_of, manage_url
):
    """Cancelled, then registered again: two rows whose checkboxes were both "Select Austin Cloud"."""
    company = representative_of("Austin Cloud")
    first = register(briefing, company)
    services.cancel_registration(first, acting_user=session_organiser)
    register(briefing, company)
    client.force_login(session_organiser)

    page = client.get(manage_url).content.decode()

    labels = [
        unescape(label) for label in re.findall(r'<input type="checkbox" name="ids"[^>]*aria-label="([^"]*)"', page)
    ]
    assert len(labels) == 2
    assert len(set(labels)) == 2
    assert all(label.startswith("Select Austin Cloud (") for label in labels)
    assert any("Cancelled" in label for label in labels)
