"""A certificate as a PDF: the name as written (Arabic set right to left), the programme, the date, the
issuer, a QR code of its verification address, and its signed record printed in small type and attached
as certificate.json, so the PDF alone carries everything an offline verifier needs but the key set.

The same approach as the badges (events/checkin/badges.py): WeasyPrint imported when a PDF is drawn, DejaVu
Sans for every script, `dir` set from the name's first strong letter with a <bdi>, a segno QR code as a
PNG data: URI, and nothing fetched from anywhere but data: URIs.
"""

import json

from django.template.loader import render_to_string
from django.utils import formats

from events.certificates import selectors, services
from events.core.printing import html_document, qr_png_data_uri, text_direction


def certificate_html(certificate) -> str:
    definition = certificate.definition
    document = selectors.signed_document(certificate)
    url = services.verification_url(certificate.public_id)
    return render_to_string(
        "certificates/certificate.html",
        {
            "name": certificate.name,
            "name_direction": text_direction(certificate.name),
            "title": definition.title,
            "title_direction": text_direction(definition.title),
            "description": definition.description,
            "issuer": definition.issuer_name,
            "issuer_direction": text_direction(definition.issuer_name),
            "date": formats.date_format(certificate.issued_on, "DATE_FORMAT"),
            "url": url,
            "qr": qr_png_data_uri(url),
            "kid": document["proof"]["kid"],
            "signature": document["proof"]["signature"],
            # Printed with \u escapes: the same JSON, and read left to right whatever the name's script
            # (an Arabic run inside the record would be reordered on the page, quotes and all).
            "record": json.dumps(document["credential"], sort_keys=True, separators=(",", ":")),
        },
    )


def certificate_pdf(certificate) -> bytes:
    import weasyprint

    signed = json.dumps(selectors.signed_document(certificate), ensure_ascii=False, indent=2).encode("utf-8")
    attachment = weasyprint.Attachment(string=signed, name="certificate.json", description="Signed record")
    return html_document(certificate_html(certificate)).write_pdf(attachments=[attachment])
