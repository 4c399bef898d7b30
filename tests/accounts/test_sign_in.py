import re
import subprocess
import sys

import pytest
from django.core import mail

from events.accounts.models import User
from events.accounts.services import ensure_user_for_email

pytestmark = pytest.mark.django_db


def test_sign_up_verifies_the_email_by_code_and_returns_where_the_user_started(client):
    response = client.post(
        "/accounts/signup/?next=/missions/austin/register/",
        {"email": "buyer@cloudco.example", "password1": "a-long-pass-phrase", "password2": "a-long-pass-phrase"},
    )

    assert response.status_code == 302
    assert response.url == "/accounts/confirm-email/"
    assert "_auth_user_id" not in client.session
    assert len(mail.outbox) == 1
    assert mail.outbox[0].body.startswith("Hello,")
    code = re.search(r"^([A-Z0-9]{4}-[A-Z0-9]{4})$", mail.outbox[0].body, re.MULTILINE).group(1)

    confirmed = client.post("/accounts/confirm-email/", {"code": code})

    user = User.objects.get(email="buyer@cloudco.example")
    assert user.emailaddress_set.get().verified is True
    assert client.session["_auth_user_id"] == str(user.pk)
    assert confirmed.url == "/missions/austin/register/"


def test_unverified_account_cannot_sign_in_with_its_password(client):
    client.post(
        "/accounts/signup/",
        {"email": "buyer@cloudco.example", "password1": "a-long-pass-phrase", "password2": "a-long-pass-phrase"},
    )
    client.logout()

    client.post("/accounts/login/", {"login": "buyer@cloudco.example", "password": "a-long-pass-phrase"})

    assert "_auth_user_id" not in client.session


def test_delegate_signs_in_with_a_code_sent_by_email(client):
    delegate = ensure_user_for_email("amina@digital.example.ma", full_name="Amina Idrissi")

    client.post("/accounts/login/code/", {"email": "AMINA@digital.example.ma"})
    code = re.search(r"^([A-Z0-9]{4}-[A-Z0-9]{4})$", mail.outbox[0].body, re.MULTILINE).group(1)
    client.post("/accounts/login/code/confirm/", {"code": code})

    assert client.session["_auth_user_id"] == str(delegate.pk)
    assert delegate.has_usable_password() is False


def test_wrong_code_does_not_sign_in(client):
    ensure_user_for_email("amina@digital.example.ma")

    client.post("/accounts/login/code/", {"email": "amina@digital.example.ma"})
    response = client.post("/accounts/login/code/confirm/", {"code": "WRONG1"})

    assert response.status_code == 200
    assert "_auth_user_id" not in client.session


def test_password_reset_sends_a_link(client, user):
    client.post("/accounts/password/reset/", {"email": user.email})

    assert len(mail.outbox) == 1
    assert "/accounts/password/reset/key/" in mail.outbox[0].body


def test_ensure_user_for_email_is_idempotent_and_case_insensitive():
    first = ensure_user_for_email("Amina@Digital.example.ma")
    second = ensure_user_for_email("amina@digital.example.ma")

    assert first == second
    assert User.objects.count() == 1


def test_production_refuses_to_start_without_a_secret_key():
    result = subprocess.run(
        [sys.executable, "-c", "import django; django.setup()"],
        env={"DJANGO_SETTINGS_MODULE": "config.settings.production", "PATH": ""},
        capture_output=True,
        text=True,
        check=False,
    )

    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY must be set in production." in result.stderr
