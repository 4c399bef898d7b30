import datetime as dt
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from events.missions.models import Mission
from tests.factories import DelegateFactory, DelegationFactory, MissionFactory, SessionFactory, StopFactory

pytestmark = pytest.mark.django_db


def test_home_lists_published_missions_only(client):
    MissionFactory(title="Published mission")
    MissionFactory(title="Secret draft", status=Mission.Status.DRAFT)

    response = client.get(reverse("missions:home"))

    assert response.status_code == 200
    assert "Published mission" in response.text
    assert "Secret draft" not in response.text


def test_mission_page_shows_each_stop_in_its_local_time_with_the_zone(client, two_zone_mission):
    response = client.get(reverse("missions:detail", args=[two_zone_mission.slug]))

    assert response.status_code == 200
    assert '<bdi dir="ltr">09:00–12:00</bdi></time>' in response.text
    assert "CST" in response.text
    assert "(America/Chicago)" in response.text
    assert '<bdi dir="ltr">10:00–12:30</bdi></time>' in response.text
    assert "PST" in response.text
    assert "(America/Los_Angeles)" in response.text


def test_mission_page_lists_the_head_of_delegation_first(client, two_zone_mission):
    delegation = DelegationFactory(mission=two_zone_mission)
    DelegateFactory(delegation=delegation, full_name="Aaron Member")
    DelegateFactory(delegation=delegation, full_name="Zineb Head", role="head")

    response = client.get(reverse("missions:detail", args=[two_zone_mission.slug]))

    assert response.text.index("Zineb Head") < response.text.index("Aaron Member")


def test_draft_mission_page_is_hidden_from_the_public_and_shown_to_its_organiser(client, user):
    draft = MissionFactory(status=Mission.Status.DRAFT)
    url = reverse("missions:detail", args=[draft.slug])

    anonymous = client.get(url)
    draft.organisers.add(user)
    client.force_login(user)
    organiser = client.get(url)

    assert anonymous.status_code == 404
    assert organiser.status_code == 200
    assert "You organise this mission." in organiser.text


def test_mission_page_query_count_stays_flat_as_the_programme_grows(
    client, two_zone_mission, django_assert_max_num_queries
):
    stop = two_zone_mission.stops.first()
    url = reverse("missions:detail", args=[two_zone_mission.slug])
    with django_assert_max_num_queries(12):
        client.get(url)
    SessionFactory.create_batch(
        20, stop=stop, registration_mode="open", registration_closes_at=dt.datetime(2027, 2, 1, tzinfo=dt.UTC)
    )
    DelegateFactory.create_batch(15, delegation=DelegationFactory(mission=two_zone_mission))

    with django_assert_max_num_queries(12):
        response = client.get(url)

    assert response.status_code == 200


def test_mission_page_offers_registration_only_for_sessions_open_now(client):
    stop = StopFactory(mission=MissionFactory(start_date=dt.date(2099, 2, 10), end_date=dt.date(2099, 2, 21)))
    now = timezone.now()
    open_now = SessionFactory(stop=stop, registration_mode="open")
    SessionFactory(stop=stop, registration_mode="open", registration_opens_at=now + dt.timedelta(days=1))
    SessionFactory(stop=stop, registration_mode="open", registration_closes_at=now - dt.timedelta(days=1))
    SessionFactory(stop=stop)
    register = reverse("registrations:register", args=[stop.mission.slug])

    response = client.get(reverse("missions:detail", args=[stop.mission.slug]))

    offered = [pk for pk in stop.sessions.values_list("pk", flat=True) if f"{register}?session={pk}" in response.text]
    assert offered == [open_now.pk]
    assert "Register your company" in response.text


def registration_windows(page):
    return re.findall(r'<p class="registration-window">(.*?)</p>', page)


@pytest.fixture
def chicago_stop():
    return StopFactory(
        mission=MissionFactory(start_date=dt.date(2099, 2, 10), end_date=dt.date(2099, 2, 21)),
        time_zone="America/Chicago",
    )


def test_mission_page_shows_the_registration_deadline_in_the_stops_local_time(client, chicago_stop):
    # 03:00 UTC on the 6th is still the evening of the 5th in Chicago.
    SessionFactory(
        stop=chicago_stop, registration_mode="open", registration_closes_at=dt.datetime(2099, 2, 6, 3, 0, tzinfo=dt.UTC)
    )

    response = client.get(reverse("missions:detail", args=[chicago_stop.mission.slug]))

    assert registration_windows(response.text) == [
        "Registration closes Thursday 5 February 2099, 21:00 CST (America/Chicago)"
    ]


def test_mission_page_says_when_registration_opens_before_it_does(client, chicago_stop):
    SessionFactory(
        stop=chicago_stop,
        registration_mode="approval",
        registration_opens_at=dt.datetime(2099, 1, 20, 15, 0, tzinfo=dt.UTC),
        registration_closes_at=dt.datetime(2099, 2, 6, 3, 0, tzinfo=dt.UTC),
    )

    response = client.get(reverse("missions:detail", args=[chicago_stop.mission.slug]))

    assert registration_windows(response.text) == [
        "Registration opens Tuesday 20 January 2099, 09:00 CST (America/Chicago)",
        "Registration closes Thursday 5 February 2099, 21:00 CST (America/Chicago)",
    ]


def test_mission_page_says_when_registration_closed(client, chicago_stop):
    SessionFactory(
        stop=chicago_stop,
        registration_mode="open",
        registration_opens_at=dt.datetime(2020, 1, 6, 15, 0, tzinfo=dt.UTC),
        registration_closes_at=dt.datetime(2020, 1, 10, 23, 0, tzinfo=dt.UTC),
    )

    response = client.get(reverse("missions:detail", args=[chicago_stop.mission.slug]))

    assert registration_windows(response.text) == [
        "Registration closed Friday 10 January 2020, 17:00 CST (America/Chicago)"
    ]


def test_mission_page_shows_no_deadline_for_a_session_without_registration(client, chicago_stop):
    SessionFactory(stop=chicago_stop, registration_closes_at=dt.datetime(2099, 2, 6, 3, 0, tzinfo=dt.UTC))
    SessionFactory(stop=chicago_stop, registration_mode="open")

    response = client.get(reverse("missions:detail", args=[chicago_stop.mission.slug]))

    assert registration_windows(response.text) == []


def test_mission_page_shows_the_registration_deadline_in_french(client, chicago_stop):
    SessionFactory(
        stop=chicago_stop, registration_mode="open", registration_closes_at=dt.datetime(2099, 2, 6, 3, 0, tzinfo=dt.UTC)
    )
    client.post(reverse("set_language"), {"language": "fr", "next": "/"})

    response = client.get(reverse("missions:detail", args=[chicago_stop.mission.slug]))

    assert registration_windows(response.text) == [
        "Clôture des inscriptions\u00a0: jeudi 5 février 2099, 21:00 CST (America/Chicago)"
    ]


def test_a_one_day_mission_names_its_day_once(client):
    import datetime as dt

    from tests.factories import MissionFactory, StopFactory

    mission = MissionFactory(status="published", start_date=dt.date(2099, 1, 15), end_date=dt.date(2099, 1, 15))
    StopFactory(mission=mission, start_date=dt.date(2099, 1, 15), end_date=dt.date(2099, 1, 15))

    for page in (client.get("/").content.decode(), client.get(f"/missions/{mission.slug}/").content.decode()):
        assert page.count('<time datetime="2099-01-15">15 January 2099</time>') >= 1
        assert "15 January 2099</time> –" not in page
