"""Issue 12: the seat lock covers the seat decision only; mail is written by the worker, from the state
at send time; the attendees' calendars are followed by a worker after commit, durably."""

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext

from events.agenda.models import Invitation
from events.core.models import PendingAnnouncement
from events.core.signals import follow_announcements, sweep_announcements
from events.notifications.models import OutboundEmail
from events.registrations import services
from tests.registrations.conftest import attendees
from tests.support.outbox import sent

pytestmark = pytest.mark.django_db


def register(session, representative, count=1, prefix="person"):
    return services.register_company(
        session,
        acting_user=representative.user,
        organization=representative.organization,
        attendees=attendees(count, prefix=prefix),
    )


@pytest.fixture
def worker_after_commit(settings):
    """Production's path: tasks go to a broker after commit. The commit hooks are captured, not run, so
    the test sees what the transaction itself wrote, as if the worker had not picked anything up yet."""
    settings.CELERY_TASK_ALWAYS_EAGER = False


def test_the_seat_lock_writes_an_intent_and_the_worker_writes_the_message(briefing, representative_of):
    company = representative_of("Atlas Fisheries", language="fr")

    registration = register(briefing, company)

    row = OutboundEmail.objects.get(reference=f"registration:{registration.pk}")
    assert (row.composer, row.subject, row.body_text, row.composed_at) == ("registration", "", "", None)
    row = sent(row)
    assert row.status == "sent"
    assert row.subject.startswith("Inscription confirmée")
    assert row.composed_at is not None
    assert [message.subject for message in mail.outbox] == [row.subject]


def test_the_message_is_in_the_recipients_language_at_send_time(briefing, representative_of):
    company = representative_of("Atlas Fisheries", language="en")
    registration = register(briefing, company)
    company.user.language = "fr"
    company.user.save()

    row = sent(OutboundEmail.objects.get(reference=f"registration:{registration.pk}"))

    assert row.language == "fr"
    assert row.subject.startswith("Inscription confirmée")


def test_a_registration_cancelled_before_its_confirmation_went_sends_the_cancellation_only(briefing, representative_of):
    company = representative_of("Atlas Fisheries")
    registration = register(briefing, company)
    services.cancel_registration(registration, acting_user=company.user)

    rows = OutboundEmail.objects.filter(reference=f"registration:{registration.pk}").order_by("pk")
    confirmation, cancellation = sent(rows)

    assert (confirmation.kind, confirmation.status) == ("registration.confirmed", "cancelled")
    assert "now cancelled" in confirmation.last_error
    assert (cancellation.kind, cancellation.status) == ("registration.cancelled", "sent")
    registration_mail = [message for message in mail.outbox if message.to == [company.user.email]]
    assert [message.subject for message in registration_mail] == [cancellation.subject]
    assert cancellation.subject.startswith("Registration cancelled")


def test_a_waitlist_place_that_became_a_seat_before_its_mail_went_sends_the_seat_only(briefing, representative_of):
    first, second = representative_of("First"), representative_of("Second")
    taken = register(briefing, first, count=3)
    waiting = register(briefing, second, count=1, prefix="second")
    assert waiting.status == "waitlisted"
    services.cancel_registration(taken, acting_user=first.user)

    rows = sent(OutboundEmail.objects.filter(reference=f"registration:{waiting.pk}").order_by("pk"))

    assert [(row.kind, row.status) for row in rows] == [
        ("registration.waitlisted", "cancelled"),
        ("registration.promoted", "sent"),
    ]


def test_the_lock_leaves_the_calendars_to_a_worker_and_the_sweep_follows_what_was_left(
    briefing, representative_of, worker_after_commit, django_capture_on_commit_callbacks
):
    company = representative_of("Atlas Fisheries")
    with django_capture_on_commit_callbacks(execute=False):
        people = sorted(register(briefing, company, count=2).attendees.values_list("email", flat=True))

    # Committed with the registration: the announcement; not yet any calendar invitation or reminder.
    announcement = PendingAnnouncement.objects.get()
    assert announcement.people == people
    assert not Invitation.objects.exists()
    assert set(OutboundEmail.objects.values_list("kind", flat=True)) == {"registration.confirmed"}

    # The worker's task never came (a broker down, a crash after commit): the sweep follows it.
    assert sweep_announcements() == 1

    assert not PendingAnnouncement.objects.exists()
    assert sorted(Invitation.objects.values_list("email", flat=True)) == people
    invitations = OutboundEmail.objects.filter(kind="invitation.request")
    assert invitations.count() == 2
    # Following it again (the late task after the sweep) changes nothing.
    assert follow_announcements([announcement.pk]) == 0
    assert sweep_announcements() == 0
    assert OutboundEmail.objects.filter(kind="invitation.request").count() == 2


def test_a_rolled_back_registration_leaves_no_announcement(briefing, representative_of, worker_after_commit):
    company = representative_of("Atlas Fisheries")
    register(briefing, company)

    with pytest.raises(services.AlreadyRegistered):
        register(briefing, company)

    assert PendingAnnouncement.objects.count() == 1


def post_registration(client, session, count):
    people = [{"full_name": f"Person {n}", "email": f"p{n}-{count}@company.example"} for n in range(count)]
    with CaptureQueriesContext(connection) as queries:
        response = client.post("/api/v1/registrations/", {"session": session.pk, "attendees": people}, format="json")
    assert response.status_code == 201, response.json()
    return [query["sql"] for query in queries.captured_queries]


# A registration POST, as production runs it (the worker does the rest): the company, once for the
# permission, the view and the service (1; with an API token, selected with the token); the session (1)
# and its questions (1). Then, in one transaction (the test's makes it a savepoint: 2): before the lock, the
# hold on its people at this session (PostgreSQL's advisory lock: 1) and whether another company named one
# of them (1), the registration awaiting its decision (1) and its attendees (1); under the lock (5), the
# session's row, the seats taken and the waitlist in one statement, the decision, the intent, the
# announcement. The response reads nothing: the service returns what it wrote.
# Before issue 12: 49 in all, 30 of them inside the lock (each attendee's calendar, rendered mail).
REGISTRATION_POST_QUERIES = 14
QUERIES_UNDER_THE_LOCK = 5


@pytest.mark.parametrize("count", [1, 5])
def test_a_registration_post_does_little_and_nothing_per_attendee(
    api_client, representative_of, count, worker_after_commit, django_capture_on_commit_callbacks
):
    from tests.factories import briefing_factory

    session = briefing_factory(capacity=50, attendees_per_company=5)
    company = representative_of("Atlas Fisheries")
    api_client.force_authenticate(company.user)

    with django_capture_on_commit_callbacks(execute=False):
        queries = post_registration(api_client, session, count)

    assert len(queries) <= REGISTRATION_POST_QUERIES, "\n".join(queries)
    # No calendar is worked out in the request: that is the worker's.
    assert not any("agenda_invitation" in query or "missions_delegate" in query for query in queries)
    if connection.vendor == "postgresql":  # where the lock is real (SQLite writes one at a time)
        locked_at = next(n for n, query in enumerate(queries) if "FOR UPDATE" in query)
        under_the_lock = [query for query in queries[locked_at:] if "SAVEPOINT" not in query]
        assert len(under_the_lock) == QUERIES_UNDER_THE_LOCK, "\n".join(under_the_lock)
        assert not any("registrations_attendee" in query for query in under_the_lock)


def test_an_api_token_brings_the_company_with_it(
    api_client, representative_of, worker_after_commit, django_capture_on_commit_callbacks
):
    from rest_framework.authtoken.models import Token

    from tests.factories import briefing_factory

    session = briefing_factory(capacity=50, attendees_per_company=5)
    company = representative_of("Atlas Fisheries")
    api_client.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=company.user).key}")

    with django_capture_on_commit_callbacks(execute=False):
        queries = post_registration(api_client, session, 1)

    assert len(queries) <= REGISTRATION_POST_QUERIES, "\n".join(queries)
    assert not any(query.startswith('SELECT "missions_representative"') for query in queries)
    # A published mission's session is read by its id: whether the user organises it is not asked.
    assert not any("missions_mission_organisers" in query for query in queries)


@pytest.mark.parametrize("change", ["capacity", "mission closed"])
def test_the_seat_decision_reads_the_session_again_under_the_lock(briefing, representative_of, change):
    from events.missions.models import Mission, Session

    as_the_request_read_it = Session.objects.select_related("stop__mission").get(pk=briefing.pk)
    if change == "capacity":  # an organiser changes the session between the request's read and the lock
        Session.objects.filter(pk=briefing.pk).update(capacity=1)
    else:
        Mission.objects.filter(pk=briefing.stop.mission_id).update(status=Mission.Status.CLOSED)

    if change == "capacity":
        assert register(as_the_request_read_it, representative_of("Atlas"), count=2).status == "waitlisted"
    else:
        with pytest.raises(services.RegistrationClosed):
            register(as_the_request_read_it, representative_of("Atlas"), count=2)


@pytest.mark.parametrize("active", [True, False])
def test_a_token_that_is_not_valid_is_refused_in_drf_words(api_client, representative_of, active):
    from rest_framework.authtoken.models import Token

    company = representative_of("Atlas Fisheries")
    token = Token.objects.create(user=company.user)
    company.user.is_active = active
    company.user.save()
    key = token.key if not active else "0" * 40

    api_client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    response = api_client.get("/api/v1/registrations/")

    assert response.status_code == 401
    assert response.json()["detail"] == ("Invalid token." if active else "User inactive or deleted.")
