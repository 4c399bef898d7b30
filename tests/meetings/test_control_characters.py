"""Meeting requests carry a short message typed in a text area: lines kept, control characters refused."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from events.meetings import services
from events.meetings.models import MeetingRequest, Table

pytestmark = pytest.mark.django_db


def test_a_message_keeps_its_lines_but_not_an_escape_through_the_api(api_client, day):
    api_client.force_authenticate(day.companies[0].user)
    asked = {"grid": day.grid.pk, "receiver": day.delegate(0).pk}

    refused = api_client.post("/api/v1/meeting-requests/", {**asked, "message": "Cloud\x1b[8m"}, format="json")
    accepted = api_client.post("/api/v1/meeting-requests/", {**asked, "message": "Cloud\r\nSecurity"}, format="json")

    assert refused.status_code == 400
    assert refused.json() == {"message": ["Remove the invisible control character U+001B at position 6."]}
    assert accepted.status_code == 201, accepted.json()
    assert MeetingRequest.objects.get().message == "Cloud\r\nSecurity"


def test_the_meetings_page_refuses_a_nul_in_the_message(client, day):
    client.force_login(day.companies[0].user)

    response = client.post(
        f"/meetings/ask/{day.company(0).pk}/",
        {"receiver": day.delegate(2).pk, "priority": "2", "message": "Data\x00centres"},
    )

    assert response.status_code == 400  # the page again, with what was typed
    assert "Remove the invisible control character U+0000 at position 5." in response.text
    assert not MeetingRequest.objects.exists()


def test_an_answers_reason_refuses_an_escape(api_client, day):
    meeting_request = services.request_meeting(
        day.grid, acting_user=day.companies[0].user, requester=day.company(0), receiver=day.delegate(0)
    )
    api_client.force_authenticate(day.delegates[0].user)

    response = api_client.post(
        f"/api/v1/meeting-requests/{meeting_request.pk}/decline/", {"reason": "Busy\x1b"}, format="json"
    )

    assert response.status_code == 400
    assert response.json() == {"reason": ["Remove the invisible control character U+001B at position 5."]}
    meeting_request.refresh_from_db()
    assert meeting_request.status == "pending"


def test_the_answer_service_refuses_an_escape_in_the_reason(day):
    meeting_request = services.request_meeting(
        day.grid, acting_user=day.companies[0].user, requester=day.company(0), receiver=day.delegate(0)
    )

    with pytest.raises(ValidationError) as caught:
        services.answer_request(meeting_request, acting_user=day.organiser, accept=False, reason="Busy\x1b")

    assert caught.value.message_dict == {"reason": ["Remove the invisible control character U+001B at position 5."]}
    meeting_request.refresh_from_db()
    assert meeting_request.status == "pending"


def test_a_table_name_on_two_lines_is_refused(day):
    with pytest.raises(ValidationError) as caught:
        services.add_table(day.grid, acting_user=day.organiser, name="Table\n4")

    assert caught.value.message_dict == {"name": ["Write this on a single line: remove the line break at position 6."]}
    assert Table.objects.filter(grid=day.grid).count() == 3


def test_a_break_label_on_two_lines_is_refused_on_breaks(day):
    zone = day.stop.zone
    coffee = (
        dt.datetime(2099, 2, 13, 15, 30, tzinfo=zone),
        dt.datetime(2099, 2, 13, 15, 50, tzinfo=zone),
        "Coffee\r\n",
    )

    with pytest.raises(ValidationError) as caught:
        services.set_up_grid(day.session, acting_user=day.organiser, breaks=[coffee])

    assert caught.value.message_dict == {
        "breaks": ["Write this on a single line: remove the line break at position 7."]
    }
    assert list(day.grid.breaks.values_list("label", flat=True)) == ["Coffee"]
