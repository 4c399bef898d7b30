"""`manage.py check --deploy` with the production settings finds nothing to say (issue 11)."""

import os
import subprocess
import sys

from django.conf import settings


def test_the_deploy_check_of_production_settings_reports_no_issue(tmp_path):
    # Only what a production host sets: the test process's own variables (DJANGO_ALLOW_ASYNC_UNSAFE, set
    # for the browser tests; DATABASE_URL of the test run) are not production's.
    environment = {
        **{name: os.environ[name] for name in ("PATH", "HOME", "LANG") if name in os.environ},
        "DJANGO_SETTINGS_MODULE": "config.settings.production",
        "DJANGO_SECRET_KEY": "a-production-like-secret-key-" + "x" * 40,
        "DJANGO_ALLOWED_HOSTS": "missions.example.org",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
        "CACHE_URL": "redis://127.0.0.1:6379/9",
        "SITE_URL": "https://missions.example.org",
    }

    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "INFO"],
        cwd=settings.BASE_DIR,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )

    assert (result.returncode, result.stderr) == (0, "")
    assert result.stdout == "System check identified no issues (0 silenced).\n"


def test_production_refuses_to_start_without_its_public_https_address():
    environment = {
        "DJANGO_SETTINGS_MODULE": "config.settings.production",
        "DJANGO_SECRET_KEY": "x" * 50,
        "CACHE_URL": "redis://127.0.0.1:6379/9",
        "PATH": "",
    }
    for site_url in ("", "http://missions.example.org"):
        result = subprocess.run(
            [sys.executable, "-c", "import django; django.setup()"],
            env={**environment, "SITE_URL": site_url},
            capture_output=True,
            text=True,
            check=False,
        )

        assert result.returncode != 0
        assert "SITE_URL must be the public https address" in result.stderr
