"""The scanners' API: a scan is 201 once and 200 when uploaded again; other missions read as not found."""

import uuid

import pytest

from events.checkin import services
from events.registrations.services import register_company
from tests.factories import RepresentativeFactory, briefing_factory

pytestmark = pytest.mark.django_db


def scan(client, session, **body):
    return client.post("/api/v1/check-ins/", {"session": session.pk, **body}, format="json")


def test_a_scan_is_created_once_and_a_re_upload_is_answered_the_same(api_client, door):
    badge = services.issue_badges(door.mission)["ana@lonestar.example"]
    api_client.force_authenticate(door.organiser)
    nonce = uuid.uuid4().hex

    first = scan(api_client, door.session, nonce=nonce, secret=badge.secret.lower())
    again = scan(api_client, door.session, nonce=nonce, secret=badge.secret)
    second = scan(api_client, door.session, nonce=uuid.uuid4().hex, secret=badge.secret)

    assert first.status_code == 201
    assert first.json()["outcome"] == "checked_in"
    assert first.json()["person"] == {"name": "Ana Ruiz", "organization": "Lone Star Cloud", "role": "attendee"}
    assert (again.status_code, again.json()["replayed"], again.json()["outcome"]) == (200, True, "checked_in")
    assert (second.status_code, second.json()["outcome"]) == (201, "already_checked_in")
    assert second.json()["checked_in_at"] == first.json()["checked_in_at"]


def test_a_scanner_of_another_mission_gets_404_and_learns_nothing(api_client, door):
    other = briefing_factory()
    other.stop.mission.organisers.add(door.volunteer)
    api_client.force_authenticate(door.volunteer)

    response = scan(api_client, door.session, nonce=uuid.uuid4().hex, secret="A" * 32)
    listing = api_client.get(f"/api/v1/check-in-lists/{door.session.pk}/")

    assert (response.status_code, listing.status_code) == (404, 404)


def test_bad_scans_get_field_errors(api_client, door):
    api_client.force_authenticate(door.organiser)

    response = scan(api_client, door.session, nonce="bad nonce!", secret="X\nY")

    assert response.status_code == 400
    assert set(response.json()) == {"secret"}


def test_the_check_in_list_counts_and_finds_by_name_in_flat_queries(api_client, door, django_assert_max_num_queries):
    badges = services.issue_badges(door.mission)
    services.check_in(
        door.session, acting_user=door.organiser, nonce="scan-list-01", badge_id=badges["bo@lonestar.example"].pk
    )
    api_client.force_authenticate(door.organiser)

    with django_assert_max_num_queries(9):
        everyone = api_client.get(f"/api/v1/check-in-lists/{door.session.pk}/").json()
    found = api_client.get(f"/api/v1/check-in-lists/{door.session.pk}/", {"q": "lone star"}).json()

    for number in range(10):  # more people, the same queries
        company = RepresentativeFactory()
        register_company(
            door.session,
            acting_user=company.user,
            organization=company.organization,
            attendees=[{"full_name": f"Guest {number}", "email": f"guest{number}@company.example"}],
        )
    services.issue_badges(door.mission)
    with django_assert_max_num_queries(9):
        more = api_client.get(f"/api/v1/check-in-lists/{door.session.pk}/").json()

    assert more["expected"] == 14
    assert (everyone["expected"], everyone["arrived"]) == (4, 1)
    assert sorted(person["name"] for person in found["people"]) == ["Ana Ruiz", "Bo Lee"]
    assert (found["expected"], found["arrived"]) == (4, 1)


def test_a_scan_asks_the_same_few_queries_however_large_the_session(api_client, door, django_assert_max_num_queries):
    api_client.force_authenticate(door.organiser)
    badges = services.issue_badges(door.mission)
    with django_assert_max_num_queries(16):
        scan(api_client, door.session, nonce=uuid.uuid4().hex, secret=badges["ana@lonestar.example"].secret)
    for number in range(30):
        company = RepresentativeFactory()
        register_company(
            door.session,
            acting_user=company.user,
            organization=company.organization,
            attendees=[{"full_name": f"Guest {number}", "email": f"guest{number}@company.example"}],
        )

    with django_assert_max_num_queries(16):
        response = scan(api_client, door.session, nonce=uuid.uuid4().hex, secret=badges["bo@lonestar.example"].secret)

    assert response.json()["outcome"] == "checked_in"
