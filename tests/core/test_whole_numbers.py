"""Numbers typed into a query string or a form: "³", "٣", a number beyond 64 bits are a 400 or ignored, never
a 500 (the API fuzzer found /mission-outcomes/{id}/?stop=<a 20-digit number> crashing on SQLite)."""

import pytest
from django.urls import reverse

from events.core.text import whole_number

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("raw", "expected"),
    [("12", 12), ("0", 0), ("³", None), ("٣", None), ("-1", None), ("1e3", None), (" 1", None), ("", None)],
)
def test_only_ascii_digits_are_a_whole_number(raw, expected):
    assert whole_number(raw) == expected


def test_a_number_beyond_the_database_s_ids_is_none():
    assert whole_number(str(2**63 - 1)) == 2**63 - 1
    assert whole_number(str(2**63)) is None


@pytest.mark.parametrize("capacity", ["³", str(2**70)])
def test_the_capacity_form_says_what_is_wrong_with_a_number_it_cannot_read(client, organiser, capacity):
    from tests.factories import SessionFactory

    session = SessionFactory(capacity=10)
    session.stop.mission.organisers.add(organiser)
    client.force_login(organiser)

    response = client.post(reverse("registrations:capacity", args=[session.pk]), {"capacity": capacity})

    assert response.status_code == 400
    session.refresh_from_db()
    assert session.capacity == 10


@pytest.mark.parametrize("ids", [["³"], [str(2**70)]])
def test_a_bulk_action_ignores_ids_it_cannot_read(client, organiser, ids):
    from tests.factories import SessionFactory

    session = SessionFactory(capacity=10)
    session.stop.mission.organisers.add(organiser)
    client.force_login(organiser)

    response = client.post(reverse("registrations:bulk", args=[session.pk]), {"ids": ids, "action": "confirm"})

    assert response.status_code < 500
