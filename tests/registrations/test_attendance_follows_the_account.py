"""A person who moves their account to a new address (allauth's email page) takes their attendance with them.

A helper, a company's representative and its attendee, made a new address primary: his badge page became a 404
although he was still confirmed, his printed badge no longer got in, status mail went to the new address while
invitations and reminders stayed at the old. An organiser who did the same had her printed badge turned away.
The attendee rows naming the account's address are the person's: they follow the account, as a delegate's roster
address does, and with them (core.signals.address_moved) the badge and check-ins.
"""

import pytest
from allauth.account.models import EmailAddress

from events.checkin import services as checkin
from events.checkin.models import Badge
from events.notifications.models import OutboundEmail
from events.registrations.models import Attendee
from events.registrations.services import register_company
from tests.factories import RepresentativeFactory, briefing_factory

pytestmark = pytest.mark.django_db

OLD, NEW = "marcus@lonestar.example", "marcus@lonestar2.example"


@pytest.fixture
def marcus(organiser):
    session = briefing_factory(capacity=20, attendees_per_company=2, title="USTDA briefing")
    session.stop.mission.organisers.add(organiser)
    company = RepresentativeFactory(user__email=OLD, organization__name="Lone Star")
    register_company(
        session,
        acting_user=company.user,
        organization=company.organization,
        attendees=[{"full_name": "Marcus Webb", "email": "Marcus@LoneStar.example"}],
    )
    company.session = session
    return company


def make_primary(user, address, capture):
    email = EmailAddress.objects.create(user=user, email=address, verified=True, primary=False)
    with capture(execute=True):
        email.set_as_primary()


def test_an_attendees_new_account_address_takes_their_attendance_badge_and_reminders(
    client, marcus, django_capture_on_commit_callbacks
):
    mission = marcus.session.stop.mission
    badge = checkin.issue_badges(mission)[OLD]

    make_primary(marcus.user, NEW, django_capture_on_commit_callbacks)

    assert list(Attendee.objects.values_list("email", flat=True)) == [NEW]
    assert Badge.objects.get(pk=badge.pk).email == NEW
    client.force_login(marcus.user)
    assert client.get(f"/badges/{mission.slug}/").status_code == 200
    pending = OutboundEmail.objects.filter(kind="reminder", status="pending")
    assert set(pending.values_list("to", flat=True)) == {NEW}


def test_an_organisers_new_account_address_keeps_her_badge(organiser, django_capture_on_commit_callbacks):
    session = briefing_factory(capacity=20)
    session.stop.mission.organisers.add(organiser)
    badge = checkin.issue_badges(session.stop.mission)[organiser.email.lower()]

    make_primary(organiser, "claire@agency-new.example", django_capture_on_commit_callbacks)

    assert Badge.objects.get(pk=badge.pk).email == "claire@agency-new.example"
