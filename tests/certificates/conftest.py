import datetime as dt

import pytest

from events.certificates import services
from events.checkin.models import CheckIn
from events.checkin.services import issue_badges
from events.registrations.services import register_company
from tests.factories import MissionFactory, RepresentativeFactory, SessionFactory, StopFactory

ARABIC_NAME = "فاطمة الزهراء العمراني"


class Training:
    """Dakhla Connect's training in social-media marketing and e-commerce: three sessions, and three
    trainees checked in to three, two and one of them. Two of three sessions earn the certificate."""

    def __init__(self, organiser):
        self.organiser = organiser
        self.mission = MissionFactory(
            title="Dakhla Connect", start_date=dt.date(2099, 3, 2), end_date=dt.date(2099, 3, 6)
        )
        self.mission.organisers.add(organiser)
        stop = StopFactory(mission=self.mission)
        self.sessions = [
            SessionFactory(
                stop=stop, capacity=60, attendees_per_company=5, registration_mode="open", title=f"Training day {day}"
            )
            for day in (1, 2, 3)
        ]
        self.company = RepresentativeFactory(organization__name="Dakhla Digital")
        register_company(
            self.sessions[0],
            acting_user=self.company.user,
            organization=self.company.organization,
            attendees=[
                {"full_name": ARABIC_NAME, "email": "Fatima@Dakhla.example"},
                {"full_name": "Youssef Alaoui", "email": "youssef@dakhla.example"},
                {"full_name": "Sara Bennani", "email": "sara@dakhla.example"},
            ],
        )
        self.badges = issue_badges(self.mission)
        self.check_in("fatima@dakhla.example", 0, 1, 2)
        self.check_in("youssef@dakhla.example", 0, 2)
        self.check_in("sara@dakhla.example", 1)

    def check_in(self, email, *days):
        for day in days:
            session = self.sessions[day]
            CheckIn.objects.create(session=session, badge=self.badges[email], checked_in_at=session.starts_at)

    def define(self, minimum=2):
        return services.define_certificate(
            self.mission,
            acting_user=self.organiser,
            title="Social-media marketing and e-commerce training",
            sessions=self.sessions,
            minimum_check_ins=minimum,
            issuer_name="Dakhla-Oued Eddahab Regional Investment Centre",
        )


@pytest.fixture
def training(organiser):
    return Training(organiser)


@pytest.fixture
def issued(training):
    """The certificate defined and issued: {email: certificate}."""
    definition = training.define()
    certificates = services.issue_certificates(definition, acting_user=training.organiser)
    return {certificate.email: certificate for certificate in certificates}
