"""An organiser declines two registrations with a reason; one is confirmed and cannot be declined. The page
says so on that row, keeps it ticked with the reason and the action, and the organiser cancels it instead."""

import datetime as dt
import re
from zoneinfo import ZoneInfo

import pytest
from playwright.sync_api import expect

from events.missions.models import Session
from events.registrations.models import Registration
from events.registrations.services import register_company
from tests.factories import MissionFactory, RepresentativeFactory, SessionFactory, StopFactory
from tests.support.browser import sign_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

REASON = "The briefing is for cloud providers only."


def register(session, name):
    company = RepresentativeFactory(organization__name=name)
    return register_company(
        session,
        acting_user=company.user,
        organization=company.organization,
        attendees=[{"full_name": f"{name} attendee", "email": f"{company.organization.slug}@company.example"}],
    )


@pytest.fixture
def briefing(organiser):
    mission = MissionFactory(title="Morocco Digital Economy", slug="morocco-digital")
    mission.organisers.add(organiser)
    return SessionFactory(
        stop=StopFactory(mission=mission, city="Austin", time_zone="America/Chicago"),
        title="Public business briefing",
        starts_at=dt.datetime(2099, 2, 13, 9, 0, tzinfo=ZoneInfo("America/Chicago")),
        ends_at=dt.datetime(2099, 2, 13, 12, 0, tzinfo=ZoneInfo("America/Chicago")),
        capacity=10,
        registration_mode=Session.RegistrationMode.OPEN,
    )


def test_a_refused_decline_keeps_the_reason_and_the_ticks(page, live_server, organiser, briefing, axe_violations):
    confirmed = register(briefing, "CloudCo")
    briefing.registration_mode = Session.RegistrationMode.APPROVAL
    briefing.save()
    pending = register(briefing, "Atlas Data")
    sign_in(page, live_server, organiser.email)
    page.goto(f"{live_server.url}/manage/sessions/{briefing.pk}/registrations/")

    page.get_by_role("checkbox", name="Select CloudCo").check()
    page.get_by_role("checkbox", name="Select Atlas Data").check()
    page.get_by_label("Action").select_option(label="Decline")
    page.get_by_label(re.compile("^Reason")).fill(REASON)
    page.get_by_role("button", name="Apply to the selected").click()

    expect(page.get_by_role("status")).to_have_text("Declined: Atlas Data.")
    expect(page.locator("#error-summary")).to_be_focused()
    expect(page.locator("#error-summary")).to_contain_text("1 ticked registration was not changed: see why in its row.")
    cloudco = page.get_by_role("checkbox", name="Select CloudCo")
    expect(cloudco).to_be_checked()
    expect(cloudco).to_have_accessible_description("CloudCo is confirmed: it cannot be declined. Cancel it instead.")
    expect(page.get_by_role("checkbox", name="Select Atlas Data")).not_to_be_checked()
    expect(page.get_by_label("Action")).to_have_value("decline")
    expect(page.get_by_label(re.compile("^Reason"))).to_have_value(REASON)
    assert axe_violations(page) == []

    page.get_by_role("button", name="Apply to the selected").click()  # the same decision again: all refused

    expect(page.locator("#error-summary")).to_be_focused()
    expect(page.get_by_role("checkbox", name="Select CloudCo")).to_be_checked()
    expect(page.get_by_label(re.compile("^Reason"))).to_have_value(REASON)
    assert Registration.objects.get(pk=confirmed.pk).status == "confirmed"

    page.get_by_label("Action").select_option(label="Cancel")
    page.get_by_role("button", name="Apply to the selected").click()

    expect(page.get_by_role("status")).to_have_text("Cancelled: CloudCo.")
    expect(page.locator("#error-summary")).to_have_count(0)
    assert page.url == f"{live_server.url}/manage/sessions/{briefing.pk}/registrations/"
    confirmed.refresh_from_db()
    pending.refresh_from_db()
    assert (confirmed.status, confirmed.decision_reason) == ("cancelled", REASON)
    assert (pending.status, pending.decision_reason) == ("declined", REASON)
