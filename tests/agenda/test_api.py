"""The agenda API: what each person sees, in which time zone, the feed link, and flat query counts."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from events.agenda.models import FeedToken, hash_token
from events.meetings import services as meeting_services
from events.registrations.services import register_company
from tests.factories import DelegateFactory, DelegationFactory, SessionFactory, UserFactory
from tests.meetings.conftest import MeetingDay

CHICAGO = ZoneInfo("America/Chicago")

pytestmark = pytest.mark.django_db


@pytest.fixture
def published(organiser):
    """An Austin meeting afternoon: Company 0 meets Delegate 1 at 15:50 and Company 1 meets Delegate 2, published."""
    day = MeetingDay(organiser)
    meeting_services.book_meeting(day.accepted(0, 1), acting_user=organiser, slot=day.slots[6], table=day.tables[1])
    meeting_services.book_meeting(day.accepted(1, 2), acting_user=organiser, slot=day.slots[6], table=day.tables[2])
    meeting_services.publish_schedule(day.grid, acting_user=organiser)
    return day


@pytest.fixture
def delegate(two_zone_mission):
    """A delegate of the Austin and Silicon Valley mission, with an account."""
    delegation = DelegationFactory(mission=two_zone_mission)
    return DelegateFactory(delegation=delegation, full_name="Omar Tazi", user=UserFactory()).user


def agenda(api_client, user, query=""):
    api_client.force_login(user)
    return api_client.get(f"/api/v1/agenda/{query}")


def meeting_key(day, company):
    meeting = day.grid.meetings.get(version__isnull=False, request__requester=day.company(company))
    return f"meeting-{meeting.uid}"


def test_a_delegate_gets_the_itinerary_and_sessions_in_the_time_of_each_place(api_client, delegate, two_zone_mission):
    austin, valley = two_zone_mission.stops.order_by("order")
    briefing, visit = austin.sessions.get(), valley.sessions.get()

    response = agenda(api_client, delegate)

    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 4
    assert [item["key"] for item in body["results"]] == [
        f"stop-{austin.pk}",
        f"session-{briefing.pk}",
        f"stop-{valley.pk}",
        f"session-{visit.pk}",
    ]
    leg, session, _, site_visit = body["results"]
    assert session == {
        "kind": "session",
        "key": f"session-{briefing.pk}",
        "title": "Public business briefing",
        "zone": "America/Chicago",
        "starts_at": "2027-02-13T15:00:00Z",
        "ends_at": "2027-02-13T18:00:00Z",
        "first_day": None,
        "last_day": None,
        "local_starts_at": "2027-02-13T09:00:00-06:00",
        "local_ends_at": "2027-02-13T12:00:00-06:00",
        "location": "Austin",
        "description": "",
        "mission": "Morocco Digital Economy",
        "counterpart": "",
        "counterpart_details": [],
        "ics_url": f"http://testserver/agenda/items/session-{briefing.pk}.ics",
    }
    assert (leg["kind"], leg["title"], leg["zone"]) == (
        "leg",
        "Austin, Texas, United States of America",
        "America/Chicago",
    )
    assert (leg["first_day"], leg["last_day"]) == ("2027-02-10", "2027-02-14")
    assert (leg["starts_at"], leg["local_starts_at"]) == (None, None)
    assert (site_visit["zone"], site_visit["starts_at"]) == ("America/Los_Angeles", "2027-02-16T18:00:00Z")
    assert (site_visit["local_starts_at"], site_visit["local_ends_at"]) == (
        "2027-02-16T10:00:00-08:00",
        "2027-02-16T12:30:00-08:00",
    )
    assert "viewer_zone" not in session


def test_the_ics_url_downloads_that_item(api_client, delegate):
    item = agenda(api_client, delegate).json()["results"][1]

    download = api_client.get(item["ics_url"])

    assert download.status_code == 200
    assert download["Content-Type"] == "text/calendar; charset=utf-8"
    assert f"UID:{item['key']}@".encode() in download.content


def test_a_time_zone_adds_the_times_there(api_client, delegate):
    results = agenda(api_client, delegate, "?tz=Europe/Paris").json()["results"]

    leg, briefing, _, visit = results
    assert (briefing["viewer_zone"], briefing["viewer_starts_at"], briefing["viewer_ends_at"]) == (
        "Europe/Paris",
        "2027-02-13T16:00:00+01:00",
        "2027-02-13T19:00:00+01:00",
    )
    assert (briefing["local_starts_at"], briefing["zone"]) == ("2027-02-13T09:00:00-06:00", "America/Chicago")
    assert visit["viewer_starts_at"] == "2027-02-16T19:00:00+01:00"
    assert (leg["viewer_zone"], leg["viewer_starts_at"], leg["viewer_ends_at"]) == ("Europe/Paris", None, None)


def test_an_unknown_time_zone_is_a_field_error(api_client, delegate):
    response = agenda(api_client, delegate, "?tz=Mars/Olympus")

    assert response.status_code == 400
    assert response.json() == {
        "tz": ["“Mars/Olympus” is not an IANA time zone; use a name such as America/Chicago or Africa/Casablanca."]
    }


def test_a_delegate_sees_the_meeting_with_the_company_profile(api_client, published):
    response = agenda(api_client, published.delegates[1].user)

    meetings = [item for item in response.json()["results"] if item["kind"] == "meeting"]
    assert meetings == [
        {
            "kind": "meeting",
            "key": meeting_key(published, 0),
            "title": "Company 0",
            "zone": "America/Chicago",
            "starts_at": "2099-02-13T21:50:00Z",
            "ends_at": "2099-02-13T22:10:00Z",
            "first_day": None,
            "last_day": None,
            "local_starts_at": "2099-02-13T15:50:00-06:00",
            "local_ends_at": "2099-02-13T16:10:00-06:00",
            "location": "Table 2, Austin",
            "description": "One-to-one meetings",
            "mission": published.stop.mission.title,
            "counterpart": "Company 0",
            "counterpart_details": ["Austin"],
            "ics_url": f"http://testserver/agenda/items/{meeting_key(published, 0)}.ics",
        }
    ]


def test_a_company_sees_its_meeting_and_the_briefing_it_registered_for(api_client, published):
    representative = published.companies[0]
    briefing = SessionFactory(stop=published.stop, title="Public business briefing", registration_mode="open")
    register_company(
        briefing,
        acting_user=representative.user,
        organization=representative.organization,
        attendees=[{"full_name": representative.user.full_name, "email": representative.user.email}],
    )

    results = agenda(api_client, representative.user).json()["results"]

    assert [(item["kind"], item["title"]) for item in results] == [
        ("session", "Public business briefing"),
        ("meeting", "Delegate 1"),
    ]
    meeting = results[1]
    assert (meeting["counterpart"], meeting["counterpart_details"]) == ("Delegate 1", ["Director"])
    assert (meeting["local_starts_at"], meeting["location"]) == ("2099-02-13T15:50:00-06:00", "Table 2, Austin")


def test_a_company_never_sees_another_companys_meetings(api_client, published):
    first = agenda(api_client, published.companies[0].user).json()["results"]
    second = agenda(api_client, published.companies[1].user).json()["results"]
    third = agenda(api_client, published.companies[2].user).json()["results"]

    assert [item["key"] for item in first] == [meeting_key(published, 0)]
    assert [item["key"] for item in second] == [meeting_key(published, 1)]
    assert third == []


@pytest.mark.parametrize(
    ("method", "url"),
    [
        ("get", "/api/v1/agenda/"),
        ("get", "/api/v1/agenda/feed/"),
        ("post", "/api/v1/agenda/feed/"),
        ("delete", "/api/v1/agenda/feed/"),
    ],
)
def test_anonymous_requests_are_refused(api_client, method, url):
    response = getattr(api_client, method)(url)

    assert response.status_code == 401
    assert FeedToken.objects.count() == 0


def test_without_a_feed_the_state_says_so(api_client, delegate):
    api_client.force_login(delegate)

    response = api_client.get("/api/v1/agenda/feed/")

    assert response.status_code == 200
    assert response.json() == {
        "active": False,
        "created_at": None,
        "last_used_at": None,
        "url": None,
        "webcal_url": None,
    }


def test_creating_a_feed_gives_the_link_once(api_client, delegate):
    api_client.force_login(delegate)

    created = api_client.post("/api/v1/agenda/feed/")
    body = created.json()
    token = body["url"].removeprefix("http://testserver/agenda/feed/").removesuffix(".ics")
    fetched = api_client.get(f"/agenda/feed/{token}.ics")
    state = api_client.get("/api/v1/agenda/feed/").json()

    assert created.status_code == 201
    assert body["webcal_url"] == f"webcal://testserver/agenda/feed/{token}.ics"
    assert (body["active"], body["last_used_at"]) == (True, None)
    assert FeedToken.objects.get(revoked_at__isnull=True).token_hash == hash_token(token)
    assert fetched["Content-Type"] == "text/calendar; charset=utf-8"
    assert (state["active"], state["url"], state["webcal_url"]) == (True, None, None)
    assert state["created_at"] == body["created_at"]
    assert state["last_used_at"] is not None


def test_rotating_and_revoking_kill_the_old_link(api_client, delegate):
    api_client.force_login(delegate)
    first = api_client.post("/api/v1/agenda/feed/").json()["url"].removeprefix("http://testserver")
    second = api_client.post("/api/v1/agenda/feed/").json()["url"].removeprefix("http://testserver")

    assert api_client.get(first).status_code == 404
    assert api_client.get(second).status_code == 200

    revoked = api_client.delete("/api/v1/agenda/feed/")

    assert revoked.status_code == 204
    assert api_client.get(second).status_code == 404
    assert api_client.get("/api/v1/agenda/feed/").json()["active"] is False
    assert api_client.delete("/api/v1/agenda/feed/").status_code == 204


def test_a_feed_link_from_the_api_belongs_to_its_user_only(api_client, delegate, published):
    api_client.force_login(published.delegates[1].user)
    api_client.post("/api/v1/agenda/feed/")
    api_client.force_login(delegate)

    state = api_client.get("/api/v1/agenda/feed/").json()
    api_client.delete("/api/v1/agenda/feed/")

    assert state["active"] is False
    assert FeedToken.objects.get().revoked_at is None


def test_the_query_count_stays_flat_as_the_agenda_grows(api_client, organiser, django_assert_max_num_queries):
    day = MeetingDay(organiser, companies=10, delegates=1, tables=1)
    user = day.delegates[0].user
    requests = [day.accepted(n, 0) for n in range(10)]

    def grow(meetings, sessions):
        for n in meetings:
            meeting_services.book_meeting(requests[n], acting_user=organiser, slot=day.slots[n], table=day.tables[0])
        meeting_services.publish_schedule(day.grid, acting_user=organiser)
        for _ in range(sessions):
            SessionFactory(stop=day.stop, starts_at=dt.datetime(2099, 2, 12, 9, 0, tzinfo=day.stop.zone))

    grow(range(2), 2)
    api_client.force_login(user)
    with CaptureQueriesContext(connection) as small:
        assert api_client.get("/api/v1/agenda/?tz=Europe/Paris").json()["count"] == 5
    grow(range(2, 10), 37)

    with django_assert_max_num_queries(len(small.captured_queries)):
        body = api_client.get("/api/v1/agenda/?tz=Europe/Paris").json()

    assert body["count"] == 50
    assert len(body["results"]) == 50
    assert sum(item["kind"] == "meeting" for item in body["results"]) == 10


def test_a_local_time_of_the_repeated_hour_says_which_pass_it_is(api_client, delegate, two_zone_mission):
    """A helper's agenda read "local_starts_at": "2027-10-31T02:30:00" for a session in Paris that night, which
    happens twice; the sessions API said "+01:00". Local times carry their offset: still the wall clock, now one
    instant."""
    from events.missions.models import Session

    austin = two_zone_mission.stops.order_by("order").first()
    session = austin.sessions.get()
    Session.objects.filter(pk=session.pk).update(
        starts_at=dt.datetime(2027, 11, 7, 1, 30, fold=1, tzinfo=CHICAGO),
        ends_at=dt.datetime(2027, 11, 7, 3, 0, tzinfo=CHICAGO),
    )

    results = agenda(api_client, delegate, "?tz=America/Chicago").json()["results"]
    (briefing,) = [item for item in results if item["key"] == f"session-{session.pk}"]

    assert (briefing["local_starts_at"], briefing["local_ends_at"]) == (
        "2027-11-07T01:30:00-06:00",
        "2027-11-07T03:00:00-06:00",
    )
    assert briefing["viewer_starts_at"] == "2027-11-07T01:30:00-06:00"
