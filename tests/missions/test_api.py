import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from rest_framework.authtoken.models import Token

from events.missions.models import Mission, Sector
from tests.factories import (
    DelegateFactory,
    DelegationFactory,
    MissionFactory,
    OrganizationFactory,
    ProcurementPriorityFactory,
    SessionFactory,
    StopFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


def test_anonymous_sees_published_missions_only(api_client):
    MissionFactory(slug="published")
    MissionFactory(slug="draft", status=Mission.Status.DRAFT)

    listing = api_client.get("/api/v1/missions/")
    draft = api_client.get("/api/v1/missions/draft/")

    assert [m["slug"] for m in listing.json()["results"]] == ["published"]
    assert draft.status_code == 404


def test_organiser_sees_own_drafts_but_not_others(api_client, organiser):
    own = MissionFactory(slug="own-draft", status=Mission.Status.DRAFT)
    own.organisers.add(organiser)
    MissionFactory(slug="other-draft", status=Mission.Status.DRAFT)
    api_client.force_authenticate(organiser)

    listing = api_client.get("/api/v1/missions/")

    assert [m["slug"] for m in listing.json()["results"]] == ["own-draft"]


def test_anonymous_cannot_write(api_client):
    response = api_client.post("/api/v1/missions/", {"title": "x"}, format="json")

    assert response.status_code in (401, 403)


def test_organiser_creates_a_mission_and_becomes_its_organiser(organiser_client, organiser):
    response = organiser_client.post(
        "/api/v1/missions/",
        {
            "title": "Dakhla Connect B2B day",
            "slug": "dakhla-connect",
            "kind": "b2b_matchmaking",
            "start_date": "2027-03-03",
            "end_date": "2027-03-03",
            "time_zone": "Africa/Casablanca",
            "sectors": ["handicrafts", "fisheries-aquaculture"],
        },
        format="json",
    )

    mission = Mission.objects.get(slug="dakhla-connect")
    assert response.status_code == 201
    assert response.json()["status"] == "draft"
    assert list(mission.organisers.all()) == [organiser]
    assert sorted(mission.sectors.values_list("slug", flat=True)) == ["fisheries-aquaculture", "handicrafts"]


def test_user_without_the_right_cannot_create_missions(api_client, user):
    api_client.force_authenticate(user)

    response = api_client.post(
        "/api/v1/missions/",
        {
            "title": "x",
            "slug": "x",
            "kind": "summit",
            "start_date": "2027-01-01",
            "end_date": "2027-01-01",
            "time_zone": "UTC",
        },
        format="json",
    )

    assert response.status_code == 403
    assert Mission.objects.count() == 0


def test_organiser_of_one_mission_cannot_change_another(organiser_client, own_mission):
    other = MissionFactory(slug="someone-elses")
    other_stop = StopFactory(mission=other)
    other_session = SessionFactory(stop=other_stop)
    other_delegate = DelegateFactory(delegation=DelegationFactory(mission=other))

    responses = [
        organiser_client.patch(f"/api/v1/missions/{other.slug}/", {"title": "Hijacked"}, format="json"),
        organiser_client.patch(f"/api/v1/stops/{other_stop.pk}/", {"city": "Hijacked"}, format="json"),
        organiser_client.patch(f"/api/v1/sessions/{other_session.pk}/", {"title": "Hijacked"}, format="json"),
        organiser_client.patch(f"/api/v1/delegates/{other_delegate.pk}/", {"full_name": "Hijacked"}, format="json"),
        organiser_client.delete(f"/api/v1/sessions/{other_session.pk}/"),
        organiser_client.post("/api/v1/stops/", {"mission": other.pk, "city": "X"}, format="json"),
    ]

    assert [r.status_code for r in responses] == [403, 403, 403, 403, 403, 400]
    other.refresh_from_db()
    assert other.title != "Hijacked"
    assert other_stop.sessions.count() == 1


def test_session_without_offset_is_read_in_the_stops_time_zone(organiser_client, own_mission):
    austin = own_mission.stops.get()

    response = organiser_client.post(
        "/api/v1/sessions/",
        {
            "stop": austin.pk,
            "kind": "business_briefing",
            "title": "Briefing",
            "starts_at": "2027-02-13T09:00:00",
            "ends_at": "2027-02-13T12:00:00",
        },
        format="json",
    )

    body = response.json()
    assert response.status_code == 201
    assert body["starts_at"] == "2027-02-13T15:00:00Z"
    assert body["local_starts_at"] == "2027-02-13T09:00:00-06:00"
    assert body["time_zone"] == "America/Chicago"


def test_delegate_email_is_shown_to_organisers_only(api_client, organiser, own_mission):
    DelegateFactory(delegation=DelegationFactory(mission=own_mission), email="sg@digital.example.ma")

    public = api_client.get("/api/v1/delegates/").json()["results"][0]
    api_client.force_authenticate(organiser)
    private = api_client.get("/api/v1/delegates/").json()["results"][0]

    assert "email" not in public
    assert private["email"] == "sg@digital.example.ma"


def test_delegate_added_with_email_can_sign_in_by_code(organiser_client, own_mission):
    delegation = DelegationFactory(mission=own_mission)

    organiser_client.post(
        "/api/v1/delegates/",
        {"delegation": delegation.pk, "full_name": "Amina Idrissi", "email": "amina@digital.example.ma"},
        format="json",
    )

    delegate = delegation.delegates.get()
    assert delegate.user.email == "amina@digital.example.ma"
    assert delegate.user.emailaddress_set.get().verified is True
    assert delegate.user.has_usable_password() is False


def test_filters_narrow_every_list(api_client):
    MissionFactory(slug="summit", kind="summit")
    rtm = MissionFactory(slug="rtm")
    rtm.sectors.add(Sector.objects.get(slug="cybersecurity"))
    austin = StopFactory(mission=rtm)
    SessionFactory(stop=austin, kind="site_visit", title="IBM")
    SessionFactory(stop=austin, kind="business_briefing", title="Briefing")
    delegation = DelegationFactory(mission=rtm)
    DelegateFactory(delegation=delegation, role="head", full_name="Head")
    DelegateFactory(delegation=delegation, full_name="Member")
    OrganizationFactory(slug="ibm", name="IBM", kind="company")
    OrganizationFactory(slug="ustda", name="USTDA", kind="sponsor")

    def names(url, key="slug"):
        return sorted(item[key] for item in api_client.get(url).json()["results"])

    assert names("/api/v1/missions/?kind=summit") == ["summit"]
    assert names("/api/v1/missions/?sector=cybersecurity") == ["rtm"]
    assert names("/api/v1/missions/?country=us") == ["rtm"]
    assert names(f"/api/v1/sessions/?mission={rtm.pk}&kind=site_visit", "title") == ["IBM"]
    assert names("/api/v1/delegates/?role=head", "full_name") == ["Head"]
    assert names("/api/v1/organizations/?kind=sponsor") == ["ustda"]


def test_token_authentication_works_from_a_script(api_client, organiser, own_mission):
    token = Token.objects.create(user=organiser)

    response = api_client.patch(
        f"/api/v1/missions/{own_mission.slug}/",
        {"status": "published"},
        format="json",
        headers={"Authorization": f"Token {token.key}"},
    )

    assert response.status_code == 200
    assert response.json()["status"] == "published"


def test_schema_and_docs_are_served(client):
    schema = client.get("/api/schema/")
    docs = client.get("/api/docs/")

    assert schema.status_code == 200
    assert b"/api/v1/missions/" in schema.content
    assert docs.status_code == 200


def _grow(mission, size):
    delegation = DelegationFactory(mission=mission)
    for _ in range(size):
        stop = StopFactory(mission=mission)
        SessionFactory(stop=stop)
        DelegateFactory(delegation=delegation)
        ProcurementPriorityFactory(delegation=delegation)
        OrganizationFactory()
        MissionFactory()


@pytest.mark.parametrize(
    "url",
    [
        "/api/v1/missions/",
        "/api/v1/stops/",
        "/api/v1/sessions/",
        "/api/v1/delegations/",
        "/api/v1/delegates/",
        "/api/v1/organizations/",
        "/api/v1/sectors/",
    ],
)
def test_list_query_count_is_flat(api_client, url, django_assert_num_queries):
    mission = MissionFactory()
    _grow(mission, 1)
    api_client.force_authenticate(UserFactory())
    with CaptureQueriesContext(connection) as small:
        assert api_client.get(url).status_code == 200
    _grow(mission, 20)

    with django_assert_num_queries(len(small.captured_queries)):
        assert api_client.get(url).status_code == 200
