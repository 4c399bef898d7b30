"""Registrations as CSV or XLSX for organisers, safe to open in a spreadsheet."""

import csv
import io

from openpyxl import Workbook

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
HEADER = ["Company", "Country", "Sectors", "Status", "Seats", "Attendee", "Email", "Job title", "Registered at"]


def neutralise(value):
    """Keep a cell that looks like a formula as text, so a spreadsheet never evaluates user input."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def registration_rows(registrations):
    for registration in registrations:
        organization = registration.organization
        common = [
            organization.name,
            organization.country.code,
            ", ".join(sector.name for sector in organization.sectors.all()),
            registration.status,
            registration.seats,
        ]
        for attendee in registration.attendees.all():
            yield [
                neutralise(cell)
                for cell in [*common, attendee.full_name, attendee.email, attendee.job_title, registration.created_at]
            ]


def as_csv(registrations) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(HEADER)
    writer.writerows(registration_rows(registrations))
    return buffer.getvalue().encode("utf-8-sig")


def as_xlsx(registrations) -> bytes:
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("Registrations")
    sheet.append(HEADER)
    for row in registration_rows(registrations):
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
