"""What the demo holds once loaded: the missions of the seeds, their people, their times and accounts."""

import datetime as dt
import io
from zoneinfo import ZoneInfo

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth import authenticate
from django.core.management import call_command

from events.accounts.models import User
from events.demo.loader import load_demo
from events.missions.models import (
    Delegate,
    Delegation,
    Mission,
    Organization,
    ProcurementPriority,
    Representative,
    Sector,
    Session,
    Stop,
)
from events.registrations.models import Answer, Attendee, Question, Registration
from tests.demo.conftest import TODAY

# One demo, loaded as of TODAY for the whole module (tests/demo/conftest.py); each test is rolled back.
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo")]

AUSTIN = ZoneInfo("America/Chicago")
MOROCCO = ZoneInfo("Africa/Casablanca")
DIGITAL_MISSION = "morocco-digital-economy-reverse-trade-mission"
ACCOUNTS = {
    "organiser@demo.example": "demo-organiser-2027",
    "company@demo.example": "demo-company-2027",
    "delegate@demo.example": "demo-delegate-2027",
}
MODELS = [
    Sector,
    Organization,
    Organization.sectors.through,
    Representative,
    Mission,
    Mission.sectors.through,
    Mission.implementers.through,
    Mission.organisers.through,
    Stop,
    Session,
    Session.sectors.through,
    Delegation,
    Delegate,
    Delegate.sectors.through,
    ProcurementPriority,
    User,
    User.user_permissions.through,
    EmailAddress,
    Registration,
    Attendee,
    Answer,
    Question,
]
EXPECTED_COUNTS = {
    "missions.Sector": 16,
    "missions.Organization": 38,
    # The demo company's account, the contacts of the companies at the briefing, at the meetings and of the
    # two cooperatives at the training (one of them a contact at the meetings too), and two companies of the
    # directory registered for nothing (whom the coverage view invites).
    "missions.Representative": 19,
    "missions.Mission": 5,
    "missions.Mission_organisers": 5,
    "missions.Stop": 6,
    "missions.Session": 37,
    "missions.Delegation": 2,
    "missions.Delegate": 21,
    "missions.ProcurementPriority": 12,
    # The three demo accounts, one per other delegate with an address on a roster, eighteen company contacts.
    "accounts.User": 41,
    "account.EmailAddress": 41,
    # Two cooperatives at the five training days, three trainees each: ten registrations, thirty attendees;
    # five companies at the training's networking session, one contact each.
    "registrations.Registration": 35,
    "registrations.Attendee": 57,
    "registrations.Question": 3,
    "registrations.Answer": 11,
}


def row_counts():
    return {model._meta.label: model.objects.count() for model in MODELS}


@pytest.fixture
def digital_mission():
    return Mission.objects.get(slug=DIGITAL_MISSION)


def test_load_demo_twice_gives_the_same_counts():
    first = row_counts()

    load_demo(today=TODAY)

    assert row_counts() == first
    assert {label: first[label] for label in EXPECTED_COUNTS} == EXPECTED_COUNTS


def test_load_demo_on_a_later_day_moves_the_missions_without_duplicating():
    first = row_counts()

    load_demo(today=dt.date(2027, 3, 1))

    assert row_counts() == first
    mission = Mission.objects.get(slug=DIGITAL_MISSION)
    assert (mission.start_date, mission.end_date) == (dt.date(2028, 2, 10), dt.date(2028, 2, 21))
    for session in Session.objects.filter(stop__mission=mission):
        session.full_clean()


def test_digital_mission_is_the_ustda_reverse_trade_mission(digital_mission):
    assert (digital_mission.start_date, digital_mission.end_date) == (dt.date(2027, 2, 10), dt.date(2027, 2, 21))
    assert (digital_mission.kind, digital_mission.status, digital_mission.time_zone) == (
        Mission.Kind.REVERSE_TRADE_MISSION,
        Mission.Status.PUBLISHED,
        "Africa/Casablanca",
    )
    sponsor = digital_mission.sponsor
    assert (sponsor.slug, sponsor.kind, sponsor.country.code) == ("ustda", Organization.Kind.SPONSOR, "US")
    assert set(digital_mission.sectors.values_list("slug", flat=True)) == {
        "e-government",
        "data-centres",
        "artificial-intelligence",
        "cybersecurity",
        "cloud-computing",
        "smart-cities",
        "digital-inclusion",
    }


def test_digital_delegation_has_fifteen_delegates_led_by_the_secretary_general(digital_mission):
    delegation = digital_mission.delegations.get()
    delegates = delegation.delegates.all()

    heads = [delegate for delegate in delegates if delegate.role == Delegate.Role.HEAD]
    assert (delegation.name, delegation.country.code, delegates.count()) == (
        "Moroccan digital economy delegation",
        "MA",
        15,
    )
    assert [head.full_name for head in heads] == ["Sarah Lamrani"]
    assert "Ministry of Digital Transition" in heads[0].job_title
    assert sorted(delegate.role for delegate in delegates if delegate.role != Delegate.Role.MEMBER) == [
        "head",
        "interpreter",
        "staff",
    ]
    assert all(delegate.languages == ["ar", "fr", "en"] for delegate in delegates)
    assert delegation.priorities.count() == 7  # six from the seeds, and the artisans' marketplace


def test_digital_mission_stops_keep_the_time_of_their_place(digital_mission):
    stops = [
        (stop.city, stop.time_zone, stop.start_date, stop.end_date) for stop in digital_mission.stops.order_by("order")
    ]

    assert stops == [
        ("Austin", "America/Chicago", dt.date(2027, 2, 10), dt.date(2027, 2, 14)),
        ("Silicon Valley (San Jose)", "America/Los_Angeles", dt.date(2027, 2, 15), dt.date(2027, 2, 21)),
    ]


def test_business_briefing_is_on_the_fourth_day_at_nine_in_austin(digital_mission):
    briefing = Session.objects.get(stop__mission=digital_mission, kind=Session.Kind.BUSINESS_BRIEFING)
    meetings = Session.objects.get(stop__mission=digital_mission, kind=Session.Kind.B2B_MEETINGS)

    starts = briefing.starts_at.astimezone(AUSTIN)
    assert (briefing.stop.city, starts.date(), starts.time()) == ("Austin", dt.date(2027, 2, 13), dt.time(9, 0))
    assert briefing.ends_at.astimezone(AUSTIN).time() == dt.time(12, 0)
    assert (briefing.registration_mode, briefing.audience, briefing.capacity) == ("open", "public", 120)
    assert meetings.starts_at.astimezone(AUSTIN).date() == dt.date(2027, 2, 13)
    assert (meetings.registration_mode, meetings.audience, meetings.capacity) == ("approval", "companies", 60)


def test_four_companies_are_already_at_the_briefing_and_the_demo_company_is_free_to_register(digital_mission):
    briefing = Session.objects.get(stop__mission=digital_mission, kind=Session.Kind.BUSINESS_BRIEFING)

    registrations = Registration.objects.filter(session=briefing)
    assert sorted(registrations.values_list("organization__slug", flat=True)) == [
        "bluebonnet-cyber-defense",
        "congress-avenue-ai",
        "hill-country-govtech",
        "redwood-data-centers",
    ]
    assert set(registrations.values_list("status", flat=True)) == {"confirmed"}
    assert sum(registrations.values_list("seats", flat=True)) == 6
    assert briefing.attendees_per_company == 2
    assert briefing.questions.count() == 3
    assert briefing.registration_is_open(dt.datetime(2026, 11, 23, 12, tzinfo=dt.UTC))


def test_the_austin_one_to_ones_are_scheduled_and_published(digital_mission):
    from events.meetings.models import MeetingGrid
    from events.meetings.selectors import published_meetings_of

    grid = MeetingGrid.objects.get(session__stop__mission=digital_mission)
    run = grid.runs.get()
    company = User.objects.get(email="company@demo.example")
    delegate = User.objects.get(email="delegate@demo.example")

    assert run.status == "done"
    assert run.quality["companies_left_without_meeting"] == 0
    assert run.quality["total_weight"] == run.quality["weight_bound"]
    assert grid.versions.get().number == 1
    assert [m.request.receiver.name for m in published_meetings_of(company)] != []
    assert {m.request.requester.name for m in published_meetings_of(delegate)} >= {"Lone Star Cloud Systems"}
    assert grid.tables.get(name="Table 1").delegate.full_name == "Sarah Lamrani"


def test_the_dakhla_b2b_day_waits_for_the_organiser_to_run_the_scheduler():
    from events.meetings.models import MeetingGrid

    grid = MeetingGrid.objects.get(session__title="B2B meetings: company to company")

    assert grid.pairing == "anyone"
    assert grid.requests.filter(status="accepted").count() == 9
    assert grid.requests.filter(mutual=True).count() == 1
    assert not grid.runs.exists()
    assert not grid.meetings.exists()


def test_site_visits_at_ibm_amazon_and_juniper_networks(digital_mission):
    visits = Session.objects.filter(stop__mission=digital_mission, kind=Session.Kind.SITE_VISIT)

    assert sorted((visit.stop.city, visit.title, visit.audience) for visit in visits) == [
        ("Austin", "Site visit: IBM", "delegation"),
        ("Silicon Valley (San Jose)", "Site visit: Amazon", "delegation"),
        ("Silicon Valley (San Jose)", "Site visit: Juniper Networks", "delegation"),
    ]


def test_dakhla_sessions_keep_their_wall_clock_under_the_pinned_tz_data():
    welcome = Session.objects.get(stop__mission__slug="dakhla-investor-visit", title__startswith="Welcome")
    opening = Session.objects.get(stop__mission__slug="dakhla-connect-b2b-day", title__startswith="Opening")

    # IANA 2026f (the pinned tzdata wheel): Morocco stays on UTC+0 from 20 September 2026, Ramadan or not.
    # Under the system's 2025b, 1 February 2027 would be on UTC+1 and start an hour earlier in UTC.
    assert welcome.starts_at.astimezone(MOROCCO).replace(tzinfo=None) == dt.datetime(2027, 2, 1, 10, 0)
    assert welcome.starts_at.astimezone(dt.UTC).hour == 10
    assert welcome.wall_clock["starts_at"] == "2027-02-01T10:00:00"
    assert opening.starts_at.astimezone(MOROCCO).replace(tzinfo=None) == dt.datetime(2027, 2, 17, 9, 0)
    assert opening.starts_at.astimezone(dt.UTC).hour == 9


def test_other_stories_are_there():
    kinds = dict(Mission.objects.exclude(slug=DIGITAL_MISSION).values_list("slug", "kind"))
    connect_day = Mission.objects.get(slug="dakhla-connect-b2b-day")
    assert kinds == {
        "dakhla-investor-visit": "investor_visit",
        "small-business-summit-morocco-day-virginia": "summit",
        "dakhla-connect-b2b-day": "b2b_matchmaking",
        "dakhla-young-entrepreneurs-training": "training_programme",
    }
    assert connect_day.sponsor.slug == "mepi"
    assert set(connect_day.implementers.values_list("slug", flat=True)) == {
        "je-austin-associates",
        "cri-dakhla-oued-eddahab",
    }
    assert Organization.objects.filter(city="Dakhla", kind__in=["cooperative", "company"]).count() == 9
    assert Delegate.objects.filter(delegation__mission__slug="dakhla-investor-visit").count() == 6


def test_demo_accounts_sign_in_with_their_password(digital_mission):
    for email, password in ACCOUNTS.items():
        user = authenticate(email=email, password=password)

        assert user is not None
        assert user.email == email
        assert EmailAddress.objects.filter(user=user, email=email, verified=True, primary=True).count() == 1


def test_demo_organiser_is_staff_and_organises_every_demo_mission(digital_mission):
    organiser = User.objects.get(email="organiser@demo.example")

    assert (organiser.is_staff, organiser.is_superuser) == (True, False)
    assert organiser.has_perm("missions.add_mission")
    assert organiser.has_perm("missions.change_session")
    # What the check-in, certificates and outcomes admin pages need (a tester found them refused).
    for permission in ("checkin.add_checkinstaff", "outcomes.change_missionfunding", "certificates.view_certificate"):
        assert organiser.has_perm(permission), permission
    assert organiser.organised_missions.count() == Mission.objects.count() == 5


def test_demo_company_and_delegate_accounts_are_linked(digital_mission):
    company = User.objects.get(email="company@demo.example")
    delegate = Delegate.objects.get(user__email="delegate@demo.example")

    assert (company.representative.organization.slug, company.representative.organization.country.code) == (
        "lone-star-cloud-systems",
        "US",
    )
    assert (delegate.delegation.mission, delegate.email, delegate.role) == (
        digital_mission,
        "delegate@demo.example",
        Delegate.Role.MEMBER,
    )


def test_every_demo_record_passes_full_clean():
    for model in (Mission, Stop, Session, Delegation, Delegate, ProcurementPriority, Organization):
        for record in model.objects.all():
            record.full_clean()


def test_load_demo_command_prints_accounts_and_addresses():
    out = io.StringIO()

    call_command("load_demo", "--today", "2026-11-23", stdout=out)

    printed = out.getvalue()
    for email, password in ACCOUNTS.items():
        assert email in printed
        assert password in printed
    for address in (
        "http://127.0.0.1:8000/",
        f"http://127.0.0.1:8000/missions/{DIGITAL_MISSION}/",
        "http://127.0.0.1:8000/admin/",
        "http://127.0.0.1:8000/api/v1/",
        "http://127.0.0.1:8000/api/docs/",
    ):
        assert address in printed
