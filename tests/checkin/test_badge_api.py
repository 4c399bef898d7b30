"""Badge PDFs through the API: organisers ask for a mission's print, poll it and download it; each person gets
their own; errors in JSON."""

import io

import pypdf
import pytest

from events.checkin import services
from events.checkin.models import BadgePrint
from tests.factories import MissionFactory, UserFactory

pytestmark = pytest.mark.django_db


def url(door, suffix=""):
    return f"/api/v1/mission-badges/{door.mission.pk}/{suffix}"


def prints_url(door, suffix=""):
    return url(door, f"prints/{suffix}")


@pytest.mark.parametrize(("layout", "pages"), [("a6", 4), ("a4", 1)])
def test_an_organiser_asks_for_a_print_polls_it_and_downloads_the_pdf(
    api_client, door, layout, pages, django_capture_on_commit_callbacks
):
    api_client.force_authenticate(door.organiser)

    with django_capture_on_commit_callbacks(execute=True):
        asked = api_client.post(prints_url(door), {"layout": layout}, format="json")
    polled = api_client.get(prints_url(door, f"{asked.json()['id']}/"))
    listed = api_client.get(prints_url(door))
    download = polled.json()["download"]
    pdf = api_client.get(download, HTTP_ACCEPT="application/pdf")
    pdf_body = pdf.getvalue()  # streamed from storage: read once

    assert asked.status_code == 202
    assert asked.json()["status"] == "queued"  # answered before the commit; the worker starts after it
    assert asked.json()["download"] is None
    body = polled.json()
    assert body["status"] == "ready"
    assert (body["mission"], body["layout"], body["badge_count"], body["page_count"]) == (
        door.mission.pk,
        layout,
        4,
        pages,
    )
    assert body["requested_by"] == door.organiser.pk
    assert body["size"] == len(pdf_body)
    assert download == f"http://testserver/api/v1/mission-badges/{door.mission.pk}/prints/{body['id']}/pdf/"
    assert [item["id"] for item in listed.json()] == [body["id"]]
    assert pdf.status_code == 200
    assert pdf["Content-Type"] == "application/pdf"
    assert pdf["Cache-Control"] == "private, no-store"
    assert len(pypdf.PdfReader(io.BytesIO(pdf_body)).pages) == pages


def test_asking_twice_while_pending_answers_the_same_print(api_client, door):
    api_client.force_authenticate(door.organiser)

    first = api_client.post(prints_url(door), {"layout": "a6"}, format="json")
    second = api_client.post(prints_url(door), {}, format="json")

    assert (first.status_code, second.status_code) == (202, 202)
    assert first.json()["id"] == second.json()["id"]
    assert BadgePrint.objects.count() == 1


def test_a_print_not_ready_is_a_409_in_json_even_asking_for_a_pdf(api_client, door):
    api_client.force_authenticate(door.organiser)
    asked = api_client.post(prints_url(door), {"layout": "a6"}, format="json").json()

    response = api_client.get(prints_url(door, f"{asked['id']}/pdf/"), HTTP_ACCEPT="application/pdf")

    assert response.status_code == 409
    assert response["Content-Type"] == "application/json"


@pytest.mark.parametrize("who", ["company", "volunteer", "other_organiser"])
def test_someone_else_gets_a_404_in_json_even_asking_for_a_pdf(
    api_client, door, who, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        badge_print = services.request_badge_print(door.mission, acting_user=door.organiser, layout="a6")
    door.mission.check_in_staff.create(user=door.volunteer)
    other = MissionFactory()
    other.organisers.add(UserFactory(email="boss@elsewhere.example"))
    visitor = {"company": door.company.user, "volunteer": door.volunteer, "other_organiser": other.organisers.get()}
    api_client.force_authenticate(visitor[who])

    answers = [
        api_client.get(prints_url(door)),
        api_client.post(prints_url(door), {"layout": "a4"}, format="json"),
        api_client.get(prints_url(door, f"{badge_print.pk}/")),
        api_client.get(prints_url(door, f"{badge_print.pk}/pdf/"), HTTP_ACCEPT="application/pdf"),
    ]

    assert [answer.status_code for answer in answers] == [404, 404, 404, 404]
    assert {answer["Content-Type"] for answer in answers} == {"application/json"}
    assert BadgePrint.objects.count() == 1


def test_another_mission_s_print_is_not_found_through_this_mission(api_client, door):
    other = MissionFactory()
    other.organisers.add(door.organiser)
    elsewhere = services.request_badge_print(other, acting_user=door.organiser, layout="a6")
    api_client.force_authenticate(door.organiser)

    response = api_client.get(prints_url(door, f"{elsewhere.pk}/"))

    assert response.status_code == 404


def test_an_unknown_layout_is_a_400(api_client, door):
    api_client.force_authenticate(door.organiser)

    response = api_client.post(prints_url(door), {"layout": "letter"}, format="json")

    assert response.status_code == 400
    assert list(response.json()) == ["layout"]
    assert BadgePrint.objects.count() == 0


def test_the_whole_mission_s_pdf_is_no_longer_built_in_the_request(api_client, door):
    api_client.force_authenticate(door.organiser)

    response = api_client.get(url(door))

    assert response.status_code == 404


def test_a_person_gets_their_own_badge_and_without_a_role_a_404(api_client, door):
    api_client.force_authenticate(UserFactory(email="bo@lonestar.example"))
    own = api_client.get(url(door, "mine/"))
    api_client.force_authenticate(UserFactory(email="cy@gone.example"))
    cancelled = api_client.get(url(door, "mine/"))

    assert own.status_code == 200
    assert len(pypdf.PdfReader(io.BytesIO(own.content)).pages) == 1
    assert cancelled.status_code == 404


def test_anonymous_callers_are_refused(api_client, door):
    assert api_client.get(prints_url(door)).status_code in (401, 403)
    assert api_client.post(prints_url(door), {"layout": "a6"}, format="json").status_code in (401, 403)
