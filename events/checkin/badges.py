"""Printable badges: one PDF of a mission's badges, A6 one a page or A4 sheets of eight labels.

Each badge prints the person's name (shaped and set right to left when it is Arabic: Pango through
WeasyPrint, `dir="auto"`, and DejaVu Sans, which has the Arabic letters), their organisation, their role,
the mission and a QR code holding the badge's secret and nothing else (error correction M, a four-module
quiet zone). The QR code is a PNG of whole pixels per module, drawn without smoothing: its squares print
sharp at any size, and tests read it back out of the PDF.

WeasyPrint is imported when a PDF is drawn, not by every process that loads this module. Nothing in a
badge is fetched from anywhere: the only resources are data: URIs, and any other URL is refused.
"""

from dataclasses import dataclass

from django.http import FileResponse, HttpResponse
from django.template.loader import render_to_string

from events.checkin import selectors, services
from events.checkin.models import BadgePrint
from events.checkin.selectors import ROLE_LABELS, Holder
from events.core.printing import html_document, qr_png_data_uri, text_direction

A6, A4 = BadgePrint.Layout.A6.value, BadgePrint.Layout.A4.value  # one list of layouts, the model's
LAYOUTS = (A6, A4)
# A4 sheets of eight labels of 105 x 74 mm, two across and four down, edge to edge (A4 cut in eight A7:
# Avery Zweckform 3427 and its equivalents).
LABELS_PER_SHEET = 8

# A name longer than any real one is cut here (and the box clips whatever still does not fit), so that a
# 5,000-character name costs no more to lay out than a long one and never pushes the badge onto two pages.
LONGEST_NAME = 120
# The name's size steps down as it grows, so that a long name wraps onto a few lines at most.
NAME_SIZES = ((14, "large"), (32, "medium"), (60, "small"))


@dataclass(frozen=True)
class PrintedBadge:
    """What one badge shows: its holder as the check-in selectors know them and the badge's secret."""

    holder: Holder
    secret: str


def mission_badges(mission, emails=None) -> list[PrintedBadge]:
    """The badges of everyone with a role in `mission` now, or of those of `emails` who have one, by name.

    Badges not issued yet are issued (services.issue_badges). A cancelled registration's attendee has no
    role, so no badge is printed for them.
    """
    holders = selectors.holders_for_mission(mission)
    if emails is not None:
        wanted = {email.lower() for email in emails}
        holders = {email: holder for email, holder in holders.items() if email in wanted}
    if not holders:
        return []
    issued = services.issue_badges(mission, emails=list(holders))
    by_name = sorted(holders.items(), key=lambda item: (item[1].name.casefold(), item[0]))
    return [PrintedBadge(holder, issued[email].secret) for email, holder in by_name]


def qr_data_uri(secret: str) -> str:
    """The secret as a QR code: error correction M exactly (segno would otherwise raise it when it fits)."""
    return qr_png_data_uri(secret, boost_error=False)


def _name_size(name: str) -> str:
    for longest, size in NAME_SIZES:
        if len(name) <= longest:
            return size
    return "tiny"


def _shown_name(name: str) -> str:
    return name if len(name) <= LONGEST_NAME else name[: LONGEST_NAME - 1].rstrip() + "…"


def badge_context(mission, badge: PrintedBadge) -> dict:
    name = _shown_name(badge.holder.name)
    return {
        "name": name,
        "name_size": _name_size(name),
        "name_direction": text_direction(name),
        "organization": badge.holder.organization,
        "role": ROLE_LABELS.get(badge.holder.role, badge.holder.role),
        "role_key": badge.holder.role,
        "mission": mission.title,
        "qr": qr_data_uri(badge.secret),
    }


def badges_html(mission, badges: list[PrintedBadge], *, layout: str = A6) -> str:
    if layout not in LAYOUTS:
        raise ValueError(f"layout must be one of {LAYOUTS}, not {layout!r}")
    shown = [badge_context(mission, badge) for badge in badges]
    sheets = [shown[start : start + LABELS_PER_SHEET] for start in range(0, len(shown), LABELS_PER_SHEET)]
    return render_to_string(
        "checkin/badges.html", {"layout": layout, "badges": shown, "sheets": sheets, "mission": mission}
    )


def render_badges(mission, badges: list[PrintedBadge], *, layout: str = A6):
    """The laid-out document (WeasyPrint's): its `pages` can be counted before it is written."""
    return html_document(badges_html(mission, badges, layout=layout)).render()


def badges_pdf(mission, badges: list[PrintedBadge], *, layout: str = A6) -> bytes:
    """One PDF of `badges`, in their order: A6, one badge a page; or A4 sheets of eight labels."""
    return render_badges(mission, badges, layout=layout).write_pdf()


def pdf_response(body: bytes, filename: str) -> HttpResponse:
    """A badge PDF as a download. It holds the secrets that let people in: never cached on the way."""
    response = HttpResponse(body, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "private, no-store"
    return response


def badge_print_response(badge_print) -> FileResponse:
    """A ready BadgePrint's PDF as a download, streamed from storage and, like pdf_response, never cached."""
    response = FileResponse(
        badge_print.file.open("rb"),
        as_attachment=True,
        filename=f"badges-{badge_print.mission.slug}-{badge_print.layout}-{badge_print.pk}.pdf",
        content_type="application/pdf",
    )
    response["Cache-Control"] = "private, no-store"
    return response
