"""The failed-mail page in the browser: the mail provider refuses an attendee's invitation for good; the
mission's organiser finds it from the mission page with the provider's reason, sends it again once the
provider takes it, is told so, and the row leaves the list. An organiser of another mission sees nothing."""

import datetime as dt
import re
from zoneinfo import ZoneInfo

import pytest
from django.core import mail
from playwright.sync_api import expect

from events.agenda.models import Invitation
from events.notifications import services as outbox
from events.notifications.models import OutboundEmail
from events.registrations.services import register_company
from tests.factories import MissionFactory, RepresentativeFactory, SessionFactory, StopFactory, UserFactory
from tests.support.browser import sign_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

ANA = "ana.lopez@cloudco.example"
OMAR = "omar.benali@cloudco.example"
REASON = "550 5.1.1 mailbox unavailable"


class Refused(Exception):
    """A provider's permanent refusal: a 4xx other than 429 is not retried by the outbox."""

    status_code = 400


@pytest.fixture
def refused_addresses(monkeypatch):
    """The provider refuses these addresses for good and takes every other message (Django's test outbox)."""
    refused = set()
    send = outbox._send

    def provider(row, connection):
        if row.to in refused:
            raise Refused(REASON)
        return send(row, connection)

    monkeypatch.setattr(outbox, "_send", provider)
    return refused


@pytest.fixture
def briefing(organiser):
    mission = MissionFactory(
        title="Morocco Digital Economy",
        slug="morocco-digital",
        start_date=dt.date(2099, 2, 10),
        end_date=dt.date(2099, 2, 21),
    )
    mission.organisers.add(organiser)
    stop = StopFactory(mission=mission, city="Austin", region="Texas", time_zone="America/Chicago")
    return SessionFactory(
        stop=stop,
        title="Public business briefing",
        starts_at=dt.datetime(2099, 2, 13, 9, 0, tzinfo=ZoneInfo("America/Chicago")),
        ends_at=dt.datetime(2099, 2, 13, 12, 0, tzinfo=ZoneInfo("America/Chicago")),
        registration_mode="open",
    )


@pytest.fixture
def refused_invitation(briefing, refused_addresses):
    """CloudCo registers Ana and Omar; the provider refuses Ana's invitation for good and takes Omar's."""
    refused_addresses.add(ANA)
    representative = RepresentativeFactory(user__email="amina@cloudco.example")
    register_company(
        briefing,
        acting_user=representative.user,
        organization=representative.organization,
        attendees=[{"full_name": "Ana Lopez", "email": ANA}, {"full_name": "Omar Benali", "email": OMAR}],
    )
    row = OutboundEmail.objects.get(kind="invitation.request", to=ANA)
    assert row.status == OutboundEmail.Status.FAILED
    assert Invitation.objects.get(email=ANA).delivery == Invitation.Delivery.FAILED
    assert OutboundEmail.objects.get(kind="invitation.request", to=OMAR).status == OutboundEmail.Status.SENT
    return row


def test_organiser_sees_a_refused_invitation_and_sends_it_again(
    page, live_server, organiser, briefing, refused_invitation, refused_addresses
):
    sign_in(page, live_server, organiser.email)
    page.goto(f"{live_server.url}/missions/morocco-digital/")
    page.locator(".organiser-note").get_by_role("link", name="Mail that failed").click()

    expect(page).to_have_url(f"{live_server.url}/manage/missions/morocco-digital/mail/")
    expect(page.get_by_role("heading", name="Mail that failed", level=1)).to_be_visible()
    rows = page.locator("table.failed-mail tbody tr")
    expect(rows).to_have_count(1)  # Omar's invitation went through: only Ana's is listed
    ana = page.get_by_role("row", name=re.compile(re.escape(ANA)))
    cells = ana.get_by_role("cell")
    expect(cells.nth(0)).to_have_text(ANA)
    expect(cells.nth(1)).to_have_text("Invitation: Public business briefing")
    expect(cells.nth(2)).to_have_text(f"Refused: {REASON}")
    expect(cells.nth(3)).to_have_text(re.compile(r"^\d{1,2} \w{3} \d{4}, \d{2}:\d{2} UTC$"))

    refused_addresses.clear()  # the provider takes Ana's mail again
    mail.outbox.clear()
    ana.get_by_role("button", name="Send again").click()

    expect(page).to_have_url(f"{live_server.url}/manage/missions/morocco-digital/mail/")
    expect(page.get_by_role("status")).to_have_text(f"The message to {ANA} is being sent again.")
    expect(page.locator("table.failed-mail")).to_have_count(0)
    expect(page.get_by_text("No mail of this mission has failed.")).to_be_visible()

    refused_invitation.refresh_from_db()
    assert (refused_invitation.status, refused_invitation.attempts) == (OutboundEmail.Status.SENT, 1)
    assert Invitation.objects.get(email=ANA).delivery == Invitation.Delivery.SENT
    (sent,) = mail.outbox
    assert (sent.to, sent.subject) == ([ANA], "Invitation: Public business briefing")
    assert sent.extra_headers["X-Outbound-Email"] == str(refused_invitation.pk)
    (calendar,) = [body for body, mimetype in sent.alternatives if mimetype.startswith("text/calendar")]
    assert f"UID:session-{briefing.pk}@trade-missions.events" in calendar
    assert "DTSTART;TZID=America/Chicago:20990213T090000" in calendar

    # Reloading after the redirect is a GET: nothing is sent again, and no retry is offered any more.
    page.reload()
    expect(page.get_by_text("No mail of this mission has failed.")).to_be_visible()
    assert len(mail.outbox) == 1


def test_another_missions_organiser_finds_neither_the_page_nor_the_retry(page, live_server, refused_invitation):
    stranger = UserFactory(email="organiser@other-agency.example")
    MissionFactory(title="Another mission", slug="another-mission").organisers.add(stranger)
    sign_in(page, live_server, stranger.email)

    response = page.goto(f"{live_server.url}/manage/missions/morocco-digital/mail/")
    assert response.status == 404
    expect(page.get_by_text(ANA)).to_have_count(0)

    page.goto(f"{live_server.url}/manage/missions/another-mission/mail/")
    expect(page.get_by_text("No mail of this mission has failed.")).to_be_visible()
    token = next(cookie["value"] for cookie in page.context.cookies() if cookie["name"] == "csrftoken")
    for slug in ("morocco-digital", "another-mission"):
        retry = page.request.post(
            f"{live_server.url}/manage/missions/{slug}/mail/{refused_invitation.pk}/retry/",
            headers={"X-CSRFToken": token, "Referer": f"{live_server.url}/"},
            max_redirects=0,
        )
        assert retry.status == 404
    refused_invitation.refresh_from_db()
    assert refused_invitation.status == OutboundEmail.Status.FAILED
