"""Issue 17, "Done when": a bounce reported by SendGrid reaches the organiser, and a corrected address
receives the current invitation, once.

Everything is real but SendGrid: a company registers through the services; a Celery worker process
takes the mail from Redis and sends it over SMTP to a local fake of SendGrid's relay; the test then
posts, as SendGrid would, a signed "bounce" event naming the message by the outbox id it carried in
its X-SMTPAPI header. The organiser reads the registrations page and the mission's mail page, and
corrects the address there; the worker sends the new address its invitation.
"""

import json

import pytest
from django.utils import timezone
from icalendar import Calendar

from config.celery import app
from events.notifications.models import OutboundEmail, UnreachableAddress
from events.registrations.services import register_company
from tests.factories import MissionFactory, RepresentativeFactory, SessionFactory, StopFactory
from tests.support import workers
from tests.support.sendgrid_events import URL, Signer, snapshot

# Real worker processes on the clock: run alone, after the parallel part of `make test`.
pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.serial]

OLD, NEW = "omar@dakhla-peche.example", "omar.tazi@dakhla-peche.example"


@pytest.fixture
def worker(fake_relay, settings):
    workers.require_worker_services()
    settings.CELERY_TASK_ALWAYS_EAGER = False
    app.control.purge()  # tasks left by an earlier run name rows of another database
    process = workers.start_worker(workers.worker_environment(**workers.relay_environment(fake_relay)))
    try:
        assert workers.wait_until_answering(), "the Celery worker did not start"
        yield process
    finally:
        workers.stop(process)


def invitations(relay, address):
    """The calendar methods of the messages the relay took for `address`, in order."""
    methods = []
    for message in relay.accepted_for(address):
        calendar = next((p for p in message.message.walk() if p.get_content_type() == "text/calendar"), None)
        if calendar is not None:
            methods.append(str(Calendar.from_ical(calendar.get_content())["METHOD"]))
    return methods


def test_a_bounced_attendee_is_flagged_and_a_corrected_address_gets_one_current_invitation(
    client, organiser, fake_relay, worker, settings
):
    signer = Signer()
    settings.SENDGRID_WEBHOOK_PUBLIC_KEY = signer.public_key
    mission = MissionFactory(title="Dakhla Atlantic Gateway", slug="dakhla")
    mission.organisers.add(organiser)
    session = SessionFactory(stop=StopFactory(mission=mission), title="Fisheries briefing", registration_mode="open")
    representative = RepresentativeFactory()
    register_company(
        session,
        acting_user=representative.user,
        organization=representative.organization,
        attendees=[{"full_name": "Omar Tazi", "email": OLD}],
    )
    assert workers.wait_for(lambda: invitations(fake_relay, OLD) == ["REQUEST"])
    (sent,) = fake_relay.accepted_for(OLD)

    # SendGrid reports the bounce, naming our message by the unique argument it carried.
    bounce = [
        {
            "email": OLD,
            "timestamp": int(timezone.now().timestamp()),
            "event": "bounce",
            "type": "bounce",
            "reason": "550 5.1.1 The email account that you tried to reach does not exist",
            "sg_event_id": "bounce-1",
            "outbox_id": sent.unique_args["outbox_id"],
        }
    ]
    body = json.dumps(bounce).encode()
    headers = signer.headers(body)
    assert client.post(URL, body, content_type="application/json", **headers).status_code == 204
    after_bounce = snapshot()
    replayed = client.post(URL, body, content_type="application/json", **headers)
    forged = client.post(URL, body, content_type="application/json", **Signer().headers(body))
    after_refusals = snapshot()

    client.force_login(organiser)
    registrations_page = client.get(f"/manage/sessions/{session.pk}/registrations/").content.decode()
    mail_page = client.get(f"/manage/missions/{mission.slug}/mail/").content.decode()
    (attendee,) = session.registrations.get().attendees.all()
    corrected = client.post(f"/manage/attendees/{attendee.pk}/email/", {"email": NEW})
    assert workers.wait_for(lambda: invitations(fake_relay, NEW) == ["REQUEST"])
    # The worker has had time to send anything else it was going to send.
    assert workers.wait_for(lambda: not OutboundEmail.objects.filter(status="pending", due_at__lte=timezone.now()))
    after_page = client.get(f"/manage/sessions/{session.pk}/registrations/").content.decode()

    assert (replayed.status_code, forged.status_code) == (403, 403)
    assert after_refusals == after_bounce
    assert OutboundEmail.objects.get(pk=int(sent.unique_args["outbox_id"])).delivery == "bounce"
    assert "Unreachable by mail" in registrations_page
    assert "Bounced: 550 5.1.1 The email account that you tried to reach does not exist" in registrations_page
    assert f'data-unreachable="{OLD}"' in mail_page
    assert corrected.status_code == 302
    # Exactly one message to the new address: the invitation, as the session stands now.
    (invitation,) = fake_relay.accepted_for(NEW)
    calendar = Calendar.from_ical(
        next(p for p in invitation.message.walk() if p.get_content_type() == "text/calendar").get_content()
    )
    (entry,) = calendar.walk("VEVENT")
    assert entry["DTSTART"].dt == session.starts_at
    assert str(entry["SUMMARY"]).startswith("Fisheries briefing")
    # Nothing more to the bounced address: its cancellation is written, and suppressed.
    assert invitations(fake_relay, OLD) == ["REQUEST"]
    assert list(OutboundEmail.objects.filter(to=OLD).exclude(kind="reminder").values_list("kind", "status")) == [
        ("invitation.cancel", "suppressed"),
        ("invitation.request", "sent"),
    ]
    assert "Unreachable by mail" not in after_page
    assert NEW in after_page
    assert UnreachableAddress.objects.filter(email=NEW).count() == 0
