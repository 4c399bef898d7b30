"""A session's registrations as CSV or XLSX for organisers, safe to open in a spreadsheet.

One row per attendee. Times are in the session's place, with the zone named in the column's header:
ISO 8601 with the offset in CSV, real date cells in XLSX (which has no time zones). Statuses, headers,
countries, sectors and yes/no answers are in the language active for the request, as on the page; numbers
stay numbers; every text a person typed is kept from being read as a formula: in CSV by a leading
apostrophe (which a spreadsheet shows), in XLSX by writing it as a string cell, which is never evaluated,
so the text stays exactly as typed.
"""

import csv
import datetime as dt
import io
from zoneinfo import ZoneInfo

from django.utils.text import capfirst
from django.utils.translation import get_language_bidi
from django.utils.translation import gettext as _

from events.registrations.models import Question, Registration

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
DATE_FORMAT = "yyyy-mm-dd hh:mm"
# Column widths in characters: wide enough for the header and most cells, never wider than a screen's third;
# longer texts and texts on several lines wrap in their cell.
MIN_WIDTH, MAX_WIDTH = 8, 50


def neutralise(value):
    """Keep a CSV cell that looks like a formula as text, so a spreadsheet never evaluates user input."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def _list_separator() -> str:
    # Arabic separates the items of a list with its own comma (U+060C), as the pages' Arabic date formats do.
    return "، " if get_language_bidi() else ", "


def header(questions, time_zone) -> list[str]:
    return [
        _("Company"),
        _("Country"),
        _("Sectors"),
        _("Status"),
        _("Seats"),
        _("Attendee"),
        _("Email"),
        _("Job title"),
        _("Registered at (%(zone)s)") % {"zone": time_zone},
        _("Waitlist position"),
        str(capfirst(Registration._meta.get_field("decision_reason").verbose_name)),
        *(question.label for question in questions),
    ]


def _answer_text(answer) -> str:
    if answer.question.kind == Question.Kind.YES_NO:
        return _("Yes") if answer.value == "yes" else _("No")
    return answer.value


def registration_rows(registrations, questions, time_zone):
    """Typed cells: text as typed (each format keeps it from being read as a formula), int, None for nothing,
    and the registration time as an aware datetime in the session's zone. Needs the attendees, sectors and
    answers prefetched (selectors do)."""
    zone = ZoneInfo(time_zone)
    for registration in registrations:
        organization = registration.organization
        by_question = {answer.question_id: _answer_text(answer) for answer in registration.answers.all()}
        common = [
            organization.name,
            str(organization.country.name),
            _list_separator().join(sector.label for sector in organization.sectors.all()),
            str(registration.get_status_display()),
            registration.seats,
        ]
        after = [
            registration.created_at.astimezone(zone),
            getattr(registration, "waitlist_position", None),
            registration.decision_reason,
            *(by_question.get(question.pk, "") for question in questions),
        ]
        for attendee in registration.attendees.all():
            person = [attendee.full_name, attendee.email, attendee.job_title]
            yield [*common, *person, *after]


def as_csv(registrations, *, questions, time_zone) -> bytes:
    def text(cell):
        if cell is None:
            return ""
        if isinstance(cell, dt.datetime):
            return cell.isoformat(timespec="seconds")
        if isinstance(cell, str):
            return neutralise(cell)
        return cell

    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow([neutralise(title) for title in header(questions, time_zone)])
    writer.writerows([text(cell) for cell in row] for row in registration_rows(registrations, questions, time_zone))
    return buffer.getvalue().encode("utf-8-sig")


def _widths(rows) -> list[int]:
    """Each column's width in characters: its longest line, between MIN_WIDTH and MAX_WIDTH."""
    widths = [MIN_WIDTH] * len(rows[0])
    for row in rows:
        for index, value in enumerate(row):
            if isinstance(value, dt.datetime):
                longest = len(DATE_FORMAT)
            else:
                longest = max((len(line) for line in str("" if value is None else value).splitlines()), default=0)
            widths[index] = min(MAX_WIDTH, max(widths[index], longest + 2))
    return widths


def as_xlsx(registrations, *, questions, time_zone) -> bytes:
    from openpyxl import Workbook  # only the export needs it, not every process that imports this app
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(_("Registrations")[:31])
    sheet.freeze_panes = "A2"
    sheet.sheet_view.rightToLeft = get_language_bidi()  # an Arabic sheet opens with its first column on the right
    bold = Font(bold=True)

    def cell(value):
        if isinstance(value, dt.datetime):
            # XLSX stores wall-clock times; the header names the zone they are in.
            written = WriteOnlyCell(sheet, value=value.replace(tzinfo=None))
            written.number_format = DATE_FORMAT
            return written
        if isinstance(value, str):
            # openpyxl reads a text starting with "=" as a formula (and "#N/A" as an error): a string cell is
            # shown and kept exactly as typed and never evaluated.
            written = WriteOnlyCell(sheet, value=value)
            written.data_type = "s"
            if "\n" in value or len(value) > MAX_WIDTH:
                written.alignment = Alignment(wrap_text=True, vertical="top")
            return written
        return value

    titles = header(questions, time_zone)
    rows = list(registration_rows(registrations, questions, time_zone))
    for index, width in enumerate(_widths([titles, *rows]), start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    heading = [cell(title) for title in titles]
    for title in heading:
        title.font = bold
        title.alignment = Alignment(wrap_text=True, vertical="top")
    sheet.append(heading)
    for row in rows:
        sheet.append([cell(value) for value in row])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
