"""Issue 9, case 7: nothing counts as delivered that the provider did not accept.

An invitation is up to date only once the mail provider accepted its newest message. A message
refused for good leaves the person "not up to date": the next sync sends it again, and the
mission's organisers see it on their page, with why, and can send it again.
"""

import pytest

from events.agenda.models import Invitation
from events.agenda.services import refresh_calendars
from events.notifications import services as outbox
from events.notifications.models import OutboundEmail
from events.registrations.services import register_company
from tests.factories import MissionFactory, RepresentativeFactory, SessionFactory, StopFactory, UserFactory

pytestmark = pytest.mark.django_db

ANA = "ana@example.com"


class Refused(Exception):
    status_code = 400


@pytest.fixture
def briefing(organiser):
    mission = MissionFactory(title="Morocco Digital Economy", slug="morocco-digital")
    mission.organisers.add(organiser)
    return SessionFactory(stop=StopFactory(mission=mission), title="Briefing", registration_mode="open")


@pytest.fixture
def refusing_provider(monkeypatch):
    def refuse(row, connection):
        raise Refused("550 mailbox unavailable")

    monkeypatch.setattr(outbox, "_send", refuse)


def invite_ana(briefing):
    representative = RepresentativeFactory()
    register_company(
        briefing,
        acting_user=representative.user,
        organization=representative.organization,
        attendees=[{"full_name": "Ana", "email": ANA}],
    )
    return OutboundEmail.objects.get(kind="invitation.request", to=ANA)


def test_an_invitation_is_up_to_date_only_once_its_mail_was_accepted(briefing):
    row = invite_ana(briefing)
    assert Invitation.objects.get(email=ANA).delivery == "pending"

    outbox.deliver_email(row.pk)

    assert Invitation.objects.get(email=ANA).delivery == "sent"


def test_a_refused_invitation_leaves_the_person_not_up_to_date(briefing, refusing_provider):
    row = invite_ana(briefing)

    outbox.deliver_email(row.pk)

    row.refresh_from_db()
    assert row.status == "failed"
    assert Invitation.objects.get(email=ANA).delivery == "failed"


def test_the_next_sync_sends_a_refused_invitation_again(briefing, refusing_provider):
    outbox.deliver_email(invite_ana(briefing).pk)

    refresh_calendars(people=[ANA])

    requests = OutboundEmail.objects.filter(kind="invitation.request", to=ANA).order_by("pk")
    assert [row.status for row in requests] == ["superseded", "pending"]
    assert Invitation.objects.get(email=ANA).last_message_id == requests.last().pk


def test_an_older_message_failing_does_not_mark_a_newer_one(briefing, organiser, refusing_provider):
    from events.missions.services import update_session

    first = invite_ana(briefing)
    update_session(briefing, acting_user=organiser, venue="Convention Center")
    newer = Invitation.objects.get(email=ANA).last_message_id

    outbox.deliver_email(first.pk)

    invitation = Invitation.objects.get(email=ANA)
    assert newer != first.pk
    assert (invitation.last_message_id, invitation.delivery) == (newer, "pending")


def test_the_organisers_page_lists_the_failure_and_retries_it(
    client, briefing, organiser, refusing_provider, monkeypatch, django_capture_on_commit_callbacks
):
    row = invite_ana(briefing)
    outbox.deliver_email(row.pk)
    client.force_login(organiser)

    page = client.get("/manage/missions/morocco-digital/mail/").content.decode()
    monkeypatch.setattr(outbox, "_send", lambda row, connection: "accepted-1")  # the provider is back
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/manage/missions/morocco-digital/mail/{row.pk}/retry/")

    row.refresh_from_db()
    assert ANA in page
    assert "Refused: 550 mailbox unavailable" in page
    assert "Invitation: Briefing" in page
    assert response.status_code == 302
    assert (row.status, row.provider_message_id) == ("sent", "accepted-1")
    assert Invitation.objects.get(email=ANA).delivery == "sent"


def test_other_organisers_see_nothing_and_retry_nothing(client, briefing, refusing_provider):
    row = invite_ana(briefing)
    outbox.deliver_email(row.pk)
    client.force_login(UserFactory())

    page = client.get("/manage/missions/morocco-digital/mail/")
    retry = client.post(f"/manage/missions/morocco-digital/mail/{row.pk}/retry/")

    row.refresh_from_db()
    assert (page.status_code, retry.status_code, row.status) == (404, 404, "failed")


def test_a_newer_message_replaces_a_failed_one_on_the_page(client, briefing, organiser, refusing_provider):
    from events.missions.services import update_session

    row = invite_ana(briefing)
    outbox.deliver_email(row.pk)

    update_session(briefing, acting_user=organiser, venue="Convention Center")

    row.refresh_from_db()
    client.force_login(organiser)
    page = client.get("/manage/missions/morocco-digital/mail/").content.decode()
    retry = client.post(f"/manage/missions/morocco-digital/mail/{row.pk}/retry/")
    assert row.status == "superseded"
    assert "No mail of this mission has failed." in page
    assert retry.status_code == 404


def test_a_cancellation_replaces_a_failed_invitation(briefing, organiser, refusing_provider):
    from events.registrations.models import Registration
    from events.registrations.services import cancel_registration

    row = invite_ana(briefing)
    outbox.deliver_email(row.pk)

    cancel_registration(Registration.objects.get(), acting_user=organiser)

    row.refresh_from_db()
    assert row.status == "superseded"
    assert OutboundEmail.objects.filter(kind="invitation.cancel", to=ANA).count() == 1
