"""Issue 12: a representative edits their own name and job title, with errors on the field at fault."""

import re

import pytest

from events.companies import services
from events.core.errors import PermissionDeniedError
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

URL = "/company/you/"


def error_of(page, field):
    found = re.search(rf'<ul class="errorlist" id="id_{field}_error">(.*?)</ul>', page, re.DOTALL)
    return " ".join(re.sub(r"<[^>]+>", " ", found.group(1)).split()) if found else None


def test_a_representative_changes_their_name_and_job_title(client, representative):
    client.force_login(representative.user)

    form = client.get(URL).content.decode()
    response = client.post(URL, {"full_name": "  Ana María Ruiz ", "job_title": "Head of export"}, follow=True)

    assert f'value="{representative.user.full_name}"' in form
    representative.refresh_from_db()
    representative.user.refresh_from_db()
    assert (representative.user.full_name, representative.job_title) == ("Ana María Ruiz", "Head of export")
    assert response.redirect_chain == [("/company/", 302)]
    assert "Your details are saved." in response.content.decode()


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        (
            {"full_name": "Ana\nRuiz", "job_title": "CEO"},
            "full_name",
            "Write this on a single line: remove the line break at position 4.",
        ),
        (
            {"full_name": "Ana Ruiz", "job_title": "CEO\x07"},
            "job_title",
            "Remove the invisible control character U+0007 at position 4.",
        ),
        ({"full_name": "   ", "job_title": "CEO"}, "full_name", "Enter your name."),
        (
            {"full_name": "\u200b\u200f", "job_title": "CEO"},
            "full_name",
            "Write at least one visible character: this holds only spaces or invisible characters.",
        ),
        (
            {"full_name": "A" * 201, "job_title": ""},
            "full_name",
            "Ensure this value has at most 200 characters (it has 201).",
        ),
    ],
)
def test_a_refused_value_is_shown_on_its_field_and_nothing_is_saved(client, representative, data, field, message):
    client.force_login(representative.user)
    before = (representative.user.full_name, representative.job_title)

    response = client.post(URL, data)

    assert response.status_code == 200
    assert error_of(response.content.decode(), field) == message
    representative.refresh_from_db()
    representative.user.refresh_from_db()
    assert (representative.user.full_name, representative.job_title) == before


def test_the_service_refuses_anyone_but_a_representative():
    with pytest.raises(PermissionDeniedError):
        services.update_own_details(acting_user=UserFactory(), full_name="Someone", job_title="")


def test_a_user_without_a_company_is_sent_to_create_one(client):
    client.force_login(UserFactory())

    response = client.get(URL)

    assert (response.status_code, response["Location"]) == (302, "/company/new/?next=%2Fcompany%2Fyou%2F")


def test_the_company_page_links_to_the_details(client, representative):
    client.force_login(representative.user)

    page = client.get("/company/").content.decode()

    assert f'<a href="{URL}">Your name and job title</a>' in page
