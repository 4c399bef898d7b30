"""The funder's report: a mission's figures as a PDF to read and an XLSX of the rows behind it, in English or
French.

Pure builders: the mission (for its cover) and its `MissionFigures` in, bytes out; the views only check who
asks. The PDF is HTML laid out by WeasyPrint (events/core/printing.py: nothing fetched but data: URIs), its
charts the dashboard's own Vega-Lite specifications drawn to SVG by vl-convert (charts.py), embedded as
vector images: no browser draws anything.

What a funder may read of the deals (stated in the method notes and on the deals sheet):
- a deal its reporter did not allow to be cited is never shown on its own: neither its company, nor its
  counterpart, nor its value, in the PDF or the XLSX; how many there are is stated;
- its converted value counts in the totals, the funder's ratio and the breakdowns by sector and city, all
  of them sums, only when at least MIN_IN_A_SUM (three) deals are not for citation: with one or two, a
  reader could work a value out by subtracting what is shown from a total (a party to one of two deals
  would learn the other's), so then they are left out of every sum and a note says so — the statistical
  agencies' rule of three for a published cell;
- a sector or city none of whose deals may be cited is not named but summed under "Not for citation",
  since a sum named by its sector and city would point at its companies; that row is left out when it
  would hold fewer than three deals (a note says so).

The XLSX also has the underlying rows: a "Leads" sheet (one row a lead: its parties, city, stage now and
last answer) and a "Feedback answers" sheet (one row an answer). An answer's note is private and never
read; its deal's kind, value and currency are filled in only when that answer may be cited, its party has
not since reported the deal as not for citation and its lead's deal now may be cited; a lead whose deal
now may not be cited is listed without its parties' names or city, on both sheets.
"""

import base64
import io
from dataclasses import dataclass, replace
from decimal import Decimal
from zoneinfo import ZoneInfo

from django.template.loader import render_to_string
from django.utils import formats, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from events.core.printing import html_document
from events.missions import selectors as selectors_of_missions
from events.outcomes import charts
from events.outcomes.figures import lead_rows
from events.outcomes.models import DealKind, FeedbackAnswer, Stage

XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
# The PDF lists at most this many cited deals, the largest; the XLSX lists them all. WeasyPrint lays out a
# table row of four cells in 10 to 20 ms: 1,000 rows would take the report far past its 10 s (the benchmark's
# goal), for a list no funder reads on paper.
PDF_DEALS = 100


@dataclass(frozen=True)
class Figure:
    """One headline figure: `kind` says how to print `value` ("count", "money", "ratio" or "percent";
    a percent is a fraction, 0.5 for 50 %); a None value is printed as not available."""

    label: str
    value: int | Decimal | float | None
    kind: str = "count"


def report_pdf(mission, figures, *, language: str, today) -> bytes:
    """The report as PDF bytes (A4), in `language` ("en" or "fr"), dated `today` (a date)."""
    with translation.override(language):
        html = render_to_string("outcomes/report/report.html", _context(mission, figures, today=today, pdf=True))
        return html_document(html).write_pdf()


def report_xlsx(mission, figures, *, language: str, today) -> bytes:
    """The rows behind the report as XLSX bytes, one sheet per table, headings in `language`."""
    with translation.override(language):
        return _workbook(_context(mission, figures, today=today, pdf=False))


def report_filename(mission, *, language: str, today, extension: str) -> str:
    return f"outcomes-{mission.slug}-{today:%Y-%m-%d}-{language}.{extension}"


# The figures, once, for both documents.


MIN_IN_A_SUM = 3  # deals not for citation in a published sum: fewer, and one could be worked back


def _in_sums(figures):
    """`figures` with the deals not for citation taken out of its sums when there are fewer than MIN_IN_A_SUM."""
    uncited = [deal for deal in figures.deals if not deal.may_cite and deal.converted is not None]
    if len(uncited) >= MIN_IN_A_SUM or not uncited:
        return figures
    deals = [deal for deal in figures.deals if deal.may_cite]
    return replace(
        figures,
        deals=deals,
        total_value=sum((deal.converted for deal in deals if deal.converted is not None), Decimal(0)),
        left_out_of_sums=len(uncited),
    )


def _context(mission, figures, *, today, pdf: bool) -> dict:
    uncited = len(figures.deals) - len(figures.cited_deals)
    # Before _in_sums may drop them: the leads whose deal now is not for citation.
    uncited_leads = {deal.lead_id for deal in figures.deals if not deal.may_cite}
    figures = _in_sums(figures)
    # Largest first (in the reporting currency; a value that could not be converted after those that were).
    cited = sorted(figures.cited_deals, key=lambda deal: (deal.converted is None, -(deal.converted or 0), deal.lead_id))
    # Sectors by their name in the report's language (figures name them in English).
    sector_labels = selectors_of_missions.sector_labels(deal.sector for deal in figures.deals)
    by_sector, sector_left_out = _citable_breakdown(figures.deals, "sector", sector_labels)
    by_city, city_left_out = _citable_breakdown(figures.deals, "city", {})
    context = {
        "mission": mission,
        "zone": ZoneInfo(mission.time_zone),  # a deal's day is the day in the mission's zone
        "cover": _cover(mission, figures, today),
        "headline": _headline(figures, cited=len(cited), uncited=uncited),
        "funnel": _funnel(figures),
        "feedback": [_round(row) for row in figures.feedback],
        "stage_labels": [str(label) for label in Stage.labels],
        "stages": [(day, [counts[stage] for stage in Stage.values]) for day, counts in figures.stages_over_time],
        "deals": cited,
        "sector_labels": sector_labels,
        "kinds": dict(DealKind.choices),
        "uncited": uncited,
        "by_sector": by_sector,
        "by_city": by_city,
        "currency": figures.currency,
        "method": _method_notes(figures, uncited=uncited, alone=sector_left_out or city_left_out),
    }
    if pdf:
        context |= _printed(figures, context)
    else:
        context |= _underlying_rows(mission, figures, uncited_leads, context["zone"])
    return context


def _underlying_rows(mission, figures, uncited_leads: set[int], zone) -> dict:
    """{"lead_rows": [row], "answer_rows": [row]}, the XLSX's rows behind the figures (the same leads as
    `figures`, by its filters), each a list of cell values. Private text (an answer's note) is never
    read; the names and city of a lead whose deal is not for citation are left out, and a deal's kind,
    value and currency are shown only where that deal may be cited (the module docstring)."""
    leads = {row.lead_id: row for row in lead_rows(mission, sector=figures.sector, stop_id=figures.stop_id)}
    stage_labels = dict(Stage.choices)
    kinds = dict(DealKind.choices)
    hidden = _("Not for citation")
    lead_sheet = []
    for row in sorted(leads.values(), key=lambda row: row.lead_id):
        names = (hidden, hidden, hidden) if row.lead_id in uncited_leads else (*row.names, row.city)
        lead_sheet.append(
            [
                row.lead_id,
                *names,
                str(stage_labels.get(row.stage, row.stage)) if row.stage else "",
                row.last_answered_at.astimezone(zone).date() if row.last_answered_at else None,
            ]
        )
    # One query: the answers with their form, wave, lead and party; the note deferred, never loaded.
    answers = [
        answer
        for answer in FeedbackAnswer.objects.filter(feedback_request__lead__mission=mission)
        .select_related(
            "feedback_request__wave",
            "feedback_request__lead",
            "feedback_request__organization",
            "feedback_request__delegate",
        )
        .defer("note")
        .order_by("answered_at", "pk")
        if answer.feedback_request.lead_id in leads
    ]
    # A party whose latest answer reports a deal not for citation took its leave to cite back: none of its
    # earlier values for that lead is shown either.
    latest = {(answer.feedback_request.lead_id, answer.feedback_request.party): answer for answer in answers}
    withdrawn = {key for key, answer in latest.items() if answer.deal_kind and not answer.may_cite}
    answer_sheet = []
    for answer in answers:
        form = answer.feedback_request
        if form.wave_id is None:
            round_name = _("Right after the meeting")
        else:
            round_name = _("Follow-up wave of %(date)s") % {"date": _date(form.wave.opens_on)}
        party = form.organization.name if form.organization_id else form.delegate.full_name if form.delegate_id else ""
        cited = answer.may_cite and form.lead_id not in uncited_leads and (form.lead_id, form.party) not in withdrawn
        deal = (
            [str(kinds.get(answer.deal_kind, answer.deal_kind)), _raw(answer.deal_value), answer.deal_currency]
            if cited and answer.deal_kind
            else [None, None, None]
        )
        answer_sheet.append(
            [
                answer.answered_at.astimezone(zone).date(),
                form.lead_id,
                hidden if form.lead_id in uncited_leads else party,
                round_name,
                _yes_no(answer.took_place),
                answer.usefulness,
                str(stage_labels.get(answer.stage, answer.stage)),
                *deal,
            ]
        )
    return {"lead_rows": lead_sheet, "answer_rows": answer_sheet}


def _yes_no(value: bool | None) -> str:
    if value is None:
        return ""
    return _("Yes") if value else _("No")


def _cover(mission, figures, today) -> list[tuple[str, str]]:
    # The organiser is the implementing organisations, the funder as stated with the programme cost (else
    # the mission's sponsor): what a funder looks for on a cover, and both may be empty.
    organisers = ", ".join(organization.name for organization in mission.implementers.order_by("name"))
    funder = figures.funder or (mission.sponsor.name if mission.sponsor_id else "")
    dates = _("%(first)s to %(last)s") % {"first": _date(mission.start_date), "last": _date(mission.end_date)}
    return [
        (_("Mission"), mission.title),
        (_("Dates"), dates),
        (_("Funder"), funder or _("Not stated")),
        (_("Organiser"), organisers or mission.contact_name or _("Not stated")),
        (_("Date of the report"), _date(today)),
    ]


def _headline(figures, *, cited: int, uncited: int) -> list[Figure]:
    registrations, meetings = figures.registrations, figures.meetings
    asked = sum(row["asked"] for row in figures.feedback)
    answered = sum(row["answered"] for row in figures.feedback)
    return [
        Figure(_("Registrations confirmed"), registrations.get("registrations", 0)),
        Figure(_("Companies registered"), registrations.get("companies", 0)),
        Figure(_("Attendees registered"), registrations.get("attendees", 0)),
        Figure(_("People checked in"), registrations.get("checked_in", 0)),
        Figure(_("Meetings requested"), meetings.get("requested", 0)),
        Figure(_("Meetings placed in the schedule"), meetings.get("placed", 0)),
        Figure(_("Meetings held"), meetings.get("held", 0)),
        Figure(_("Meetings not attended (no-show)"), meetings.get("no_show", 0)),
        Figure(_("Feedback forms sent"), asked),
        Figure(_("Feedback forms answered"), answered),
        Figure(_("Feedback response rate"), answered / asked if asked else None, "percent"),
        Figure(_("Leads (pairs that met)"), figures.leads),
        Figure(_("Deals reported"), cited + uncited),
        Figure(_("Deals that may be cited"), cited),
        Figure(_("Deals not for citation"), uncited),
        Figure(_("Reported deal value (%(currency)s)") % {"currency": figures.currency}, figures.total_value, "money"),
        Figure(_("Programme cost (%(currency)s)") % {"currency": figures.currency}, figures.programme_cost, "money"),
        Figure(_("Reported value ÷ programme cost"), figures.ratio, "ratio"),
    ]


def _funnel(figures) -> list[tuple[str, int]]:
    meetings = figures.meetings
    return [
        (_("Requested"), meetings.get("requested", 0)),
        (_("Accepted"), meetings.get("accepted", 0)),
        (_("Placed"), meetings.get("placed", 0)),
        (_("Held"), meetings.get("held", 0)),
        (_("No-show"), meetings.get("no_show", 0)),
        (_("Status unknown"), meetings.get("unknown", 0)),
    ]


def _round(row) -> dict:
    """One feedback round: {"name", "wave" (a date or None), "asked", "answered", "rate" (a fraction or None)}."""
    if row["wave"] is None:
        name = _("Right after the meetings")
    else:
        name = _("Follow-up wave of %(date)s") % {"date": _date(row["wave"])}
    rate = row["answered"] / row["asked"] if row["asked"] else None
    return {"name": name, "wave": row["wave"], "asked": row["asked"], "answered": row["answered"], "rate": rate}


def _citable_breakdown(deals, dimension: str, labels: dict[str, str]) -> tuple[list[tuple[str, Decimal]], bool]:
    """[(name, converted value)] by `dimension` ("sector" or "city"), largest first, each name through
    `labels` (its name in the report's language). A named row sums cited deals only, all shown one by one:
    a row mixing in a deal not for citation would give its value back by subtracting the cited ones. The
    deals not for citation are summed on one "Not for citation" row, last, when there are at least
    MIN_IN_A_SUM of them. The second item says whether some were left out of the rows that way."""
    named, hidden = {}, []
    for deal in deals:
        if deal.converted is None:
            continue
        if deal.may_cite:
            name = getattr(deal, dimension)
            named[name] = named.get(name, Decimal(0)) + deal.converted
        else:
            hidden.append(deal.converted)
    rows = sorted(
        ((labels.get(name, name) or _("Not stated"), value) for name, value in named.items()), key=lambda row: -row[1]
    )
    if len(hidden) >= MIN_IN_A_SUM:
        rows.append((_("Not for citation"), sum(hidden, Decimal(0))))
    return rows, 0 < len(hidden) < MIN_IN_A_SUM


def _method_notes(figures, *, uncited: int, alone: bool = False) -> dict:
    """The method notes: {"paragraphs": [str], "rates": [str], "unconverted": [str]}; the rules are
    figures.py's (its docstring), said for a reader."""
    paragraphs = [
        _(
            "Registrations are confirmed registrations and their attendees; people checked in are those whose "
            "badge was scanned at least once."
        ),
        _(
            "Meetings requested counts every request; placed, those in the latest published schedule of each "
            "meeting session; held and no-show, as recorded on the day; the others are of unknown status."
        ),
        _(
            "Each side of a meeting is asked for feedback right after it, then in each follow-up wave about each "
            "counterpart it met. The response rate is the share of forms answered at least once."
        ),
        _(
            "A lead is a pair of parties that met. Its stage on a day is the furthest stage among both parties' "
            "latest answers given by that day. Its deal is the latest one reported among both parties' latest "
            "answers; a deal a party takes back no longer counts."
        ),
        _(
            "Values are self-reported estimates, not verified. A deal's sector is the first sector of the company "
            "that reported it; its city is where the two parties first met."
        ),
        ngettext(
            "%(count)s deal is not for citation: it is not shown on its own, here or in the spreadsheet.",
            "%(count)s deals are not for citation: they are not shown one by one, here or in the spreadsheet.",
            uncited,
        )
        % {"count": _count(uncited)},
    ]
    if uncited and not figures.left_out_of_sums:
        paragraphs.append(
            _(
                "Their values are included in the totals and the ratio, and summed together under “Not for "
                "citation” in the breakdowns by sector and city, whose named rows hold cited deals only."
            )
        )
    if alone:
        paragraphs.append(
            _(
                "Deals not for citation in a sector or city without a cited deal are summed on a row of their "
                "own only when there are at least three of them; otherwise the row would let a reader work "
                "their values out."
            )
        )
    if figures.left_out_of_sums:
        paragraphs.append(
            _(
                "With fewer than three deals not for citation, their values are left out of every total, the "
                "ratio and the breakdowns, so that none can be worked out by subtraction."
            )
        )
    rates = [
        _("1 %(code)s = %(rate)s %(currency)s")
        % {"code": code.upper(), "rate": formats.number_format(Decimal(str(rate))), "currency": figures.currency}
        for code, rate in sorted(figures.rates.items())
    ]
    return {"paragraphs": paragraphs, "rates": rates, "unconverted": list(figures.unconverted_currencies)}


# The PDF: numbers printed for the language, charts drawn.


def _printed(figures, context) -> dict:
    headline = [(figure.label, _print(figure)) for figure in context["headline"]]
    feedback = [
        (row["name"], _count(row["asked"]), _count(row["answered"]), _percent(row["rate"]))
        for row in context["feedback"]
    ]
    stages = [(_date(day), [_count(count) for count in counts]) for day, counts in context["stages"]]
    deals = [
        {
            "reported_by": deal.reported_by,
            "counterpart": deal.counterpart,
            "city": deal.city,
            "sector": context["sector_labels"].get(deal.sector, deal.sector),
            "kind": context["kinds"].get(deal.kind, deal.kind),
            "value": _money(deal.value, deal.currency) if deal.value is not None else "",
            "converted": _money(deal.converted, figures.currency) if deal.converted is not None else "",
            "home_content": _percent(deal.home_content_percent / 100) if deal.home_content_percent is not None else "",
            "reported_on": _date(deal.stage_reported_at.astimezone(context["zone"]).date()),
        }
        for deal in context["deals"][:PDF_DEALS]
    ]
    return {
        "deals_shown": len(deals),
        "deals_cited": len(context["deals"]),
        "headline": headline,
        "funnel": [(step, _count(count)) for step, count in context["funnel"]],
        "feedback": feedback,
        "stages": stages,
        "deals": deals,
        "by_sector": [(name, _money(value, figures.currency)) for name, value in context["by_sector"]],
        "by_city": [(name, _money(value, figures.currency)) for name, value in context["by_city"]],
        "charts": _charts(figures, context),
    }


def _charts(figures, context) -> list[dict]:
    """[{"title", "src"}]: each chart an SVG data: URI. A chart with nothing to show is left out."""
    specs = [charts.funnel(figures)]
    if any(sum(counts) for _day, counts in context["stages"]):
        specs.append(charts.stages_over_time(figures))
    for title, rows in (
        (_("Reported deal value by sector"), context["by_sector"]),
        (_("Reported deal value by city"), context["by_city"]),
    ):
        if rows:
            specs.append(charts.value_by(title, dict(rows), figures.currency))
    return [
        {
            "title": spec["title"],
            "src": "data:image/svg+xml;base64," + base64.b64encode(charts.svg(spec).encode()).decode(),
        }
        for spec in specs
    ]


def _date(day) -> str:
    return formats.date_format(day, "DATE_FORMAT")


def _count(number) -> str:
    return formats.number_format(number, 0, force_grouping=True)


def _money(value, currency: str) -> str:
    return _("%(amount)s %(currency)s") % {
        "amount": formats.number_format(value, 2, force_grouping=True),
        "currency": currency,
    }


def _percent(fraction) -> str:
    if fraction is None:
        return "—"
    return _("%(percent)s%%") % {"percent": formats.number_format(round(fraction * 100), 0, force_grouping=True)}


def _print(figure: Figure) -> str:
    if figure.value is None:
        return "—"
    if figure.kind == "money":
        return formats.number_format(figure.value, 2, force_grouping=True)
    if figure.kind == "ratio":
        return formats.number_format(figure.value, 2)
    if figure.kind == "percent":
        return _percent(figure.value)
    return _count(figure.value)


# The XLSX: raw numbers and dates, with number formats; the spreadsheet's locale prints them.

INVALID_SHEET_CHARACTERS = str.maketrans("", "", "[]:*?/\\")


def _workbook(context) -> bytes:
    from openpyxl import Workbook  # loaded by the processes that export, not by every worker

    # Write-only: rows stream out as they are appended, so 30,000 answers cost what one row costs, 30,000
    # times (a normal workbook's `max_row` walks every cell, which made each appended row slower).
    workbook = Workbook(write_only=True)
    sheet = _sheet(workbook, _("Headline figures"), [])
    for label, value in context["cover"]:
        _append(sheet, [label, value])
    _append(sheet, [])
    _append(sheet, [_("Figure"), _("Value")], bold=True)
    for figure in context["headline"]:
        _append(sheet, [figure.label, _raw(figure.value)], number_format=_number_format(figure.kind))

    sheet = _sheet(workbook, _("Meetings funnel"), [_("Step"), _("Meetings")])
    for step, count in context["funnel"]:
        _append(sheet, [step, count])

    sheet = _sheet(workbook, _("Feedback per round"), [_("Round"), _("Forms sent"), _("Forms answered"), _("Rate")])
    for row in context["feedback"]:
        _append(sheet, [row["name"], row["asked"], row["answered"], row["rate"]], number_format="0%")

    sheet = _sheet(workbook, _("Leads by stage"), [_("Month ending"), *context["stage_labels"]])
    for day, counts in context["stages"]:
        _append(sheet, [day, *counts])

    _deals_sheet(workbook, context)
    _underlying_sheets(workbook, context)
    _method_sheet(workbook, context)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _deals_sheet(workbook, context) -> None:
    currency = context["currency"]
    sheet = _sheet(
        workbook,
        _("Cited deals"),
        [
            _("Reported by"),
            _("Counterpart"),
            _("City"),
            _("Sector"),
            _("Kind"),
            _("Value"),
            _("Currency"),
            _("Value in %(currency)s") % {"currency": currency},
            _("Home-country content (%)"),
            _("Reported on"),
        ],
    )
    for deal in context["deals"]:
        _append(
            sheet,
            [
                deal.reported_by,
                deal.counterpart,
                deal.city,
                context["sector_labels"].get(deal.sector, deal.sector),
                str(context["kinds"].get(deal.kind, deal.kind)),
                _raw(deal.value),
                deal.currency,
                _raw(deal.converted),
                deal.home_content_percent,
                deal.stage_reported_at.astimezone(context["zone"]).date(),
            ],
            number_format="#,##0.00",
            formats={8: "0"},  # a whole percentage, not money
        )
    _append(sheet, [])
    _append(
        sheet,
        [
            ngettext(
                "%(count)s deal not for citation is left out of this sheet (see the method notes for the totals).",
                "%(count)s deals not for citation are left out of this sheet (see the method notes for the totals).",
                context["uncited"],
            )
            % {"count": context["uncited"]}
        ],
    )


def _underlying_sheets(workbook, context) -> None:
    sheet = _sheet(
        workbook,
        _("Leads"),
        [_("Lead"), _("First party"), _("Second party"), _("City"), _("Stage now"), _("Last answered on")],
    )
    for row in context["lead_rows"]:
        _append(sheet, row)
    sheet = _sheet(
        workbook,
        _("Feedback answers"),
        [
            _("Answered on"),
            _("Lead"),
            _("Answered by"),
            _("Round"),
            _("Meeting took place"),
            _("Usefulness (1 to 5)"),
            _("Stage"),
            _("Kind"),
            _("Value"),
            _("Currency"),
        ],
    )
    for row in context["answer_rows"]:
        _append(sheet, row, formats={8: "#,##0.00"})


def _method_sheet(workbook, context) -> None:
    sheet = _sheet(workbook, _("Method"), [_("Method notes")])
    for paragraph in context["method"]["paragraphs"]:
        _append(sheet, [paragraph])
    _append(sheet, [])
    _append(sheet, [_("Exchange rates used")], bold=True)
    for rate in context["method"]["rates"] or [_("None: every value is in the reporting currency.")]:
        _append(sheet, [rate])
    if context["method"]["unconverted"]:
        _append(sheet, [_("Currencies not converted (left out of the totals)")], bold=True)
        _append(sheet, [", ".join(context["method"]["unconverted"])])
    _append(sheet, [])
    _append(sheet, [_("Value by sector (%(currency)s)") % {"currency": context["currency"]}], bold=True)
    for name, value in context["by_sector"]:
        _append(sheet, [name, _raw(value)], number_format="#,##0.00")
    _append(sheet, [_("Value by city (%(currency)s)") % {"currency": context["currency"]}], bold=True)
    for name, value in context["by_city"]:
        _append(sheet, [name, _raw(value)], number_format="#,##0.00")


def _sheet(workbook, title: str, headings: list[str]):
    """A new sheet with its headings in bold and frozen above the rows (a write-only sheet takes its column
    widths and panes before its first row)."""
    sheet = workbook.create_sheet(_sheet_title(title))
    sheet.column_dimensions["A"].width = 44
    if headings:
        sheet.freeze_panes = "A2"
        _append(sheet, headings, bold=True)
    return sheet


def _sheet_title(title: str) -> str:
    # Excel refuses sheet names over 31 characters or with any of []:*?/\ (a translation may have one).
    return str(title).translate(INVALID_SHEET_CHARACTERS)[:31]


def _append(
    sheet, values: list, *, bold: bool = False, number_format: str | None = None, formats: dict | None = None
) -> None:
    """Append one row; `number_format` applies to its numbers, `formats` ({column index: format}) to a column."""
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font

    row = []
    for index, value in enumerate(values):
        cell = WriteOnlyCell(sheet, value=value)
        # openpyxl would store a text starting with "=" (a company's name, a city) as a formula that the
        # spreadsheet runs: people's text stays text.
        if isinstance(value, str):
            cell.data_type = "s"
        if bold:
            cell.font = Font(bold=True)
        if hasattr(value, "isoformat"):
            cell.number_format = "yyyy-mm-dd"
        elif formats and index in formats and value is not None:
            cell.number_format = formats[index]
        elif number_format and isinstance(value, int | float) and not isinstance(value, bool):
            cell.number_format = number_format
        row.append(cell)
    sheet.append(row)


def _raw(value):
    """A number openpyxl writes as a number: Decimals as floats (a spreadsheet has no decimals)."""
    return float(value) if isinstance(value, Decimal) else value


def _number_format(kind: str) -> str:
    return {"money": "#,##0.00", "ratio": "0.00", "percent": "0%"}.get(kind, "#,##0")
