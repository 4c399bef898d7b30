"""Suggested meetings (issue 16, "Done when"): the organiser asks for suggestions, the matcher's best pair is
placed into an empty cell marked as a suggestion, both sides accept, and it is published; a decline ends
it; nothing real is displaced, and an unanswered suggestion is never published."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from events.core.errors import ConflictError, PermissionDeniedError
from events.meetings import services
from events.meetings.models import Meeting, MeetingRequest
from events.registrations.models import Attendee
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def suggestion_of(day):
    return MeetingRequest.objects.get(grid=day.grid, status=MeetingRequest.Status.SUGGESTED)


def test_the_best_pair_is_suggested_and_placed_into_an_empty_cell_without_moving_anything(day):
    real = day.accepted(1, 0)
    booked = services.book_meeting(real, acting_user=day.organiser, slot=day.slots[0], table=day.tables[0])

    on_board = services.suggest_meetings(day.grid, acting_user=day.organiser)

    suggestion = suggestion_of(day)
    assert on_board == 1
    assert (suggestion.requester, suggestion.receiver) == (day.company(0), day.delegate(0))
    assert suggestion.match_score >= 50
    placed = Meeting.objects.get(request=suggestion, working=True)
    assert placed.slot != booked.slot  # the delegate meets Company 1 then
    booked.refresh_from_db()
    assert (booked.slot, booked.table) == (day.slots[0], day.tables[0])
    # Asked again, nothing is suggested twice.
    assert services.suggest_meetings(day.grid, acting_user=day.organiser) == 1
    assert MeetingRequest.objects.filter(status=MeetingRequest.Status.SUGGESTED).count() == 1


def test_both_sides_accept_then_it_is_published_and_not_before(day):
    services.suggest_meetings(day.grid, acting_user=day.organiser)
    suggestion = suggestion_of(day)

    # Only suggestions on the board: nothing to publish yet.
    with pytest.raises(ConflictError, match="nothing to publish"):
        services.publish_schedule(day.grid, acting_user=day.organiser)
    services.answer_suggestion(suggestion, acting_user=day.companies[0].user, accept=True)
    halfway = MeetingRequest.objects.get(pk=suggestion.pk)
    with pytest.raises(ConflictError, match="nothing to publish"):
        services.publish_schedule(day.grid, acting_user=day.organiser)
    services.answer_suggestion(suggestion, acting_user=day.delegates[0].user, accept=True)
    second = services.publish_schedule(day.grid, acting_user=day.organiser)

    assert halfway.status == MeetingRequest.Status.SUGGESTED
    assert MeetingRequest.objects.get(pk=suggestion.pk).status == MeetingRequest.Status.ACCEPTED
    assert second.meetings.filter(request=suggestion).exists()


def test_a_decline_ends_it_and_takes_it_off_the_board(day):
    services.suggest_meetings(day.grid, acting_user=day.organiser)
    suggestion = suggestion_of(day)

    services.answer_suggestion(suggestion, acting_user=day.delegates[0].user, accept=False)

    assert MeetingRequest.objects.get(pk=suggestion.pk).status == MeetingRequest.Status.DECLINED
    assert not Meeting.objects.filter(request=suggestion, working=True).exists()


def test_only_the_two_sides_answer_and_only_organisers_suggest(day):
    services.suggest_meetings(day.grid, acting_user=day.organiser)

    with pytest.raises(PermissionDeniedError):
        services.answer_suggestion(suggestion_of(day), acting_user=day.companies[1].user, accept=True)
    with pytest.raises(PermissionDeniedError):
        services.suggest_meetings(day.grid, acting_user=UserFactory())


def test_asking_for_a_suggested_meeting_is_agreeing_to_it(day):
    services.suggest_meetings(day.grid, acting_user=day.organiser)

    asked = services.request_meeting(
        day.grid, acting_user=day.companies[0].user, requester=day.company(0), receiver=day.delegate(0)
    )

    assert asked == suggestion_of(day)
    assert asked.requester_agrees is True
    assert MeetingRequest.objects.filter(grid=day.grid).count() == 1


def test_through_the_pages_the_organiser_suggests_and_both_sides_accept(client, day):
    client.force_login(day.organiser)
    client.post(f"/manage/sessions/{day.session.pk}/suggestions/")
    board = client.get(f"/manage/sessions/{day.session.pk}/board/").content.decode()
    suggestion = suggestion_of(day)

    for user in (day.companies[0].user, day.delegates[0].user):
        client.force_login(user)
        page = client.get("/meetings/").content.decode()
        assert "published once both sides accept" in page
        client.post(f"/meetings/suggestions/{suggestion.pk}/answer/", {"answer": "accept"})

    assert "Suggestion, awaiting both sides" in board
    assert MeetingRequest.objects.get(pk=suggestion.pk).status == MeetingRequest.Status.ACCEPTED
    client.force_login(day.companies[1].user)
    assert client.post(f"/meetings/suggestions/{suggestion.pk}/answer/", {"answer": "decline"}).status_code == 404


def test_a_scheduler_run_places_the_accepted_requests_and_the_waiting_suggestion_around_them(day):
    real = day.accepted(1, 0)
    services.suggest_meetings(day.grid, acting_user=day.organiser)
    suggestion = suggestion_of(day)

    run = services.start_run(day.grid, acting_user=day.organiser)
    services.execute_run(run.pk)

    real_meeting = Meeting.objects.get(request=real, working=True)
    suggested = Meeting.objects.get(request=suggestion, working=True)
    assert suggested.slot != real_meeting.slot  # the delegate is in both: never at once


def test_the_boards_preview_of_publishing_leaves_out_waiting_suggestions(day):
    from events.meetings.selectors import schedule_diff

    real = day.accepted(1, 0)
    services.book_meeting(real, acting_user=day.organiser, slot=day.slots[0], table=day.tables[0])
    services.suggest_meetings(day.grid, acting_user=day.organiser)

    diff = schedule_diff(day.grid)

    assert [meeting.request for meeting in diff.added] == [real]


def test_no_suggestion_pairs_a_company_with_the_delegate_who_attends_for_it(day):
    Attendee.objects.filter(registration__organization=day.companies[0].organization).update(
        email=day.delegates[0].user.email
    )

    on_board = services.suggest_meetings(day.grid, acting_user=day.organiser)

    assert on_board == 0
    assert not MeetingRequest.objects.exists()


def test_each_side_sees_when_and_where_a_suggestion_would_meet_before_accepting(client, day):
    """A suggestion is placed in a cell: the two sides are asked to accept that time and table, so their row says
    which, on the session's clock with its zone named, and follows the cell when a run moves it."""
    services.suggest_meetings(day.grid, acting_user=day.organiser)
    placed = Meeting.objects.select_related("slot", "table").get(request=suggestion_of(day), working=True)
    zone = day.stop.zone
    when = f"{placed.slot.starts_at.astimezone(zone):%H:%M}–{placed.slot.ends_at.astimezone(zone):%H:%M}"

    for user in (day.companies[0].user, day.delegates[0].user):
        client.force_login(user)
        page = client.get("/meetings/").content.decode()
        row = page[page.index(f'data-request="{placed.request_id}"') :].split("</tr>")[0]
        assert when in row
        assert "America/Chicago" in row
        assert placed.table.name in row


def test_the_proposed_times_cost_no_query_per_request(client, day, django_assert_max_num_queries):
    """The meetings page of a company with one suggestion, then with a request of its own on the board too:
    the same number of queries."""
    services.suggest_meetings(day.grid, acting_user=day.organiser)
    client.force_login(day.companies[0].user)
    with CaptureQueriesContext(connection) as first:
        client.get("/meetings/")
    services.book_meeting(day.accepted(0, 1), acting_user=day.organiser, slot=day.slots[4], table=day.tables[1])

    with django_assert_max_num_queries(len(first.captured_queries)):
        page = client.get("/meetings/").content.decode()
    assert page.count("data-request=") == 2  # the suggestion, and its request to Delegate 1 on the board


# A suggestion offers its two sides one cell: a time and a table. A tester accepted 12:50 at Table 4 and, after
# an ordinary scheduler run, found it at 13:10 at Table 2, still "accepted"; an organiser's move kept the
# acceptance too, and a suggestion cancelled on the board came back with the next run.


def cell_of(suggestion):
    meeting = Meeting.objects.get(request=suggestion, working=True)
    return meeting.slot_id, meeting.table_id


def test_a_scheduler_run_leaves_a_suggestion_in_the_cell_it_offers(day):
    services.suggest_meetings(day.grid, acting_user=day.organiser)
    suggestion = suggestion_of(day)
    services.move_meeting(
        Meeting.objects.get(request=suggestion, working=True),
        acting_user=day.organiser,
        slot=day.slots[5],
        table=day.tables[1],
    )
    services.answer_suggestion(suggestion, acting_user=day.companies[0].user, accept=True)
    day.accepted(1, 1)

    for reoptimise in (False, True):
        run = services.start_run(day.grid, acting_user=day.organiser, reoptimise=reoptimise)
        assert services.execute_run(run.pk).status == "done"
        assert cell_of(suggestion) == (day.slots[5].pk, day.tables[1].pk)
    assert MeetingRequest.objects.get(pk=suggestion.pk).requester_agrees is True


def test_a_suggestion_moved_on_the_board_is_offered_anew_to_both_sides(day):
    services.suggest_meetings(day.grid, acting_user=day.organiser)
    suggestion = suggestion_of(day)
    services.answer_suggestion(suggestion, acting_user=day.companies[0].user, accept=True)

    services.move_meeting(
        Meeting.objects.get(request=suggestion, working=True),
        acting_user=day.organiser,
        slot=day.slots[7],
        table=day.tables[1],
    )
    services.answer_suggestion(suggestion, acting_user=day.delegates[0].user, accept=True)

    suggestion.refresh_from_db()
    assert (suggestion.status, suggestion.requester_agrees, suggestion.receiver_agrees) == ("suggested", None, True)


def test_a_suggestion_whose_side_is_no_longer_free_moves_and_is_offered_anew(day):
    services.suggest_meetings(day.grid, acting_user=day.organiser)
    suggestion = suggestion_of(day)
    before = cell_of(suggestion)
    services.answer_suggestion(suggestion, acting_user=day.companies[0].user, accept=True)
    slot = Meeting.objects.get(request=suggestion, working=True).slot
    services.block_period(day.delegate(0), acting_user=day.organiser, starts_at=slot.starts_at, ends_at=slot.ends_at)

    run = services.start_run(day.grid, acting_user=day.organiser)
    services.execute_run(run.pk)

    suggestion.refresh_from_db()
    assert cell_of(suggestion) != before
    assert (suggestion.status, suggestion.requester_agrees) == ("suggested", None)


def test_a_suggestion_taken_off_the_board_is_withdrawn_for_both_sides(client, day):
    services.suggest_meetings(day.grid, acting_user=day.organiser)
    suggestion = suggestion_of(day)

    services.cancel_meeting(Meeting.objects.get(request=suggestion, working=True), acting_user=day.organiser)
    run = services.start_run(day.grid, acting_user=day.organiser)
    services.execute_run(run.pk)

    assert MeetingRequest.objects.get(pk=suggestion.pk).status == MeetingRequest.Status.WITHDRAWN
    assert not Meeting.objects.filter(request=suggestion).exists()
    client.force_login(day.companies[0].user)
    assert "No time is free for both sides yet" not in client.get("/meetings/").content.decode()


def test_each_answer_to_a_suggestion_is_confirmed_on_the_page_naming_the_other_side(client, day):
    services.suggest_meetings(day.grid, acting_user=day.organiser)
    suggestion = suggestion_of(day)

    client.force_login(day.companies[0].user)
    first = client.post(f"/meetings/suggestions/{suggestion.pk}/answer/", {"answer": "accept"}, follow=True)
    client.force_login(day.delegates[0].user)
    second = client.post(f"/meetings/suggestions/{suggestion.pk}/answer/", {"answer": "accept"}, follow=True)

    assert (
        "You accepted the meeting with <bdi>Delegate 0</bdi>: it is published once the other side accepts too."
        in first.content.decode()
    )
    assert (
        "Both sides accepted the meeting with <bdi>Company 0</bdi>: it is in your schedule once the organisers "
        "publish it." in second.content.decode()
    )


# A second helper's walk: the cell both sides agreed to must hold, an answer must be to the cell its side saw,
# a session's move is a new time for a suggestion too, and a pair once declined is not suggested again.


def both_accept(day, suggestion):
    services.answer_suggestion(suggestion, acting_user=day.companies[0].user, accept=True)
    services.answer_suggestion(suggestion, acting_user=day.delegates[0].user, accept=True)


def test_the_cell_both_sides_agreed_to_holds_through_runs(day):
    services.suggest_meetings(day.grid, acting_user=day.organiser)
    suggestion = suggestion_of(day)
    agreed = cell_of(suggestion)
    both_accept(day, suggestion)
    # Company 1 is there only in that slot and asks Delegate 0 first: the run would like that cell for it.
    slot = Meeting.objects.get(request=suggestion, working=True).slot
    services.set_presence(day.company(1), acting_user=day.organiser, arrives_at=slot.starts_at, leaves_at=slot.ends_at)
    day.accepted(1, 0, priority=3)

    for reoptimise in (False, True):
        run = services.start_run(day.grid, acting_user=day.organiser, reoptimise=reoptimise)
        assert services.execute_run(run.pk).status == "done"
        assert cell_of(suggestion) == agreed


def test_an_answer_from_a_page_showing_an_older_cell_is_refused(client, day):
    services.suggest_meetings(day.grid, acting_user=day.organiser)
    suggestion = suggestion_of(day)
    shown = cell_of(suggestion)
    client.force_login(day.delegates[0].user)
    page = client.get("/meetings/").content.decode()
    services.move_meeting(
        Meeting.objects.get(request=suggestion, working=True),
        acting_user=day.organiser,
        slot=day.slots[7],
        table=day.tables[1],
    )

    response = client.post(
        f"/meetings/suggestions/{suggestion.pk}/answer/",
        {"answer": "accept", "slot": shown[0], "table": shown[1]},
        follow=True,
    )

    assert f'name="slot" value="{shown[0]}"' in page
    assert "The organisers moved this suggestion: see its new time and answer again." in response.content.decode()
    assert MeetingRequest.objects.get(pk=suggestion.pk).receiver_agrees is None


def test_a_session_moved_offers_its_suggestions_anew(day):
    import datetime as dt

    from events.missions.services import update_session

    services.suggest_meetings(day.grid, acting_user=day.organiser)
    suggestion = suggestion_of(day)
    services.answer_suggestion(suggestion, acting_user=day.companies[0].user, accept=True)

    shift = dt.timedelta(minutes=20)
    update_session(
        day.session,
        acting_user=day.organiser,
        starts_at=day.session.starts_at + shift,
        ends_at=day.session.ends_at + shift,
    )

    assert MeetingRequest.objects.get(pk=suggestion.pk).requester_agrees is None


def test_a_pair_declined_or_withdrawn_is_not_suggested_again(day):
    services.suggest_meetings(day.grid, acting_user=day.organiser)
    services.answer_suggestion(suggestion_of(day), acting_user=day.delegates[0].user, accept=False)

    assert services.suggest_meetings(day.grid, acting_user=day.organiser) == 0
    assert not MeetingRequest.objects.filter(status=MeetingRequest.Status.SUGGESTED).exists()


def test_the_agreed_cell_stays_said_on_both_sides_pages(client, day):
    services.suggest_meetings(day.grid, acting_user=day.organiser)
    suggestion = suggestion_of(day)
    both_accept(day, suggestion)
    table = Meeting.objects.get(request=suggestion, working=True).table.name

    client.force_login(day.companies[0].user)
    page = client.get("/meetings/").content.decode()

    row = page[page.index(f'data-request="{suggestion.pk}"') :].split("</tr>")[0]
    assert "Agreed by both sides:" in row
    assert table in row


def test_once_published_the_page_says_the_published_time_not_the_organisers_draft(client, day):
    """A helper moved a published meeting on the board without publishing: each side's page said it "Agreed by
    both sides" at the draft's new time and table, beside the published time in its schedule."""
    services.suggest_meetings(day.grid, acting_user=day.organiser)
    suggestion = suggestion_of(day)
    both_accept(day, suggestion)
    services.publish_schedule(day.grid, acting_user=day.organiser)
    meeting = Meeting.objects.get(request=suggestion, working=True)
    published = meeting.table.name
    draft = next(table for table in day.tables if table != meeting.table)
    services.move_meeting(meeting, acting_user=day.organiser, slot=day.slots[9], table=draft)

    client.force_login(day.companies[0].user)
    page = client.get("/meetings/").content.decode()

    row = page[page.index(f'data-request="{suggestion.pk}"') :].split("</tr>")[0]
    assert "Agreed by both sides:" not in row
    assert draft.name not in page
    assert published in page  # the schedule, as published


def test_re_optimising_frees_the_cell_of_a_suggestion_nobody_answered_for_an_accepted_request(day):
    """A helper: a suggestion nobody had answered held the one time its delegate was there, and an accepted
    request with that delegate stayed unplaced even when re-optimising everything ("taken by pinned meetings",
    though nothing was pinned). A suggestion only takes what is left."""
    services.suggest_meetings(day.grid, acting_user=day.organiser)
    suggestion = suggestion_of(day)
    held = Meeting.objects.get(request=suggestion, working=True).slot
    accepted = day.accepted(1, 0)
    services.set_presence(day.delegate(0), acting_user=day.organiser, arrives_at=held.starts_at, leaves_at=held.ends_at)

    run = services.start_run(day.grid, acting_user=day.organiser, reoptimise=True)
    assert services.execute_run(run.pk).status == "done"

    assert Meeting.objects.get(request=accepted, working=True).slot == held
    assert not Meeting.objects.filter(request=suggestion, working=True).exists()  # waits for a cell to be free
    assert MeetingRequest.objects.get(pk=suggestion.pk).status == MeetingRequest.Status.SUGGESTED
