"""The calendar feed link the agenda page gives: one that works where the site is served, shown whole."""

import re

import pytest
from django.test import override_settings

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

FEED = r"/agenda/feed/[\w-]{43}\.ics"


def feed_box(client):
    client.force_login(UserFactory())
    client.post("/agenda/feed/")
    page = client.get("/agenda/").content.decode()
    return re.search(r'<textarea id="feed-link"[^>]*>([^<]*)</textarea>', page).group(1), page


@override_settings(PUBLIC_SITE_URL="")
def test_without_a_site_url_the_link_is_the_servers_own_address_in_plain_http(client):
    link, page = feed_box(client)

    assert re.fullmatch(rf"http://testserver{FEED}", link)
    assert f'href="webcal://testserver{link.removeprefix("http://testserver")}"' in page
    assert client.get(link.removeprefix("http://testserver")).status_code == 200


@override_settings(PUBLIC_SITE_URL="https://missions.example.org")
def test_with_a_site_url_the_link_is_on_the_public_address(client):
    link, page = feed_box(client)

    assert re.fullmatch(rf"https://missions\.example\.org{FEED}", link)
    assert f'href="webcal://missions.example.org{link.removeprefix("https://missions.example.org")}"' in page


def test_the_link_box_shows_the_whole_address_with_a_copy_button_and_no_inline_script(client):
    link, page = feed_box(client)

    assert re.search(r'<textarea id="feed-link" class="feed-link" readonly rows="2"', page)
    assert re.search(r'<button type="button" data-copy="feed-link"[^>]*>Copy link</button>', page)
    assert '<script src="/static/js/agenda.js" defer></script>' in page
    assert re.findall(r"<script(?![^>]*\bsrc=)[^>]*>", page) == []
    assert re.findall(r'<[^>]*\son[a-z]+="', page) == []
