"""Check-in staff: a mission's organisers name people (by their account's address) to check others in at that
mission's doors, and remove them; through the service, the page and the API. Named staff open that
mission's door pages and no other mission's."""

import pytest

from events.checkin import services
from events.checkin.models import CheckInStaff
from events.core.errors import ConflictError, PermissionDeniedError
from tests.factories import UserFactory, briefing_factory

pytestmark = pytest.mark.django_db


def staff_url(mission):
    return f"/manage/missions/{mission.slug}/check-in-staff/"


def remove_url(mission, staff):
    return f"/manage/missions/{mission.slug}/check-in-staff/{staff.pk}/remove/"


def door_url(session):
    return f"/manage/sessions/{session.pk}/door/"


@pytest.fixture
def elsewhere():
    """Another mission's session, organised by someone else."""
    session = briefing_factory(title="Dakhla investor day")
    session.stop.mission.organisers.add(UserFactory(email="other-organiser@agency.example"))
    return session


# The services


def test_naming_someone_twice_is_a_conflict_on_the_email_field(door):
    services.name_check_in_staff(door.mission, acting_user=door.organiser, user=door.volunteer)

    with pytest.raises(ConflictError) as refused:
        services.name_check_in_staff(door.mission, acting_user=door.organiser, user=door.volunteer)

    assert refused.value.field == "email"
    assert CheckInStaff.objects.filter(mission=door.mission).count() == 1


def test_removing_staff_takes_the_door_away(client, door):
    staff = services.name_check_in_staff(door.mission, acting_user=door.organiser, user=door.volunteer)

    services.remove_check_in_staff(staff, acting_user=door.organiser)

    assert not CheckInStaff.objects.exists()
    client.force_login(door.volunteer)
    assert client.get(door_url(door.session)).status_code == 404


def test_only_the_missions_organisers_remove_staff(door, elsewhere):
    staff = services.name_check_in_staff(door.mission, acting_user=door.organiser, user=door.volunteer)
    other_organiser = elsewhere.stop.mission.organisers.get()

    for outsider in (door.volunteer, other_organiser, UserFactory()):
        with pytest.raises(PermissionDeniedError):
            services.remove_check_in_staff(staff, acting_user=outsider)

    assert CheckInStaff.objects.filter(pk=staff.pk).exists()


# The page


def test_named_staff_open_their_missions_door_and_no_other(client, door, elsewhere):
    client.force_login(door.organiser)
    client.post(staff_url(door.mission), {"email": "VOLUNTEER@agency.example"})
    client.force_login(door.volunteer)

    mine = client.get(door_url(door.session))
    other = client.get(door_url(elsewhere))

    assert mine.status_code == 200
    assert other.status_code == 404
    assert client.get(f"/manage/sessions/{elsewhere.pk}/arrivals.csv").status_code == 404


def test_the_page_lists_staff_and_names_one_by_address(client, door):
    client.force_login(door.organiser)

    response = client.post(staff_url(door.mission), {"email": "volunteer@agency.example"}, follow=True)

    assert response.status_code == 200
    assert list(CheckInStaff.objects.values_list("mission", "user")) == [(door.mission.pk, door.volunteer.pk)]
    page = response.content.decode()
    assert "volunteer@agency.example" in page
    assert remove_url(door.mission, CheckInStaff.objects.get()) in page


@pytest.mark.parametrize(
    ("address", "message"),
    [
        ("nobody@nowhere.example", "No account uses this address"),
        ("not an address", "Enter a valid email address"),
        ("", "This field is required"),
        ("volunteer@agency.example", "already checks people in at this mission"),
    ],
)
def test_the_form_says_what_is_wrong_with_the_address(client, door, address, message):
    services.name_check_in_staff(door.mission, acting_user=door.organiser, user=UserFactory(email="x@agency.example"))
    if "already" in message:
        services.name_check_in_staff(door.mission, acting_user=door.organiser, user=door.volunteer)
    before = CheckInStaff.objects.count()
    client.force_login(door.organiser)

    response = client.post(staff_url(door.mission), {"email": address})

    assert response.status_code == 400
    assert message in response.content.decode()
    assert response.context["form"].errors["email"]
    assert CheckInStaff.objects.count() == before


def test_remove_asks_first_then_removes_on_post(client, door):
    staff = services.name_check_in_staff(door.mission, acting_user=door.organiser, user=door.volunteer)
    client.force_login(door.organiser)

    question = client.get(remove_url(door.mission, staff))
    assert question.status_code == 200
    assert "Yes, remove them" in question.content.decode()
    assert CheckInStaff.objects.filter(pk=staff.pk).exists()

    response = client.post(remove_url(door.mission, staff))

    assert response.status_code == 302
    assert response["Location"] == staff_url(door.mission)
    assert not CheckInStaff.objects.filter(pk=staff.pk).exists()


def test_the_pages_are_not_found_for_anyone_but_the_missions_organisers(client, door, elsewhere):
    staff = services.name_check_in_staff(door.mission, acting_user=door.organiser, user=door.volunteer)
    other_organiser = elsewhere.stop.mission.organisers.get()

    for outsider in (door.volunteer, other_organiser, door.company.user, UserFactory()):
        client.force_login(outsider)
        assert client.get(staff_url(door.mission)).status_code == 404
        assert client.post(staff_url(door.mission), {"email": outsider.email}).status_code == 404
        assert client.get(remove_url(door.mission, staff)).status_code == 404
        assert client.post(remove_url(door.mission, staff)).status_code == 404
    assert list(CheckInStaff.objects.values_list("user", flat=True)) == [door.volunteer.pk]
    # Another mission's staff member is not found through this mission's page either.
    other = services.name_check_in_staff(
        elsewhere.stop.mission, acting_user=other_organiser, user=UserFactory(email="their@agency.example")
    )
    client.force_login(door.organiser)
    assert client.post(remove_url(door.mission, other)).status_code == 404


def test_the_mission_page_links_organisers_to_the_staff_page(client, door):
    client.force_login(door.organiser)

    page = client.get(f"/missions/{door.mission.slug}/").content.decode()

    assert staff_url(door.mission) in page


# The API

API = "/api/v1/check-in-staff/"


def test_the_api_names_lists_and_removes_staff(api_client, door):
    api_client.force_authenticate(door.organiser)

    named = api_client.post(API, {"mission": door.mission.pk, "email": "Volunteer@Agency.example"}, format="json")
    listed = api_client.get(API, {"mission": door.mission.pk})

    assert named.status_code == 201, named.json()
    staff_id = named.json()["id"]
    assert named.json() == {
        "id": staff_id,
        "mission": door.mission.pk,
        "email": "volunteer@agency.example",
        "name": door.volunteer.full_name,
    }
    assert listed.json() == [named.json()]
    assert api_client.delete(f"{API}{staff_id}/").status_code == 204
    assert api_client.get(API).json() == []


def test_the_api_puts_each_refusal_on_the_email_field(api_client, door):
    services.name_check_in_staff(door.mission, acting_user=door.organiser, user=door.volunteer)
    api_client.force_authenticate(door.organiser)

    unknown = api_client.post(API, {"mission": door.mission.pk, "email": "nobody@x.example"}, format="json")
    invalid = api_client.post(API, {"mission": door.mission.pk, "email": "not an address"}, format="json")
    twice = api_client.post(API, {"mission": door.mission.pk, "email": "volunteer@agency.example"}, format="json")
    no_mission = api_client.post(API, {"mission": "abc", "email": "volunteer@agency.example"}, format="json")

    assert (unknown.status_code, list(unknown.json())) == (400, ["email"])
    assert (invalid.status_code, list(invalid.json())) == (400, ["email"])
    assert twice.status_code == 409
    assert twice.json()["email"] == ["volunteer@agency.example already checks people in at this mission."]
    assert (no_mission.status_code, list(no_mission.json())) == (400, ["mission"])
    assert CheckInStaff.objects.count() == 1


def test_the_api_is_not_found_for_anyone_but_the_missions_organisers(api_client, door, elsewhere):
    staff = services.name_check_in_staff(door.mission, acting_user=door.organiser, user=door.volunteer)
    other_organiser = elsewhere.stop.mission.organisers.get()

    for outsider in (door.volunteer, other_organiser, UserFactory()):
        api_client.force_authenticate(outsider)
        named = api_client.post(API, {"mission": door.mission.pk, "email": "nobody@x.example"}, format="json")
        # 403 for who organises nothing (before the body is read), 404 for another mission's organiser:
        # either way before the address is looked up.
        assert named.status_code == (404 if outsider == other_organiser else 403)
        assert api_client.get(API, {"mission": door.mission.pk}).status_code == 404
        assert api_client.get(API).json() == []
        assert api_client.delete(f"{API}{staff.pk}/").status_code == (404 if outsider == other_organiser else 403)
    api_client.force_authenticate(None)
    assert api_client.get(API).status_code in (401, 403)
    assert CheckInStaff.objects.filter(pk=staff.pk).exists()


@pytest.mark.parametrize("size", [1, 20])
def test_the_api_list_costs_the_same_queries_for_1_or_20_staff(api_client, door, size, django_assert_num_queries):
    for _n in range(size):
        services.name_check_in_staff(door.mission, acting_user=door.organiser, user=UserFactory())
    api_client.force_authenticate(door.organiser)

    with django_assert_num_queries(2):
        response = api_client.get(API, {"mission": door.mission.pk})

    assert len(response.json()) == size


def test_staff_named_through_the_api_read_their_missions_list_and_no_other(api_client, door, elsewhere):
    api_client.force_authenticate(door.organiser)
    api_client.post(API, {"mission": door.mission.pk, "email": "volunteer@agency.example"}, format="json")
    api_client.force_authenticate(door.volunteer)

    mine = api_client.get(f"/api/v1/check-in-lists/{door.session.pk}/")
    other = api_client.get(f"/api/v1/check-in-lists/{elsewhere.pk}/")
    scan = {"session": elsewhere.pk, "nonce": "volunteer-scan-1", "secret": "A" * 32}

    assert mine.status_code == 200
    assert mine.json()["session"] == door.session.pk
    assert other.status_code == 404
    assert api_client.post("/api/v1/check-ins/", scan, format="json").status_code == 404


def test_the_door_page_links_organisers_not_staff_to_the_staff_page(client, door):
    services.name_check_in_staff(door.mission, acting_user=door.organiser, user=door.volunteer)

    pages = {}
    for user in (door.organiser, door.volunteer):
        client.force_login(user)
        pages[user] = client.get(door_url(door.session)).content.decode()

    assert staff_url(door.mission) in pages[door.organiser]
    assert staff_url(door.mission) not in pages[door.volunteer]
