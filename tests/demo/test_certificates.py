"""The demo's Dakhla training is over: trainees checked in, one marked attended, certificates issued, one revoked."""

import pytest

from events.certificates import selectors
from events.certificates.models import AttendanceMark, Certificate
from events.checkin.models import CheckIn
from events.demo.loader import load_demo
from events.missions.models import Mission
from tests.demo.conftest import TODAY

# One demo, loaded as of TODAY for the whole module (tests/demo/conftest.py); each test is rolled back.
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo")]

TRAINING = "dakhla-young-entrepreneurs-training"


def test_the_training_is_over_and_its_certificates_are_issued_with_one_revoked():
    mission = Mission.objects.get(slug=TRAINING)
    certificates = dict(Certificate.objects.filter(definition__mission=mission).values_list("email", "revoked_at"))
    assert mission.end_date < TODAY
    assert sorted(certificates) == [
        "aminetou@al-melhfa.example.com",
        "brahim@tifawin.example.com",
        "khadijetou@al-melhfa.example.com",
        "mariam@al-melhfa.example.com",
        "salma@tifawin.example.com",
    ]
    assert [email for email, revoked_at in certificates.items() if revoked_at] == ["brahim@tifawin.example.com"]
    assert AttendanceMark.objects.get().email == "aminetou@al-melhfa.example.com"
    assert Certificate.objects.get(email="salma@tifawin.example.com").name == "سلمى ماء العينين"


def test_the_certificates_verify_valid_and_revoked():
    statuses = {
        certificate.email: selectors.verification(certificate.public_id).status
        for certificate in Certificate.objects.all()
    }

    assert statuses["mariam@al-melhfa.example.com"] == "valid"
    assert statuses["brahim@tifawin.example.com"] == "revoked"


def test_loading_again_checks_in_and_issues_nothing_twice():
    first = (CheckIn.objects.count(), Certificate.objects.count(), AttendanceMark.objects.count())

    load_demo(today=TODAY)

    assert (CheckIn.objects.count(), Certificate.objects.count(), AttendanceMark.objects.count()) == first
    assert first == (20, 5, 1)
