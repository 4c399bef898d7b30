"""An attendee's address bounced: the organiser sees it in the browser, with the receiving server's words,
on the session's registrations page and on the mission's mail page, corrects it there, and the new
address receives the current invitation, once."""

import datetime as dt
import json
import re
from zoneinfo import ZoneInfo

import pytest
from django.core import mail
from django.test import Client
from playwright.sync_api import expect

from events.notifications.models import OutboundEmail
from events.registrations.services import register_company
from tests.factories import MissionFactory, RepresentativeFactory, SessionFactory, StopFactory
from tests.support.browser import sign_in
from tests.support.sendgrid_events import URL, Signer

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

OLD, NEW = "omar@dakhla-peche.example", "omar.tazi@dakhla-peche.example"
REASON = "550 5.1.1 The email account that you tried to reach does not exist"


@pytest.fixture
def bounced(organiser, settings):
    mission = MissionFactory(
        title="Dakhla Atlantic Gateway", slug="dakhla", start_date=dt.date(2099, 2, 10), end_date=dt.date(2099, 2, 21)
    )
    mission.organisers.add(organiser)
    session = SessionFactory(
        stop=StopFactory(mission=mission, city="Dakhla", time_zone="Africa/Casablanca"),
        title="Fisheries briefing",
        starts_at=dt.datetime(2099, 2, 12, 9, 0, tzinfo=ZoneInfo("Africa/Casablanca")),
        ends_at=dt.datetime(2099, 2, 12, 11, 0, tzinfo=ZoneInfo("Africa/Casablanca")),
        registration_mode="open",
    )
    representative = RepresentativeFactory(user__email="amina@dakhla-peche.example")
    register_company(
        session,
        acting_user=representative.user,
        organization=representative.organization,
        attendees=[{"full_name": "Omar Tazi", "email": OLD}],
    )
    row = OutboundEmail.objects.get(kind="invitation.request", to=OLD)
    signer = Signer()
    settings.SENDGRID_WEBHOOK_PUBLIC_KEY = signer.public_key
    body = json.dumps(
        [
            {
                "email": OLD,
                "timestamp": 1_900_000_000,
                "event": "bounce",
                "type": "bounce",
                "reason": REASON,
                "sg_event_id": "bounce-1",
                "outbox_id": str(row.pk),
            }
        ]
    ).encode()
    assert Client().post(URL, body, content_type="application/json", **signer.headers(body)).status_code == 204
    mail.outbox.clear()
    return session


def test_organiser_sees_the_bounce_and_corrects_the_address(page, live_server, organiser, bounced, axe_violations):
    sign_in(page, live_server, organiser.email)
    page.goto(f"{live_server.url}/manage/sessions/{bounced.pk}/registrations/")

    flag = page.locator("[data-unreachable]")
    expect(flag).to_contain_text("Unreachable by mail")
    expect(flag).to_contain_text(f"Bounced: {REASON}")
    assert axe_violations(page) == []
    flag.get_by_label("Correct address").fill(NEW)
    flag.get_by_role("button", name="Save and send the invitations").click()

    expect(page.get_by_role("status")).to_have_text(
        f"Omar Tazi's address is now {NEW}; their invitations are sent there."
    )
    expect(page.locator("[data-unreachable]")).to_have_count(0)
    expect(page.locator(".attendee").get_by_text(NEW, exact=True)).to_be_visible()
    (sent,) = mail.outbox
    assert (sent.to, sent.subject) == ([NEW], "Invitation: Fisheries briefing")
    (calendar,) = [body for body, mimetype in sent.alternatives if mimetype.startswith("text/calendar")]
    assert "DTSTART;TZID=Africa/Casablanca:20990212T090000" in calendar

    page.goto(f"{live_server.url}/manage/missions/dakhla/mail/")
    row = page.get_by_role("row", name=re.compile(re.escape(OLD)))
    expect(row.get_by_role("cell").nth(1)).to_have_text(f"Bounced: {REASON}")
    assert axe_violations(page) == []
    # The cancellation for the bounced address was written and held back, not sent.
    assert len(mail.outbox) == 1
    assert OutboundEmail.objects.get(kind="invitation.cancel", to=OLD).status == "suppressed"
