"""Issue 9, case 3: a local time the clocks skip, or repeat, is refused where it enters, naming the transition."""

import datetime as dt

import pytest

from events.missions.forms import SessionForm
from events.missions.models import Session
from tests.factories import MissionFactory, SessionFactory, StopFactory, UserFactory

pytestmark = pytest.mark.django_db

SKIPPED = "02:30 on 14 March 2027 does not exist in America/Chicago: clocks go from 02:00 to 03:00."


@pytest.fixture
def chicago(organiser):
    mission = MissionFactory(start_date=dt.date(2027, 3, 1), end_date=dt.date(2027, 11, 30))
    mission.organisers.add(organiser)
    return StopFactory(mission=mission, time_zone="America/Chicago")


def post_session(client, stop, starts_at, ends_at):
    return client.post(
        "/api/v1/sessions/",
        {"stop": stop.pk, "kind": "business_briefing", "title": "Briefing", "starts_at": starts_at, "ends_at": ends_at},
        format="json",
    )


def test_the_api_refuses_a_time_the_clocks_skip(api_client, organiser, chicago):
    api_client.force_authenticate(organiser)

    response = post_session(api_client, chicago, "2027-03-14T02:30:00", "2027-03-14T04:00:00")

    assert response.status_code == 400
    assert response.json()["starts_at"] == [SKIPPED]
    assert Session.objects.count() == 0


def test_the_api_refuses_a_repeated_time_without_an_offset(api_client, organiser, chicago):
    api_client.force_authenticate(organiser)

    response = post_session(api_client, chicago, "2027-11-07T01:30:00", "2027-11-07T03:00:00")

    assert response.status_code == 400
    assert response.json()["starts_at"] == [
        "01:30 on 7 November 2027 happens twice in America/Chicago: clocks go back from 02:00 to 01:00. "
        "Give the UTC offset to say which: 2027-11-07T01:30:00-05:00 or 2027-11-07T01:30:00-06:00."
    ]


def test_an_offset_says_which_repeated_time_is_meant_and_it_is_kept(api_client, organiser, chicago):
    api_client.force_authenticate(organiser)

    created = post_session(api_client, chicago, "2027-11-07T01:30:00-06:00", "2027-11-07T03:00:00")
    fetched = api_client.get(f"/api/v1/sessions/{created.json()['id']}/")

    assert created.status_code == 201
    assert fetched.json()["local_starts_at"] == "2027-11-07T01:30:00-06:00"
    assert fetched.json()["starts_at"] == "2027-11-07T07:30:00Z"
    assert Session.objects.get().wall_clock["starts_at"] == "2027-11-07T01:30:00|fold"


def test_a_patch_into_the_skipped_hour_changes_nothing(api_client, organiser, chicago):
    api_client.force_authenticate(organiser)
    created = post_session(api_client, chicago, "2027-03-14T09:00:00", "2027-03-14T10:00:00").json()

    response = api_client.patch(f"/api/v1/sessions/{created['id']}/", {"starts_at": "2027-03-14T02:30"}, format="json")

    assert response.status_code == 400
    assert response.json()["starts_at"] == [SKIPPED]
    assert Session.objects.get().starts_at == dt.datetime(2027, 3, 14, 14, 0, tzinfo=dt.UTC)


def test_the_session_form_and_so_the_admin_refuses_a_time_the_clocks_skip(chicago):
    form = SessionForm(
        data={
            "stop": chicago.pk,
            "kind": "site_visit",
            "title": "Dell",
            "starts_at": "2027-03-14T02:30",
            "ends_at": "2027-03-14T04:00",
            "registration_mode": "none",
            "audience": "delegation",
        }
    )

    assert not form.is_valid()
    assert form.errors["starts_at"] == [SKIPPED]


def test_the_admin_page_shows_the_transition(client, chicago):
    client.force_login(UserFactory(is_staff=True, is_superuser=True))

    page = client.post(
        "/admin/missions/session/add/",
        {
            "stop": chicago.pk,
            "kind": "site_visit",
            "title": "Dell",
            "starts_at": "2027-03-14T02:30",
            "ends_at": "2027-03-14T04:00",
            "registration_mode": "none",
            "audience": "delegation",
        },
    )

    assert page.status_code == 200
    assert "clocks go from 02:00 to 03:00" in page.content.decode()
    assert Session.objects.count() == 0


@pytest.mark.parametrize(
    ("zone", "starts_at", "ends_at"),
    [
        ("America/Chicago", "9999-12-31T20:00:00", "9999-12-31T21:00:00"),
        ("Asia/Tokyo", "0001-01-01T00:00:00", "0001-01-01T01:00:00"),
    ],
)
def test_a_time_beyond_the_calendar_is_a_field_error_not_a_500(
    api_client, organiser, chicago, zone, starts_at, ends_at
):
    chicago.time_zone = zone
    chicago.save()
    api_client.force_authenticate(organiser)

    response = post_session(api_client, chicago, starts_at, ends_at)

    assert response.status_code == 400
    assert response.json()["starts_at"] == [f"{starts_at} is too far in the past or the future to be planned here."]


def test_the_session_form_says_which_repeated_time_is_meant(chicago):
    form = SessionForm(
        data={
            "stop": chicago.pk,
            "kind": "site_visit",
            "title": "Dell",
            "starts_at": "2027-11-07T01:30",
            "ends_at": "2027-11-07T03:00",
            "repeated_hour": "1",
            "registration_mode": "none",
            "audience": "delegation",
        }
    )

    assert form.is_valid(), form.errors
    assert form.save().starts_at == dt.datetime(2027, 11, 7, 7, 30, tzinfo=dt.UTC)


# The clocks go back in Paris on 31 October 2027: 02:00 to 02:59 happens twice, first at +02:00, then at +01:00.
# (Morocco, since tzdata 2026f, keeps +00 all year: it has no repeated hour left to plan in.)


@pytest.fixture
def paris(organiser):
    mission = MissionFactory(start_date=dt.date(2027, 10, 25), end_date=dt.date(2027, 11, 5))
    mission.organisers.add(organiser)
    return StopFactory(mission=mission, city="Paris", time_zone="Europe/Paris")


def admin_post(client, stop, path, **fields):
    data = {
        "stop": stop.pk,
        "kind": "site_visit",
        "title_en": "Port visit",
        "starts_at": "2027-10-31T02:30",
        "ends_at": "2027-10-31T04:00",
        "registration_mode": "none",
        "audience": "delegation",
        **fields,
    }
    return client.post(path, data)


def test_the_admin_says_where_to_choose_which_repeated_time_is_meant(client, paris):
    client.force_login(UserFactory(is_staff=True, is_superuser=True))

    page = admin_post(client, paris, "/admin/missions/session/add/")

    assert page.status_code == 200
    assert page.context["adminform"].form.errors["starts_at"] == [
        "02:30 on 31 October 2027 happens twice in Europe/Paris: clocks go back from 03:00 to 02:00. "
        "Say which under “if a time happens twice”."
    ]
    assert Session.objects.count() == 0


def test_a_session_in_the_second_pass_opens_with_its_choice_and_saves_unchanged(client, paris):
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    admin_post(client, paris, "/admin/missions/session/add/", repeated_hour="1")
    session = Session.objects.get()
    assert session.starts_at == dt.datetime(2027, 10, 31, 1, 30, tzinfo=dt.UTC)  # +01:00, after the clocks went back
    path = f"/admin/missions/session/{session.pk}/change/"

    form = client.get(path).context["adminform"].form
    assert (form.initial["starts_at"].isoformat(), form.initial["repeated_hour"]) == ("2027-10-31T02:30:00", 1)

    saved = admin_post(client, paris, path, title_en="Port visit, Le Havre", repeated_hour="1")
    assert saved.status_code == 302
    session.refresh_from_db()
    assert (session.title, session.starts_at) == (
        "Port visit, Le Havre",
        dt.datetime(2027, 10, 31, 1, 30, tzinfo=dt.UTC),
    )


# A stop's new zone keeps every local time planned there: one the new zone skips or repeats is refused.


@pytest.mark.parametrize(
    ("wall", "reason"),
    [
        ("2027-03-14T02:30", SKIPPED),
        (
            "2027-11-07T01:30",
            "01:30 on 7 November 2027 happens twice in America/Chicago: clocks go back from 02:00 to 01:00. "
            "Give the UTC offset to say which: 2027-11-07T01:30:00-05:00 or 2027-11-07T01:30:00-06:00.",
        ),
    ],
)
def test_a_new_zone_that_skips_or_repeats_a_planned_time_is_refused_and_nothing_changes(
    api_client, organiser, wall, reason
):
    mission = MissionFactory(start_date=dt.date(2027, 3, 1), end_date=dt.date(2027, 11, 30))
    mission.organisers.add(organiser)
    tokyo = StopFactory(mission=mission, city="Tokyo", country="JP", time_zone="Asia/Tokyo")
    starts_at = dt.datetime.fromisoformat(wall).replace(tzinfo=tokyo.zone)
    session = SessionFactory(
        stop=tokyo, title="Night market", starts_at=starts_at, ends_at=starts_at + dt.timedelta(hours=3)
    )
    api_client.force_authenticate(organiser)

    response = api_client.patch(f"/api/v1/stops/{tokyo.pk}/", {"time_zone": "America/Chicago"}, format="json")

    assert response.status_code == 400
    assert response.json()["time_zone"] == [f"“Night market” cannot keep its local time in the new zone: {reason}"]
    session.refresh_from_db()
    tokyo.refresh_from_db()
    assert (tokyo.time_zone, session.starts_at, session.wall_clock["zone"]) == ("Asia/Tokyo", starts_at, "Asia/Tokyo")


def test_a_session_moved_to_a_stop_in_another_zone_keeps_its_local_times(api_client, organiser, chicago):
    """A helper moved a 01:30 session from Phoenix to Denver through the API: it became 02:30 there, the instant
    kept and the planned time lost, and its attendees were mailed the new hour; the admin kept 01:30. A time
    planned at a place is its wall-clock time there, in the API as in the admin."""
    api_client.force_authenticate(organiser)
    denver = StopFactory(mission=chicago.mission, time_zone="America/Denver")
    created = post_session(api_client, chicago, "2027-04-14T09:00:00", "2027-04-14T10:30:00").json()

    moved = api_client.patch(f"/api/v1/sessions/{created['id']}/", {"stop": denver.pk}, format="json")

    assert moved.status_code == 200, moved.json()
    assert (moved.json()["local_starts_at"], moved.json()["local_ends_at"]) == (
        "2027-04-14T09:00:00-06:00",
        "2027-04-14T10:30:00-06:00",
    )


def test_a_session_moved_to_a_stop_where_its_time_does_not_exist_is_refused(api_client, organiser, chicago):
    api_client.force_authenticate(organiser)
    london = StopFactory(mission=chicago.mission, time_zone="Europe/London")
    created = post_session(api_client, chicago, "2027-03-28T01:30:00", "2027-03-28T03:00:00").json()

    moved = api_client.patch(f"/api/v1/sessions/{created['id']}/", {"stop": london.pk}, format="json")

    assert moved.status_code == 400
    assert "does not exist in Europe/London" in moved.json()["stop"][0]
    assert Session.objects.get(pk=created["id"]).stop_id == chicago.pk


def test_a_session_moved_to_another_zone_with_new_times_is_read_with_those_times(api_client, organiser, chicago):
    """A helper moved a 01:30 session into a zone where 01:30 happens twice, giving the offset the refusal asked
    for in the same request: refused all the same, the check reading the old start, not the one given."""
    api_client.force_authenticate(organiser)
    phoenix = StopFactory(mission=chicago.mission, time_zone="America/Phoenix")
    created = post_session(api_client, phoenix, "2027-11-07T01:30:00", "2027-11-07T03:00:00").json()

    moved = api_client.patch(
        f"/api/v1/sessions/{created['id']}/",
        {"stop": chicago.pk, "starts_at": "2027-11-07T01:30:00-06:00", "ends_at": "2027-11-07T03:00:00"},
        format="json",
    )

    assert moved.status_code == 200, moved.json()
    assert moved.json()["local_starts_at"] == "2027-11-07T01:30:00-06:00"
