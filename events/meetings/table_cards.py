"""Printable table cards: one A5 card a page for each table of a meeting session, with the table's name, the
session and a QR code of the table's secret. Either side of a meeting scans it to say they met there.

Drawn with the printing module the badges use (segno for the QR code, WeasyPrint fetching nothing but
data: URIs), so a table's code reads like a badge's and one scanner takes both.
"""

from django.template.loader import render_to_string
from django.utils import timezone

from events.core.printing import html_document, qr_png_data_uri, text_direction


def table_cards_html(grid) -> str:
    session = grid.session
    with timezone.override(session.stop.time_zone):  # the session's times as its place reads them
        return render_to_string(
            "meetings/table_cards.html",
            {
                "session": session,
                "mission": session.stop.mission,
                "zone": session.stop.time_zone,
                "cards": [
                    {
                        "name": table.name,
                        "direction": text_direction(table.name),
                        "delegate": table.delegate.full_name if table.delegate_id else "",
                        # Exactly M, as on badges: a small code that one scanner reads at arm's length.
                        "qr": qr_png_data_uri(table.secret, boost_error=False),
                    }
                    for table in grid.tables.select_related("delegate")
                ],
            },
        )


def table_cards_pdf(grid) -> bytes:
    """One PDF: a card a page for each of the grid's tables, in their order on the board."""
    return html_document(table_cards_html(grid)).write_pdf()
