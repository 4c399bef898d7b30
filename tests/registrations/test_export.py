"""Exports an organiser can trust: the answers, local times with the zone named, labels in their language,
numbers as numbers."""

import csv
import datetime as dt
import io

import pytest
from openpyxl import load_workbook

from events.missions.models import Sector
from events.registrations import services
from events.registrations.models import Question, Registration
from tests.registrations.conftest import attendees

pytestmark = pytest.mark.django_db

REGISTERED = dt.datetime(2099, 2, 2, 15, 14, tzinfo=dt.UTC)  # 09:14 in Austin (UTC-6)


@pytest.fixture
def questions(briefing):
    return [
        Question.objects.create(session=briefing, label="What do you offer?", kind="long_text", position=1),
        Question.objects.create(session=briefing, label="Do you need a visa letter?", kind="yes_no", position=2),
        Question.objects.create(session=briefing, label="Team size", required=False, position=3),
    ]


@pytest.fixture
def exported(briefing, session_organiser, representative_of, questions):
    """Two companies: one confirmed with two attendees and every answer, one waitlisted without the optional one."""
    briefing.capacity = 2
    briefing.save()
    offer, visa, team = questions
    made = []
    for name, people, answers in (
        ("Austin Cloud", 2, {offer.pk: "Sovereign cloud\nfor ministries", visa.pk: "yes", team.pk: "40"}),
        ("Rabat Data", 1, {offer.pk: "=cmd|' /C calc'!A0", visa.pk: "no"}),
    ):
        company = representative_of(name)
        made.append(
            services.register_company(
                briefing,
                acting_user=company.user,
                organization=company.organization,
                attendees=attendees(people, name[:3].lower()),
                answers=answers,
            )
        )
    Registration.objects.filter(session=briefing).update(created_at=REGISTERED)
    return made


def export(client, briefing, kind="csv", language="en"):
    return client.get(
        f"/api/v1/session-registrations/{briefing.pk}/export/", {"type": kind}, HTTP_ACCEPT_LANGUAGE=language
    )


def csv_rows(response):
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))


def test_the_csv_carries_the_answers_local_times_and_readable_statuses(client, briefing, session_organiser, exported):
    client.force_login(session_organiser)
    email_of = {  # the addresses conftest.attendees gave, by the part before the @
        email.split("@")[0]: email
        for registration in exported
        for email in registration.attendees.values_list("email", flat=True)
    }

    rows = csv_rows(export(client, briefing))

    assert rows == [
        [
            "Company",
            "Country",
            "Sectors",
            "Status",
            "Seats",
            "Attendee",
            "Email",
            "Job title",
            "Registered at (America/Chicago)",
            "Waitlist position",
            "Reason given",
            "What do you offer?",
            "Do you need a visa letter?",
            "Team size",
        ],
        [
            "Austin Cloud",
            "United States of America",
            "",
            "Confirmed",
            "2",
            "Attendee 0",
            email_of["aus0"],
            "",
            "2099-02-02T09:14:00-06:00",
            "",
            "",
            "Sovereign cloud\nfor ministries",
            "Yes",
            "40",
        ],
        [
            "Austin Cloud",
            "United States of America",
            "",
            "Confirmed",
            "2",
            "Attendee 1",
            email_of["aus1"],
            "",
            "2099-02-02T09:14:00-06:00",
            "",
            "",
            "Sovereign cloud\nfor ministries",
            "Yes",
            "40",
        ],
        [
            "Rabat Data",
            "United States of America",
            "",
            "On the waitlist",
            "1",
            "Attendee 0",
            email_of["rab0"],
            "",
            "2099-02-02T09:14:00-06:00",
            "1",
            "",
            "'=cmd|' /C calc'!A0",
            "No",
            "",
        ],
    ]


def test_the_csv_speaks_the_organisers_language(client, briefing, session_organiser, exported):
    client.force_login(session_organiser)

    rows = csv_rows(export(client, briefing, language="fr"))

    assert rows[0][:10] == [
        "Entreprise",
        "Pays",
        "Secteurs",
        "Statut",
        "Places",
        "Participant",
        "E-mail",
        "Fonction",
        "Date d’inscription (America/Chicago)",
        "Rang sur la liste d’attente",
    ]
    assert [row[3] for row in rows[1:]] == ["Confirmée", "Confirmée", "Sur liste d’attente"]
    assert [row[12] for row in rows[1:]] == ["Oui", "Oui", "Non"]


def test_the_xlsx_has_real_dates_and_numbers_and_the_zone_in_its_header(client, briefing, session_organiser, exported):
    client.force_login(session_organiser)

    sheet = load_workbook(io.BytesIO(export(client, briefing, "xlsx").content)).active

    header = [cell.value for cell in sheet[1]]
    rabat = list(sheet[4])
    assert header[8] == "Registered at (America/Chicago)"
    assert header[10:] == ["Reason given", "What do you offer?", "Do you need a visa letter?", "Team size"]
    assert rabat[0].value == "Rabat Data"
    assert rabat[3].value == "On the waitlist"
    assert (rabat[4].value, rabat[4].data_type) == (1, "n")
    assert rabat[8].value == dt.datetime(2099, 2, 2, 9, 14)
    assert rabat[8].is_date
    assert rabat[8].number_format == "yyyy-mm-dd hh:mm"
    assert (rabat[9].value, rabat[9].data_type) == (1, "n")
    # A string cell is never evaluated: the text is kept exactly, without the CSV's protective apostrophe.
    assert rabat[10].value is None  # no reason given
    assert (rabat[11].value, rabat[11].data_type) == ("=cmd|' /C calc'!A0", "s")
    assert rabat[12].value == "No"
    assert sheet["L2"].value == "Sovereign cloud\nfor ministries"


@pytest.mark.parametrize("kind", ["csv", "xlsx"])
def test_the_export_query_count_is_flat(
    client, briefing, session_organiser, representative_of, questions, kind, django_assert_max_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def add(count, start):
        for number in range(start, start + count):
            company = representative_of(f"Company {number}")
            services.register_company(
                briefing,
                acting_user=company.user,
                organization=company.organization,
                attendees=attendees(2, f"c{number}-"),
                answers={questions[0].pk: "Cloud", questions[1].pk: "yes", questions[2].pk: "3"},
            )

    briefing.capacity = 2  # the rest waitlisted: each carries a position
    briefing.save()
    client.force_login(session_organiser)
    add(1, 0)
    with CaptureQueriesContext(connection) as one:
        assert export(client, briefing, kind).status_code == 200
    queries_for_one = len(one.captured_queries)
    add(12, 1)

    with django_assert_max_num_queries(queries_for_one):
        response = export(client, briefing, kind)

    assert response.status_code == 200


@pytest.fixture
def cyber_company(briefing, representative_of):
    """A company in a sector named in both languages, with an attendee whose texts look like formulas."""
    company = representative_of("Texas Cyber")
    company.organization.sectors.add(Sector.objects.create(slug="cyber", name="Cybersecurity", name_fr="Cybersécurité"))
    services.register_company(
        briefing,
        acting_user=company.user,
        organization=company.organization,
        attendees=[{"full_name": "=SUM(1,2)", "email": "ada@company.example", "job_title": "@CTO"}],
    )
    return company


def test_the_csv_names_sectors_and_countries_in_the_organisers_language_as_the_page_does(
    client, briefing, session_organiser, cyber_company
):
    client.force_login(session_organiser)

    english = csv_rows(export(client, briefing))[1]
    french = csv_rows(export(client, briefing, language="fr"))[1]
    page = client.get(f"/manage/sessions/{briefing.pk}/registrations/", HTTP_ACCEPT_LANGUAGE="fr").content.decode()

    assert english[1:3] == ["United States of America", "Cybersecurity"]
    assert french[1:3] == ["États-Unis d'Amérique", "Cybersécurité"]
    assert "États-Unis d&#x27;Amérique · Cybersécurité" in page


def test_the_csv_keeps_its_protection_against_formulas(client, briefing, session_organiser, cyber_company):
    client.force_login(session_organiser)

    row = csv_rows(export(client, briefing))[1]

    assert row[5] == "'=SUM(1,2)"
    assert row[7] == "'@CTO"


def test_the_xlsx_keeps_texts_exactly_as_string_cells_never_formulas(
    client, briefing, session_organiser, cyber_company
):
    client.force_login(session_organiser)

    sheet = load_workbook(io.BytesIO(export(client, briefing, "xlsx", language="fr").content)).active

    row = list(sheet[2])
    assert [(cell.value, cell.data_type) for cell in (row[1], row[2], row[5], row[7])] == [
        ("États-Unis d'Amérique", "s"),
        ("Cybersécurité", "s"),
        ("=SUM(1,2)", "s"),
        ("@CTO", "s"),
    ]


@pytest.mark.parametrize("kind", ["csv", "xlsx"])
def test_cancelled_registrations_are_exported_with_their_status_as_the_page_lists_them(
    client, briefing, session_organiser, representative_of, kind
):
    kept, dropped = (
        services.register_company(
            briefing,
            acting_user=company.user,
            organization=company.organization,
            attendees=attendees(1, company.organization.slug),
        )
        for company in (representative_of("Austin Cloud"), representative_of("Rabat Data"))
    )
    services.cancel_registration(dropped, acting_user=session_organiser)
    client.force_login(session_organiser)

    response = export(client, briefing, kind)
    if kind == "csv":
        rows = [row[:4:3] for row in csv_rows(response)[1:]]
    else:
        rows = [[row[0].value, row[3].value] for row in load_workbook(io.BytesIO(response.content)).active.iter_rows(2)]

    assert rows == [["Austin Cloud", "Confirmed"], ["Rabat Data", "Cancelled"]]


@pytest.mark.parametrize("kind", ["csv", "xlsx"])
def test_the_export_follows_the_pages_filters_as_its_links_carry_them(
    client, briefing, session_organiser, representative_of, kind
):
    kept, dropped = (
        services.register_company(
            briefing,
            acting_user=company.user,
            organization=company.organization,
            attendees=attendees(1, company.organization.slug),
        )
        for company in (representative_of("Austin Cloud"), representative_of("Rabat Data"))
    )
    services.cancel_registration(dropped, acting_user=session_organiser)
    client.force_login(session_organiser)
    page = client.get(f"/manage/sessions/{briefing.pk}/registrations/", {"status": "cancelled"}).content.decode()
    url = f"/api/v1/session-registrations/{briefing.pk}/export/"

    response = client.get(url, {"type": kind, "status": "cancelled"})
    unknown = client.get(url, {"type": kind, "status": "nonsense"})  # ignored, as the page ignores it

    def companies(response):
        if kind == "csv":
            return [row[0] for row in csv_rows(response)[1:]]
        return [row[0].value for row in load_workbook(io.BytesIO(response.content)).active.iter_rows(2)]

    assert companies(response) == ["Rabat Data"]
    assert companies(unknown) == ["Austin Cloud", "Rabat Data"]
    assert f'href="{url}?status=cancelled"' in page
    assert f'href="{url}?type=xlsx&amp;status=cancelled"' in page


def test_the_xlsx_opens_readable_with_widths_wrapped_long_texts_and_the_reason_given(
    client, briefing, session_organiser, exported
):
    """A tester opened it with every column at the default width, an answer on two lines on one, and no
    word of why a registration was declined or cancelled."""
    austin = exported[0]
    services.cancel_registration(austin, acting_user=session_organiser, reason="Travel ban\nsee our letter")
    client.force_login(session_organiser)

    sheet = load_workbook(io.BytesIO(export(client, briefing, "xlsx").content)).active

    header = [cell.value for cell in sheet[1]]
    widths = {column: sheet.column_dimensions[column].width for column in "ABCDEFGHIJKLMN"}
    reason = header.index("Reason given")
    austin_row = next(row for row in sheet.iter_rows(2) if row[0].value == "Austin Cloud")
    assert austin_row[reason].value == "Travel ban\nsee our letter"
    assert austin_row[reason].alignment.wrap_text
    assert austin_row[header.index("What do you offer?")].alignment.wrap_text
    assert widths["A"] >= len("Austin Cloud")
    assert widths["I"] >= len("yyyy-mm-dd hh:mm")  # the registration time
    assert all(8 <= width <= 50 for width in widths.values())


def test_the_arabic_xlsx_reads_right_to_left_with_arabic_commas(client, briefing, session_organiser, exported):
    """A tester opened the Arabic export left to right, its sectors joined by a Latin comma."""
    cloud, cyber = (
        Sector.objects.create(slug="cloud", name="Cloud", name_ar="الحوسبة السحابية"),
        Sector.objects.create(slug="cyber", name="Cybersecurity", name_ar="الأمن السيبراني"),
    )
    exported[0].organization.sectors.add(cloud, cyber)
    client.force_login(session_organiser)

    arabic = load_workbook(io.BytesIO(export(client, briefing, "xlsx", language="ar").content)).active
    english = load_workbook(io.BytesIO(export(client, briefing, "xlsx", language="en").content)).active

    assert arabic.sheet_view.rightToLeft is True
    assert not english.sheet_view.rightToLeft
    assert arabic["C2"].value == "الحوسبة السحابية، الأمن السيبراني"
    assert english["C2"].value == "Cloud, Cybersecurity"
