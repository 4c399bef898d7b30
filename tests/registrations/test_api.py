import csv
import io
import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from openpyxl import load_workbook

from events.registrations.models import Registration
from tests.factories import RepresentativeFactory, briefing_factory
from tests.registrations.conftest import attendees

pytestmark = pytest.mark.django_db


@pytest.fixture
def company(representative_of):
    return representative_of("Lone Star Cloud")


@pytest.fixture
def company_client(api_client, company):
    api_client.force_authenticate(company.user)
    return api_client


def register_via_api(client, session, people=None):
    return client.post(
        "/api/v1/registrations/",
        {"session": session.pk, "attendees": people if people is not None else attendees(2)},
        format="json",
    )


def test_company_registers_two_attendees(company_client, briefing, company):
    response = register_via_api(company_client, briefing)

    body = response.json()
    assert response.status_code == 201
    assert body["status"] == "confirmed"
    assert body["organization"] == company.organization.pk
    assert [a["full_name"] for a in body["attendees"]] == ["Attendee 0", "Attendee 1"]


def test_bad_attendees_get_a_field_level_400_and_nothing_is_written(company_client, briefing):
    response = register_via_api(company_client, briefing, [{"full_name": "Ann", "email": "nope"}])

    assert response.status_code == 400
    assert response.json() == {"attendees": ["Attendee 1 needs a valid email address."]}
    assert Registration.objects.count() == 0


@pytest.mark.parametrize(
    "attendee",
    [
        {"full_name": ["Ann"], "email": "ann@company.example"},
        {"full_name": "Ann", "email": {"address": "ann@company.example"}},
        {"full_name": "Ann\ud800", "email": "ann@company.example"},  # a lone surrogate: no text can hold it
    ],
)
def test_an_attendee_value_that_is_not_text_is_a_field_level_400(company_client, briefing, attendee):
    body = json.dumps({"session": briefing.pk, "attendees": [attendee]})  # a surrogate as JSON writes it: \ud800
    response = company_client.post("/api/v1/registrations/", body, content_type="application/json")

    assert response.status_code == 400
    assert list(response.json()) == ["attendees"]
    assert Registration.objects.count() == 0


def test_second_registration_is_a_409_naming_the_session(company_client, briefing):
    register_via_api(company_client, briefing)

    response = register_via_api(company_client, briefing)

    assert response.status_code == 409
    assert response.json()["code"] == "already_registered"
    assert response.json()["session"] == ["Your company is already registered for this session."]


def test_waitlisted_company_sees_its_position(api_client, briefing, representative_of):
    for name in ["A", "B", "C"]:
        representative = representative_of(name)
        api_client.force_authenticate(representative.user)
        response = register_via_api(api_client, briefing, attendees(1, prefix=name))

    assert response.json()["status"] == "confirmed"
    late = representative_of("D")
    api_client.force_authenticate(late.user)
    assert register_via_api(api_client, briefing, attendees(1, prefix="d")).json()["waitlist_position"] == 1
    extra = representative_of("E")
    api_client.force_authenticate(extra.user)

    body = register_via_api(api_client, briefing, attendees(1, prefix="e")).json()

    assert body["status"] == "waitlisted"
    assert body["waitlist_position"] == 2


def test_another_companys_registration_is_invisible_and_untouchable(api_client, briefing, company, representative_of):
    other = representative_of("Rival")
    api_client.force_authenticate(other.user)
    theirs = register_via_api(api_client, briefing).json()["id"]
    api_client.force_authenticate(company.user)

    responses = [
        api_client.get(f"/api/v1/registrations/{theirs}/"),
        api_client.post(f"/api/v1/registrations/{theirs}/cancel/", {}, format="json"),
        api_client.post(f"/api/v1/registrations/{theirs}/approve/", {}, format="json"),
        api_client.post(f"/api/v1/registrations/{theirs}/decline/", {}, format="json"),
        api_client.get(f"/api/v1/session-registrations/{briefing.pk}/"),
        api_client.get(f"/api/v1/session-registrations/{briefing.pk}/export/"),
        api_client.post(f"/api/v1/session-registrations/{briefing.pk}/capacity/", {"capacity": 99}, format="json"),
        api_client.post(
            "/api/v1/registrations/",
            {"session": briefing.pk, "organization": other.organization.pk, "attendees": attendees(1)},
            format="json",
        ),
    ]

    assert [r.status_code for r in responses] == [404, 404, 404, 404, 403, 403, 403, 403]
    assert api_client.get("/api/v1/registrations/").json()["results"] == []
    assert Registration.objects.get(pk=theirs).status == "confirmed"


def test_organiser_of_another_mission_sees_nothing(api_client, briefing, company_client, organiser):
    register_via_api(company_client, briefing)
    api_client.force_authenticate(organiser)

    assert api_client.get("/api/v1/registrations/").json()["results"] == []


def test_organiser_lowers_capacity_then_a_cancellation_promotes(
    api_client, briefing, session_organiser, representative_of
):
    first, second = representative_of("A"), representative_of("B")
    api_client.force_authenticate(first.user)
    first_id = register_via_api(api_client, briefing, attendees(1, "a")).json()["id"]
    api_client.force_authenticate(session_organiser)
    api_client.post(f"/api/v1/session-registrations/{briefing.pk}/capacity/", {"capacity": 1}, format="json")
    api_client.force_authenticate(second.user)
    second_id = register_via_api(api_client, briefing, attendees(1, "b")).json()["id"]
    api_client.force_authenticate(session_organiser)

    api_client.post(f"/api/v1/registrations/{first_id}/cancel/", {"reason": "Travel ban"}, format="json")

    headline = api_client.get(f"/api/v1/session-registrations/{briefing.pk}/").json()
    assert Registration.objects.get(pk=second_id).status == "confirmed"
    assert headline["confirmed_seats"] == 1
    assert headline["capacity"] == 1
    assert headline["cancelled"] == 1


def test_bulk_approve_reports_each_result(api_client, organiser, representative_of):
    session = briefing_factory(capacity=1, mode="approval")
    session.stop.mission.organisers.add(organiser)
    ids = []
    for name in ["A", "B"]:
        representative = representative_of(name)
        api_client.force_authenticate(representative.user)
        ids.append(register_via_api(api_client, session, attendees(1, name)).json()["id"])
    api_client.force_authenticate(organiser)

    response = api_client.post(
        "/api/v1/registrations/bulk/", {"action": "approve", "ids": [*ids, 999999]}, format="json"
    )

    assert [r.get("status") for r in response.json()["results"]] == ["confirmed", "waitlisted", None]
    assert response.json()["results"][2]["ok"] is False


def test_bulk_id_beyond_the_database_range_is_a_400(api_client, organiser):
    api_client.force_authenticate(organiser)

    response = api_client.post("/api/v1/registrations/bulk/", {"action": "cancel", "ids": [2**70, 3]}, format="json")

    assert response.status_code == 400
    assert response.json() == {"ids": {"0": ["Ensure this value is less than or equal to 9223372036854775807."]}}


def test_capacity_beyond_the_column_range_is_a_400(api_client, briefing, session_organiser):
    api_client.force_authenticate(session_organiser)

    response = api_client.post(
        f"/api/v1/session-registrations/{briefing.pk}/capacity/", {"capacity": 2**80}, format="json"
    )

    assert response.status_code == 400
    assert list(response.json()) == ["capacity"]
    assert response.json()["capacity"][0].startswith("Ensure this value is less than or equal to ")
    briefing.refresh_from_db()
    assert briefing.capacity == 3


def test_exports_neutralise_formula_cells(api_client, briefing, session_organiser):
    representative = RepresentativeFactory(organization__name="=HYPERLINK(evil)")
    api_client.force_authenticate(representative.user)
    register_via_api(api_client, briefing, [{"full_name": "@SUM(A1)", "email": "x@co.example", "job_title": "-1"}])
    api_client.force_authenticate(session_organiser)

    csv_response = api_client.get(f"/api/v1/session-registrations/{briefing.pk}/export/")
    xlsx_response = api_client.get(f"/api/v1/session-registrations/{briefing.pk}/export/?type=xlsx")

    rows = list(csv.reader(io.StringIO(csv_response.content.decode("utf-8-sig"))))
    sheet = load_workbook(io.BytesIO(xlsx_response.content)).active
    assert rows[1][0] == "'=HYPERLINK(evil)"
    assert rows[1][5] == "'@SUM(A1)"
    assert rows[1][7] == "'-1"
    # XLSX: a string cell, never evaluated, with the text exactly as typed (no visible apostrophe).
    assert (sheet["A2"].value, sheet["A2"].data_type) == ("=HYPERLINK(evil)", "s")
    assert (sheet["F2"].value, sheet["F2"].data_type) == ("@SUM(A1)", "s")
    assert (sheet["H2"].value, sheet["H2"].data_type) == ("-1", "s")


def test_registration_list_query_count_is_flat(api_client, session_organiser, briefing, django_assert_max_num_queries):
    def add(count):
        for _ in range(count):
            representative = RepresentativeFactory()
            api_client.force_authenticate(representative.user)
            register_via_api(api_client, briefing, attendees(1, representative.organization.slug))

    briefing.capacity = 1  # all but the first are waitlisted and carry a position
    briefing.save()
    add(1)
    api_client.force_authenticate(session_organiser)
    with CaptureQueriesContext(connection) as small:
        api_client.get("/api/v1/registrations/")
    # Read the count now: every later request clears Django's query log.
    queries_for_one = len(small.captured_queries)
    add(20)
    api_client.force_authenticate(session_organiser)

    with django_assert_max_num_queries(queries_for_one):
        response = api_client.get("/api/v1/registrations/")

    assert response.json()["count"] == 21


def test_a_company_an_organiser_registers_is_told_its_status_not_the_organiser(
    api_client, briefing, session_organiser, representative_of, django_capture_on_commit_callbacks
):
    """A helper registered two companies on their behalf on a full session: "You are on the waitlist" and later
    "A seat is yours" went to the organiser, and the companies' representatives heard nothing of their status."""
    from events.notifications.models import OutboundEmail
    from events.registrations.services import cancel_registration

    first = representative_of("Lone Star Cloud")
    api_client.force_authenticate(first.user)
    taken = register_via_api(api_client, briefing, attendees(3)).json()
    other = representative_of("Pecos Payments", language="fr")
    api_client.force_authenticate(session_organiser)

    with django_capture_on_commit_callbacks(execute=True):  # each message is written when sent
        response = api_client.post(
            "/api/v1/registrations/",
            {"session": briefing.pk, "organization": other.organization.pk, "attendees": attendees(1)},
            format="json",
        )
    with django_capture_on_commit_callbacks(execute=True):
        cancel_registration(Registration.objects.get(pk=taken["id"]), acting_user=first.user)

    assert response.json()["status"] == "waitlisted"
    told = OutboundEmail.objects.filter(reference=f"registration:{response.json()['id']}").order_by("pk")
    assert [(row.kind, row.to) for row in told] == [
        ("registration.waitlisted", other.user.email),
        ("registration.promoted", other.user.email),
    ]
    # Written for them: in their language, not the organiser's.
    assert {row.language for row in told} == {"fr"}


def test_a_session_the_organisers_remove_is_said_cancelled_to_every_company_registered_or_waiting(
    briefing, session_organiser, representative_of
):
    """A helper deleted a session with confirmed and waitlisted companies: the attendees' calendars got their
    CANCEL, but no company was told; the waitlisted one kept waiting for a seat, and the registrations simply
    vanished from the companies' pages."""
    from events.missions.services import remove_session
    from events.notifications.models import OutboundEmail
    from events.registrations.services import register_company

    companies = [representative_of(name) for name in ("Lone Star Cloud", "Pecos Payments")]
    for company, count in zip(companies, (3, 1), strict=True):
        register_company(
            briefing, acting_user=company.user, organization=company.organization, attendees=attendees(count)
        )
    title = briefing.title

    remove_session(briefing, acting_user=session_organiser)

    told = OutboundEmail.objects.filter(kind="registration.session_cancelled").order_by("to")
    assert sorted(row.to for row in told) == sorted(company.user.email for company in companies)
    assert {row.subject for row in told} == {f"Cancelled by the organisers: {title}"}
    assert all("The organisers have cancelled this session." in row.body_text for row in told)
