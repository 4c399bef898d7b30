"""Printable badges: the PDFs are read back (pypdf) and each page's QR code is decoded from the image drawn on
that page (zbarimg), so what is tested is what the printer gets."""

import io
import math
import os
import re
import shutil
import subprocess

import pypdf
import pytest
from django.utils import translation
from pypdf.generic import ContentStream
from weasyprint.urls import FatalURLFetchingError

from events.checkin import badges as badges_module
from events.checkin import services
from events.checkin.badges import A4, A6, PrintedBadge, badges_html, badges_pdf, mission_badges
from events.checkin.models import new_badge_secret
from events.checkin.selectors import ATTENDEE, DELEGATE, Holder
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

A6_POINTS = (297.64, 419.53)  # 105 x 148 mm
A4_POINTS = (595.28, 841.89)  # 210 x 297 mm
DOOR_PEOPLE = {"organiser@agency.example", "omar@dakhla.example", "ana@lonestar.example", "bo@lonestar.example"}


def pages_of(pdf: bytes):
    assert pdf.startswith(b"%PDF-")
    return pypdf.PdfReader(io.BytesIO(pdf)).pages


def page_size(page):
    return (round(float(page.mediabox.width), 2), round(float(page.mediabox.height), 2))


def drawn_images(page):
    """The images the page's content stream draws, in order (the resources list every page's images)."""
    operations = ContentStream(page.get_contents(), page.pdf).operations
    names = [operands[0] for operands, operator in operations if operator == b"Do"]
    return [page.images[name].image for name in names]


def read_qr_codes(images, tmp_path) -> list[str]:
    """What zbarimg reads in each image, one payload per image, in order."""
    if shutil.which("zbarimg") is None:
        if os.environ.get("REQUIRE_QR_READER"):
            pytest.fail("zbarimg is required here (apt-get install zbar-tools)")
        pytest.skip("zbarimg not installed (apt-get install zbar-tools)")
    files = []
    for number, image in enumerate(images):
        files.append(tmp_path / f"qr-{number}.png")
        image.save(files[-1])
    done = subprocess.run(["zbarimg", "--raw", "-q", *map(str, files)], capture_output=True, text=True, check=True)
    return done.stdout.splitlines()


def made_up_badges(count, name="Ana Ruiz"):
    return [
        PrintedBadge(Holder(f"p{number}@example.com", name, "Lone Star Cloud", ATTENDEE), new_badge_secret())
        for number in range(count)
    ]


def test_a6_prints_one_page_per_person_and_each_qr_reads_as_that_badge_s_secret(door, tmp_path):
    badges = mission_badges(door.mission)

    pages = pages_of(badges_pdf(door.mission, badges, layout=A6))

    issued = services.issue_badges(door.mission)
    assert {badge.holder.email for badge in badges} == DOOR_PEOPLE
    assert len(pages) == 4
    assert {page_size(page) for page in pages} == {A6_POINTS}
    images = [image for page in pages for image in drawn_images(page)]
    assert len(images) == 4
    assert read_qr_codes(images, tmp_path) == [issued[badge.holder.email].secret for badge in badges]
    for page, badge in zip(pages, badges, strict=True):
        assert badge.holder.name in " ".join(page.extract_text().split())  # a long name wraps


def test_a_qr_code_holds_the_secret_alone_never_personal_data(door, tmp_path):
    badges = mission_badges(door.mission)

    pdf = badges_pdf(door.mission, badges, layout=A6)

    payloads = read_qr_codes([image for page in pages_of(pdf) for image in drawn_images(page)], tmp_path)
    for payload in payloads:
        assert re.fullmatch(r"[A-Z2-7]{32}", payload)
        assert "@" not in payload
    for badge in badges:
        for payload in payloads:
            assert badge.holder.name.upper() not in payload
            assert badge.holder.email.upper() not in payload


def test_a_cancelled_attendee_gets_no_badge(door):
    badges = mission_badges(door.mission)

    pdf = badges_pdf(door.mission, badges, layout=A4)

    assert "cy@gone.example" not in {badge.holder.email for badge in badges}
    text = "".join(page.extract_text() for page in pages_of(pdf))
    assert "Cy Gone" not in text
    assert "Ana Ruiz" in text


@pytest.mark.parametrize(("people", "sheets"), [(1, 1), (8, 1), (9, 2), (17, 3)])
def test_a4_sheets_hold_eight_labels_each(door, people, sheets, tmp_path):
    badges = made_up_badges(people)

    pages = pages_of(badges_pdf(door.mission, badges, layout=A4))

    assert len(pages) == sheets == math.ceil(people / 8)
    assert {page_size(page) for page in pages} == {A4_POINTS}
    assert [len(drawn_images(page)) for page in pages] == [min(8, people - 8 * sheet) for sheet in range(sheets)]
    images = [image for page in pages for image in drawn_images(page)]
    assert read_qr_codes(images, tmp_path) == [badge.secret for badge in badges]


@pytest.mark.parametrize(("layout", "pages"), [(A6, 3), (A4, 1)])
def test_a_5000_character_name_keeps_one_badge_in_its_box(door, layout, pages, tmp_path):
    badges = made_up_badges(1) + made_up_badges(1, name="Z" * 5000) + made_up_badges(1, name="Ana " * 1250)

    pdf = badges_pdf(door.mission, badges, layout=layout)

    assert len(pages_of(pdf)) == pages
    images = [image for page in pages_of(pdf) for image in drawn_images(page)]
    assert read_qr_codes(images, tmp_path) == [badge.secret for badge in badges]


def test_an_arabic_name_is_set_right_to_left_in_a_font_with_arabic_letters(door):
    name = "عمر التازي"
    badges = [PrintedBadge(Holder("omar@dakhla.example", name, "جهة الداخلة وادي الذهب", DELEGATE), new_badge_secret())]

    html = badges_html(door.mission, badges, layout=A6)
    (page,) = pages_of(badges_pdf(door.mission, badges, layout=A6))

    assert f'dir="rtl"><bdi>{name}</bdi>' in html
    assert name in page.extract_text()
    fonts = {str(font.get_object()["/BaseFont"]).split("+")[-1] for font in page["/Resources"]["/Font"].values()}
    # The fonts shipped with the project (static/fonts), the Arabic one for the Arabic words.
    assert {"Noto-Sans-Arabic", "Noto-Sans-Arabic-Bold"} & fonts
    assert fonts <= {"Noto-Sans", "Noto-Sans-Bold", "Noto-Sans-Arabic", "Noto-Sans-Arabic-Bold"}


def test_a_badge_loads_nothing_from_outside(door, monkeypatch):
    outside = '<img src="http://127.0.0.1:9/tracker.png"><img src="file:///etc/passwd">'
    monkeypatch.setattr(badges_module, "badges_html", lambda *args, **kwargs: outside)

    with pytest.raises(FatalURLFetchingError, match="Error fetching"):
        badges_pdf(door.mission, made_up_badges(1), layout=A6)


@pytest.mark.parametrize(
    "url",
    ["file:///etc/passwd", "FONTS/../../README.md", "FONTS/NotoSans-Regular.ttf/../../../../etc/hostname"],
)
def test_a_file_outside_the_shipped_fonts_is_refused_even_by_a_path_through_them(door, monkeypatch, url):
    from events.core.printing import FONTS

    url = url.replace("FONTS", FONTS.as_uri())
    monkeypatch.setattr(badges_module, "badges_html", lambda *args, **kwargs: f'<img src="{url}">')

    with pytest.raises(FatalURLFetchingError):
        badges_pdf(door.mission, made_up_badges(1), layout=A6)


def test_an_unknown_layout_is_refused(door):
    with pytest.raises(ValueError, match="layout must be one of"):
        badges_pdf(door.mission, made_up_badges(1), layout="letter")


def test_a_person_s_own_badge_is_theirs_alone(door, tmp_path):
    UserFactory(email="ana@lonestar.example")

    badges = mission_badges(door.mission, emails=["Ana@LoneStar.example"])

    assert [badge.holder.name for badge in badges] == ["Ana Ruiz"]
    assert mission_badges(door.mission, emails=["cy@gone.example"]) == []


def test_roles_print_in_the_language_of_whoever_prints(door):
    badges = mission_badges(door.mission)

    with translation.override("fr"):
        html = badges_html(door.mission, badges, layout=A4)

    assert (html.count("Organisateur"), html.count("Délégué"), html.count("Participant")) == (1, 1, 2)
