"""What our printed documents (badges, certificates, table cards, the funder's report) share: QR codes, the
direction of a line of text, the fonts shipped with the project, and HTML laid out as a PDF by WeasyPrint
that fetches nothing but data: URIs and those fonts.

segno and WeasyPrint are imported when a document is drawn, not by every process that loads this module.
"""

import unicodedata
from pathlib import Path

from django.conf import settings
from django.utils.safestring import mark_safe

QR_PIXELS_PER_MODULE = 4


def qr_png_data_uri(text: str, *, boost_error: bool = True) -> str:
    """`text` as a QR code, a PNG data: URI of whole pixels per module (sharp at any print size), error
    correction at least M (exactly M with boost_error=False), a four-module quiet zone, black on white."""
    import segno

    code = segno.make_qr(text, error="m", boost_error=boost_error)
    return code.png_data_uri(scale=QR_PIXELS_PER_MODULE, border=4)


def text_direction(text: str) -> str:
    """ "rtl" or "ltr" by the first letter with a strong direction, as HTML's dir="auto" decides."""
    for character in text:
        kind = unicodedata.bidirectional(character)
        if kind in ("R", "AL"):
            return "rtl"
        if kind == "L":
            return "ltr"
    return "ltr"


# Noto Sans (Latin, Greek, Cyrillic) and Noto Sans Arabic, OFL 1.1 (static/fonts/LICENSE-OFL.txt): a document
# looks the same whatever fonts the machine has, and an Arabic name is shaped by Pango (HarfBuzz) from the
# font we ship. The Arabic face is listed second, so it draws only what the Latin one has no glyph for.
FONTS = Path(settings.BASE_DIR) / "static" / "fonts"
FONT_FAMILY = '"Noto Sans", "Noto Sans Arabic"'
_FACES = [
    ("Noto Sans", "normal", "NotoSans-Regular.ttf"),
    ("Noto Sans", "bold", "NotoSans-Bold.ttf"),
    ("Noto Sans Arabic", "normal", "NotoSansArabic-Regular.ttf"),
    ("Noto Sans Arabic", "bold", "NotoSansArabic-Bold.ttf"),
]


def font_faces_css() -> str:
    """The @font-face rules of the shipped fonts, for a printed document's <style> (safe: our own text)."""
    return mark_safe(
        "\n".join(
            f'@font-face {{ font-family: "{family}"; font-weight: {weight}; src: url("{(FONTS / name).as_uri()}"); }}'
            for family, weight, name in _FACES
        )
    )


def _is_a_shipped_font(url: str) -> bool:
    from urllib.parse import urlsplit
    from urllib.request import url2pathname

    path = Path(url2pathname(urlsplit(url).path)).resolve()
    return path.parent == FONTS.resolve() and path.suffix == ".ttf"


def html_document(html: str):
    """WeasyPrint's document for `html`, allowed to load data: URIs and the shipped fonts only (any other URL
    fails the document): call .render() to lay it out, or .write_pdf()."""
    import weasyprint

    class DocumentFetcher(weasyprint.URLFetcher):
        def fetch(self, url, headers=None):
            if url.startswith("file:") and not _is_a_shipped_font(url):
                raise weasyprint.urls.FatalURLFetchingError(f"only the shipped fonts may be read: {url}")
            return super().fetch(url, headers)

    fetcher = DocumentFetcher(allowed_protocols={"data", "file"}, fail_on_errors=True)
    return weasyprint.HTML(string=html, url_fetcher=fetcher)
