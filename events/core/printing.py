"""What our printed documents (badges, certificates) share: QR codes, the direction of a line of text, and
HTML laid out as a PDF by WeasyPrint that fetches nothing but data: URIs.

segno and WeasyPrint are imported when a document is drawn, not by every process that loads this module.
"""

import unicodedata

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


def html_document(html: str):
    """WeasyPrint's document for `html`, allowed to load data: URIs only (any other URL fails the document):
    call .render() to lay it out, or .write_pdf()."""
    import weasyprint

    only_data_uris = weasyprint.URLFetcher(allowed_protocols={"data"}, fail_on_errors=True)
    return weasyprint.HTML(string=html, url_fetcher=only_data_uris)
