"""The certificate PDF: read back with pypdf (text, fonts, the attached signed record) and zbarimg (its QR
code), so what is tested is what the printer and a verifier get."""

import io
import json

import pypdf
import pytest
from weasyprint.urls import FatalURLFetchingError

from events.certificates import documents, selectors, services
from tests.certificates.conftest import ARABIC_NAME
from tests.checkin.test_badges import drawn_images, read_qr_codes

pytestmark = pytest.mark.django_db


def read(pdf: bytes) -> pypdf.PdfReader:
    assert pdf.startswith(b"%PDF-")
    return pypdf.PdfReader(io.BytesIO(pdf))


def test_an_arabic_name_is_set_right_to_left_and_reads_back_from_the_pdf(issued):
    certificate = issued["fatima@dakhla.example"]

    html = documents.certificate_html(certificate)
    (page,) = read(documents.certificate_pdf(certificate)).pages

    assert f'dir="rtl"><bdi>{ARABIC_NAME}</bdi>' in html
    text = page.extract_text()
    assert ARABIC_NAME in text
    assert "Social-media marketing and e-commerce training" in text
    assert "Dakhla-Oued Eddahab Regional Investment Centre" in text
    fonts = {str(font.get_object()["/BaseFont"]).split("+")[-1] for font in page["/Resources"]["/Font"].values()}
    # The fonts shipped with the project, the Arabic one for the Arabic name: not the machine's.
    assert "Noto-Sans-Arabic" in fonts or "Noto-Sans-Arabic-Bold" in fonts
    assert fonts <= {"Noto-Sans", "Noto-Sans-Bold", "Noto-Sans-Arabic", "Noto-Sans-Arabic-Bold"}


def test_the_pdf_carries_the_signed_record_as_an_attachment(issued):
    certificate = issued["youssef@dakhla.example"]

    attachments = read(documents.certificate_pdf(certificate)).attachments

    assert list(attachments) == ["certificate.json"]
    assert json.loads(attachments["certificate.json"][0]) == selectors.signed_document(certificate)


def test_the_qr_code_is_the_verification_address(issued, tmp_path):
    certificate = issued["youssef@dakhla.example"]
    (page,) = read(documents.certificate_pdf(certificate)).pages

    assert read_qr_codes(drawn_images(page), tmp_path) == [services.verification_url(certificate.public_id)]


def test_the_pdf_shows_no_email_and_prints_the_record_as_escaped_json(issued):
    certificate = issued["fatima@dakhla.example"]

    (page,) = read(documents.certificate_pdf(certificate)).pages

    text = page.extract_text()
    assert "fatima@dakhla.example" not in text.lower()
    assert "\\u0641\\u0627\\u0637\\u0645\\u0629" in text  # فاطمة, escaped


def test_a_certificate_loads_nothing_from_outside(issued, monkeypatch):
    monkeypatch.setattr(documents, "certificate_html", lambda certificate: '<img src="http://127.0.0.1:9/t.png">')

    with pytest.raises(FatalURLFetchingError):
        documents.certificate_pdf(issued["fatima@dakhla.example"])


def test_the_pdf_download_is_public_for_a_valid_certificate(client, issued):
    certificate = issued["fatima@dakhla.example"]

    response = client.get(f"/verify/{certificate.public_id}/certificate.pdf")

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert ARABIC_NAME in read(response.content).pages[0].extract_text()
