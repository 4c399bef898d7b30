"""Mail is written in the language a person uses the site in: the switcher and sign-up remember it."""

import pytest

from events.accounts.models import User
from events.notifications.models import OutboundEmail
from events.registrations import services
from tests.factories import RepresentativeFactory, briefing_factory
from tests.support.outbox import sent

pytestmark = pytest.mark.django_db


def test_switching_to_french_makes_the_next_mail_french(client):
    representative = RepresentativeFactory(user__language="en")
    client.force_login(representative.user)

    response = client.post("/i18n/setlang/", {"language": "fr", "next": "/registrations/"})

    assert response.status_code == 302
    representative.user.refresh_from_db()
    assert representative.user.language == "fr"
    registration = services.register_company(
        briefing_factory(),
        acting_user=representative.user,
        organization=representative.organization,
        attendees=[{"full_name": "Amina Haddad", "email": "amina@cloudco.example"}],
    )
    mail = sent(OutboundEmail.objects.get(reference=f"registration:{registration.pk}"))
    assert mail.subject.startswith("Inscription confirmée")


def test_an_unknown_language_changes_nothing_and_a_visitor_only_gets_the_cookie(client):
    user = User.objects.create_user("ann@cloudco.example", language="en")
    client.force_login(user)

    client.post("/i18n/setlang/", {"language": "xx"})
    user.refresh_from_db()
    assert user.language == "en"

    client.logout()
    response = client.post("/i18n/setlang/", {"language": "fr"})
    assert response.cookies["django_language"].value == "fr"


def test_who_signs_up_on_the_french_site_gets_french_mail(client):
    client.post("/i18n/setlang/", {"language": "fr"})

    client.post(
        "/accounts/signup/",
        {"email": "nadia@atlas.example", "password1": "a-long-pass-phrase", "password2": "a-long-pass-phrase"},
    )

    assert User.objects.get(email="nadia@atlas.example").language == "fr"


@pytest.mark.parametrize(("language", "prefix"), [("en", "[Trade missions] "), ("fr", "[Missions commerciales] ")])
def test_the_sign_up_code_mails_subject_is_in_the_sites_language_prefix_included(client, mailoutbox, language, prefix):
    client.post("/i18n/setlang/", {"language": language})

    client.post(
        "/accounts/signup/",
        {"email": "nadia@atlas.example", "password1": "a-long-pass-phrase", "password2": "a-long-pass-phrase"},
    )

    assert mailoutbox[0].subject.startswith(prefix)
    assert mailoutbox[0].subject[len(prefix) :].strip()
