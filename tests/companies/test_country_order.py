"""The country list on the company forms reads in the reader's alphabet: Arabic names in the Arabic
alphabet's order, French names with their accents among their letters."""

import re

import pytest

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

# The Arabic alphabet's order (hija'i); hamza forms of alef count as alef, as dictionaries file them.
ARABIC_ALPHABET = "ابتثجحخدذرزسشصضطظعغفقكلمنهوي"
ALEF_FORMS = str.maketrans("أإآ", "ااا")


def country_names(client, language):
    client.cookies["django_language"] = language
    client.force_login(UserFactory(language=language))
    page = client.get("/company/new/").content.decode()
    select = re.search(r'<select name="country".*?</select>', page, re.DOTALL).group(0)
    return [name for value, name in re.findall(r'<option value="(\w+)"[^>]*>([^<]+)</option>', select)]


def test_arabic_country_names_follow_the_arabic_alphabet(client):
    names = country_names(client, "ar")
    ranks = [ARABIC_ALPHABET.find(name.translate(ALEF_FORMS)[0]) for name in names]

    assert len(names) > 200
    arabic = [rank for rank in ranks if rank >= 0]
    assert len(arabic) > 200
    assert arabic == sorted(arabic)


def test_french_names_keep_their_accented_letters_among_their_letters(client):
    names = country_names(client, "fr")

    assert names.index("Égypte") < names.index("Équateur") < names.index("Espagne") < names.index("Fidji")
    assert names.index("Émirats arabes unis") < names.index("France")
