"""`make demo` as a newcomer runs it on a fresh clone: nothing but Python, no SITE_URL, local settings."""

import email
import os
import re
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.urls import Resolver404, resolve

ROOT = Path(__file__).resolve().parents[2]
ACCOUNTS = ["organiser@demo.example", "company@demo.example", "delegate@demo.example"]
SEPARATOR = b"\n" + b"-" * 79 + b"\n"  # Django's file backend writes one after each message


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    """Migrate a new SQLite file and load the demo, as `make demo` does before it serves; the output and mail."""
    folder = tmp_path_factory.mktemp("demo")
    mail = folder / "mail"
    environment = {
        "PATH": os.environ["PATH"],
        "HOME": str(folder),
        "DJANGO_SETTINGS_MODULE": "config.settings.local",
        "DATABASE_URL": f"sqlite:///{folder / 'db.sqlite3'}",
        "DJANGO_EMAIL_FILE_PATH": str(mail),
    }

    def manage(*arguments):
        return subprocess.run(
            [sys.executable, "manage.py", *arguments],
            cwd=ROOT,
            env=environment,
            capture_output=True,
            text=True,
            timeout=300,
            check=True,
        )

    manage("migrate", "--noinput")
    loaded = manage("load_demo", "--today", "2026-11-23")
    return loaded, mail


def messages_in(folder):
    for path in sorted(folder.iterdir()):
        for raw in path.read_bytes().split(SEPARATOR):
            if raw.strip():
                yield email.message_from_bytes(raw)


def links_in(message):
    for part in message.walk():
        if part.get_content_maintype() == "text":
            text = part.get_payload(decode=True).decode("utf-8")
            if part.get_content_type() == "text/calendar":
                text = re.sub(r"\r?\n[ \t]", "", text)  # RFC 5545 folds long lines: a link may span two
            yield from re.findall(r"https?://[^\s\"'<>]+", text)


def test_make_demo_prints_the_accounts_last_and_no_raw_mail(demo):
    loaded, mail = demo

    output = loaded.stdout + loaded.stderr
    lines = loaded.stdout.rstrip().splitlines()
    assert "Content-Type:" not in output
    assert "MIME-Version" not in output
    assert len(lines) < 40
    assert lines[-4].startswith("Accounts (sign in at http://127.0.0.1:8000/accounts/login/)")
    assert [line.split()[1] for line in lines[-3:]] == ACCOUNTS
    assert f"Mail the demo sends is written to files in {mail}/ instead of being printed here." in lines


def test_demo_mail_is_written_to_files_with_links_to_the_demo_server(demo):
    _, mail = demo

    messages = list(messages_in(mail))
    links = {link for message in messages for link in links_in(message)}

    assert len(messages) > 10
    assert links
    assert {urlsplit(link)[:2] for link in links} == {("http", "127.0.0.1:8000")}
    for link in links:
        try:
            resolve(urlsplit(link).path)
        except Resolver404:
            pytest.fail(f"{link} leads nowhere on the demo server")


def test_demo_mail_folder_is_ignored_by_git():
    ignored = subprocess.run(
        ["git", "check-ignore", "var/demo-mail/1.log"], cwd=ROOT, capture_output=True, text=True, check=False
    )

    assert ignored.stdout.strip() == "var/demo-mail/1.log"
