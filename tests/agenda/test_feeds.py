"""Personal agendas and feeds through the web: secrets, what each person sees, and flat query counts."""

import datetime as dt
import re

import pytest
import vobject
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from events.accounts import services as services_of_accounts
from events.agenda import services
from events.agenda.models import FeedToken, hash_token
from events.meetings import services as meeting_services
from tests.meetings.conftest import MeetingDay

pytestmark = pytest.mark.django_db


@pytest.fixture
def published(organiser):
    """An Austin meeting afternoon with Company 0 meeting Delegate 1 at 15:50, published."""
    day = MeetingDay(organiser)
    meeting_services.book_meeting(day.accepted(0, 1), acting_user=organiser, slot=day.slots[6], table=day.tables[1])
    meeting_services.publish_schedule(day.grid, acting_user=organiser)
    return day


def feed_url(client, user):
    client.force_login(user)
    client.post("/agenda/feed/")
    page = client.get("/agenda/").content.decode()
    return re.search(
        r'<textarea id="feed-link"[^>]*>http://testserver(/agenda/feed/[\w-]+\.ics)</textarea>', page
    ).group(1)


def events_of(body):
    calendar = vobject.readOne(body.decode())
    return {str(event.uid.value): event for event in calendar.vevent_list}


def test_a_feed_link_is_a_256_bit_secret_kept_as_a_hash(client, published):
    user = published.delegates[1].user
    url = feed_url(client, user)
    token = url.rsplit("/", 1)[1].removesuffix(".ics")

    assert len(token) >= 43
    assert FeedToken.objects.get(user=user).token_hash == hash_token(token)
    assert client.get(url)["Content-Type"] == "text/calendar; charset=utf-8"


def test_rotating_or_revoking_kills_the_old_link(client, published):
    user = published.delegates[1].user
    first = feed_url(client, user)
    second = feed_url(client, user)

    assert client.get(first).status_code == 404
    assert client.get(second).status_code == 200
    client.post("/agenda/feed/off/")
    assert client.get(second).status_code == 404
    assert client.get("/agenda/feed/" + "x" * 43 + ".ics").status_code == 404


def test_the_delegate_feed_carries_the_meeting_with_the_company_and_the_sessions(client, published):
    delegate = published.delegates[1].user
    body = client.get(feed_url(client, delegate)).content

    events = events_of(body)
    meeting = next(event for uid, event in events.items() if uid.startswith("meeting-"))
    assert meeting.summary.value == "Meeting with Company 0"
    assert "One-to-one meeting with Company 0" in meeting.description.value
    assert "http://testserver/agenda/" in meeting.description.value
    assert meeting.location.value.startswith("Table 2")
    assert meeting.dtstart.value.strftime("%H:%M %Z") == "15:50 CST"
    assert b"LAST-MODIFIED:" in body
    assert b"METHOD" not in body


def test_a_company_sees_its_meeting_and_the_sessions_it_registered_for(client, published):
    body = client.get(feed_url(client, published.companies[0].user)).content

    summaries = sorted(event.summary.value for event in events_of(body).values())
    assert summaries == ["Meeting with Delegate 1"]


def test_the_delegate_feed_carries_the_itinerary_as_whole_days(client, published):
    import datetime as dt

    body = client.get(feed_url(client, published.delegates[1].user)).content

    legs = [event for uid, event in events_of(body).items() if uid.startswith("stop-")]
    assert [leg.summary.value for leg in legs] == ["In Austin, Texas, United States of America"]
    assert legs[0].dtstart.value == dt.date(2099, 2, 10)
    assert legs[0].dtend.value == dt.date(2099, 2, 15)


def test_uids_are_stable_and_a_move_updates_in_place(client, published, organiser):
    url = feed_url(client, published.delegates[1].user)
    before = events_of(client.get(url).content)
    meeting = published.grid.meetings.get(working=True)
    meeting_services.move_meeting(meeting, acting_user=organiser, slot=published.slots[8], table=published.tables[0])
    meeting_services.publish_schedule(published.grid, acting_user=organiser)

    after = events_of(client.get(url).content)

    assert set(before) == set(after)
    uid = next(uid for uid in after if uid.startswith("meeting-"))
    assert int(after[uid].sequence.value) == int(before[uid].sequence.value) + 1
    assert after[uid].dtstart.value.strftime("%H:%M") == "16:30"


def test_the_public_programme_feed_is_for_published_missions_only(client, published):
    mission = published.session.stop.mission
    assert client.get(f"/missions/{mission.slug}/programme.ics").status_code == 200
    mission.status = "draft"
    mission.save()
    assert client.get(f"/missions/{mission.slug}/programme.ics").status_code == 404


def test_one_item_downloads_as_ics_and_only_by_whoever_attends_it(client, published):
    meeting = published.grid.meetings.get(working=True)
    client.force_login(published.companies[0].user)
    own = client.get(f"/agenda/items/meeting-{meeting.uid}.ics")
    client.force_login(published.companies[1].user)
    other = client.get(f"/agenda/items/meeting-{meeting.uid}.ics")

    assert own.status_code == 200
    assert len(events_of(own.content)) == 1
    assert other.status_code == 404


def test_the_agenda_page_names_the_zone_and_shows_the_viewers_time_on_demand(client, published):
    client.force_login(published.delegates[1].user)

    page = client.get("/agenda/").content.decode()
    paris = client.get("/agenda/?tz=Europe/Paris").content.decode()

    when = '<bdi dir="ltr">15:50–16:10</bdi></time>'
    assert f'{when} <abbr title="America/Chicago"><bdi dir="ltr">CST</bdi></abbr>' in page
    assert "(America/Chicago)" in page
    assert "Your time: " in paris
    assert '<bdi dir="ltr">22:50–23:10</bdi></time> (Europe/Paris)' in paris


def test_the_feed_query_count_stays_flat(client, organiser, django_assert_max_num_queries):
    day = MeetingDay(organiser, companies=8, delegates=2, tables=4)
    user = day.delegates[0].user
    token = services.issue_feed_token(user)
    url = f"/agenda/feed/{token}.ics"

    requests = [day.accepted(n, 0) for n in range(8)]

    def publish(numbers):
        for n in numbers:
            meeting_services.book_meeting(requests[n], acting_user=organiser, slot=day.slots[n], table=day.tables[0])
        meeting_services.publish_schedule(day.grid, acting_user=organiser)

    publish([0])
    with CaptureQueriesContext(connection) as one:
        client.get(url)
    baseline = len(one.captured_queries)
    publish(range(1, 8))

    with django_assert_max_num_queries(baseline):
        body = client.get(url).content
    assert len([uid for uid in events_of(body) if uid.startswith("meeting-")]) == 8


@pytest.fixture
def briefing(published):
    """A business briefing at the same stop, Company 0 confirmed for it."""
    from events.registrations.services import register_company
    from tests.factories import SessionFactory

    session = SessionFactory(stop=published.stop, title="Public business briefing", registration_mode="open")
    representative = published.companies[0]
    register_company(
        session,
        acting_user=representative.user,
        organization=representative.organization,
        attendees=[{"full_name": representative.user.full_name, "email": representative.user.email}],
    )
    return session


def test_an_unchanged_feed_answers_its_etag_with_304(client, published):
    url = feed_url(client, published.delegates[1].user)
    first = client.get(url)

    again = client.get(url, headers={"If-None-Match": first["ETag"]})

    assert first.status_code == 200
    assert first["ETag"].startswith('"')
    assert again.status_code == 304
    assert again.content == b""
    assert (again["ETag"], again["Cache-Control"]) == (first["ETag"], "private, max-age=300")


def _rename_company(day, briefing):
    company = day.companies[0].organization
    company.description = "Sovereign cloud for ministries"
    company.save()
    return 1, "Sovereign cloud for ministries"


def _retitle_delegate(day, briefing):
    delegate = day.delegates[1]
    delegate.job_title = "Secretary General"
    delegate.save()
    return "company", "Secretary General"


def _rename_table(day, briefing):
    table = day.tables[1]
    table.name = "Salon Atlas"
    table.save()
    return 1, "Salon Atlas"


def _retitle_session(day, briefing):
    briefing.title = "Procurement priorities briefing"
    briefing.save()
    return 1, "Procurement priorities briefing"


def _move_stop(day, briefing):
    day.stop.city = "Round Rock"
    day.stop.save()
    return 1, "Round Rock"


def _rename_mission(day, briefing):
    mission = day.stop.mission
    mission.title = "Morocco Digital Economy 2099"
    mission.save()
    return "company", "Morocco Digital Economy 2099"


def _rename_person(day, briefing):
    user = day.delegates[1].user
    user.full_name = "Omar Tazi"
    user.save()
    return 1, "Agenda of Omar Tazi"


CHANGES = [
    _rename_company,
    _retitle_delegate,
    _rename_table,
    _retitle_session,
    _move_stop,
    _rename_mission,
    _rename_person,
]


@pytest.mark.parametrize("change", CHANGES, ids=lambda change: change.__name__.strip("_"))
def test_the_cached_feed_shows_a_change_on_the_next_fetch(client, published, briefing, change):
    delegate_url = feed_url(client, published.delegates[1].user)
    company_url = feed_url(client, published.companies[0].user)
    before = {1: client.get(delegate_url), "company": client.get(company_url)}

    whose, text = change(published, briefing)
    url = delegate_url if whose == 1 else company_url
    after = client.get(url, headers={"If-None-Match": before[whose]["ETag"]})

    assert text.encode() not in before[whose].content
    assert after.status_code == 200
    assert after["ETag"] != before[whose]["ETag"]
    assert text.encode() in b"".join(after.content.replace(b"\\", b"").split(b"\r\n "))


def test_the_cached_feed_drops_a_cancelled_registration(client, published, briefing):
    from events.registrations.services import cancel_registration

    representative = published.companies[0]
    url = feed_url(client, representative.user)
    before = client.get(url)

    cancel_registration(briefing.registrations.get(), acting_user=representative.user)
    after = client.get(url)

    assert b"SUMMARY:Public business briefing" in before.content
    assert b"SUMMARY:Public business briefing" not in after.content


def test_the_cached_feed_follows_the_missions_one_organises(client, published, briefing):
    from tests.factories import UserFactory

    colleague = UserFactory()
    url = feed_url(client, colleague)
    before = client.get(url)

    published.stop.mission.organisers.add(colleague)
    after = client.get(url)

    assert b"SUMMARY:Public business briefing" not in before.content
    assert b"SUMMARY:Public business briefing" in after.content


def test_a_feed_speaks_its_owners_language_whatever_the_calendar_asks(client, published):
    """A calendar server fetches without the person's language (or with its own): the feed speaks the
    language the person chose, as their invitations for the same meetings do."""
    owner = published.companies[0].user
    owner.language = "fr"
    owner.save()
    url = feed_url(client, owner)
    client.logout()

    plain = client.get(url)
    asked_english = client.get(url, headers={"Accept-Language": "en"})

    assert b"SUMMARY:Rendez-vous avec Delegate 1" in plain.content
    assert asked_english.content == plain.content
    assert plain["Content-Language"] == "fr"


def test_the_cached_feed_follows_a_change_of_its_owners_language_on_the_next_fetch(client, published, settings):
    settings.AGENDA_FEED_FRESHNESS_SECONDS = 60
    owner = published.companies[0].user
    url = feed_url(client, owner)
    client.logout()
    english = client.get(url)

    services_of_accounts.set_preferred_language(owner, language="ar")
    arabic = client.get(url, headers={"If-None-Match": english["ETag"]})

    assert b"SUMMARY:Meeting with Delegate 1" in english.content
    assert arabic.status_code == 200
    assert arabic["ETag"] != english["ETag"]
    assert "Meeting with" not in arabic.content.decode()
    assert arabic["Content-Language"] == "ar"


def test_a_feed_of_an_owner_whose_language_is_unknown_speaks_the_sites(client, published):
    owner = published.companies[0].user
    owner.language = "xx"  # written outside set_preferred_language, which refuses it
    owner.save()
    url = feed_url(client, owner)
    client.logout()

    response = client.get(url, headers={"Accept-Language": "fr"})

    assert b"SUMMARY:Meeting with Delegate 1" in response.content
    assert response["Content-Language"] == "en"


def test_a_cached_feed_is_read_with_fewer_queries_than_a_fresh_one(client, published):
    url = feed_url(client, published.delegates[1].user)
    with CaptureQueriesContext(connection) as fresh:
        first = client.get(url)

    with CaptureQueriesContext(connection) as cached:
        second = client.get(url)

    assert second.content == first.content
    assert len(cached.captured_queries) < len(fresh.captured_queries)


def test_within_its_minute_of_grace_a_feed_is_served_from_one_query_then_worked_out_again(
    client, published, briefing, settings
):
    settings.AGENDA_FEED_FRESHNESS_SECONDS = 60
    cache.clear()
    url = feed_url(client, published.companies[0].user)  # registered for the briefing
    first = client.get(url)
    briefing.title = "Briefing, new title"
    briefing.save()

    statements = []
    with connection.execute_wrapper(lambda execute, sql, *args: statements.append(sql) or execute(sql, *args)):
        again = client.get(url)
    cache.clear()  # the minute has passed
    after = client.get(url)

    assert len(statements) == 1, statements  # the token and its owner
    assert again.content == first.content
    assert b"Briefing, new title" not in first.content
    assert b"SUMMARY:Briefing, new title" in b"".join(after.content.replace(b"\\", b"").split(b"\r\n "))


def test_a_feed_link_remembers_its_last_use_at_most_once_a_minute(client, published):
    url = feed_url(client, published.delegates[1].user)
    link = FeedToken.objects.get(revoked_at__isnull=True, user=published.delegates[1].user)
    two_minutes_ago = timezone.now() - dt.timedelta(minutes=2)
    FeedToken.objects.filter(pk=link.pk).update(last_used_at=two_minutes_ago)

    client.get(url)
    link.refresh_from_db()
    first_use = link.last_used_at
    client.get(url)
    link.refresh_from_db()

    assert first_use > two_minutes_ago
    assert link.last_used_at == first_use


@pytest.mark.parametrize("name", ["Omar Tazi", "Hicham El Idrissi", "Bruno Lefèvre"])
def test_a_french_feed_is_named_without_the_elision_a_name_would_need(name):
    """« Agenda de Omar Tazi » is wrong French (d’Omar), and « de » or « d’ » depends on the name: the French
    name is written « Agenda : Omar Tazi », right for every name."""
    from django.utils import translation

    from events.agenda.feeds import _name
    from tests.factories import UserFactory

    with translation.override("fr"):
        assert _name(UserFactory.build(full_name=name)) == f"Agenda\u00a0: {name}"


def test_a_one_day_stop_names_its_day_once_on_the_agenda(rf, published):
    """The agenda read "15 January – 15 January 2027" for a stop of one day, in every language."""
    from django.template.loader import render_to_string

    from events.agenda.selectors import _leg

    stop = published.session.stop
    stop.end_date = stop.start_date
    stop.save()
    request = rf.get("/agenda/")
    request.user = published.delegates[1].user

    page = render_to_string("agenda/agenda.html", {"items": [_leg(stop)]}, request=request)

    day = f"{stop.start_date.day} {stop.start_date:%B %Y}"
    assert f"{day}</time> · " in page
    assert f"{day}</time> – " not in page
