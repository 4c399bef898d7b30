"""A certificate is dated on the calendar of the place its training took place, not in UTC.

A helper checked a trainee in at 04:19 on 2 December in Tokyo and issued her certificate: the verification page,
the PDF and the organisers' list all said 1 December, the day in UTC. A signed credential carried the wrong
day for every mission east of UTC (and for a certificate issued late in the evening in the Americas).
"""

import datetime as dt

import pytest

from events.certificates import services
from events.certificates.documents import certificate_html
from events.missions.models import Stop

pytestmark = pytest.mark.django_db

# 04:19 on 5 March 2099 in Tokyo.
IN_TOKYO = dt.datetime(2099, 3, 4, 19, 19, tzinfo=dt.UTC)


@pytest.fixture
def in_tokyo(training):
    Stop.objects.filter(mission=training.mission).update(time_zone="Asia/Tokyo")
    definition = training.define()
    (certificate, *_) = services.issue_certificates(definition, acting_user=training.organiser, now=IN_TOKYO)
    return certificate


def test_the_verification_page_the_pdf_and_the_organisers_list_give_the_day_in_tokyo(client, training, in_tokyo):
    client.force_login(training.organiser)

    verification = client.get(f"/verify/{in_tokyo.public_id}/").content.decode()
    listing = client.get(f"/manage/missions/{training.mission.slug}/certificates/").content.decode()

    assert "5 March 2099" in verification
    assert "4 March 2099" not in verification
    assert "5 March 2099" in certificate_html(in_tokyo)
    assert "5 March 2099" in listing
    assert "4 March 2099" not in listing


def test_a_revocation_is_dated_in_tokyo_too(client, training, in_tokyo):
    services.revoke_certificate(in_tokyo, acting_user=training.organiser, reason="Duplicate", now=IN_TOKYO)

    assert (
        "this certificate was revoked on 5 March 2099" in client.get(f"/verify/{in_tokyo.public_id}/").content.decode()
    )


def test_the_trainees_agenda_gives_the_same_day(client, training, in_tokyo):
    from tests.factories import UserFactory

    client.force_login(UserFactory(email=in_tokyo.email))

    page = client.get("/agenda/").content.decode()

    assert f"{training.mission.title} · 5 March 2099" in page
