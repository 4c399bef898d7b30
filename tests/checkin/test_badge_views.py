"""Badge downloads as pages: organisers prepare the mission's PDF, then download it; each person gets their own;
others a 404."""

import io

import pypdf
import pytest
from django.urls import reverse

from events.checkin import services
from events.checkin.models import BadgePrint
from tests.factories import MissionFactory, UserFactory

pytestmark = pytest.mark.django_db


def page_count(response):
    body = b"".join(response.streaming_content) if response.streaming else response.content
    assert body.startswith(b"%PDF-")
    return len(pypdf.PdfReader(io.BytesIO(body)).pages)


def page_url(door):
    return reverse("checkin:mission-badges", args=[door.mission.slug])


def prepare(client, door, layout, django_capture_on_commit_callbacks):
    """Press "Prepare badges": the worker runs in-process once the request's transaction commits."""
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("checkin:prepare-badges", args=[door.mission.slug]), {"layout": layout})
    return response


def print_urls(badge_print):
    args = [badge_print.mission.slug, badge_print.pk]
    return reverse("checkin:badge-print-status", args=args), reverse("checkin:badge-print-pdf", args=args)


@pytest.mark.parametrize(("layout", "pages"), [("a6", 4), ("a4", 1)])
def test_an_organiser_prepares_the_mission_s_badges_then_downloads_them(
    client, door, layout, pages, django_capture_on_commit_callbacks
):
    client.force_login(door.organiser)

    prepared = prepare(client, door, layout, django_capture_on_commit_callbacks)
    page = client.get(page_url(door)).content.decode()
    badge_print = BadgePrint.objects.get()
    _status_url, pdf_url = print_urls(badge_print)
    response = client.get(pdf_url)

    assert prepared.status_code == 302
    assert prepared["Location"] == page_url(door)
    assert f'href="{pdf_url}"' in page
    assert "Download 4 badges" in page
    assert "badge_prints.js" not in page  # nothing left to wait for
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == (
        f'attachment; filename="badges-{door.mission.slug}-{layout}-{badge_print.pk}.pdf"'
    )
    assert response["Cache-Control"] == "private, no-store"
    assert page_count(response) == pages
    assert set(services.issue_badges(door.mission)) == {
        "organiser@agency.example",
        "omar@dakhla.example",
        "ana@lonestar.example",
        "bo@lonestar.example",
    }


def test_the_page_offers_both_layouts(client, door):
    client.force_login(door.organiser)

    page = client.get(page_url(door)).content.decode()

    assert f'action="{reverse("checkin:prepare-badges", args=[door.mission.slug])}"' in page
    assert 'name="layout" value="a6">Prepare badges (A6, one a page)</button>' in page
    assert 'name="layout" value="a4">Prepare badges (A4 labels, eight a sheet)</button>' in page
    assert "No badges prepared yet." in page


def test_a_print_being_built_is_polled_by_a_script_of_our_own(client, door):
    badge_print = services.request_badge_print(door.mission, acting_user=door.organiser, layout="a6")
    client.force_login(door.organiser)
    status_url, pdf_url = print_urls(badge_print)

    page = client.get(page_url(door)).content.decode()
    status = client.get(status_url)

    assert f'data-badge-print-status="{status_url}" data-status="queued"' in page
    assert '<script src="/static/js/badge_prints.js" defer></script>' in page
    assert "<script>" not in page
    assert pdf_url not in page
    assert status.json() == {"id": badge_print.pk, "status": "queued", "status_label": "Queued"}
    assert status["Cache-Control"] == "private, no-store"
    assert client.get(pdf_url).status_code == 404


def test_a_failed_print_says_why(client, door):
    badge_print = BadgePrint.objects.create(
        mission=door.mission, layout="a6", status=BadgePrint.Status.FAILED, error="No worker could be reached"
    )
    client.force_login(door.organiser)

    page = client.get(page_url(door)).content.decode()

    assert "Not built: No worker could be reached" in page
    assert client.get(print_urls(badge_print)[1]).status_code == 404


def test_an_unknown_layout_is_a_400(client, door):
    client.force_login(door.organiser)

    response = client.post(reverse("checkin:prepare-badges", args=[door.mission.slug]), {"layout": "letter"})

    assert response.status_code == 400
    assert BadgePrint.objects.count() == 0


def test_preparing_is_a_post(client, door):
    client.force_login(door.organiser)

    assert client.get(reverse("checkin:prepare-badges", args=[door.mission.slug])).status_code == 405


@pytest.mark.parametrize("who", ["volunteer", "company", "delegate", "other_organiser", "stranger"])
def test_only_the_mission_s_organisers_see_prepare_and_download_its_badges(
    client, door, who, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        badge_print = services.request_badge_print(door.mission, acting_user=door.organiser, layout="a6")
    door.mission.check_in_staff.create(user=door.volunteer)
    other = MissionFactory()
    other.organisers.add(UserFactory(email="boss@elsewhere.example"))
    visitor = {
        "volunteer": door.volunteer,
        "company": door.company.user,
        "delegate": door.delegate.user,
        "other_organiser": other.organisers.get(),
        "stranger": UserFactory(),
    }[who]
    client.force_login(visitor)
    status_url, pdf_url = print_urls(badge_print)

    answers = [
        client.get(page_url(door)).status_code,
        client.post(reverse("checkin:prepare-badges", args=[door.mission.slug]), {"layout": "a4"}).status_code,
        client.get(status_url).status_code,
        client.get(pdf_url).status_code,
    ]

    assert answers == [404, 404, 404, 404]
    assert BadgePrint.objects.count() == 1


def test_another_mission_s_print_is_not_found_through_this_mission(client, door):
    other = MissionFactory()
    other.organisers.add(door.organiser)
    elsewhere = services.request_badge_print(other, acting_user=door.organiser, layout="a6")
    client.force_login(door.organiser)

    response = client.get(reverse("checkin:badge-print-status", args=[door.mission.slug, elsewhere.pk]))

    assert response.status_code == 404


def test_a_signed_out_visitor_is_sent_to_sign_in(client, door):
    response = client.get(page_url(door))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


def test_the_mission_page_links_organisers_to_the_badges(client, door):
    client.force_login(door.organiser)

    page = client.get(reverse("missions:detail", args=[door.mission.slug])).content.decode()

    assert f'href="{page_url(door)}"' in page


def test_a_person_downloads_their_own_badge_and_nobody_else_s(client, door):
    ana = UserFactory(email="ana@lonestar.example")
    client.force_login(ana)

    response = client.get(reverse("checkin:own-badge", args=[door.mission.slug]))

    assert response.status_code == 200
    assert response["Content-Disposition"] == f'attachment; filename="badge-{door.mission.slug}.pdf"'
    assert page_count(response) == 1
    body = b"".join(response.streaming_content) if response.streaming else response.content
    assert "Ana Ruiz" in pypdf.PdfReader(io.BytesIO(body)).pages[0].extract_text()


@pytest.mark.parametrize("email", ["cy@gone.example", "nobody@example.com"])
def test_someone_without_a_role_has_no_badge(client, door, email):
    client.force_login(UserFactory(email=email))

    response = client.get(reverse("checkin:own-badge", args=[door.mission.slug]))

    assert response.status_code == 404


def test_the_agenda_links_each_mission_a_person_has_a_badge_for(client, door):
    client.force_login(door.delegate.user)

    page = client.get(reverse("agenda:page")).content.decode()

    assert f'href="{reverse("checkin:own-badge", args=[door.mission.slug])}"' in page


def test_the_agenda_badge_line_reads_in_french_without_an_english_colon(client, door):
    client.force_login(door.delegate.user)

    page = client.get(reverse("agenda:page"), HTTP_ACCEPT_LANGUAGE="fr").content.decode()

    assert f"{door.mission.title}:" not in page
    assert "Votre badge (PDF)" in page


def test_the_agenda_shows_no_badge_to_someone_without_a_role(client, door):
    client.force_login(UserFactory(email="cy@gone.example"))

    page = client.get(reverse("agenda:page")).content.decode()

    assert reverse("checkin:own-badge", args=[door.mission.slug]) not in page
