"""Issue 14, the funder's report: a PDF and an XLSX for the mission's organisers, in English or French, where a
deal not for citation never appears on its own."""

import dataclasses
import datetime as dt
import io
from decimal import Decimal

import openpyxl
import pypdf
import pytest
from django.urls import reverse

from events.missions.models import Organization
from events.outcomes import report, services
from events.outcomes.figures import mission_figures
from events.outcomes.models import FeedbackAnswer, FeedbackRequest
from tests.factories import MissionFactory, SectorFactory, UserFactory
from tests.outcomes.test_figures import reported  # noqa: F401  (the fixture: a cited and an uncited deal)

pytestmark = pytest.mark.django_db

TODAY = dt.date(2099, 6, 30)


def pdf_text(body: bytes) -> str:
    assert body.startswith(b"%PDF-")
    return "\n".join(page.extract_text() for page in pypdf.PdfReader(io.BytesIO(body)).pages)


def xlsx_cells(body: bytes) -> dict[str, list[list]]:
    workbook = openpyxl.load_workbook(io.BytesIO(body))
    return {sheet.title: [list(row) for row in sheet.iter_rows(values_only=True)] for sheet in workbook.worksheets}


def urls(mission):
    return [reverse(f"outcomes:report-{kind}", args=[mission.slug]) for kind in ("pdf", "xlsx")]


@pytest.fixture
def costed(reported):  # noqa: F811
    """The reported mission with a programme cost that no deal value equals, so that a value found in a
    document can only be that deal's."""
    services.set_mission_funding(reported.mission, acting_user=reported.organiser, programme_cost=Decimal("80000"))
    return reported


def test_the_report_is_for_the_mission_s_organisers_only(client, costed):
    stranger, other_organiser = UserFactory(), UserFactory()
    MissionFactory().organisers.add(other_organiser)

    anonymous = [client.get(url).status_code for url in urls(costed.mission)]
    client.force_login(stranger)
    as_stranger = [client.get(url).status_code for url in urls(costed.mission)]
    client.force_login(other_organiser)
    as_other_organiser = [client.get(url).status_code for url in urls(costed.mission)]
    client.force_login(costed.organiser)
    as_organiser = [client.get(url) for url in urls(costed.mission)]

    assert anonymous == [302, 302]
    assert as_stranger == as_other_organiser == [404, 404]
    assert [response.status_code for response in as_organiser] == [200, 200]
    assert as_organiser[0]["Content-Type"] == "application/pdf"
    assert as_organiser[1]["Content-Type"] == report.XLSX_CONTENT_TYPE
    assert as_organiser[0]["Cache-Control"] == "private, no-store"
    assert as_organiser[0]["Content-Disposition"].startswith(f'attachment; filename="outcomes-{costed.mission.slug}-')


def test_the_mission_page_links_its_organisers_to_the_report(client, costed):
    links = [f'href="{url}"' for url in urls(costed.mission)]
    page = reverse("missions:detail", args=[costed.mission.slug])

    client.force_login(costed.companies[0].user)
    as_company = client.get(page).content.decode()
    client.force_login(costed.organiser)
    as_organiser = client.get(page).content.decode()

    assert [link in as_company for link in links] == [False, False]
    assert [link in as_organiser for link in links] == [True, True]


def test_a_language_the_site_does_not_speak_is_refused(client, costed):
    client.force_login(costed.organiser)

    response = client.get(urls(costed.mission)[0], {"language": "de"})

    assert response.status_code == 400


def test_the_pdf_shows_the_cited_deal_and_never_the_uncited_one(client, costed):
    client.force_login(costed.organiser)

    text = pdf_text(client.get(urls(costed.mission)[0], {"language": "en"}).content)

    assert "Company 0" in text
    assert "250,000.00 USD" in text
    assert "Company 1" not in text
    assert "Delegate 1" not in text
    assert "1,000,000" not in text
    assert "100,000" not in text  # the uncited deal converted at 0.10
    assert "1 deal is not for citation and is not shown here." in text
    # One deal not for citation alone: the total would give its value away by subtraction, so it is left
    # out of every sum (the rule of three), and the method notes say so.
    assert "350,000.00" not in text
    assert "Reported deal value (USD) 250,000.00" in text
    assert "Deals reported 2" in text  # both counted, one shown
    assert "Reported value ÷ programme cost 3.13" in text  # 250,000 ÷ 80,000, rounded half up
    assert "4.38" not in text  # what 350,000 ÷ 80,000 would have read
    assert "none can be worked out by subtraction" in text
    assert "1 MAD = 0.10 USD" in text


def test_the_pdf_draws_its_charts_as_vector_graphics(costed):
    figures = mission_figures(costed.mission, today=TODAY)

    text = pdf_text(report.report_pdf(costed.mission, figures, language="en", today=TODAY))

    # The titles are only inside the SVGs (the page gives them as alt text): found as text, the charts are
    # drawn as vectors, not pictures.
    assert "Meetings, from request to held" in text
    assert "Leads by stage, month by month" in text
    assert "Reported deal value by sector" in text
    assert "Reported deal value by city" in text


def test_a_sector_with_no_cited_deal_is_not_named(costed):
    costed.companies[0].organization.sectors.add(SectorFactory(slug="cloud", name="Cloud"))
    costed.companies[1].organization.sectors.add(SectorFactory(slug="fisheries", name="Fisheries"))
    figures = mission_figures(costed.mission, today=TODAY)

    text = pdf_text(report.report_pdf(costed.mission, figures, language="en", today=TODAY))
    cells = xlsx_cells(report.report_xlsx(costed.mission, figures, language="en", today=TODAY))

    assert "Cloud" in text
    assert "Fisheries" not in text
    assert ["Cloud", 250000.0] in cells["Method"]
    assert not any("Fisheries" in str(value) for rows in cells.values() for row in rows for value in row)


def test_a_deal_not_for_citation_alone_in_its_sector_is_not_summed_on_a_row_of_its_own(costed):
    # A "Not for citation" row summing one deal would print that deal's value: the report leaves it out of
    # the breakdown (the totals keep it) and says so.
    costed.companies[0].organization.sectors.add(SectorFactory(slug="cloud", name="Cloud"))
    costed.companies[1].organization.sectors.add(SectorFactory(slug="fisheries", name="Fisheries"))
    figures = mission_figures(costed.mission, today=TODAY)

    text = pdf_text(report.report_pdf(costed.mission, figures, language="en", today=TODAY))
    cells = xlsx_cells(report.report_xlsx(costed.mission, figures, language="en", today=TODAY))

    values = [value for rows in cells.values() for row in rows for value in row]
    assert "100,000" not in text  # the uncited MoU, 1,000,000 MAD at 0.10
    assert 100000.0 not in values
    assert "350,000.00" not in text  # nor in the total, which would give it away by subtraction
    assert "none can be worked out by subtraction" in text


def test_three_deals_not_for_citation_are_summed_but_never_shown(costed):
    """From three deals not for citation on, their values count in the totals and the "Not for citation"
    row: no one value can be worked back, even by a party to one of them."""
    figures = mission_figures(costed.mission, today=TODAY)
    (cited, uncited) = figures.deals
    others = [
        dataclasses.replace(uncited, lead_id=uncited.lead_id + n, answer_id=uncited.answer_id + n) for n in (1, 2)
    ]
    figures = dataclasses.replace(
        figures, deals=[cited, uncited, *others], total_value=cited.converted + 3 * uncited.converted
    )

    text = pdf_text(report.report_pdf(costed.mission, figures, language="en", today=TODAY))

    assert "Reported deal value (USD) 550,000.00" in text  # 250,000 cited + 3 x 100,000
    # Named rows hold cited deals only (one mixing in a hidden deal would give it back by subtraction);
    # the hidden ones are summed apart.
    assert f"{costed.stop.city} 250,000.00" in text
    assert "Not for citation 300,000.00" in text
    assert "Deals reported 4" in text
    assert "Their values are included in the totals" in text
    assert "Company 1" not in text
    assert "100,000.00" not in text


def test_the_xlsx_lists_the_cited_deal_only(client, costed):
    client.force_login(costed.organiser)

    cells = xlsx_cells(client.get(urls(costed.mission)[1], {"language": "en"}).content)

    assert list(cells) == [
        "Headline figures",
        "Meetings funnel",
        "Feedback per round",
        "Leads by stage",
        "Cited deals",
        "Leads",
        "Feedback answers",
        "Method",
    ]
    deals = cells["Cited deals"]
    assert deals[1][:8] == ["Company 0", "Delegate 0", costed.stop.city, None, "Sale", 250000.0, "USD", 250000.0]
    assert deals[-1] == [
        "1 deal not for citation is left out of this sheet (see the method notes for the totals).",
        *[None] * 9,
    ]
    everything = [value for rows in cells.values() for row in rows for value in row]
    assert "Company 1" not in everything
    assert 1000000.0 not in everything
    assert 100000.0 not in everything
    assert ["Reported deal value (USD)", 250000.0] in cells["Headline figures"]  # the uncited one left out
    assert ["Meetings requested", 2] in cells["Headline figures"]
    assert cells["Feedback per round"][1:] == [
        ["Right after the meetings", 4, 2, 0.5],
        ["Follow-up wave of 21 May 2099", 2, 2, 1.0],
    ]


def test_the_xlsx_has_the_rows_behind_the_figures_without_notes_or_uncited_values(costed):
    # A later answer with a private note, from the party whose deal may be cited.
    form = FeedbackAnswer.objects.get(deal_kind="sale").feedback_request
    services.submit_feedback(
        form,
        email="x@example.com",
        stage="agreement",
        deal_kind="sale",
        deal_value="260000",
        deal_currency="USD",
        may_cite=True,
        note="Secret: their budget is tight",
        now=dt.datetime(2099, 6, 3, tzinfo=dt.UTC),
    )
    figures = mission_figures(costed.mission, today=TODAY)

    cells = xlsx_cells(report.report_xlsx(costed.mission, figures, language="en", today=TODAY))

    leads, answers = cells["Leads"], cells["Feedback answers"]
    assert leads[0] == ["Lead", "First party", "Second party", "City", "Stage now", "Last answered on"]
    assert len(leads) == 3  # the headings and two leads
    assert sorted(leads[1][1:3]) == ["Company 0", "Delegate 0"]  # in the lead's own order of its pair
    assert leads[1][3:5] == [costed.stop.city, "Agreement reached"]
    assert leads[1][5] == dt.datetime(2099, 6, 3)  # a date, read back by openpyxl as a datetime
    # The lead whose deal is not for citation: listed, its parties and city not named.
    assert leads[2][1:5] == ["Not for citation", "Not for citation", "Not for citation", "Agreement reached"]
    assert answers[0] == [
        "Answered on",
        "Lead",
        "Answered by",
        "Round",
        "Meeting took place",
        "Usefulness (1 to 5)",
        "Stage",
        "Kind",
        "Value",
        "Currency",
    ]
    assert len(answers) == 1 + FeedbackAnswer.objects.count() == 6
    assert ["Sale", 250000.0, "USD"] in [row[7:] for row in answers]
    assert ["Sale", 260000.0, "USD"] in [row[7:] for row in answers]
    assert answers[1][2:6] == ["Company 0", "Right after the meeting", "Yes", 4]
    assert "Follow-up wave of 21 May 2099" in [row[3] for row in answers]
    uncited = [row for row in answers if row[1] == leads[2][0]]
    assert uncited
    assert all(row[2] == "Not for citation" and row[7:] == [None] * 3 for row in uncited)
    everything = [value for rows in cells.values() for row in rows for value in row]
    assert 1000000.0 not in everything
    assert 100000.0 not in everything
    assert "MAD" not in everything
    assert "Company 1" not in everything
    assert not any("Secret" in str(value) for value in everything)


def test_a_party_that_takes_its_leave_to_cite_back_has_none_of_its_values_shown(costed):
    form = FeedbackAnswer.objects.get(deal_kind="sale").feedback_request
    services.submit_feedback(
        form,
        email="x@example.com",
        stage="agreement",
        deal_kind="sale",
        deal_value="250000",
        deal_currency="USD",
        may_cite=False,
        now=dt.datetime(2099, 6, 3, tzinfo=dt.UTC),
    )
    assert FeedbackRequest.objects.filter(pk=form.pk).exists()
    figures = mission_figures(costed.mission, today=TODAY)

    cells = xlsx_cells(report.report_xlsx(costed.mission, figures, language="en", today=TODAY))

    everything = [value for rows in cells.values() for row in rows for value in row]
    assert 250000.0 not in everything
    assert "Company 0" not in everything


def test_the_pdf_lists_the_largest_cited_deals_and_the_xlsx_all_of_them(costed, monkeypatch):
    FeedbackAnswer.objects.filter(deal_kind="mou").update(may_cite=True)
    monkeypatch.setattr(report, "PDF_DEALS", 1)
    figures = mission_figures(costed.mission, today=TODAY)

    text = pdf_text(report.report_pdf(costed.mission, figures, language="en", today=TODAY))
    cells = xlsx_cells(report.report_xlsx(costed.mission, figures, language="en", today=TODAY))

    assert "Company 0" in text
    assert "Company 1" not in text
    assert "The 1 largest of the 2 deals that may be cited, by value in USD; the spreadsheet lists them all." in text
    assert [row[0] for row in cells["Cited deals"][1:3]] == ["Company 0", "Company 1"]


def test_the_xlsx_keeps_a_name_starting_with_equals_as_text(costed):
    organization = costed.companies[0].organization
    organization.name = '=HYPERLINK("http://evil.example","x")'
    organization.save(update_fields=["name"])
    figures = mission_figures(costed.mission, today=TODAY)

    workbook = openpyxl.load_workbook(
        io.BytesIO(report.report_xlsx(costed.mission, figures, language="en", today=TODAY))
    )

    cell = workbook["Cited deals"]["A2"]
    assert (cell.value, cell.data_type) == (organization.name, "s")


def test_the_french_report_formats_dates_and_numbers_for_french_readers(client, costed):
    """Through what Django itself translates (month names, number formats): holds before our catalogue does."""
    client.force_login(costed.organiser)

    text = pdf_text(client.get(urls(costed.mission)[0], {"language": "fr"}).content)

    assert "10 février 2099" in text
    assert "250\u202f000,00 USD" in text or "250\xa0000,00 USD" in text or "250 000,00 USD" in text


def test_the_french_report_s_charts_read_french_months_and_numbers(costed):
    figures = mission_figures(costed.mission, today=TODAY)

    text = pdf_text(report.report_pdf(costed.mission, figures, language="fr", today=TODAY))

    assert "févr. 2099" in text  # the stages chart's axis, drawn by vl-convert with the fr-FR locale
    assert "0,5" in text  # its ticks: 0,0 0,5 1,0 …


def test_the_french_report_names_sectors_in_french(costed):
    cloud = SectorFactory(slug="cloud", name="Cloud", name_fr="Informatique en nuage")
    costed.companies[0].organization.sectors.add(cloud)
    figures = mission_figures(costed.mission, today=TODAY)

    text = pdf_text(report.report_pdf(costed.mission, figures, language="fr", today=TODAY))
    cells = xlsx_cells(report.report_xlsx(costed.mission, figures, language="fr", today=TODAY))

    assert "Informatique en nuage" in text
    assert list(cells.values())[4][1][3] == "Informatique en nuage"  # the deals sheet, whatever its French title


def test_the_french_report_has_french_headings(costed):
    figures = mission_figures(costed.mission, today=TODAY)

    text = pdf_text(report.report_pdf(costed.mission, figures, language="fr", today=TODAY))

    for english in ("Headline figures", "Deals that may be cited", "Method notes", "Meetings, from request to held"):
        assert english not in text
    assert "Chiffres clés" in text.replace("\u00a0", " ")
    assert "Notes de méthode" in text


def test_a_mission_with_no_data_gives_a_valid_report(client, organiser):
    mission = MissionFactory(start_date=dt.date(2099, 2, 10), end_date=dt.date(2099, 2, 21))
    mission.organisers.add(organiser)
    client.force_login(organiser)

    pdf, xlsx = (client.get(url) for url in urls(mission))

    text = pdf_text(pdf.content)
    assert "No deal that may be cited has been reported yet." in text
    assert "Meetings, from request to held" in text
    cells = xlsx_cells(xlsx.content)
    assert ["Reported value ÷ programme cost", None] in cells["Headline figures"]
    assert ["Feedback response rate", None] in cells["Headline figures"]
    assert cells["Cited deals"][-1][0] == (
        "0 deals not for citation are left out of this sheet (see the method notes for the totals)."
    )


def test_the_underlying_rows_are_read_in_a_flat_number_of_queries(costed, django_assert_num_queries):
    figures = mission_figures(costed.mission, today=TODAY)
    zone = dt.UTC

    with django_assert_num_queries(6):  # lead_rows' five, then the answers with their forms, waves and parties
        rows = report._underlying_rows(costed.mission, figures, set(), zone)

    assert len(rows["answer_rows"]) == FeedbackAnswer.objects.count() == 4


def test_the_arabic_report_is_right_to_left_with_names_as_they_were_written(costed):
    company = Organization.objects.get(name="Company 0")
    company.name = "شركة الداخلة للصيد"
    company.save(update_fields=["name"])
    figures = mission_figures(costed.mission, today=TODAY)

    text = pdf_text(report.report_pdf(costed.mission, figures, language="ar", today=TODAY))

    assert "ملاحظات منهجية" in text  # "Method notes"
    assert "Method notes" not in text
    # The cited deal's reporter, in Arabic, and its counterpart, in Latin letters, each as written.
    assert "شركة الداخلة للصيد" in text
    assert "Delegate 0" in text
