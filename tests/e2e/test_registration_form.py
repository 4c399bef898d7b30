"""Issue 12 in the browser: a representative who leaves an attendee's name empty is told on the review step,
next to the name, before confirming; a session's questions show only while that session is ticked."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from playwright.sync_api import expect

from events.missions.models import Session
from events.registrations.models import Question, Registration
from tests.factories import MissionFactory, RepresentativeFactory, SessionFactory, StopFactory
from tests.support.browser import sign_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def programme():
    """The Austin briefing and the Juniper site visit, each asking one question of its own."""
    mission = MissionFactory(
        title="Morocco Digital Economy",
        slug="morocco-digital",
        start_date=dt.date(2099, 2, 10),
        end_date=dt.date(2099, 2, 21),
    )
    stop = StopFactory(mission=mission, city="Austin", region="Texas", time_zone="America/Chicago")
    austin = ZoneInfo("America/Chicago")
    briefing, visit = (
        SessionFactory(
            stop=stop,
            title=title,
            starts_at=dt.datetime(2099, 2, day, 9, 0, tzinfo=austin),
            ends_at=dt.datetime(2099, 2, day, 12, 0, tzinfo=austin),
            capacity=20,
            registration_mode=Session.RegistrationMode.OPEN,
            attendees_per_company=2,
        )
        for title, day in (("Public business briefing", 13), ("Site visit: IBM Austin", 14))
    )
    Question.objects.create(session=briefing, label="Which sector do you work in?")
    Question.objects.create(session=visit, label="Badge name for the visit", required=False)
    return briefing, visit


def test_the_review_step_shows_a_missing_name_in_place_and_questions_follow_the_ticks(
    page, live_server, programme, axe_violations
):
    briefing, visit = programme
    representative = RepresentativeFactory(
        organization__name="CloudCo", user__email="amina@cloudco.example", user__full_name="Amina Haddad"
    )
    sign_in(page, live_server, representative.user.email)

    page.goto(f"{live_server.url}/missions/morocco-digital/register/?session={briefing.pk}")
    briefing_question = page.get_by_label("Which sector do you work in?")
    visit_question = page.get_by_label("Badge name for the visit")
    expect(briefing_question).to_be_visible()
    expect(visit_question).to_be_hidden()
    page.get_by_role("checkbox", name="Site visit: IBM Austin").check()
    expect(visit_question).to_be_visible()
    page.get_by_role("checkbox", name="Site visit: IBM Austin").uncheck()
    expect(visit_question).to_be_hidden()
    expect(briefing_question).to_have_attribute("aria-required", "true")

    second = page.locator(".attendee-row").nth(1)
    second.get_by_label("Email").fill("omar@cloudco.example")
    briefing_question.fill("Sovereign cloud")
    page.get_by_role("button", name="Review").click()

    expect(page.get_by_role("heading", name="Check and confirm")).to_have_count(0)
    # The error, far down the form, is named at its top, where the focus lands, with a link to its field.
    summary = page.locator("#error-summary")
    expect(summary).to_be_focused()
    expect(summary.get_by_role("link")).to_have_text(["Attendee 2 needs a name."])
    summary.get_by_role("link").click()
    name = second.get_by_label("Full name")
    expect(name).to_be_focused()
    assert name.evaluate("(node) => getComputedStyle(node).borderInlineStartColor") != name.evaluate(
        "(node) => getComputedStyle(node.closest('fieldset').querySelector('input[type=email]')).borderInlineStartColor"
    )  # the field in error is marked, not only described
    expect(name).to_have_attribute("aria-invalid", "true")
    expect(name).to_have_accessible_description("Attendee 2 needs a name.")
    expect(second.locator(".errorlist")).to_have_text("Attendee 2 needs a name.")
    expect(visit_question).to_be_hidden()
    assert axe_violations(page) == []
    assert not Registration.objects.exists()

    name.fill("Omar Benali")
    page.get_by_role("button", name="Review").click()
    expect(page.get_by_role("heading", name="Check and confirm")).to_be_visible()
    expect(page.locator(".review-attendees li")).to_have_text(
        ["Amina Haddad · amina@cloudco.example", "Omar Benali · omar@cloudco.example"]
    )
    page.get_by_role("button", name="Confirm the registration").click()

    expect(page.get_by_role("status")).to_contain_text("Public business briefing: registration confirmed.")
    registration = Registration.objects.get()
    assert (registration.session_id, registration.seats) == (briefing.pk, 2)
    assert [answer.value for answer in registration.answers.all()] == ["Sovereign cloud"]
