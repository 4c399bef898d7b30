"""A person who changes language: a new language is no change to what their calendar holds.

Their calendar was sent entries in the old language; mailing "Updated:" for each of them would say the
events changed when none did. So nothing is mailed, but what is still to come follows the new language:
the pending reminders are written again in it, and the next real change is mailed in it. The same holds
for the attendees whose calendar speaks the language of the representative who registered them.
"""

import datetime as dt

import pytest

from events.accounts.services import set_preferred_language
from events.missions.services import update_session
from events.notifications.models import OutboundEmail
from tests.agenda.test_calendar_lifecycle import ANA, mails, pending_reminders, register, seat
from tests.factories import RepresentativeFactory, SessionFactory

pytestmark = pytest.mark.django_db

NBSP = "\u00a0"


def invitation_mail():
    return list(OutboundEmail.objects.filter(kind__startswith="invitation").values_list("kind", "to"))


def reminder_subjects(to=ANA):
    return sorted(pending_reminders(to).values_list("subject", flat=True))


def test_the_switcher_sends_no_update_and_rewrites_the_reminders_to_come(client, briefing, organiser):
    representative = RepresentativeFactory()
    register(briefing, representative, ANA)
    assert invitation_mail() == [("invitation.request", ANA)]
    assert reminder_subjects() == ["Reminder: Public business briefing"] * 2
    client.force_login(representative.user)

    client.post("/i18n/setlang/", {"language": "fr", "next": "/"})

    assert invitation_mail() == [("invitation.request", ANA)]
    assert reminder_subjects() == [f"Rappel{NBSP}: Public business briefing"] * 2
    assert set(pending_reminders().values_list("language", flat=True)) == {"fr"}
    assert OutboundEmail.objects.filter(kind="reminder", status=OutboundEmail.Status.CANCELLED).count() == 2


def test_the_next_real_change_is_mailed_once_in_the_new_language(briefing, organiser):
    representative = RepresentativeFactory()
    register(briefing, representative, ANA)
    set_preferred_language(representative.user, language="fr")

    update_session(
        briefing,
        acting_user=organiser,
        starts_at=briefing.starts_at + dt.timedelta(hours=1),
        ends_at=briefing.ends_at + dt.timedelta(hours=1),
    )

    (update,) = mails("invitation.update")
    assert (update.language, update.subject) == ("fr", f"Mise à jour{NBSP}: Public business briefing")
    assert reminder_subjects() == [f"Rappel{NBSP}: Public business briefing"] * 2


def test_there_and_back_again_mails_nothing(briefing, organiser):
    representative = RepresentativeFactory()
    register(briefing, representative, ANA)

    set_preferred_language(representative.user, language="ar")
    set_preferred_language(representative.user, language="en")

    assert invitation_mail() == [("invitation.request", ANA)]
    assert reminder_subjects() == ["Reminder: Public business briefing"] * 2


def test_a_delegate_following_the_programme_is_reminded_in_their_new_language(briefing, organiser):
    delegate = seat(briefing.stop.mission, organiser)
    assert reminder_subjects() == ["Reminder: Public business briefing"] * 2

    set_preferred_language(delegate.user, language="fr")

    assert invitation_mail() == []
    assert reminder_subjects() == [f"Rappel{NBSP}: Public business briefing"] * 2


def test_the_same_language_again_rewrites_nothing(briefing, organiser):
    representative = RepresentativeFactory()
    register(briefing, representative, ANA)
    before = OutboundEmail.objects.count()

    set_preferred_language(representative.user, language="en", chosen=True)

    assert OutboundEmail.objects.count() == before


def test_a_later_sync_for_another_reason_mails_only_what_changed(briefing, organiser):
    briefing.title_fr = "Briefing public d'affaires"
    briefing.save()
    other = SessionFactory(
        stop=briefing.stop,
        title="Site visit",
        starts_at=briefing.starts_at + dt.timedelta(days=1),
        ends_at=briefing.ends_at + dt.timedelta(days=1),
        registration_mode="open",
    )
    representative = RepresentativeFactory()
    register(briefing, representative, ANA)
    representative.user.language = "fr"  # as an import or the admin would change it, with no sync
    representative.user.save()

    register(other, representative, ANA)

    assert invitation_mail() == [("invitation.request", ANA)] * 2
    assert [row.subject for row in mails("invitation.request")][1] == f"Invitation{NBSP}: Site visit"
