import datetime as dt

import pytest
from django.contrib import admin
from django.core.exceptions import ValidationError

from events.missions.forms import SessionForm
from events.missions.models import Delegate, Delegation, Session, Stop
from tests.factories import (
    DelegateFactory,
    DelegationFactory,
    MissionFactory,
    SessionFactory,
    StopFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def superuser_client(client):
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    return client


def test_every_model_has_a_working_admin_list_with_search_and_filters(superuser_client):
    SessionFactory()

    for model, model_admin in admin.site._registry.items():
        meta = model._meta
        url = f"/admin/{meta.app_label}/{meta.model_name}/"
        response = superuser_client.get(url, {"q": "a"} if model_admin.search_fields else {})
        assert response.status_code == 200, url


def test_session_form_reads_times_in_the_stops_zone():
    stop = StopFactory(time_zone="America/Los_Angeles")

    form = SessionForm(
        data={
            "stop": stop.pk,
            "kind": "site_visit",
            "title": "Amazon",
            "starts_at": "2027-02-16T10:00",
            "ends_at": "2027-02-16T12:00",
            "registration_mode": "none",
            "audience": "delegation",
        }
    )

    assert form.is_valid(), form.errors
    session = form.save()
    assert session.starts_at == dt.datetime(2027, 2, 16, 18, 0, tzinfo=dt.UTC)


@pytest.mark.parametrize("starts_at", ["2027-02-16T10:00:30", "2027-02-16T10:00:00.5"])
def test_session_form_takes_its_times_to_the_minute(starts_at):
    first = SessionForm().fields["starts_at"]  # the field the admin's page shows, with its validators

    with pytest.raises(ValidationError) as refused:
        first.clean(starts_at)

    assert refused.value.messages == ["Give the time to the minute, without seconds."]
    first.clean("2027-02-16T10:00")  # to the minute: taken


def test_session_form_names_the_field_of_a_session_outside_its_stop():
    stop = StopFactory()

    form = SessionForm(
        data={
            "stop": stop.pk,
            "kind": "site_visit",
            "title": "IBM",
            "starts_at": "2027-03-01T10:00",
            "ends_at": "2027-03-01T12:00",
            "registration_mode": "none",
            "audience": "delegation",
        }
    )

    assert form.is_valid() is False
    assert set(form.errors) == {"starts_at", "ends_at"}


def admin_form(session, **changes):
    zone = session.stop.zone
    data = {
        "stop": session.stop_id,
        "kind": session.kind,
        # The admin has a field per language (modeltranslation's TranslationAdmin), English required.
        "title_en": session.title,
        "title_fr": "",
        "title_ar": "",
        "description_en": session.description,
        "description_fr": "",
        "description_ar": "",
        "venue": session.venue,
        "starts_at": session.starts_at.astimezone(zone).strftime("%Y-%m-%dT%H:%M"),
        "ends_at": session.ends_at.astimezone(zone).strftime("%Y-%m-%dT%H:%M"),
        "capacity": session.capacity or "",
        "registration_mode": session.registration_mode,
        "audience": session.audience,
    }
    return {**data, **changes}


def test_moving_a_session_in_the_admin_updates_its_attendees_calendars(superuser_client):
    import icalendar

    from events.notifications.models import OutboundEmail
    from events.registrations.services import register_company
    from tests.factories import RepresentativeFactory

    session = SessionFactory(registration_mode="open", title="Briefing")
    representative = RepresentativeFactory()
    register_company(
        session,
        acting_user=representative.user,
        organization=representative.organization,
        attendees=[{"full_name": "Ana", "email": "ana@example.com"}],
    )

    response = superuser_client.post(
        f"/admin/missions/session/{session.pk}/change/", admin_form(session, starts_at="2027-02-10T10:00")
    )

    (update,) = OutboundEmail.objects.filter(kind="invitation.update")
    (event,) = icalendar.Calendar.from_ical(update.calendar).walk("VEVENT")
    session.refresh_from_db()
    assert response.status_code == 302
    assert session.sequence == 1
    assert event["SEQUENCE"] == 1
    assert event.decoded("DTSTART") == session.starts_at == dt.datetime(2027, 2, 10, 16, 0, tzinfo=dt.UTC)


def test_renaming_a_stop_in_the_admin_revises_its_sessions(superuser_client):
    session = SessionFactory()
    stop = session.stop

    response = superuser_client.post(
        f"/admin/missions/stop/{stop.pk}/change/",
        {
            "mission": stop.mission_id,
            "order": stop.order,
            "city": "Round Rock",
            "region": stop.region,
            "country": stop.country.code,
            "time_zone": stop.time_zone,
            "venue": stop.venue,
            "start_date": stop.start_date.isoformat(),
            "end_date": stop.end_date.isoformat(),
        },
    )

    session.refresh_from_db()
    assert response.status_code == 302
    assert (session.sequence, session.place_sequence) == (1, 1)


def test_a_staff_member_who_does_not_organise_the_mission_cannot_move_its_session(client):
    from django.contrib.auth.models import Permission

    from tests.factories import UserFactory

    session = SessionFactory()
    staff = UserFactory(is_staff=True)
    staff.user_permissions.add(*Permission.objects.filter(codename__in=["change_session", "view_session"]))
    client.force_login(staff)

    response = client.post(f"/admin/missions/session/{session.pk}/change/", admin_form(session, title="Moved"))

    session.refresh_from_db()
    assert response.status_code == 403
    assert session.title != "Moved"


def test_a_delegates_new_address_in_the_admin_moves_the_programme_to_it(superuser_client):
    from events.agenda.models import Invitation
    from events.agenda.services import refresh_calendars
    from tests.factories import DelegateFactory, DelegationFactory

    session = SessionFactory()
    delegate = DelegateFactory(delegation=DelegationFactory(mission=session.stop.mission), email="old@example.com")
    refresh_calendars(people=["old@example.com"])

    response = superuser_client.post(
        f"/admin/missions/delegate/{delegate.pk}/change/",
        {
            "delegation": delegate.delegation_id,
            "full_name": delegate.full_name,
            "role": delegate.role,
            "job_title": delegate.job_title,
            "email": "new@example.com",
            "languages": "",
        },
    )

    held = dict(Invitation.objects.values_list("email", "cancelled"))
    assert response.status_code == 302
    assert held == {"old@example.com": True, "new@example.com": False}


def test_removing_a_session_in_the_admin_cancels_it_for_its_people(superuser_client):
    from events.notifications.models import OutboundEmail
    from events.registrations.services import register_company
    from tests.factories import RepresentativeFactory

    session = SessionFactory(registration_mode="open")
    representative = RepresentativeFactory()
    register_company(
        session,
        acting_user=representative.user,
        organization=representative.organization,
        attendees=[{"full_name": "Ana", "email": "ana@example.com"}],
    )

    response = superuser_client.post(f"/admin/missions/session/{session.pk}/delete/", {"post": "yes"})

    assert response.status_code == 302
    assert OutboundEmail.objects.filter(kind="invitation.cancel", to="ana@example.com").count() == 1


def test_the_registration_window_is_typed_in_the_admin_in_the_stops_local_time(superuser_client):
    """A tester found no field for it: registration deadlines could be set only through the API."""
    session = SessionFactory(stop=StopFactory(time_zone="Africa/Casablanca"), registration_mode="open")
    opens = session.starts_at - dt.timedelta(days=20)
    closes = session.starts_at - dt.timedelta(days=2)
    zone = session.stop.zone
    page = superuser_client.get(f"/admin/missions/session/{session.pk}/change/").content.decode()

    response = superuser_client.post(
        f"/admin/missions/session/{session.pk}/change/",
        admin_form(
            session,
            registration_opens_at=opens.astimezone(zone).strftime("%Y-%m-%dT%H:%M"),
            registration_closes_at=closes.astimezone(zone).strftime("%Y-%m-%dT%H:%M"),
        ),
    )

    session.refresh_from_db()
    assert 'name="registration_closes_at"' in page
    assert response.status_code == 302
    assert session.registration_opens_at == opens.replace(second=0, microsecond=0)
    assert session.registration_closes_at == closes.replace(second=0, microsecond=0)
    again = superuser_client.get(f"/admin/missions/session/{session.pk}/change/").content.decode()
    shown = closes.astimezone(zone)
    assert f'value="{shown:%Y-%m-%d %H:%M}' in again or f'value="{shown:%Y-%m-%dT%H:%M}' in again


def window_form(**days_from_start):
    """SessionForm for a Casablanca session with a registration window `days_from_start` (field: days, from
    the session's start), typed in the stop's local time as the admin types it."""
    session = SessionFactory(stop=StopFactory(time_zone="Africa/Casablanca"), registration_mode="open")
    zone = session.stop.zone

    def local(moment):
        return moment.astimezone(zone).strftime("%Y-%m-%dT%H:%M")

    data = {
        "stop": session.stop_id,
        "kind": session.kind,
        "title": "Free zone briefing",
        "starts_at": local(session.starts_at),
        "ends_at": local(session.ends_at),
        "registration_mode": "open",
        "audience": "public",
        **{name: local(session.starts_at + dt.timedelta(days=days)) for name, days in days_from_start.items()},
    }
    return SessionForm(data=data, instance=session)


def test_a_registration_window_that_closes_before_it_opens_is_refused_on_its_field():
    form = window_form(registration_opens_at=-2, registration_closes_at=-3)

    assert not form.is_valid()
    assert "registration_closes_at" in form.errors


def test_a_registration_deadline_after_the_session_starts_is_refused_on_its_field():
    """A tester set a deadline the day after the session: the form showed it, and registration had closed
    at the start anyway."""
    form = window_form(registration_closes_at=1)

    assert not form.is_valid()
    assert form.errors["registration_closes_at"] == ["Registration happens before the session starts."]


def posted_back(client, url, **changes):
    """What the admin's change page at `url` posts when saved as shown, with `changes`: its form and inlines."""
    page = client.get(url)
    data = {}

    def add(form, prefix=""):
        for name, field in form.fields.items():
            value = form[name].value()
            keys = [f"{prefix}{name}"] + ([f"initial-{prefix}{name}"] if field.show_hidden_initial else [])
            for key in keys:  # a field shown with its hidden initial value posts both, as the browser does
                if value is True:
                    data[key] = "on"
                elif value is not None and value is not False:
                    data[key] = [str(item) for item in value] if isinstance(value, list | tuple) else str(value)

    add(page.context["adminform"].form)
    for inline in page.context["inline_admin_formsets"]:
        formset = inline.formset
        add(formset.management_form, f"{formset.prefix}-")
        for number, form in enumerate(formset.forms):
            add(form, f"{formset.prefix}-{number}-")
    return {**data, **changes}


def registered_session():
    from events.registrations.services import register_company
    from tests.factories import RepresentativeFactory

    session = SessionFactory(registration_mode="open", title="Briefing")
    representative = RepresentativeFactory()
    register_company(
        session,
        acting_user=representative.user,
        organization=representative.organization,
        attendees=[{"full_name": "Ana", "email": "ana@example.com"}],
    )
    return session


def test_moving_a_session_into_another_mission_in_the_admin_is_refused_on_stop(superuser_client):
    """A tester moved a briefing into another mission from the admin: its registrations went with it."""
    from events.notifications.models import OutboundEmail

    session = registered_session()
    elsewhere = StopFactory()
    mails_before = OutboundEmail.objects.count()
    url = f"/admin/missions/session/{session.pk}/change/"

    response = superuser_client.post(url, posted_back(superuser_client, url, stop=elsewhere.pk))

    stored = Session.objects.get(pk=session.pk)
    assert response.status_code == 200
    assert response.context["adminform"].form.errors["stop"] == [
        "A session can only move to another stop of the same mission."
    ]
    assert (stored.stop_id, stored.sequence) == (session.stop_id, 0)
    assert OutboundEmail.objects.count() == mails_before


def test_an_organiser_of_the_other_mission_only_cannot_pull_a_session_into_it(client):
    from django.contrib.auth.models import Permission

    session = SessionFactory()
    elsewhere = StopFactory()
    staff = UserFactory(is_staff=True)
    staff.user_permissions.add(*Permission.objects.filter(codename__in=["change_session", "view_session"]))
    elsewhere.mission.organisers.add(staff)
    client.force_login(staff)

    response = client.post(f"/admin/missions/session/{session.pk}/change/", admin_form(session, stop=elsewhere.pk))

    assert response.status_code == 403
    assert Session.objects.get(pk=session.pk).stop_id == session.stop_id


def test_moving_a_stop_into_another_mission_in_the_admin_is_refused_on_mission(superuser_client):
    """The admin said it saved, and the stop had stayed where it was."""
    stop = SessionFactory().stop
    other = MissionFactory()
    url = f"/admin/missions/stop/{stop.pk}/change/"

    response = superuser_client.post(url, posted_back(superuser_client, url, mission=other.pk))

    assert response.status_code == 200
    assert response.context["adminform"].form.errors["mission"] == [
        "A stop stays in its mission; add a stop to the other mission instead."
    ]
    assert Stop.objects.get(pk=stop.pk).mission_id == stop.mission_id


def test_moving_a_delegate_into_another_delegation_in_the_admin_is_refused_on_delegation(superuser_client):
    delegate = DelegateFactory()
    other = DelegationFactory()
    url = f"/admin/missions/delegate/{delegate.pk}/change/"

    response = superuser_client.post(url, posted_back(superuser_client, url, delegation=other.pk))

    assert response.status_code == 200
    assert response.context["adminform"].form.errors["delegation"] == [
        "A delegate stays in their delegation; add them to the other delegation instead."
    ]
    assert Delegate.objects.get(pk=delegate.pk).delegation_id == delegate.delegation_id


def test_shrinking_a_mission_around_its_stops_in_the_admin_is_refused_on_its_field(superuser_client):
    """The service's refusal was a 403 page, as if the organiser had no right to change the mission."""
    stop = StopFactory(start_date=dt.date(2027, 2, 12))
    mission = stop.mission
    url = f"/admin/missions/mission/{mission.pk}/change/"

    response = superuser_client.post(url, posted_back(superuser_client, url, start_date="2027-02-13"))

    assert response.status_code == 200
    assert response.context["adminform"].form.errors["start_date"] == [
        f"“{stop}” starts on 2027-02-12, outside these dates; move it first."
    ]
    mission.refresh_from_db()
    assert mission.start_date == dt.date(2027, 2, 10)


def test_removing_a_stop_that_holds_sessions_in_the_admin_says_why_on_its_page(superuser_client):
    stop = SessionFactory().stop

    response = superuser_client.post(f"/admin/missions/stop/{stop.pk}/delete/", {"post": "yes"}, follow=True)

    assert response.status_code == 200
    assert [str(message) for message in response.context["messages"]] == [
        "Move or remove this stop's sessions before removing the stop."
    ]
    assert Stop.objects.filter(pk=stop.pk).exists()


def test_moving_a_delegation_into_another_mission_in_the_admin_is_refused_on_mission(superuser_client):
    """Its delegates went with it, into another mission's roster, with nobody told."""
    delegate = DelegateFactory()
    delegation = delegate.delegation
    other = MissionFactory()
    url = f"/admin/missions/delegation/{delegation.pk}/change/"

    response = superuser_client.post(url, posted_back(superuser_client, url, mission=other.pk))

    assert response.status_code == 200
    assert response.context["adminform"].form.errors["mission"] == [
        "A delegation stays in its mission; create one in the other mission instead."
    ]
    assert Delegation.objects.get(pk=delegation.pk).mission_id == delegation.mission_id


def test_a_staff_member_who_does_not_organise_a_mission_cannot_add_a_stop_to_it_in_the_admin(client):
    from django.contrib.auth.models import Permission

    mission = MissionFactory()
    staff = UserFactory(is_staff=True)
    staff.user_permissions.add(*Permission.objects.filter(codename__in=["add_stop", "view_stop", "view_mission"]))
    client.force_login(staff)

    response = client.post(
        "/admin/missions/stop/add/",
        {
            "mission": mission.pk,
            "order": 1,
            "city": "Dakhla",
            "country": "MA",
            "time_zone": "Africa/Casablanca",
            "start_date": "2027-02-11",
            "end_date": "2027-02-12",
        },
    )

    # The mission is not among those offered (missions.admin_scope): refused on its field, nothing written.
    assert response.status_code == 200
    assert response.context["adminform"].form.errors["mission"]
    assert mission.stops.count() == 0


def test_a_meeting_session_shortened_around_its_meetings_in_the_admin_is_refused_on_its_end(
    superuser_client, organiser
):
    """A tester got a bare 403 page: a refusal of the meetings app comes back on the field, nothing written."""
    from events.meetings import services as meetings
    from tests.meetings.conftest import MeetingDay

    day = MeetingDay(organiser)
    meetings.book_meeting(day.accepted(0, 1), acting_user=organiser, slot=day.slots[-1], table=day.tables[0])
    url = f"/admin/missions/session/{day.session.pk}/change/"
    shown = posted_back(superuser_client, url)
    ends = next(name for name in shown if name.startswith("ends_at"))

    response = superuser_client.post(url, {**shown, ends: shown[ends].replace("17:30", "15:00")})

    assert response.status_code == 200
    assert "would fall outside the session" in " ".join(response.context["adminform"].form.errors["ends_at"])
    assert Session.objects.get(pk=day.session.pk).ends_at == day.session.ends_at


def test_deleting_a_delegation_in_the_admin_cancels_its_delegates_meetings_for_both_sides(superuser_client, organiser):
    """Deleting a delegation deleted its delegates as plain rows: their meetings vanished from the calendars'
    source, and neither side was sent a cancellation."""
    from events.meetings import services as meetings
    from events.notifications.models import OutboundEmail
    from tests.meetings.conftest import MeetingDay

    day = MeetingDay(organiser)
    meetings.book_meeting(day.accepted(0, 1), acting_user=organiser, slot=day.slots[0], table=day.tables[0])
    meetings.publish_schedule(day.grid, acting_user=organiser)
    delegation = day.delegates[1].delegation
    company, delegate = day.companies[0].user.email, day.delegates[1].user.email

    response = superuser_client.post(f"/admin/missions/delegation/{delegation.pk}/delete/", {"post": "yes"})

    assert response.status_code == 302
    assert not Delegation.objects.filter(pk=delegation.pk).exists()
    cancelled = set(OutboundEmail.objects.filter(kind="invitation.cancel").values_list("to", flat=True))
    assert {company.lower(), delegate.lower()} <= {address.lower() for address in cancelled}


def test_a_delegate_removed_has_their_meetings_cancelled_for_the_company_too(organiser):
    from events.meetings import services as meetings
    from events.missions.services import remove_delegate
    from events.notifications.models import OutboundEmail
    from tests.meetings.conftest import MeetingDay

    day = MeetingDay(organiser)
    meetings.book_meeting(day.accepted(0, 1), acting_user=organiser, slot=day.slots[0], table=day.tables[0])
    meetings.publish_schedule(day.grid, acting_user=organiser)

    remove_delegate(day.delegates[1], acting_user=organiser)

    cancelled = sorted(OutboundEmail.objects.filter(kind="invitation.cancel").values_list("to", flat=True))
    assert cancelled == sorted([day.companies[0].user.email.lower(), day.delegates[1].user.email.lower()])


# A change page is a snapshot: saved later, only what the organiser changed on it is applied, never the values it
# showed of fields changed elsewhere since (the form carries each field as shown: show_hidden_initial).


def test_a_delegate_page_opened_before_the_delegate_moved_address_keeps_the_new_address(
    superuser_client, django_capture_on_commit_callbacks
):
    """A helper opened a delegate's page; meanwhile the delegate moved their account to another address; the
    organiser then saved a new job title, and the delegate was moved back to the address they had removed, on a
    new account that held their calendar."""
    from allauth.account.models import EmailAddress

    from events.missions.services import add_delegate

    delegation = DelegationFactory()
    organiser = UserFactory()
    delegation.mission.organisers.add(organiser)
    add_delegate(delegation, acting_user=organiser, full_name="Omar Tazi", email="omar@dakhla.example")
    delegate = Delegate.objects.get(email="omar@dakhla.example")
    url = f"/admin/missions/delegate/{delegate.pk}/change/"
    shown = posted_back(superuser_client, url, job_title="Director of fisheries")
    address = EmailAddress.objects.create(user=delegate.user, email="omar.tazi@peche.example", verified=True)
    with django_capture_on_commit_callbacks(execute=True):
        address.set_as_primary()
    EmailAddress.objects.filter(email="omar@dakhla.example").delete()

    response = superuser_client.post(url, shown)

    assert response.status_code == 302
    delegate = Delegate.objects.get(pk=delegate.pk)
    assert (delegate.job_title, delegate.email, delegate.user_id) == (
        "Director of fisheries",
        "omar.tazi@peche.example",
        address.user_id,
    )


def test_a_session_page_opened_before_the_session_moved_does_not_move_it_back(superuser_client):
    session = SessionFactory()
    url = f"/admin/missions/session/{session.pk}/change/"
    shown = posted_back(superuser_client, url, title_en="Briefing on ports")
    moved = session.starts_at + dt.timedelta(hours=1), session.ends_at + dt.timedelta(hours=1)
    organiser = UserFactory()
    session.stop.mission.organisers.add(organiser)
    from events.missions.services import update_session

    update_session(session, acting_user=organiser, starts_at=moved[0], ends_at=moved[1])

    response = superuser_client.post(url, shown)

    assert response.status_code == 302
    session.refresh_from_db()
    assert (session.title, session.starts_at, session.ends_at) == ("Briefing on ports", *moved)


@pytest.mark.parametrize("language", ["en", "fr", "ar"])
def test_the_session_page_shows_its_times_in_every_language_and_saving_it_keeps_them(superuser_client, language):
    """Two helpers, in French: the page wrote value="12/02/2027 09:00:00" into the date-time inputs, which a browser
    cannot read and shows empty; saving then asked for the start and end, and once they were typed again the
    registration deadline was lost."""
    import re

    from django.conf import settings

    session = SessionFactory(stop=StopFactory(time_zone="Africa/Casablanca"), registration_mode="open")
    session.registration_closes_at = session.starts_at - dt.timedelta(days=2)
    session.save()
    url = f"/admin/missions/session/{session.pk}/change/"
    superuser_client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    page = superuser_client.get(url).content.decode()

    def shown(name):
        return re.search(rf'<input type="datetime-local" name="{name}" value="([^"]*)"', page).group(1)

    zone = session.stop.zone
    for name in ("starts_at", "ends_at", "registration_closes_at"):
        assert shown(name) == f"{getattr(session, name).astimezone(zone):%Y-%m-%dT%H:%M}"
    response = superuser_client.post(
        url,
        posted_back(
            superuser_client,
            url,
            capacity=40,
            **{name: shown(name) for name in ("starts_at", "ends_at", "registration_closes_at")},
        ),
    )
    assert response.status_code == 302
    before = (session.starts_at, session.ends_at, session.registration_closes_at)
    session.refresh_from_db()
    assert (session.starts_at, session.ends_at, session.registration_closes_at) == before
    assert session.capacity == 40


def test_a_time_in_the_repeated_hour_can_be_told_apart_on_the_session_page(superuser_client):
    """A helper: the page refused 01:30 on the night clocks go back, telling them to "say which under 'if a time
    happens twice'", a choice the page did not have; a session at the second 01:30 could not be saved at all."""
    mission = MissionFactory(start_date=dt.date(2027, 11, 5), end_date=dt.date(2027, 11, 9))
    session = SessionFactory(stop=StopFactory(mission=mission, time_zone="America/Chicago"), registration_mode="open")
    url = f"/admin/missions/session/{session.pk}/change/"
    page = superuser_client.get(url).content.decode()
    assert 'name="repeated_hour"' in page

    response = superuser_client.post(
        url,
        posted_back(superuser_client, url, starts_at="2027-11-07T01:30", ends_at="2027-11-07T03:00", repeated_hour="1"),
    )

    assert response.status_code == 302
    session.refresh_from_db()
    assert session.starts_at == dt.datetime(2027, 11, 7, 7, 30, tzinfo=dt.UTC)  # 01:30 CST, the second one
    again = superuser_client.get(url)
    assert again.context["adminform"].form["repeated_hour"].value() == 1
