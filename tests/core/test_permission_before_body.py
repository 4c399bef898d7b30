"""Permission before body (issue 11): a signed-in stranger who may not act gets 403 or 404 from every write
operation of the API, whatever the body, and never a 400 that names the fields a body would need.

Every POST, PUT and PATCH of the OpenAPI schema is tried on objects that exist (a published mission
with a B2B grid, a booked meeting, a registration, a question), by a user who organises nothing,
represents no company and is no delegate.
"""

import re

import pytest
from drf_spectacular.generators import SchemaGenerator
from rest_framework.test import APIClient

from events.certificates.models import Certificate, CertificateDefinition
from events.certificates.services import active_signing_key
from events.companies.services import invite_colleague
from events.meetings import services as meetings
from events.outcomes.models import FeedbackRequest
from events.outcomes.services import ask_feedback_after_meetings, schedule_follow_up_waves
from events.registrations.models import Question, Registration
from tests.factories import UserFactory
from tests.meetings.conftest import MeetingDay

pytestmark = pytest.mark.django_db

# What anyone signed in may do, so a body error is the right answer: create their company's profile,
# accept an invitation (its token is the proof), turn on their own calendar feed.
OPEN_TO_ANYONE_SIGNED_IN = {
    ("POST", "/api/v1/companies/"),
    ("POST", "/api/v1/company-invitations/accept/"),
    ("POST", "/api/v1/agenda/feed/"),
}


def write_operations():
    schema = SchemaGenerator().get_schema(request=None, public=True)
    for path, operations in schema["paths"].items():
        for method in operations:
            if method in ("post", "put", "patch"):
                yield method, path


@pytest.fixture
def existing(organiser):
    """The id (or slug) of a real object behind each collection of the API."""
    day = MeetingDay(organiser, companies=2, delegates=2, tables=2)
    request = day.accepted(0, 0)
    meeting = meetings.book_meeting(request, acting_user=organiser, slot=day.slots[0], table=day.tables[0])
    session = day.grid.session
    company = day.company(0).organization
    definition = CertificateDefinition.objects.create(mission=session.stop.mission, title="T", issuer_name="I")
    certificate = Certificate.objects.create(
        definition=definition,
        email="a@example.com",
        name="A",
        issued_at=session.starts_at,
        signing_key=active_signing_key(),
    )
    meetings.publish_schedule(day.grid, acting_user=organiser)
    ask_feedback_after_meetings(now=day.slots[0].ends_at)
    (wave, _later) = schedule_follow_up_waves(session.stop.mission, acting_user=organiser)
    return {
        "certificate-definitions": definition.pk,
        "feedback-requests": FeedbackRequest.objects.values_list("pk", flat=True).first(),
        "follow-up-waves": wave.pk,
        "mission-outcomes": session.stop.mission.pk,
        "mission-badges": session.stop.mission.pk,
        "certificates": certificate.pk,
        "companies": company.pk,
        "company-invitations": invite_colleague(
            company, acting_user=day.companies[0].user, email="colleague@company.example", base_url="https://x.example/"
        ).pk,
        "delegates": day.delegate(0).delegate_id,
        "meeting-grids": day.grid.pk,
        "meeting-participants": day.company(0).pk,
        "meeting-requests": request.pk,
        "meetings": meeting.pk,
        "missions": session.stop.mission.slug,
        "questions": Question.objects.create(session=session, label="Team size").pk,
        "registrations": Registration.objects.filter(organization=company).values_list("pk", flat=True).first(),
        "session-registrations": session.pk,
        "sessions": session.pk,
        "stops": session.stop_id,
    }


def test_a_stranger_is_refused_before_the_body_is_read(existing):
    client = APIClient()
    client.force_authenticate(UserFactory())
    told_fields = []
    for method, path in write_operations():
        if (method.upper(), path) in OPEN_TO_ANYONE_SIGNED_IN:
            continue
        collection = path.removeprefix("/api/v1/").split("/")[0]
        url = re.sub(r"\{[^}]+\}", str(existing.get(collection)), path)
        assert "None" not in url, f"no object made for {path}"
        for body in ({}, {"unknown": 1}):
            response = getattr(client, method)(url, body, format="json")
            if response.status_code not in (403, 404, 405):
                told_fields.append((method.upper(), url, body, response.status_code, response.content[:200]))

    assert told_fields == []
