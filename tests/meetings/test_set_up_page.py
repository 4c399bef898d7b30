"""An organiser opens a B2B session's one-to-one meetings from its page: slot length, tables, breaks.

A helper added a B2B session and found no way to open its meetings: its board was a 404, the grids API read-only,
and only the demo loader could set one up; its companies read "The organisers have not opened the one-to-one
meetings of this session yet" for good.
"""

import datetime as dt
import re

import pytest
from django.conf import settings

from events.meetings.models import Break, MeetingGrid
from tests.factories import MissionFactory, SessionFactory, StopFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def session(organiser):
    mission = MissionFactory(start_date=dt.date(2099, 2, 10), end_date=dt.date(2099, 2, 21))
    mission.organisers.add(organiser)
    stop = StopFactory(mission=mission, time_zone="Africa/Casablanca")
    return SessionFactory(
        stop=stop,
        kind="b2b_meetings",
        title="Dakhla Connect B2B",
        starts_at=dt.datetime(2099, 2, 13, 9, 0, tzinfo=stop.zone),
        ends_at=dt.datetime(2099, 2, 13, 12, 0, tzinfo=stop.zone),
        registration_mode="open",
    )


def set_up(client, session, **changes):
    data = {
        "slot_minutes": 20,
        "tables": 4,
        "breaks": "10:20–10:40 Coffee",
        "requests_per_company": 10,
        "requests_per_delegate": 20,
        "pairing": "companies_delegates",
        **changes,
    }
    return client.post(f"/manage/sessions/{session.pk}/meetings/", data)


def accepted_request(grid):
    """(an accepted request of a new company to a new delegate of the grid's mission, the company's representative)."""
    from events.meetings import services
    from events.meetings.models import MeetingRequest, Participant
    from tests.factories import DelegateFactory, DelegationFactory, RepresentativeFactory, UserFactory

    delegate = DelegateFactory(delegation=DelegationFactory(mission=grid.session.stop.mission), user=UserFactory())
    company = RepresentativeFactory()
    services.sync_participants(grid)
    seat = Participant.objects.create(grid=grid, organization=company.organization)
    receiver = Participant.objects.get(grid=grid, delegate=delegate)
    return MeetingRequest.objects.create(grid=grid, requester=seat, receiver=receiver, status="accepted"), company


def test_the_board_of_a_session_not_set_up_yet_leads_to_setting_it_up(client, session, organiser):
    client.force_login(organiser)

    board = client.get(f"/manage/sessions/{session.pk}/board/")
    page = client.get(board.url).content.decode()

    assert (board.status_code, board.url) == (302, f"/manage/sessions/{session.pk}/meetings/")
    assert "Open the one-to-one meetings: Dakhla Connect B2B" in page
    assert 'name="breaks"' in page
    # Each line starts with its times: in an Arabic page a right-to-left box laid them out end first.
    assert re.search(r'<textarea name="breaks"[^>]*dir="ltr"', page)


def test_an_organiser_opens_the_meetings_and_lands_on_the_board(client, session, organiser):
    client.force_login(organiser)

    response = set_up(client, session)

    assert (response.status_code, response.url) == (302, f"/manage/sessions/{session.pk}/board/")
    grid = MeetingGrid.objects.get(session=session)
    zone = session.stop.zone
    starts = [slot.starts_at.astimezone(zone).strftime("%H:%M") for slot in grid.slots.order_by("index")]
    assert starts == ["09:00", "09:20", "09:40", "10:00", "10:40", "11:00", "11:20", "11:40"]
    assert list(grid.tables.values_list("name", flat=True)) == ["Table 1", "Table 2", "Table 3", "Table 4"]
    (pause,) = Break.objects.filter(grid=grid)
    assert (pause.label, pause.starts_at.astimezone(zone).strftime("%H:%M")) == ("Coffee", "10:20")
    assert client.get(response.url).status_code == 200


def test_reshaping_before_any_meeting_keeps_one_set_of_tables(client, session, organiser):
    client.force_login(organiser)
    set_up(client, session)

    again = set_up(client, session, slot_minutes=30, tables=2, breaks="")

    assert again.status_code == 302
    grid = MeetingGrid.objects.get(session=session)
    assert list(grid.tables.values_list("name", flat=True)) == ["Table 1", "Table 2"]
    assert (grid.slots.count(), grid.breaks.count()) == (6, 0)
    page = client.get(f"/manage/sessions/{session.pk}/meetings/").content.decode()
    assert 'name="slot_minutes" value="30"' in page


@pytest.mark.parametrize(
    ("breaks", "said"),
    [
        ("after lunch", "Line 1: write a break as 10:20–10:40, then its name if it has one."),
        ("10:20–10:40 Coffee\n25:00–26:00", "Line 2: write a break as 10:20–10:40, then its name if it has one."),
        ("08:00–08:30 Early", "A break must lie within the session and end after it starts."),
    ],
)
def test_a_break_that_cannot_be_read_is_refused_on_breaks_and_nothing_is_set_up(
    client, session, organiser, breaks, said
):
    client.force_login(organiser)

    response = set_up(client, session, breaks=breaks)

    assert response.status_code == 400
    assert said in response.content.decode()
    assert not MeetingGrid.objects.filter(session=session).exists()


def test_only_the_missions_organisers_set_it_up(client, session):
    from tests.factories import UserFactory

    client.force_login(UserFactory())

    assert set_up(client, session).status_code == 404
    assert not MeetingGrid.objects.filter(session=session).exists()


def test_limits_and_pairing_change_after_meetings_are_booked_but_not_the_slots_or_a_table_in_use(
    client, session, organiser
):
    """A helper changed only "Requests per company" once the scheduler had placed a draft: refused, on the slot
    length they had not touched, with "Meetings are already booked on this grid"."""
    from events.meetings import services
    from events.meetings.models import Meeting

    client.force_login(organiser)
    set_up(client, session)
    grid = MeetingGrid.objects.get(session=session)
    request, _company = accepted_request(grid)
    last_table = grid.tables.order_by("position").last()
    services.book_meeting(request, acting_user=organiser, slot=grid.slots.first(), table=last_table)

    limits = set_up(client, session, requests_per_company=6)
    slots = set_up(client, session, slot_minutes=30)
    tables = set_up(client, session, tables=2)

    assert limits.status_code == 302
    grid.refresh_from_db()
    assert (grid.requests_per_company, Meeting.objects.filter(grid=grid).count()) == (6, 1)
    assert slots.status_code == 400
    assert "Meetings are already booked on this grid" in slots.content.decode()
    assert tables.status_code == 400
    assert f"{last_table.name} holds a meeting" in tables.content.decode()
    assert grid.tables.count() == 4


def test_tables_are_named_alike_whatever_the_organisers_language(client, session, organiser):
    """A helper set the tables up with the interface in Arabic: every invitation, in English too, then said
    "الطاولة 1" for the place."""
    client.force_login(organiser)

    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "ar"

    set_up(client, session, tables=2)

    assert list(MeetingGrid.objects.get(session=session).tables.values_list("name", flat=True)) == [
        "Table 1",
        "Table 2",
    ]


def test_a_table_or_the_slots_a_published_version_no_longer_uses_can_be_reshaped(client, session, organiser):
    """A helper moved a meeting off Table 4 and published, then set the tables to three: refused, "Table 4 holds a
    meeting", with nothing on the board or in the published schedule there; the copy an older version keeps
    held it for good. Only what is on the board or published now holds a table, or the slots."""
    from events.meetings import selectors, services
    from events.meetings.models import Meeting

    client.force_login(organiser)
    set_up(client, session)
    grid = MeetingGrid.objects.get(session=session)
    request, company = accepted_request(grid)
    tables = list(grid.tables.order_by("position"))
    meeting = services.book_meeting(request, acting_user=organiser, slot=grid.slots.first(), table=tables[3])
    services.publish_schedule(grid, acting_user=organiser)
    services.move_meeting(meeting, acting_user=organiser, slot=grid.slots.first(), table=tables[0])
    services.publish_schedule(grid, acting_user=organiser)

    fewer = set_up(client, session, tables=3)

    assert fewer.status_code == 302, fewer.content.decode()
    assert list(grid.tables.values_list("name", flat=True)) == ["Table 1", "Table 2", "Table 3"]
    (published,) = selectors.published_meetings_of(company.user)
    assert published.table.name == "Table 1"

    services.cancel_meeting(Meeting.objects.get(grid=grid, working=True), acting_user=organiser)
    services.publish_schedule(grid, acting_user=organiser)
    longer = set_up(client, session, tables=3, slot_minutes=30)

    assert longer.status_code == 302, longer.content.decode()
    assert grid.slots.count() == 4  # 09:00, 09:30, 11:00, 11:30: two meet the 10:20 coffee break
