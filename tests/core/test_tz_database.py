"""Issue 9, case 1: every process reads the pinned tzdata wheel (IANA 2026f), never the system's files."""

import datetime as dt
import subprocess
import sys
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from django.core.management import call_command

from tests.factories import MissionFactory, StopFactory, UserFactory

ROOT = Path(__file__).resolve().parents[2]
# Morocco stays on +00 from 2026-09-20 in IANA 2026f; Debian 12's 2025b still says +01.
DAKHLA_MORNING = dt.datetime(2026, 12, 21, 9, 30)


def test_this_process_reads_the_wheel():
    offset = DAKHLA_MORNING.replace(tzinfo=ZoneInfo("Africa/Casablanca")).utcoffset()

    assert offset == dt.timedelta(0)


@pytest.mark.parametrize(
    "command",
    [
        # A management command, as beat, workers and deploy scripts run them.
        [sys.executable, "manage.py", "shell", "-c", "{probe}"],
        # A Celery worker or anything else that imports the project without manage.py.
        [sys.executable, "-c", "import config; {probe}"],
    ],
)
def test_other_processes_read_the_wheel(command):
    probe = (
        "import datetime as dt, zoneinfo; "
        "print(dt.datetime(2026, 12, 21, 9, 30, tzinfo=zoneinfo.ZoneInfo('Africa/Casablanca')).utcoffset())"
    )
    env = {"PATH": "/usr/bin:/bin", "DJANGO_SETTINGS_MODULE": "config.settings.test"}

    out = subprocess.run(
        [part.format(probe=probe) for part in command], cwd=ROOT, env=env, capture_output=True, text=True, check=True
    )

    assert out.stdout.strip().splitlines()[-1] == "0:00:00"


@pytest.mark.django_db
def test_a_dakhla_session_typed_at_nine_thirty_starts_at_nine_thirty_utc(api_client):
    organiser = UserFactory(is_superuser=True)
    mission = MissionFactory(start_date=dt.date(2026, 12, 20), end_date=dt.date(2026, 12, 23))
    mission.organisers.add(organiser)
    dakhla = StopFactory(mission=mission, city="Dakhla", country="MA", time_zone="Africa/Casablanca")
    api_client.force_authenticate(organiser)

    response = api_client.post(
        "/api/v1/sessions/",
        {
            "stop": dakhla.pk,
            "kind": "site_visit",
            "title": "Dakhla free zone",
            "starts_at": "2026-12-21T09:30:00",
            "ends_at": "2026-12-21T11:00:00",
        },
        format="json",
    )

    assert response.status_code == 201
    assert response.json()["local_starts_at"] == "2026-12-21T09:30:00+00:00"
    assert response.json()["starts_at"] == "2026-12-21T09:30:00Z"


def test_check_does_not_warn_about_the_tz_database(capsys):
    call_command("check")

    assert "core.W001" not in capsys.readouterr().err


@pytest.mark.django_db
def test_the_admin_names_the_tz_data_in_use(client):
    client.force_login(UserFactory(is_staff=True, is_superuser=True))

    page = client.get("/admin/")

    assert "Time zone data: IANA 2026f" in page.content.decode()
