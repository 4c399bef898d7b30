"""The registration story in the browser: a new company signs up and registers for a briefing;
its organiser resizes the briefing and a cancellation hands the seat to the waitlist."""

import datetime as dt
import re
from zoneinfo import ZoneInfo

import pytest
from django.core import mail
from playwright.sync_api import expect

from events.missions.models import Session
from events.registrations.models import Question, Registration
from events.registrations.services import register_company
from tests.factories import (
    MissionFactory,
    OrganizationFactory,
    RepresentativeFactory,
    SessionFactory,
    StopFactory,
)
from tests.support.browser import sign_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

VERIFICATION_CODE = re.compile(r"\b[A-Z0-9]{4}-[A-Z0-9]{4}\b")


@pytest.fixture
def briefing():
    """The Austin business briefing: open registration, three seats, two attendees per company."""
    mission = MissionFactory(
        title="Morocco Digital Economy",
        slug="morocco-digital",
        start_date=dt.date(2099, 2, 10),
        end_date=dt.date(2099, 2, 21),
    )
    stop = StopFactory(mission=mission, city="Austin", region="Texas", time_zone="America/Chicago")
    session = SessionFactory(
        stop=stop,
        title="Public business briefing",
        starts_at=dt.datetime(2099, 2, 13, 9, 0, tzinfo=ZoneInfo("America/Chicago")),
        ends_at=dt.datetime(2099, 2, 13, 12, 0, tzinfo=ZoneInfo("America/Chicago")),
        capacity=3,
        registration_mode=Session.RegistrationMode.OPEN,
        attendees_per_company=2,
    )
    Question.objects.create(session=session, label="Which sector do you work in?")
    return session


def register(session, company_name, attendees):
    """A company registered through the services, as another browser would; its first attendee signs up."""
    representative = RepresentativeFactory(
        organization=OrganizationFactory(name=company_name), user__email=attendees[0]["email"]
    )
    return register_company(
        session,
        acting_user=representative.user,
        organization=representative.organization,
        attendees=attendees,
        answers={str(session.questions.get().pk): "Cybersecurity"},
    )


def mails_to(address):
    return [message.subject for message in mail.outbox if message.to == [address]]


def test_new_company_signs_up_and_registers_for_the_briefing(page, live_server, briefing):
    page.goto(f"{live_server.url}/missions/morocco-digital/")
    briefing_card = page.locator(".session", has_text="Public business briefing")
    briefing_card.get_by_role("link", name="Register for this session").click()

    expect(page.get_by_role("heading", name="Sign In")).to_be_visible()
    expect(page).to_have_url(re.compile(r"/accounts/login/\?next=/missions/morocco-digital/register/"))
    page.get_by_role("main").get_by_role("link", name="sign up").click()
    expect(page.get_by_role("heading", name="Sign Up")).to_be_visible()
    page.get_by_label("Email").fill("amina@cloudco.example")
    page.get_by_label("Password:", exact=True).fill("a-long-demo-password")
    page.get_by_label("Password (again)").fill("a-long-demo-password")
    page.get_by_role("button", name="Sign Up").click()

    expect(page.get_by_role("heading", name="Enter Email Verification Code")).to_be_visible()
    (verification,) = [message for message in mail.outbox if message.to == ["amina@cloudco.example"]]
    page.get_by_label("Code").fill(VERIFICATION_CODE.search(verification.body).group())
    page.get_by_role("button", name="Confirm").click()

    expect(page.get_by_role("heading", name="Create your company's profile")).to_be_visible()
    expect(page).to_have_url(re.compile(r"/company/new/\?next=%2Fmissions%2Fmorocco-digital%2Fregister%2F"))
    expect(page.get_by_role("status")).to_contain_text("First tell us about your company")
    page.get_by_label("Your full name").fill("Amina Haddad")
    page.get_by_label("Company name").fill("CloudCo")
    page.get_by_label("Country").select_option(label="United States of America")
    page.get_by_role("button", name="Create the profile").click()

    expect(page.get_by_role("heading", name="Register CloudCo")).to_be_visible()
    expect(page.get_by_role("checkbox", name="Public business briefing")).to_be_checked()
    first, second = page.locator(".attendee-row").all()
    expect(first.get_by_label("Full name")).to_have_value("Amina Haddad")
    expect(first.get_by_label("Email")).to_have_value("amina@cloudco.example")
    second.get_by_label("Full name").fill("Omar Benali")
    second.get_by_label("Email").fill("omar@cloudco.example")
    page.get_by_label("Which sector do you work in?").fill("Sovereign cloud")
    page.get_by_role("button", name="Review").click()

    expect(page.get_by_role("heading", name="Check and confirm")).to_be_visible()
    expect(page.locator(".review-attendees li")).to_have_text(
        ["Amina Haddad · amina@cloudco.example", "Omar Benali · omar@cloudco.example"]
    )
    page.get_by_role("button", name="Confirm the registration").click()

    expect(page.get_by_role("heading", name="Your registrations")).to_be_visible()
    expect(page.get_by_role("status")).to_contain_text("Public business briefing: registration confirmed.")
    row = page.get_by_role("row", name=re.compile("Public business briefing"))
    expect(row.get_by_role("cell").nth(2)).to_have_text("Confirmed")
    expect(row.locator(".attendee > bdi")).to_have_text(["Amina Haddad", "Omar Benali"])
    registration = Registration.objects.get(session=briefing)
    assert (registration.status, registration.seats) == (Registration.Status.CONFIRMED, 2)
    assert [answer.value for answer in registration.answers.all()] == ["Sovereign cloud"]
    assert mails_to("amina@cloudco.example") == [
        verification.subject,
        "Registration confirmed: Public business briefing",
        "Invitation: Public business briefing",
    ]
    assert mails_to("omar@cloudco.example") == ["Invitation: Public business briefing"]
    confirmation = next(m for m in mail.outbox if m.subject.startswith("Registration confirmed"))
    assert "09:00–12:00 (America/Chicago)" in confirmation.body

    # Omar cannot come: Amina sends Nadia in his place; an empty name is refused in place, what was typed kept.
    row.get_by_role("link", name="Send someone else in Omar Benali's place").click()
    expect(page.get_by_role("heading", name="Send someone else in Omar Benali's place")).to_be_visible()
    page.get_by_label("Email").fill("nadia@cloudco.example")
    page.get_by_role("button", name="Save and send the invitation").click()
    expect(page.locator("#error-summary")).to_contain_text("Give the full name of the person who attends.")
    expect(page.get_by_label("Email")).to_have_value("nadia@cloudco.example")
    page.get_by_label("Full name").fill("Nadia Berrada")
    page.get_by_role("button", name="Save and send the invitation").click()
    expect(page.get_by_role("status")).to_contain_text("Nadia Berrada takes Omar Benali's place")
    expect(row.locator(".attendee > bdi")).to_have_text(["Amina Haddad", "Nadia Berrada"])
    assert mails_to("nadia@cloudco.example") == ["Invitation: Public business briefing"]
    assert mails_to("omar@cloudco.example") == [
        "Invitation: Public business briefing",
        "No longer in your calendar: Public business briefing",
    ]


def test_organiser_lowers_capacity_and_a_cancellation_promotes_the_waitlist(page, live_server, briefing, organiser):
    briefing.stop.mission.organisers.add(organiser)
    register(
        briefing,
        "CloudCo",
        [
            {"full_name": "Amina Haddad", "email": "amina@cloudco.example"},
            {"full_name": "Omar Benali", "email": "omar@cloudco.example"},
        ],
    )
    sign_in(page, live_server, organiser.email)

    page.goto(f"{live_server.url}/missions/morocco-digital/")
    page.locator(".session", has_text="Public business briefing").get_by_role("link", name="Registrations").click()
    expect(page.get_by_role("heading", name="Registrations: Public business briefing")).to_be_visible()
    cloudco_row = page.get_by_role("row", name=re.compile("CloudCo"))
    expect(cloudco_row).to_contain_text("Confirmed")
    expect(cloudco_row.locator("dt")).to_have_text("Which sector do you work in?")
    expect(cloudco_row.locator("dd")).to_have_text("Cybersecurity")
    seats = page.locator('[data-count="seats"] strong')
    expect(seats).to_have_text("2 / 3")
    page.get_by_label("Capacity (seats)").fill("2")
    page.get_by_role("button", name="Save capacity").click()
    expect(page.get_by_role("status")).to_contain_text("Capacity saved.")
    expect(seats).to_have_text("2 / 2")

    late = register(briefing, "Atlas Data", [{"full_name": "Youssef Alami", "email": "youssef@atlasdata.example"}])
    page.reload()
    atlas_row = page.get_by_role("row", name=re.compile("Atlas Data"))
    expect(atlas_row.locator(".status")).to_have_text("On the waitlist")
    expect(atlas_row.locator(".waitlist-position")).to_have_text("#1")

    page.get_by_role("checkbox", name="Select CloudCo").check()
    page.get_by_label("Action").select_option(label="Cancel")
    page.get_by_role("button", name="Apply to the selected").click()

    expect(page.get_by_role("status")).to_contain_text("Cancelled: CloudCo.")
    expect(cloudco_row.locator(".status")).to_have_text("Cancelled")
    expect(atlas_row.locator(".status")).to_have_text("Confirmed")
    expect(atlas_row.locator(".waitlist-position")).to_have_count(0)
    expect(seats).to_have_text("1 / 2")
    late.refresh_from_db()
    assert (late.status, late.waitlist_number) == (Registration.Status.CONFIRMED, None)
    assert mails_to("youssef@atlasdata.example") == [
        "You are on the waitlist: Public business briefing",
        "A seat is yours: Public business briefing",
        "Invitation: Public business briefing",
    ]
    # The cancelled company's attendees are told, and their calendars drop the session.
    assert mails_to("amina@cloudco.example") == [
        "Registration confirmed: Public business briefing",
        "Invitation: Public business briefing",
        "Registration cancelled: Public business briefing",
        "No longer in your calendar: Public business briefing",
    ]
