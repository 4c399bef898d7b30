"""The meetings API: the board's operations, requests, and who sees what."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from events.meetings import services
from events.meetings.models import Meeting, MeetingRequest
from tests.meetings.conftest import MeetingDay

pytestmark = pytest.mark.django_db


def as_user(api_client, user):
    api_client.force_authenticate(user)
    return api_client


def test_the_organiser_books_and_a_double_booking_is_a_409_naming_the_conflict(api_client, day):
    client = as_user(api_client, day.organiser)
    first, second = day.accepted(0, 0), day.accepted(1, 0)

    booked = client.post(
        "/api/v1/meetings/", {"request": first.pk, "slot": day.slots[0].pk, "table": day.tables[0].pk}, format="json"
    )
    clash = client.post(
        "/api/v1/meetings/", {"request": second.pk, "slot": day.slots[0].pk, "table": day.tables[1].pk}, format="json"
    )

    assert booked.status_code == 201, booked.json()
    assert booked.json()["table_name"] == "Table 1"
    assert clash.status_code == 409
    assert clash.json()["detail"] == "Delegate 0 already meets Company 0 at 13:30."
    assert clash.json()["slot"] == ["Delegate 0 already meets Company 0 at 13:30."]


def test_move_to_an_id_beyond_the_database_range_is_a_400(api_client, day):
    client = as_user(api_client, day.organiser)
    meeting = services.book_meeting(
        day.accepted(0, 0), acting_user=day.organiser, slot=day.slots[0], table=day.tables[0]
    )

    moved = client.post(
        f"/api/v1/meetings/{meeting.pk}/move/", {"slot": 2**70, "table": day.tables[1].pk}, format="json"
    )
    swapped = client.post(f"/api/v1/meetings/{meeting.pk}/swap/", {"other": -(2**70)}, format="json")

    assert (moved.status_code, swapped.status_code) == (400, 400)
    assert moved.json() == {"slot": ["Ensure this value is less than or equal to 9223372036854775807."]}
    assert swapped.json() == {"other": ["Ensure this value is greater than or equal to 1."]}


def test_move_swap_pin_and_cancel_through_the_api(api_client, day):
    client = as_user(api_client, day.organiser)
    first = services.book_meeting(day.accepted(0, 0), acting_user=day.organiser, slot=day.slots[0], table=day.tables[0])
    second = services.book_meeting(
        day.accepted(1, 1), acting_user=day.organiser, slot=day.slots[1], table=day.tables[0]
    )

    moved = client.post(f"/api/v1/meetings/{first.pk}/move/", {"slot": day.slots[2].pk, "table": day.tables[1].pk})
    refused = client.post(f"/api/v1/meetings/{second.pk}/move/", {"slot": day.slots[2].pk, "table": day.tables[1].pk})
    swapped = client.post(f"/api/v1/meetings/{first.pk}/swap/", {"other": second.pk})
    pinned = client.post(f"/api/v1/meetings/{first.pk}/pin/", {"pinned": True})
    cancelled = client.delete(f"/api/v1/meetings/{second.pk}/")

    assert moved.status_code == 200
    assert refused.status_code == 409
    assert "Table 2 is taken at 14:10" in refused.json()["detail"]
    assert swapped.status_code == 200
    assert pinned.json()["pinned"] is True
    assert cancelled.status_code == 204
    assert list(Meeting.objects.values_list("slot__index", "table__name", "pinned")) == [(1, "Table 1", True)]


def test_a_company_asks_and_the_delegate_answers_through_the_api(api_client, day):
    company = as_user(api_client, day.companies[0].user)
    asked = company.post(
        "/api/v1/meeting-requests/",
        {"grid": day.grid.pk, "receiver": day.delegate(0).pk, "message": "Sovereign cloud", "priority": 3},
        format="json",
    )
    again = company.post(
        "/api/v1/meeting-requests/", {"grid": day.grid.pk, "receiver": day.delegate(0).pk}, format="json"
    )
    wrong_side = company.post(
        "/api/v1/meeting-requests/", {"grid": day.grid.pk, "receiver": day.company(1).pk}, format="json"
    )

    assert asked.status_code == 201, asked.json()
    assert asked.json()["requester_name"] == "Company 0"
    assert again.status_code == 409
    assert wrong_side.status_code == 400
    assert wrong_side.json()["receiver"] == ["At this session, companies meet delegates."]

    delegate = as_user(api_client, day.delegates[0].user)
    seen = delegate.get("/api/v1/meeting-requests/").json()["results"]
    answered = delegate.post(f"/api/v1/meeting-requests/{asked.json()['id']}/accept/", {})

    assert [r["requester_name"] for r in seen] == ["Company 0"]
    assert answered.json()["status"] == "accepted"


def test_nobody_reaches_other_parties_meetings_or_requests(api_client, day):
    theirs = day.accepted(0, 0)
    meeting = services.book_meeting(theirs, acting_user=day.organiser, slot=day.slots[0], table=day.tables[0])
    services.publish_schedule(day.grid, acting_user=day.organiser)
    outsider = as_user(api_client, day.companies[1].user)  # a company of the same session, not in this meeting

    responses = [
        outsider.get(f"/api/v1/meeting-requests/{theirs.pk}/"),
        outsider.post(f"/api/v1/meeting-requests/{theirs.pk}/accept/", {}),
        outsider.post(f"/api/v1/meeting-requests/{theirs.pk}/decline/", {}),
        outsider.post(f"/api/v1/meeting-requests/{theirs.pk}/withdraw/", {}),
        outsider.get(f"/api/v1/meetings/{meeting.pk}/"),
        outsider.post(f"/api/v1/meetings/{meeting.pk}/move/", {"slot": day.slots[3].pk, "table": day.tables[0].pk}),
        outsider.post(f"/api/v1/meetings/{meeting.pk}/pin/", {}),
        outsider.delete(f"/api/v1/meetings/{meeting.pk}/"),
        outsider.post("/api/v1/meetings/", {"request": theirs.pk, "slot": day.slots[4].pk, "table": day.tables[1].pk}),
        outsider.get(f"/api/v1/meeting-participants/{day.company(0).pk}/"),
        outsider.patch(f"/api/v1/meeting-participants/{day.company(0).pk}/", {"arrives_at": None}, format="json"),
        outsider.post(f"/api/v1/meeting-participants/{day.company(0).pk}/blocked/", {}),
        outsider.get(f"/api/v1/meeting-grids/{day.grid.pk}/board/"),
        outsider.post(f"/api/v1/meeting-grids/{day.grid.pk}/runs/"),
        outsider.post(f"/api/v1/meeting-grids/{day.grid.pk}/publish/"),
        outsider.post(
            "/api/v1/meeting-requests/",
            {"grid": day.grid.pk, "requester": day.company(0).pk, "receiver": day.delegate(2).pk},
            format="json",
        ),
    ]

    # What is not theirs is not found; what only organisers do is refused before the body is read.
    assert [r.status_code for r in responses] == [404] * 5 + [403] * 4 + [404] * 6 + [403]
    assert outsider.get("/api/v1/meetings/").json()["results"] == []
    assert outsider.get("/api/v1/meeting-requests/").json()["results"] == []
    assert MeetingRequest.objects.get(pk=theirs.pk).status == "accepted"
    assert Meeting.objects.filter(working=True).get().slot == day.slots[0]


def test_participants_see_their_published_meetings(api_client, day):
    services.book_meeting(day.accepted(0, 0), acting_user=day.organiser, slot=day.slots[0], table=day.tables[0])
    assert as_user(api_client, day.companies[0].user).get("/api/v1/meetings/").json()["results"] == []

    services.publish_schedule(day.grid, acting_user=day.organiser)

    company_sees = as_user(api_client, day.companies[0].user).get("/api/v1/meetings/").json()["results"]
    delegate_sees = as_user(api_client, day.delegates[0].user).get("/api/v1/meetings/").json()["results"]
    assert [(m["receiver"], m["published_version"]) for m in company_sees] == [("Delegate 0", 1)]
    assert [m["requester"] for m in delegate_sees] == ["Company 0"]


def test_list_query_counts_stay_flat(api_client, organiser, django_assert_max_num_queries):
    from tests.meetings.conftest import MeetingDay

    day = MeetingDay(organiser, companies=8, delegates=4, tables=4)
    client = as_user(api_client, organiser)

    def book(count):
        for n in range(count):
            request = day.accepted(n, n % 4)
            services.book_meeting(request, acting_user=organiser, slot=day.slots[n // 4], table=day.tables[n % 4])

    book(1)
    counts = {}
    for url in ("/api/v1/meetings/", "/api/v1/meeting-requests/", f"/api/v1/meeting-grids/{day.grid.pk}/board/"):
        with CaptureQueriesContext(connection) as captured:
            client.get(url)
        counts[url] = len(captured.captured_queries)
    Meeting.objects.all().delete()
    MeetingRequest.objects.all().delete()
    book(8)

    for url, baseline in counts.items():
        with django_assert_max_num_queries(baseline):
            client.get(url)


def test_the_scheduler_runs_in_the_background_and_its_plan_lands_on_the_board(
    api_client, day, django_capture_on_commit_callbacks
):
    requests = [day.accepted(company, delegate) for company in range(3) for delegate in range(3)]
    pinned = services.book_meeting(
        requests[0], acting_user=day.organiser, slot=day.slots[5], table=day.tables[2], pinned=True
    )
    client = as_user(api_client, day.organiser)

    with django_capture_on_commit_callbacks(execute=True):
        started = client.post(f"/api/v1/meeting-grids/{day.grid.pk}/runs/")
    run = client.get(f"/api/v1/scheduler-runs/{started.json()['id']}/").json()

    assert started.status_code == 202
    assert run["status"] == "done", run["error"]
    assert run["progress"] == 1
    assert run["quality"]["meetings"] == 9
    assert run["quality"]["companies_left_without_meeting"] == 0
    assert run["quality"]["total_weight"] <= run["quality"]["weight_bound"]
    assert Meeting.objects.filter(working=True).count() == 9
    pinned.refresh_from_db()
    assert (pinned.slot, pinned.table, pinned.pinned) == (day.slots[5], day.tables[2], True)
    board = client.get(f"/api/v1/meeting-grids/{day.grid.pk}/board/").json()
    assert board["unplaced"] == []
    assert board["last_run"]["id"] == run["id"]


def test_a_second_run_while_one_is_queued_is_a_409(api_client, day):
    from events.meetings.models import SchedulerRun

    SchedulerRun.objects.create(grid=day.grid, started_by=day.organiser)
    client = as_user(api_client, day.organiser)

    response = client.post(f"/api/v1/meeting-grids/{day.grid.pk}/runs/")

    assert response.status_code == 409
    assert "already running" in response.json()["detail"]


def test_publishing_a_board_that_changed_nothing_is_a_409_that_says_so(api_client, day):
    """The board said "Schedule published." and showed version 3 for a publication that sent nobody anything."""
    services.book_meeting(day.accepted(0, 0), acting_user=day.organiser, slot=day.slots[0], table=day.tables[0])
    organiser = as_user(api_client, day.organiser)
    assert organiser.post(f"/api/v1/meeting-grids/{day.grid.pk}/publish/").status_code == 201

    again = organiser.post(f"/api/v1/meeting-grids/{day.grid.pk}/publish/")

    assert again.status_code == 409
    assert again.json()["detail"] == "Nothing changed since version 1 was published: there is nothing to publish."
    assert day.grid.versions.count() == 1


def test_publishing_an_empty_board_is_a_409_that_says_so(api_client, day):
    response = as_user(api_client, day.organiser).post(f"/api/v1/meeting-grids/{day.grid.pk}/publish/")

    assert response.status_code == 409
    assert response.json()["detail"] == "The board holds no meeting yet: there is nothing to publish."
    assert day.grid.versions.count() == 0


def test_running_the_scheduler_on_a_grid_with_no_table_is_a_409_that_says_so(api_client, organiser):
    """A helper ran a grid whose tables were all removed: "100% of what is possible, 0 of 0", and every request
    "fixed at different tables"."""
    day = MeetingDay(organiser, tables=0)
    day.accepted(0, 0)

    response = as_user(api_client, organiser).post(f"/api/v1/meeting-grids/{day.grid.pk}/runs/", {}, format="json")

    assert response.status_code == 409
    assert response.json()["detail"] == "This session has no tables yet: add at least one before running the scheduler."
    assert not day.grid.runs.exists()


def test_a_meeting_someone_else_took_off_the_board_is_said_so_to_the_organiser_still_showing_it(api_client, day):
    """Two organisers on one board: the first cancelled a meeting; the second, whose page still showed it, pressed
    Pin and read "Refused: No Meeting matches the given query."."""
    client = as_user(api_client, day.organiser)
    meeting = services.book_meeting(
        day.accepted(0, 0), acting_user=day.organiser, slot=day.slots[0], table=day.tables[0]
    )
    other = services.book_meeting(day.accepted(1, 1), acting_user=day.organiser, slot=day.slots[1], table=day.tables[0])
    shown = meeting.pk
    services.cancel_meeting(meeting, acting_user=day.organiser)

    gone = "This meeting is no longer on the board: someone else moved it off or cancelled it."
    for response in (
        client.post(f"/api/v1/meetings/{shown}/pin/", {"pinned": True}),
        client.post(f"/api/v1/meetings/{shown}/move/", {"slot": day.slots[2].pk, "table": day.tables[1].pk}),
        client.post(f"/api/v1/meetings/{other.pk}/swap/", {"other": shown}),
        client.delete(f"/api/v1/meetings/{shown}/"),
    ):
        assert (response.status_code, response.json()["detail"]) == (404, gone)
