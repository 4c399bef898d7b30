"""Bad input through the API: a 400 naming the field, and nothing written."""

import datetime as dt

import pytest

from events.missions.models import Delegate, Mission, Session, Stop
from tests.factories import DelegateFactory, DelegationFactory, SessionFactory, UserFactory

pytestmark = pytest.mark.django_db

MISSION = {
    "title": "Dakhla investor visit",
    "slug": "dakhla-investors",
    "kind": "investor_visit",
    "start_date": "2027-01-25",
    "end_date": "2027-01-28",
    "time_zone": "Africa/Casablanca",
    "sectors": ["renewable-energy", "logistics"],
}


def stop_payload(mission, **changes):
    return {
        "mission": mission.pk,
        "order": 2,
        "city": "San Jose",
        "country": "US",
        "time_zone": "America/Los_Angeles",
        "start_date": "2027-02-15",
        "end_date": "2027-02-21",
        **changes,
    }


def session_payload(stop, **changes):
    return {
        "stop": stop.pk,
        "kind": "business_briefing",
        "title": "Public business briefing",
        "starts_at": "2027-02-13T09:00:00",
        "ends_at": "2027-02-13T12:00:00",
        "registration_mode": "open",
        "capacity": 120,
        **changes,
    }


def test_mission_ending_before_it_starts_is_refused_on_end_date(organiser_client):
    response = organiser_client.post("/api/v1/missions/", {**MISSION, "end_date": "2027-01-20"}, format="json")

    assert response.status_code == 400
    assert response.json()["end_date"] == ["The last day cannot be before the first day."]
    assert Mission.objects.count() == 0


def test_unknown_time_zone_is_refused_on_time_zone(organiser_client):
    response = organiser_client.post("/api/v1/missions/", {**MISSION, "time_zone": "Morocco/Dakhla"}, format="json")

    assert response.status_code == 400
    assert "is not an IANA time zone" in response.json()["time_zone"][0]
    assert Mission.objects.count() == 0


@pytest.mark.parametrize("zone", ["Factory", "Etc/GMT+5", "EST5EDT", "GMT"])
def test_a_zone_that_is_no_place_is_refused_on_time_zone(organiser_client, own_mission, zone):
    """A helper gave a stop the zone "Factory" (in the IANA data, a placeholder whose abbreviation is "-00") and
    another "Etc/GMT+5", which is UTC−5: both were taken, and the programme read "09:00–09:30 -00". A place's zone
    is a region's (Area/Location), or UTC."""
    response = organiser_client.post("/api/v1/stops/", stop_payload(own_mission, time_zone=zone), format="json")

    assert response.status_code == 400
    assert response.json()["time_zone"] == [
        f"“{zone}” is not the time zone of a place; use a name such as America/Chicago or Africa/Casablanca."
    ]
    assert Stop.objects.filter(mission=own_mission).count() == 1


@pytest.mark.parametrize("starts_at", ["2027-02-13T09:00:30", "2027-02-13T09:00:00.5", "2027-02-13T08:00:00.5Z"])
def test_a_planned_time_is_given_to_the_minute(organiser_client, own_mission, starts_at):
    """A helper's session starting at 09:00:00.5 was stored so: every page read 09:00, and the next save of the
    page (which writes minutes) moved it, one revision up and an update to everyone for nothing visible."""
    austin = own_mission.stops.get()

    response = organiser_client.post("/api/v1/sessions/", session_payload(austin, starts_at=starts_at), format="json")

    assert response.status_code == 400
    assert response.json() == {"starts_at": ["Give the time to the minute, without seconds."]}
    assert not Session.objects.filter(title="Public business briefing").exists()


def test_stop_outside_the_mission_dates_is_refused(organiser_client, own_mission):
    response = organiser_client.post("/api/v1/stops/", stop_payload(own_mission, end_date="2027-02-25"), format="json")

    assert response.status_code == 400
    assert response.json()["end_date"] == ["The stop must end on or before the mission's last day (2027-02-21)."]
    assert Stop.objects.filter(mission=own_mission).count() == 1


def test_session_outside_its_stop_in_local_time_is_refused(organiser_client, own_mission):
    austin = own_mission.stops.get()
    organiser_client.patch(f"/api/v1/stops/{austin.pk}/", {"end_date": "2027-02-14"}, format="json")

    # 23:30 on the 14th in Austin is already the 15th in UTC: the local day is what counts.
    inside = organiser_client.post(
        "/api/v1/sessions/",
        session_payload(austin, starts_at="2027-02-14T21:00:00", ends_at="2027-02-14T23:30:00"),
        format="json",
    )
    outside = organiser_client.post(
        "/api/v1/sessions/",
        session_payload(austin, starts_at="2027-02-15T09:00:00", ends_at="2027-02-15T10:00:00"),
        format="json",
    )

    assert inside.status_code == 201
    assert outside.status_code == 400
    assert set(outside.json()) == {"starts_at", "ends_at"}
    assert Session.objects.count() == 1


def test_session_ending_before_it_starts_is_refused_on_ends_at(organiser_client, own_mission):
    austin = own_mission.stops.get()

    response = organiser_client.post(
        "/api/v1/sessions/", session_payload(austin, ends_at="2027-02-13T08:00:00"), format="json"
    )

    assert response.status_code == 400
    assert response.json()["ends_at"] == ["The session must end after it starts."]


def test_shrinking_a_mission_around_its_stops_is_refused(organiser_client, own_mission):
    response = organiser_client.patch(
        f"/api/v1/missions/{own_mission.slug}/", {"end_date": "2027-02-15"}, format="json"
    )

    own_mission.refresh_from_db()
    assert response.status_code == 400
    assert "end_date" in response.json()
    assert str(own_mission.end_date) == "2027-02-21"


def test_second_head_of_delegation_is_refused_on_role(organiser_client, own_mission):
    delegation = DelegationFactory(mission=own_mission)
    DelegateFactory(delegation=delegation, role="head")

    response = organiser_client.post(
        "/api/v1/delegates/",
        {"delegation": delegation.pk, "full_name": "Another Head", "role": "head", "email": "head2@example.ma"},
        format="json",
    )

    assert response.status_code == 400
    assert response.json()["role"] == ["This delegation already has a head of delegation."]
    assert Delegate.objects.filter(delegation=delegation).count() == 1


def test_same_email_twice_on_a_roster_is_refused_on_email(organiser_client, own_mission):
    delegation = DelegationFactory(mission=own_mission)
    DelegateFactory(delegation=delegation, email="amina@example.ma")

    response = organiser_client.post(
        "/api/v1/delegates/",
        {"delegation": delegation.pk, "full_name": "Amina Again", "email": "AMINA@example.ma"},
        format="json",
    )

    assert response.status_code == 400
    assert response.json()["email"] == ["This email address is already on the delegation's roster."]


def test_a_person_on_one_delegation_of_a_mission_is_refused_on_another(organiser_client, own_mission):
    """A helper put " SARAH.LAMRANI@digital.example.ma" on an "Interpreters pool" delegation of a mission where she
    was already a delegate: the mission page listed her twice under two names, one account behind both, and the
    meeting grid kept one of them without a word. One person is one delegate of a mission."""
    sarah = DelegateFactory(
        delegation=DelegationFactory(mission=own_mission, name="Digital economy"),
        full_name="Sarah Lamrani",
        email="sarah.lamrani@digital.example.ma",
    )
    pool = DelegationFactory(mission=own_mission, name="Interpreters pool")

    response = organiser_client.post(
        "/api/v1/delegates/",
        {"delegation": pool.pk, "full_name": "Sara Lamrani-Bis", "email": " SARAH.LAMRANI@digital.example.ma"},
        format="json",
    )
    moved = organiser_client.patch(
        f"/api/v1/delegates/{DelegateFactory(delegation=pool, email='x@example.ma').pk}/",
        {"email": "Sarah.Lamrani@digital.example.ma"},
        format="json",
    )

    message = (
        "SARAH.LAMRANI@digital.example.ma is already a delegate of this mission: Sarah Lamrani, in Digital economy. "
        "One person is one delegate of a mission; change their role there instead."
    )
    assert response.status_code == 400
    assert response.json() == {"email": [message]}
    assert moved.status_code == 400
    assert moved.json() == {"email": [message.replace("SARAH.LAMRANI", "Sarah.Lamrani")]}
    assert (
        list(Delegate.objects.filter(delegation__mission=own_mission).values_list("full_name", flat=True)).count(
            "Sarah Lamrani"
        )
        == 1
    )
    assert not Delegate.objects.filter(full_name="Sara Lamrani-Bis").exists()
    assert Delegate.objects.get(delegation=pool).email == "x@example.ma"
    assert Delegate.objects.get(email__iexact=sarah.email).delegation.name == "Digital economy"


def test_a_person_matched_by_their_account_is_named_by_its_address(organiser, own_mission):
    """A helper gave a roster row with no email the account of a delegate of another delegation: refused, but the
    message began with a blank, " is already a delegate of this mission"."""
    from django.core.exceptions import ValidationError

    from events.missions.services import update_delegate

    sarah = DelegateFactory(
        delegation=DelegationFactory(mission=own_mission, name="Digital economy"),
        full_name="Sarah Lamrani",
        user=UserFactory(email="sarah@digital.example.ma"),
    )
    no_mail = DelegateFactory(delegation=DelegationFactory(mission=own_mission), full_name="No mail", email="")

    with pytest.raises(ValidationError) as refused:
        update_delegate(no_mail, acting_user=organiser, user=sarah.user)

    assert refused.value.message_dict["email"][0].startswith(
        "sarah@digital.example.ma is already a delegate of this mission: Sarah Lamrani, in Digital economy."
    )


def test_unknown_language_code_is_refused_on_languages(organiser_client, own_mission):
    delegation = DelegationFactory(mission=own_mission)

    response = organiser_client.post(
        "/api/v1/delegates/",
        {"delegation": delegation.pk, "full_name": "Amina", "languages": ["ar", "klingon"]},
        format="json",
    )

    assert response.status_code == 400
    assert "klingon" in response.json()["languages"][0]


def test_session_filter_offset_beyond_postgresql_range_reads_in_utc(api_client, two_zone_mission):
    # 1055-06-01T23:00+18:33 is 1055-06-01T04:27 UTC: before every session, and a 200 on PostgreSQL too.
    response = api_client.get("/api/v1/sessions/", {"starts_before": "1055-06-01T23:00:32.87+18:33"})

    assert response.status_code == 200
    assert response.json()["count"] == 0


def test_session_filter_time_before_year_one_in_utc_is_a_400(api_client, two_zone_mission):
    response = api_client.get("/api/v1/sessions/", {"starts_after": "0001-01-01T00:00:00+01:00"})

    assert response.status_code == 400
    assert response.json() == {"starts_after": ["Enter a valid date/time."]}


def test_stop_country_in_superscript_digits_is_a_400(organiser_client, own_mission):
    response = organiser_client.post("/api/v1/stops/", stop_payload(own_mission, country="³"), format="json")

    assert response.status_code == 400
    assert response.json() == {"country": ['"³" is not a valid choice.']}
    assert Stop.objects.filter(mission=own_mission).count() == 1


def test_moving_a_stop_into_another_mission_is_refused_on_mission(organiser_client, own_mission, organiser):
    """The API answered 200 and left the stop where it was."""
    from tests.factories import MissionFactory

    other = MissionFactory()
    other.organisers.add(organiser)
    stop = own_mission.stops.get()

    response = organiser_client.patch(f"/api/v1/stops/{stop.pk}/", {"mission": other.pk}, format="json")

    assert response.status_code == 400
    assert response.json()["mission"] == ["A stop stays in its mission; add a stop to the other mission instead."]
    assert Stop.objects.get(pk=stop.pk).mission_id == own_mission.pk


def test_moving_a_delegate_into_another_delegation_is_refused_on_delegation(organiser_client, own_mission):
    delegate = DelegateFactory(delegation=DelegationFactory(mission=own_mission))
    other = DelegationFactory(mission=own_mission)

    response = organiser_client.patch(f"/api/v1/delegates/{delegate.pk}/", {"delegation": other.pk}, format="json")

    assert response.status_code == 400
    assert response.json()["delegation"] == [
        "A delegate stays in their delegation; add them to the other delegation instead."
    ]
    assert Delegate.objects.get(pk=delegate.pk).delegation_id == delegate.delegation_id


def test_a_session_admitting_no_attendee_is_refused_on_attendees_per_company(organiser_client, own_mission):
    """The API answered with the database constraint's name."""
    session = SessionFactory(stop=own_mission.stops.get())

    response = organiser_client.patch(f"/api/v1/sessions/{session.pk}/", {"attendees_per_company": 0}, format="json")

    assert response.status_code == 400
    assert response.json() == {"attendees_per_company": ["At least one attendee per company."]}
    assert Session.objects.get(pk=session.pk).attendees_per_company == 2


# A PATCH that sends one field of a pair (start and end) and breaks their order is refused on the field it sent:
# the field left alone was right until then, and the form or client shows the error next to what was typed.


def test_a_session_start_sent_alone_past_its_end_is_refused_on_starts_at(organiser_client, own_mission):
    session = SessionFactory(stop=own_mission.stops.get())
    end = session.ends_at

    response = organiser_client.patch(f"/api/v1/sessions/{session.pk}/", {"starts_at": end.isoformat()}, format="json")

    assert response.status_code == 400
    assert response.json() == {"starts_at": ["The session must end after it starts."]}
    assert Session.objects.get(pk=session.pk).starts_at < end


def test_a_stop_first_day_sent_alone_past_its_last_is_refused_on_start_date(organiser_client, own_mission):
    stop = own_mission.stops.get()
    late = (stop.end_date + dt.timedelta(days=1)).isoformat()

    response = organiser_client.patch(f"/api/v1/stops/{stop.pk}/", {"start_date": late}, format="json")

    assert response.status_code == 400
    assert set(response.json()) == {"start_date"}


def test_a_registration_opening_sent_alone_after_its_close_is_refused_on_opens_at(organiser_client, own_mission):
    session = SessionFactory(stop=own_mission.stops.get())
    opens, closes = session.starts_at - dt.timedelta(days=10), session.starts_at - dt.timedelta(days=5)
    organiser_client.patch(
        f"/api/v1/sessions/{session.pk}/",
        {"registration_opens_at": opens.isoformat(), "registration_closes_at": closes.isoformat()},
        format="json",
    )

    response = organiser_client.patch(
        f"/api/v1/sessions/{session.pk}/",
        {"registration_opens_at": (closes + dt.timedelta(days=1)).isoformat()},
        format="json",
    )

    assert response.status_code == 400
    assert response.json() == {"registration_opens_at": ["Registration must close after it opens."]}
