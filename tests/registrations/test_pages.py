"""The registration pages: from the mission page to a confirmed seat, and the organiser's session page."""

import datetime as dt
import re

import pytest
from django.core import mail

from events.registrations import services
from events.registrations.models import Question, Registration
from tests.factories import SectorFactory, UserFactory
from tests.registrations.conftest import attendees

pytestmark = pytest.mark.django_db


def form_data(briefing, *people, **extra):
    data = {"sessions": [briefing.pk]}
    for number, (name, email) in enumerate(people, start=1):
        data[f"attendee_{number}_full_name"] = name
        data[f"attendee_{number}_email"] = email
    return {**data, **extra}


def test_the_mission_page_offers_registration_for_open_sessions(client, briefing):
    page = client.get(f"/missions/{briefing.stop.mission.slug}/").content.decode()

    assert f"/missions/{briefing.stop.mission.slug}/register/?session={briefing.pk}" in page
    assert "Register your company" in page


def test_the_registration_page_shows_each_sessions_deadline_in_its_local_time(client, briefing, representative_of):
    briefing.title = "Public business briefing"
    briefing.registration_closes_at = dt.datetime(2099, 2, 6, 3, 0, tzinfo=dt.UTC)
    briefing.save()
    client.force_login(representative_of("Lone Star Cloud").user)

    page = client.get(f"/missions/{briefing.stop.mission.slug}/register/").content.decode()

    choices = re.findall(r'<div class="session-choice">(.*?)</div>\s*</div>', page, re.DOTALL)
    assert [" ".join(re.sub(r"<[^>]+>", " ", choice).split()) for choice in choices] == [
        "Public business briefing Tuesday 10 February 2099, 09:00–11:00 CST (America/Chicago) · Austin "
        "3 seats left Registration closes Thursday 5 February 2099, 21:00 CST (America/Chicago)"
    ]


def test_a_user_without_a_company_creates_one_then_comes_back(client, briefing):
    client.force_login(UserFactory(full_name=""))
    register_url = f"/missions/{briefing.stop.mission.slug}/register/?session={briefing.pk}"

    first = client.get(register_url)
    assert first.status_code == 302
    assert first["Location"].startswith("/company/new/?next=")
    created = client.post(
        first["Location"], {"name": "Lone Star Cloud", "country": "US", "full_name": "Ana Ruiz", "job_title": "CEO"}
    )

    assert created.status_code == 302
    assert created["Location"] == register_url
    page = client.get(register_url).content.decode()
    assert 'value="Ana Ruiz"' in page  # the first attendee is the user, filled in


def test_review_then_confirm_registers_and_mails(
    client, briefing, representative_of, django_capture_on_commit_callbacks
):
    company = representative_of("Lone Star Cloud")
    client.force_login(company.user)
    url = f"/missions/{briefing.stop.mission.slug}/register/"
    data = form_data(briefing, ("Ana Ruiz", "ana@lonestar.example"), ("Bo Chen", "bo@lonestar.example"))

    review = client.post(url, {**data, "step": "review"})
    assert "Confirm the registration" in review.content.decode()
    assert not Registration.objects.exists()
    with django_capture_on_commit_callbacks(execute=True):
        done = client.post(url, {**data, "step": "confirm"}, follow=True)

    registration = Registration.objects.get()
    assert registration.status == "confirmed"
    assert registration.seats == 2
    assert "registration confirmed" in done.content.decode()
    assert [m.subject for m in mail.outbox if m.to == [company.user.email]] == [
        f"Registration confirmed: {briefing.title}"
    ]
    invited = sorted(m.to[0] for m in mail.outbox if m.subject == f"Invitation: {briefing.title}")
    assert invited == ["ana@lonestar.example", "bo@lonestar.example"]


def test_errors_show_on_the_fields_and_nothing_is_written(client, briefing, representative_of):
    question = Question.objects.create(session=briefing, label="Team size")
    client.force_login(representative_of("Lone Star Cloud").user)
    url = f"/missions/{briefing.stop.mission.slug}/register/"
    briefing.attendees_per_company = 2
    briefing.save()

    bad_email = client.post(url, {**form_data(briefing, ("Ana", "not-an-email")), "step": "confirm"})
    unanswered = client.post(url, {**form_data(briefing, ("Ana", "ana@co.example")), "step": "confirm"})
    nobody = client.post(url, {**form_data(briefing), "step": "confirm", f"question_{question.pk}": "4"})

    assert "Attendee 1 needs a valid email address." in bad_email.content.decode()
    assert "attendee_3_email" not in bad_email.content.decode()  # one row per seat the company may take
    assert f'id="id_question_{question.pk}_error"' in unanswered.content.decode()
    assert "Answer this question." in unanswered.content.decode()
    assert "Name at least one attendee." in nobody.content.decode()
    assert not Registration.objects.exists()


def test_a_waitlisted_company_sees_its_position(client, briefing, representative_of):
    briefing.capacity = 1
    briefing.save()
    for name in ("First", "Second"):
        other = representative_of(name)
        services.register_company(
            briefing, acting_user=other.user, organization=other.organization, attendees=attendees(1, name)
        )
    mine = representative_of("Third")
    client.force_login(mine.user)
    client.post(
        f"/missions/{briefing.stop.mission.slug}/register/",
        {**form_data(briefing, ("Ana", "ana@third.example")), "step": "confirm"},
    )

    page = client.get("/registrations/").content.decode()

    assert "Position 2 on the waitlist" in page


def test_a_company_cancels_from_its_page_and_the_waitlist_moves(client, briefing, representative_of):
    briefing.capacity = 1
    briefing.save()
    first, second = representative_of("First"), representative_of("Second")
    registrations = [
        services.register_company(briefing, acting_user=r.user, organization=r.organization, attendees=attendees(1, n))
        for n, r in (("a", first), ("b", second))
    ]
    client.force_login(first.user)

    client.post(f"/registrations/{registrations[0].pk}/cancel/")
    forbidden = client.post(f"/registrations/{registrations[1].pk}/cancel/")

    assert forbidden.status_code == 404
    assert Registration.objects.get(pk=registrations[1].pk).status == "confirmed"


@pytest.fixture
def registered(briefing, representative_of):
    """Three companies from two countries and sectors, one of them on the waitlist."""
    briefing.capacity = 2
    briefing.save()
    cloud = SectorFactory(slug="cloud", name="Cloud")
    made = []
    for name, country in (("Austin Cloud", "US"), ("Rabat Data", "MA"), ("Texas Cyber", "US")):
        company = representative_of(name)
        company.organization.country = country
        company.organization.save()
        if name != "Texas Cyber":
            company.organization.sectors.add(cloud)
        made.append(
            services.register_company(
                briefing, acting_user=company.user, organization=company.organization, attendees=attendees(1, name[:3])
            )
        )
    return made


def test_the_organiser_page_counts_filters_and_exports(client, briefing, session_organiser, registered):
    client.force_login(session_organiser)
    url = f"/manage/sessions/{briefing.pk}/registrations/"

    page = client.get(url).content.decode()
    moroccan = client.get(url, {"country": "MA"}).content.decode()
    waitlisted = client.get(url, {"status": "waitlisted"}).content.decode()
    cloud = client.get(url, {"sector": "cloud"}).content.decode()

    assert "2 / 2" in page
    assert "Austin Cloud" in page
    assert "Texas Cyber" in page
    assert "Rabat Data" in moroccan
    assert "Austin Cloud" not in moroccan
    assert "Texas Cyber" in waitlisted
    assert "Austin Cloud" not in waitlisted
    assert "Texas Cyber" not in cloud
    assert "Rabat Data" in cloud
    assert f"/api/v1/session-registrations/{briefing.pk}/export/?type=xlsx" in page


def test_the_organiser_cancels_in_bulk_and_raises_capacity(client, briefing, session_organiser, registered):
    client.force_login(session_organiser)
    first, _, waitlisted = registered

    client.post(
        f"/manage/sessions/{briefing.pk}/registrations/bulk/",
        {"action": "cancel", "ids": [first.pk], "reason": "Duplicate"},
    )
    assert Registration.objects.get(pk=waitlisted.pk).status == "confirmed"
    client.post(f"/manage/sessions/{briefing.pk}/capacity/", {"capacity": "1"})
    bad = client.post(f"/manage/sessions/{briefing.pk}/capacity/", {"capacity": "-3"}, follow=True)

    briefing.refresh_from_db()
    assert briefing.capacity == 1
    assert "A session needs at least 1 seat; leave the capacity empty for no limit." in bad.content.decode()
    assert Registration.objects.get(pk=first.pk).decision_reason == "Duplicate"


def test_only_the_missions_organisers_reach_the_session_page(client, briefing, organiser, registered):
    client.force_login(organiser)  # may create missions, but does not organise this one
    url = f"/manage/sessions/{briefing.pk}/registrations/"

    responses = [
        client.get(url),
        client.post(f"{url}bulk/", {"action": "cancel", "ids": [registered[0].pk]}),
        client.post(f"/manage/sessions/{briefing.pk}/capacity/", {"capacity": "0"}),
    ]

    assert [r.status_code for r in responses] == [404, 404, 404]
    assert Registration.objects.get(pk=registered[0].pk).status == "confirmed"


def test_the_organiser_page_query_count_is_flat(
    client, briefing, session_organiser, registered, representative_of, django_assert_max_num_queries
):
    client.force_login(session_organiser)
    url = f"/manage/sessions/{briefing.pk}/registrations/"
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as few:
        client.get(url)
    baseline = len(few.captured_queries)
    for number in range(15):
        company = representative_of(f"More {number}")
        services.register_company(
            briefing, acting_user=company.user, organization=company.organization, attendees=attendees(1, f"m{number}")
        )

    with django_assert_max_num_queries(baseline):
        client.get(url)
