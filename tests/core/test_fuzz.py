"""The API never answers a 5xx: schemathesis fuzzes every operation of /api/schema/ as each kind of user.

The schema is loaded from the app itself and every request goes through the Django WSGI handler in
this process, against the test database (PostgreSQL in CI). Path ids are drawn from the rows this test
made, so the requests reach the viewsets and services, not only the router's 404. Each role's run
commits for real (transaction=True): a database error in one request cannot poison the next one, and
the on-commit work (mail, calendars) runs too.

The run is derandomized and bounded (EXAMPLES per operation, both valid and invalid data), so CI
sees the same requests every time; every failing operation is reported, each with a curl command
that reproduces it.
"""

import datetime as dt
import os

import pytest
import schemathesis
from django.core.wsgi import get_wsgi_application
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from rest_framework.authtoken.models import Token
from schemathesis.checks import not_a_server_error
from schemathesis.core.failures import FailureGroup
from schemathesis.specs.openapi.checks import content_type_conformance

from events.agenda.services import issue_feed_token
from events.certificates.models import Certificate, CertificateDefinition
from events.certificates.services import define_certificate, issue_certificates
from events.checkin.models import CheckIn, CheckInStaff
from events.checkin.services import issue_badges, name_check_in_staff
from events.companies.models import Invitation
from events.meetings import services as meeting_services
from events.meetings.models import BlockedPeriod, Meeting, MeetingGrid, MeetingRequest, Participant, SchedulerRun
from events.missions.models import Delegate, Delegation, Mission, Organization, Sector, Session, Stop
from events.outcomes.models import FeedbackRequest, FollowUpWave, Lead
from events.outcomes.services import ask_feedback_after_meetings, schedule_follow_up_waves
from events.registrations.models import Question, Registration
from events.registrations.services import add_question, register_company
from tests.factories import RepresentativeFactory, SectorFactory, SessionFactory
from tests.meetings.conftest import MeetingDay

# Not serialized_rollback: restoring the migrated data collides with the content types that an earlier
# transactional test's flush had re-created (IntegrityError at setup). The sectors the migrations
# seed, which a flush removes, are made here instead (SectorFactory).
pytestmark = pytest.mark.django_db(transaction=True)

# Examples per operation and role: 90 operations x 4 roles x 8 fit in about three minutes on two cores.
# FUZZ_EXAMPLES=100 makes a longer search by hand.
EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "8"))
CHECKS = [not_a_server_error, content_type_conformance]

# The rows a path's parameters name, by the path's first segment ("period_id" names a BlockedPeriod).
ROWS = {
    "certificate-definitions": (CertificateDefinition, "pk"),
    "certificate-verifications": (Certificate, "public_id"),
    "certificates": (Certificate, "pk"),
    "check-in-lists": (Session, "pk"),
    "check-in-staff": (CheckInStaff, "pk"),
    "companies": (Organization, "pk"),
    "company-invitations": (Invitation, "pk"),
    "delegates": (Delegate, "pk"),
    "delegations": (Delegation, "pk"),
    "feedback-requests": (FeedbackRequest, "pk"),
    "follow-up-waves": (FollowUpWave, "pk"),
    "leads": (Lead, "pk"),
    "mission-outcomes": (Mission, "pk"),
    "meeting-grids": (MeetingGrid, "pk"),
    "meeting-participants": (Participant, "pk"),
    "meeting-requests": (MeetingRequest, "pk"),
    "meetings": (Meeting, "pk"),
    "mission-badges": (Mission, "pk"),
    "missions": (Mission, "slug"),
    "organizations": (Organization, "pk"),
    "questions": (Question, "pk"),
    "registrations": (Registration, "pk"),
    "scheduler-runs": (SchedulerRun, "pk"),
    "sectors": (Sector, "pk"),
    "session-registrations": (Session, "pk"),
    "sessions": (Session, "pk"),
    "stops": (Stop, "pk"),
    "period_id": (BlockedPeriod, "pk"),
}


# Answering a request, deciding on a registration and running the scheduler unbook meetings: after the rest.
UNBOOKING = ("/api/v1/meeting-requests/{id}/", "/api/v1/registrations/{id}/", "/api/v1/registrations/bulk/")
# Deleting one of these takes others with it (a delegate's meetings, a stop's sessions): last of all.
CASCADING = ["delegates", "sessions", "stops"]


def in_order(operation):
    """Reads and writes first, then what unbooks meetings, then deletions, the cascading ones at the end."""
    resource = operation.path.split("/")[3]
    if operation.method.upper() == "DELETE":
        return 2 + (CASCADING.index(resource) + 1 if resource in CASCADING else 0)
    if operation.path.startswith(UNBOOKING) or operation.path.endswith("/runs/"):
        return 1
    return 0


class World:
    """A published B2B afternoon in Austin, a briefing with registrations, and one account per role."""

    def __init__(self, organiser):
        SectorFactory.create_batch(3)
        self.day = MeetingDay(organiser)
        day = self.day
        meeting_services.book_meeting(day.accepted(0, 1), acting_user=organiser, slot=day.slots[6], table=day.tables[1])
        meeting_services.book_meeting(day.accepted(1, 2), acting_user=organiser, slot=day.slots[2], table=day.tables[2])
        meeting_services.publish_schedule(day.grid, acting_user=organiser)
        meeting_services.request_meeting(
            day.grid, acting_user=day.companies[2].user, requester=day.company(2), receiver=day.delegate(0)
        )
        start = dt.datetime(2099, 2, 13, 13, 30, tzinfo=day.stop.zone)
        meeting_services.block_period(
            day.delegate(0), acting_user=organiser, starts_at=start, ends_at=start + dt.timedelta(minutes=40)
        )
        meeting_services.execute_run(meeting_services.start_run(day.grid, acting_user=organiser).pk)

        briefing = SessionFactory(stop=day.stop, capacity=2, registration_mode="open", title="Business briefing")
        question = add_question(acting_user=organiser, session=briefing, label="Which sector?", kind="text")
        for representative in day.companies:
            register_company(
                briefing,
                acting_user=representative.user,
                organization=representative.organization,
                attendees=[{"full_name": representative.user.full_name, "email": representative.user.email}],
                answers={question.pk: "Cloud"},
            )
        RepresentativeFactory(organization__name="Not registered")
        Invitation.objects.create(
            organization=day.companies[0].organization,
            email="colleague@company.example",
            invited_by=day.companies[0].user,
            token_hash="0" * 64,
            expires_at=start,
        )
        for delegate in day.delegates:
            issue_feed_token(delegate.user)
        badge = issue_badges(day.stop.mission)[day.companies[0].user.email.lower()]
        CheckIn.objects.create(session=briefing, badge=badge, checked_in_at=briefing.starts_at)
        certificate = define_certificate(
            day.stop.mission, acting_user=organiser, title="Briefing", sessions=[briefing], issuer_name="USTDA"
        )
        issue_certificates(certificate, acting_user=organiser)
        name_check_in_staff(day.stop.mission, acting_user=organiser, user=RepresentativeFactory().user)
        # After the afternoon: both sides of each published meeting asked, and the default waves scheduled.
        ask_feedback_after_meetings(now=dt.datetime(2099, 2, 13, 18, 0, tzinfo=day.stop.zone))
        schedule_follow_up_waves(day.stop.mission, acting_user=organiser)

        self.users = {
            "anonymous": None,
            "company": day.companies[0].user,
            "delegate": day.delegates[0].user,
            "organiser": organiser,
        }

        self.made = {resource: self.rows(resource) for resource in ROWS}

    @staticmethod
    def rows(resource):
        model, field = ROWS[resource]
        return set(model.objects.values_list(field, flat=True))

    def path_values(self, path):
        """Values for the path's parameters: the rows made here (deleted ones too) and those the fuzzer made."""
        parameters = [part[1:-1] for part in path.split("/") if part.startswith("{")]
        if not parameters:
            return [{}]
        resource = path.split("/")[3]
        values = [{parameters[0]: value} for value in sorted(self.made[resource] | self.rows(resource))]
        if "period_id" in parameters:
            periods = sorted(self.made["period_id"] | self.rows("period_id"))
            values = [{**value, "period_id": period} for value in values for period in periods]
        return values


def fuzz(operation, values, headers):
    """Send EXAMPLES requests to one operation, valid and invalid ones; raise on the first failed check."""

    def strategy(modes):
        return st.sampled_from(values).flatmap(
            lambda parameters: st.one_of(
                [operation.as_strategy(generation_mode=mode, path_parameters=parameters) for mode in modes]
            )
        )

    @given(case=strategy(operation.schema.config.generation.modes))
    @settings(
        max_examples=EXAMPLES,
        derandomize=True,
        database=None,
        deadline=None,
        phases=[Phase.explicit, Phase.generate],
        suppress_health_check=list(HealthCheck),
        print_blob=False,
    )
    def run(case):
        case.call_and_validate(headers=headers, checks=CHECKS)

    run()


@pytest.mark.parametrize("role", ["anonymous", "company", "delegate", "organiser"])
def test_fuzz_api_no_server_error(role, organiser):
    world = World(organiser)
    user = world.users[role]
    headers = {"Authorization": f"Token {Token.objects.create(user=user).key}"} if user else {}
    schema = schemathesis.openapi.from_wsgi("/api/schema/", get_wsgi_application())
    schema.config.generation.update(
        modes=[schemathesis.GenerationMode.POSITIVE, schemathesis.GenerationMode.NEGATIVE],
        with_security_parameters=False,
    )
    failures = []

    for operation in sorted((result.ok() for result in schema.get_all_operations()), key=in_order):
        values = world.path_values(operation.path)
        try:
            fuzz(operation, values, headers)
        except (Exception, FailureGroup) as error:  # every operation runs; all failures are reported together
            failures.append(f"{operation.label}:\n{error}")

    assert failures == [], "\n\n".join(failures)
