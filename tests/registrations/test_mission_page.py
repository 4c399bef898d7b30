"""The mission page says what registrations say of each session: the signed-in company's registration (and no
second offer to register for it), and for everyone the seats a newcomer may still take.

A tester, signed in for a company already registered, was still offered "Register for this session" and
"Register your company", and nothing on the page said a session was full."""

import datetime as dt
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from events.registrations import services
from tests.factories import SessionFactory
from tests.registrations.conftest import attendees

pytestmark = pytest.mark.django_db

MINE = "/registrations/"


def page_of(client, mission):
    response = client.get(f"/missions/{mission.slug}/")
    assert response.status_code == 200
    return response.content.decode()


def session_html(page, session):
    return re.search(rf'<li class="session" data-session="{session.pk}">(.*?)</li>', page, re.DOTALL).group(1)


def text_of(html):
    """The words of `html`, its tags and runs of spaces made one space (a no-break space kept: French needs it)."""
    return re.sub(r"[ \t\n]+", " ", re.sub(r"<[^>]+>", " ", html)).strip()


def marks(page, session):
    """What the page says under a session about registering for it, in words: its seats and registration
    notes, and "Register for this session" when it is offered."""
    html = session_html(page, session)
    found = re.findall(r'<p class="(?:seats|registration-note)">(.*?)</p>', html, re.DOTALL)
    offered = ["Register for this session"] if "?session=" in html else []
    return [text_of(note) for note in found] + offered


def links_to_mine(page, session):
    return session_html(page, session).count(f'href="{MINE}"')


def register(session, representative, count=1, prefix="person"):
    return services.register_company(
        session,
        acting_user=representative.user,
        organization=representative.organization,
        attendees=attendees(count, prefix),
    )


def later(session, days, **fields):
    """Another session of `session`'s stop, `days` later, open for registration."""
    return SessionFactory(
        stop=session.stop,
        starts_at=session.starts_at + dt.timedelta(days=days),
        ends_at=session.ends_at + dt.timedelta(days=days),
        registration_mode=fields.pop("registration_mode", "open"),
        **fields,
    )


@pytest.fixture
def company(representative_of):
    return representative_of("Lone Star Cloud")


@pytest.fixture
def programme(briefing, company, representative_of):
    """Five open sessions: the company confirmed in one, second on the waitlist of a full one, awaiting the
    organisers' approval in a third; two it has not registered for, one with seats, one without a limit."""
    briefing.title = "Public business briefing"
    briefing.save()
    site_visit = later(briefing, 1, title="Site visit", capacity=1)
    round_table = later(briefing, 2, title="Investor round table", capacity=5, registration_mode="approval")
    workshop = later(briefing, 3, title="Workshop", capacity=10)
    reception = later(briefing, 4, title="Reception", capacity=None)
    first, second = representative_of("First Co"), representative_of("Second Co")
    register(briefing, company)
    register(site_visit, first)
    register(site_visit, second)
    register(site_visit, company)
    register(round_table, company, 2)
    return {
        "briefing": briefing,
        "site_visit": site_visit,
        "round_table": round_table,
        "workshop": workshop,
        "reception": reception,
    }


def test_a_representative_sees_each_registration_of_the_company_and_is_offered_only_the_others(
    client, programme, company
):
    client.force_login(company.user)

    page = page_of(client, programme["briefing"].stop.mission)

    assert {name: marks(page, session) for name, session in programme.items()} == {
        "briefing": [
            "2 seats left",
            "Already registered Confirmed · See it in your registrations · Public business briefing",
        ],
        "site_visit": [
            "Full: new registrations join the waitlist",
            "Already registered Position 2 on the waitlist · See it in your registrations · Site visit",
        ],
        "round_table": [
            "5 seats left",
            "Already registered Awaiting approval · See it in your registrations · Investor round table",
        ],
        "workshop": ["10 seats left", "Register for this session"],
        "reception": ["Register for this session"],
    }
    assert [links_to_mine(page, session) for session in programme.values()] == [1, 1, 1, 0, 0]
    assert "Register your company" in page


def test_a_visitor_sees_the_seats_left_and_every_open_session_offered(client, programme):
    page = page_of(client, programme["briefing"].stop.mission)

    assert {name: marks(page, session) for name, session in programme.items()} == {
        "briefing": ["2 seats left", "Register for this session"],
        "site_visit": ["Full: new registrations join the waitlist", "Register for this session"],
        "round_table": ["5 seats left", "Register for this session"],
        "workshop": ["10 seats left", "Register for this session"],
        "reception": ["Register for this session"],
    }
    assert "Already registered" not in page
    assert "Register your company" in page


def test_another_company_sees_no_registration_but_its_own(client, programme, representative_of):
    client.force_login(representative_of("Newcomer Co").user)

    page = page_of(client, programme["briefing"].stop.mission)

    assert "Already registered" not in page
    assert [marks(page, session)[-1] for session in programme.values()] == ["Register for this session"] * 5


def test_a_session_is_full_while_anyone_waits_even_with_a_seat_free(client, briefing, company, representative_of):
    """The registration form's rule (selectors.seats_left_by_session): nobody overtakes the waitlist."""
    briefing.capacity = 2
    briefing.save()
    register(briefing, representative_of("First Co"))
    register(briefing, representative_of("Second Co"), 2)

    page = page_of(client, briefing.stop.mission)

    assert marks(page, briefing) == ["Full: new registrations join the waitlist", "Register for this session"]


def test_no_seats_are_shown_for_a_session_whose_registration_closed(client, briefing):
    briefing.registration_closes_at = dt.datetime(2020, 1, 10, tzinfo=dt.UTC)
    briefing.save()

    page = page_of(client, briefing.stop.mission)

    assert marks(page, briefing) == []


def test_register_your_company_goes_once_every_open_session_is_registered(client, briefing, company):
    closed = later(briefing, 1, title="Closed visit", capacity=4)
    second = later(briefing, 2, title="Site visit", capacity=4)
    register(briefing, company)
    client.force_login(company.user)
    with_one_left = page_of(client, briefing.stop.mission)
    register(second, company)
    closed.registration_closes_at = dt.datetime(2020, 1, 10, tzinfo=dt.UTC)
    closed.save()

    every_one_registered = page_of(client, briefing.stop.mission)

    assert "Register your company" in with_one_left
    assert "Register your company" not in every_one_registered
    assert "?session=" not in every_one_registered
    assert marks(every_one_registered, closed) == []


def test_a_registration_stays_said_after_its_sessions_registration_closed(client, briefing, company):
    register(briefing, company)
    briefing.registration_closes_at = dt.datetime(2020, 1, 10, tzinfo=dt.UTC)
    briefing.save()
    client.force_login(company.user)

    page = page_of(client, briefing.stop.mission)

    assert marks(page, briefing) == [f"Already registered Confirmed · See it in your registrations · {briefing.title}"]


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        (
            "fr",
            [
                "Complet\u00a0: les nouvelles inscriptions vont sur la liste d’attente",
                "Déjà inscrite Rang 2 sur la liste d’attente · La voir dans vos inscriptions · Site visit",
            ],
        ),
        (
            "ar",
            [
                "مكتملة: تنضم التسجيلات الجديدة إلى قائمة الانتظار",
                "مسجّلة بالفعل الترتيب 2 في قائمة الانتظار · عرضه في تسجيلاتك · Site visit",
            ],
        ),
    ],
)
def test_the_registration_notes_speak_the_pages_language(client, programme, company, language, expected):
    client.force_login(company.user)
    client.post("/i18n/setlang/", {"language": language, "next": "/"})

    page = page_of(client, programme["briefing"].stop.mission)

    assert marks(page, programme["site_visit"]) == expected


def test_the_pages_queries_do_not_grow_with_sessions_and_registrations(
    client, briefing, company, representative_of, django_assert_max_num_queries
):
    other = representative_of("Other Co")

    def grow(count):
        for _ in range(count):
            session = later(briefing, 1, capacity=1)
            register(session, other)
            register(session, company)  # waitlisted behind the other company

    grow(2)
    client.force_login(company.user)
    with CaptureQueriesContext(connection) as small:
        three = page_of(client, briefing.stop.mission)
    grow(9)

    with django_assert_max_num_queries(len(small.captured_queries)):
        twelve = page_of(client, briefing.stop.mission)

    assert three.count("Position 1 on the waitlist") == 2
    assert twelve.count("Position 1 on the waitlist") == 11
