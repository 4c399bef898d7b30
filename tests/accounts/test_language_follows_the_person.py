"""A signed-in person reads the site in the language their mail, invitations and feed are written in (the
account's language), whichever browser they sign in from; until they choose one, the account follows the
language their browser asks for when they sign in.

A tester chose Arabic, signed in again from a French browser, and read French pages beside an Arabic feed
and Arabic invitations."""

import re

import pytest
from django.core import mail

from events.accounts.models import User
from events.accounts.services import ensure_user_for_email

pytestmark = pytest.mark.django_db

FRENCH_BROWSER = {"Accept-Language": "fr-FR,fr;q=0.9"}


def page_language(response):
    return re.search(r'<html lang="([\w-]+)"', response.content.decode()).group(1)


def sign_in_by_code(client, email, headers):
    client.post("/accounts/login/code/", {"email": email}, headers=headers)
    code = re.search(r"^([A-Z0-9]{4}-[A-Z0-9]{4})$", mail.outbox[-1].body, re.MULTILINE).group(1)
    client.post("/accounts/login/code/confirm/", {"code": code}, headers=headers)


def test_a_chosen_language_follows_the_person_to_another_browser(client):
    person = ensure_user_for_email("amina@digital.example.ma")
    client.force_login(person)
    client.post("/i18n/setlang/", {"language": "ar", "next": "/"})
    client.logout()
    client.cookies.clear()  # another browser: French, and no choice of ours in it

    sign_in_by_code(client, "amina@digital.example.ma", FRENCH_BROWSER)
    page = client.get("/agenda/", headers=FRENCH_BROWSER)

    assert page_language(page) == "ar"
    assert User.objects.get(pk=person.pk).language == "ar"


def test_until_a_person_chooses_their_account_takes_the_language_their_browser_asks_for(client):
    person = ensure_user_for_email("omar@digital.example.ma")  # added by an organiser: English by default

    sign_in_by_code(client, "omar@digital.example.ma", FRENCH_BROWSER)
    page = client.get("/agenda/", headers=FRENCH_BROWSER)

    assert page_language(page) == "fr"
    assert User.objects.get(pk=person.pk).language == "fr"  # and so their mail, invitations and feed


def test_a_choice_made_before_signing_in_is_the_persons_choice(client):
    person = ensure_user_for_email("nadia@digital.example.ma")
    client.force_login(person)
    client.post("/i18n/setlang/", {"language": "fr", "next": "/"})
    client.logout()
    client.post("/i18n/setlang/", {"language": "ar", "next": "/"})  # signed out, in this browser

    sign_in_by_code(client, "nadia@digital.example.ma", FRENCH_BROWSER)

    assert page_language(client.get("/agenda/", headers=FRENCH_BROWSER)) == "ar"
    assert User.objects.get(pk=person.pk).language == "ar"


def test_signing_out_leaves_no_language_for_the_next_person_on_the_same_browser(client):
    """A tester signed out of an Arabic account; the organiser who signed in next on that browser had never
    chosen a language, and their account became Arabic, as if they had chosen it."""
    first = ensure_user_for_email("amina@digital.example.ma")
    client.force_login(first)
    client.post("/i18n/setlang/", {"language": "ar", "next": "/"})
    client.post("/accounts/logout/")
    second = ensure_user_for_email("bruno@organiser.example")

    sign_in_by_code(client, "bruno@organiser.example", FRENCH_BROWSER)

    second.refresh_from_db()
    assert (second.language, second.language_chosen) == ("fr", False)
    assert page_language(client.get("/agenda/", headers=FRENCH_BROWSER)) == "fr"
