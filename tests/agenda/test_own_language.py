"""A person's calendar speaks their own language, whatever role put an entry in it.

An attendee is named by the representative who registers them; with no account of their own, their
calendar reads in that representative's language. Once the address is an account's, the account's
language wins, for sessions and meetings alike, so that a person in two roles (a delegate registered by a
company, a colleague who signed up) is not written to in two languages. However the language changes (the
switcher, the Django admin, an account created for an address already invited), the reminders still to
come follow it, and nothing is mailed for entries that did not change.
"""

import pytest

from events.accounts.models import User
from events.accounts.services import set_preferred_language
from events.meetings import services as meetings
from events.notifications.models import OutboundEmail
from events.registrations.models import Attendee
from events.registrations.services import change_attendee_email
from tests.agenda.test_calendar_lifecycle import ANA, mails, pending_reminders, register, seat
from tests.factories import RepresentativeFactory, UserFactory
from tests.meetings.conftest import MeetingDay

pytestmark = pytest.mark.django_db

NBSP = "\u00a0"
ENGLISH_REMINDERS = ["Reminder: Public business briefing"] * 2
FRENCH_REMINDERS = [f"Rappel{NBSP}: Public business briefing"] * 2


def reminder_subjects(to=ANA):
    return sorted(pending_reminders(to).values_list("subject", flat=True))


def test_an_attendee_with_her_own_account_is_invited_in_her_language(briefing):
    UserFactory(email=ANA, language="fr")

    register(briefing, RepresentativeFactory(user__language="en"), ANA, "bo@example.com")

    (invitation,) = mails("invitation.request")
    assert (invitation.language, invitation.subject) == ("fr", f"Invitation{NBSP}: Public business briefing")
    assert reminder_subjects() == FRENCH_REMINDERS
    # A colleague with no account reads the language of who registered them.
    (colleague,) = mails("invitation.request", to="bo@example.com")
    assert colleague.language == "en"


def test_a_delegate_registered_by_a_company_hears_in_one_language(briefing, organiser):
    delegate = seat(briefing.stop.mission, organiser)
    set_preferred_language(delegate.user, language="fr")

    register(briefing, RepresentativeFactory(user__language="en"), ANA)

    assert [row.language for row in mails("invitation.request")] == ["fr"]
    assert set(pending_reminders().values_list("language", flat=True)) == {"fr"}


def test_the_representatives_new_language_leaves_an_attendee_with_her_own(briefing):
    UserFactory(email=ANA, language="fr")
    representative = RepresentativeFactory(user__language="en")
    register(briefing, representative, ANA)
    reminders = set(pending_reminders().values_list("pk", flat=True))

    set_preferred_language(representative.user, language="ar")

    assert set(pending_reminders().values_list("pk", flat=True)) == reminders
    assert reminder_subjects() == FRENCH_REMINDERS


def test_an_account_created_for_an_invited_address_takes_over_its_language(briefing):
    register(briefing, RepresentativeFactory(user__language="en"), ANA)
    assert reminder_subjects() == ENGLISH_REMINDERS

    User.objects.create_user(ANA, language="fr")  # as the sign-up page or a delegate roster creates it

    assert mails("invitation.request")[0].language == "en"  # sent, and not sent again
    assert len(mails("invitation.request")) == 1
    assert reminder_subjects() == FRENCH_REMINDERS


def test_a_language_changed_in_the_django_admin_rewrites_the_reminders(client, briefing, admin_user):
    representative = RepresentativeFactory(user__language="en")
    register(briefing, representative, ANA)
    person = representative.user
    client.force_login(admin_user)

    response = client.post(
        f"/admin/accounts/user/{person.pk}/change/",
        {
            "email": person.email,
            "full_name": person.full_name,
            "language": "fr",
            "is_active": "on",
            "date_joined_0": "2026-01-05",
            "date_joined_1": "10:00:00",
        },
    )

    assert response.status_code == 302, response.content.decode()[:2000]
    assert reminder_subjects() == FRENCH_REMINDERS
    assert mails("invitation.update") == []


def test_a_company_attendee_with_her_own_account_is_invited_to_meetings_in_her_language(organiser):
    day = MeetingDay(organiser)
    UserFactory(email=ANA, language="fr")
    attendee = Attendee.objects.get(registration__organization=day.companies[0].organization)
    change_attendee_email(attendee, acting_user=organiser, email=ANA)
    meetings.book_meeting(day.accepted(0, 1), acting_user=organiser, slot=day.slots[2], table=day.tables[1])

    meetings.publish_schedule(day.grid, acting_user=organiser)

    (invitation,) = OutboundEmail.objects.filter(kind="invitation.request", to=ANA)
    assert invitation.language == "fr"
    assert invitation.subject == f"Invitation{NBSP}: Rendez-vous avec Delegate 1"
