"""Issue 9, case 2: a tz data upgrade moves no local time; it moves UTC instants, and says so once.

Two committed copies of Africa/Casablanca stand for the releases: 2025b (Morocco on +01 outside
Ramadan) and 2026f (on +00 from 20 September 2026). A session typed as 09:30 in Dakhla under 2025b
is stored as 08:30 UTC; after the upgrade it must be at 09:30 UTC, still 09:30 local, and each of its
attendees must receive exactly one update, and nobody else anything.
"""

import datetime as dt
import zoneinfo

import icalendar
import pytest
from django.core.management import call_command

from events.core.wall_clock import rederive_instants
from events.missions.models import Session
from events.notifications.models import OutboundEmail
from events.registrations.services import register_company
from tests.factories import MissionFactory, RepresentativeFactory, SessionFactory, StopFactory

pytestmark = pytest.mark.django_db

DAKHLA_MORNING = dt.datetime(2030, 12, 16, 9, 30)


def register(session, *emails):
    representative = RepresentativeFactory()
    return register_company(
        session,
        acting_user=representative.user,
        organization=representative.organization,
        attendees=[{"full_name": email.split("@")[0].title(), "email": email} for email in emails],
    )


def sent(kind):
    return list(OutboundEmail.objects.filter(kind=kind).order_by("to"))


@pytest.fixture
def planned_under_2025b(releases):
    releases("2025b")
    mission = MissionFactory(start_date=dt.date(2030, 12, 1), end_date=dt.date(2030, 12, 31))
    dakhla = StopFactory(mission=mission, city="Dakhla", country="MA", time_zone="Africa/Casablanca")
    austin = StopFactory(mission=mission, city="Austin", time_zone="America/Chicago")
    zone = zoneinfo.ZoneInfo("Africa/Casablanca")
    visit = SessionFactory(
        stop=dakhla,
        title="Dakhla free zone",
        registration_mode="open",
        starts_at=DAKHLA_MORNING.replace(tzinfo=zone),
        ends_at=(DAKHLA_MORNING + dt.timedelta(hours=2)).replace(tzinfo=zone),
    )
    briefing = SessionFactory(stop=austin, title="Austin briefing", registration_mode="open")
    register(visit, "ana@example.com", "bo@example.com")
    register(briefing, "cy@example.com")
    releases("2026f")
    return visit, briefing


def test_a_session_planned_under_2025b_is_stored_an_hour_early_in_utc(planned_under_2025b):
    visit, _ = planned_under_2025b

    assert visit.starts_at == dt.datetime(2030, 12, 16, 8, 30, tzinfo=dt.UTC)
    assert visit.wall_clock["starts_at"] == "2030-12-16T09:30:00"
    assert visit.tz_version == "2025b"


def test_after_the_upgrade_the_session_stays_at_nine_thirty_local(planned_under_2025b):
    visit, briefing = planned_under_2025b

    call_command("rederive_instants")

    visit.refresh_from_db()
    briefing_before = briefing.starts_at
    briefing.refresh_from_db()
    assert visit.starts_at == dt.datetime(2030, 12, 16, 9, 30, tzinfo=dt.UTC)
    assert visit.starts_at.astimezone(zoneinfo.ZoneInfo("Africa/Casablanca")).time() == dt.time(9, 30)
    assert visit.wall_clock["starts_at"] == "2030-12-16T09:30:00"
    assert visit.tz_version == "2026f"
    assert visit.sequence >= 1  # revised: calendars take the new zone in place
    assert (briefing.starts_at, briefing.sequence) == (briefing_before, 0)


def test_the_upgrade_mails_one_update_to_each_attendee_of_the_moved_session_only(planned_under_2025b):
    visit, _ = planned_under_2025b
    before = OutboundEmail.objects.count()

    call_command("rederive_instants")

    updates = sent("invitation.update")
    assert [row.to for row in updates] == ["ana@example.com", "bo@example.com"]
    for row in updates:
        (event,) = icalendar.Calendar.from_ical(row.calendar).walk("VEVENT")
        assert event["SEQUENCE"] == 1
        assert event.decoded("DTSTART").astimezone(dt.UTC) == dt.datetime(2030, 12, 16, 9, 30, tzinfo=dt.UTC)
    new_rows = OutboundEmail.objects.order_by("pk")[before:]
    assert {row.to for row in new_rows} == {"ana@example.com", "bo@example.com"}


def test_reminders_move_with_the_session(planned_under_2025b):
    call_command("rederive_instants")

    pending = OutboundEmail.objects.filter(kind="reminder", to="ana@example.com", status="pending")
    assert sorted(pending.values_list("due_at", flat=True)) == [
        dt.datetime(2030, 12, 15, 9, 30, tzinfo=dt.UTC),
        dt.datetime(2030, 12, 16, 8, 30, tzinfo=dt.UTC),
    ]


def test_running_it_again_changes_nothing(planned_under_2025b):
    call_command("rederive_instants")
    count = OutboundEmail.objects.count()

    call_command("rederive_instants")

    assert OutboundEmail.objects.count() == count
    assert Session.objects.exclude(tz_version="2026f").count() == 0


def test_a_published_meeting_keeps_its_local_slot_and_both_sides_get_one_update(releases, organiser):
    from events.meetings import services as meetings
    from events.meetings.models import Slot
    from tests.meetings.conftest import MeetingDay

    releases("2025b")
    day = MeetingDay(organiser, time_zone="Africa/Casablanca")
    meetings.book_meeting(day.accepted(0, 1), acting_user=organiser, slot=day.slots[0], table=day.tables[0])
    meetings.publish_schedule(day.grid, acting_user=organiser)
    assert day.slots[0].starts_at == dt.datetime(2099, 2, 13, 12, 30, tzinfo=dt.UTC)
    releases("2026f")

    call_command("rederive_instants")

    slot = Slot.objects.get(pk=day.slots[0].pk)
    updates = sent("invitation.update")
    assert slot.starts_at == dt.datetime(2099, 2, 13, 13, 30, tzinfo=dt.UTC)
    assert slot.wall_clock["starts_at"] == "2099-02-13T13:30:00"
    assert sorted(row.to for row in updates) == sorted([day.companies[0].user.email, day.delegates[1].user.email])
    for row in updates:
        (event,) = icalendar.Calendar.from_ical(row.calendar).walk("VEVENT")
        assert event["SEQUENCE"] == 1
        assert event.decoded("DTSTART").astimezone(dt.UTC) == slot.starts_at


def test_a_stop_moved_to_another_zone_keeps_its_local_time_and_the_upgrade_moves_nothing_more(
    planned_under_2025b, organiser
):
    from events.missions.services import update_stop

    visit, _ = planned_under_2025b
    visit.stop.mission.organisers.add(organiser)
    update_stop(visit.stop, acting_user=organiser, time_zone="Europe/Lisbon")  # the organiser's correction
    visit.refresh_from_db()
    assert visit.starts_at == dt.datetime(2030, 12, 16, 9, 30, tzinfo=dt.UTC)  # 09:30 in Lisbon, on +00
    assert visit.tz_version == "2026f"
    assert visit.sequence >= 1  # revised: calendars take the new zone in place

    moved = rederive_instants()

    visit.refresh_from_db()
    assert moved["missions.Session"] == 0
    assert visit.starts_at == dt.datetime(2030, 12, 16, 9, 30, tzinfo=dt.UTC)
    assert visit.wall_clock == {
        "zone": "Europe/Lisbon",
        "starts_at": "2030-12-16T09:30:00",
        "ends_at": "2030-12-16T11:30:00",
    }


def test_a_wall_clock_read_in_a_zone_its_stop_no_longer_has_keeps_its_instants_through_the_upgrade(
    planned_under_2025b,
):
    from events.missions.models import Stop

    visit, _ = planned_under_2025b
    # A zone changed before a new zone re-read the local times: the instants were kept, and shown since.
    Stop.objects.filter(pk=visit.stop.pk).update(time_zone="Europe/Lisbon")

    call_command("rederive_instants")

    visit.refresh_from_db()
    assert visit.starts_at == dt.datetime(2030, 12, 16, 8, 30, tzinfo=dt.UTC)
    assert visit.wall_clock == {
        "zone": "Europe/Lisbon",
        "starts_at": "2030-12-16T08:30:00",
        "ends_at": "2030-12-16T10:30:00",
    }
