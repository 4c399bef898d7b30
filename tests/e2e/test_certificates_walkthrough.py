"""Certificates in the browser, on a phone-size screen (issue 13's "Done when"): after the Dakhla training the
organiser defines the certificate, issues it to those who attended in one action and revokes one; the public
verification page says "valid" for one and "revoked" for the other to someone who is not signed in; and the
offline script checks the valid one's signature with only the published public key."""

import re
import subprocess
import sys
from pathlib import Path

import pytest
from playwright.sync_api import expect

from events.certificates.models import Certificate
from tests.certificates.conftest import ARABIC_NAME, Training
from tests.support.browser import sign_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}
SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "verify_certificate.py"


def test_organiser_issues_and_revokes_and_anyone_verifies(browser, live_server, organiser, tmp_path, axe_violations):
    training = Training(organiser)
    context = browser.new_context(locale="en-GB", viewport=PHONE)
    page = context.new_page()
    page.set_default_timeout(10_000)
    sign_in(page, live_server, organiser.email)

    page.goto(f"{live_server.url}/missions/{training.mission.slug}/")
    page.locator(".organiser-note").get_by_role("link", name="Certificates").click()
    page.get_by_label("Title").fill("Social-media marketing and e-commerce training")
    for day in (1, 2, 3):
        page.get_by_label(f"Training day {day}").check()
    page.get_by_label("Checked in to at least").fill("2")
    page.get_by_label("Issued by").fill("Dakhla-Oued Eddahab Regional Investment Centre")
    page.get_by_role("button", name="Define", exact=True).click()

    expect(page.get_by_role("status")).to_have_text("Certificate defined. Issue it once the training is over.")
    expect(page.locator("[data-counts]")).to_have_text("2 qualify now; 0 issued.")
    page.get_by_role("button", name="Issue to everyone who qualifies").click()
    expect(page.get_by_role("status")).to_have_text("2 certificates issued.")
    youssef = page.get_by_role("row", name=re.compile("Youssef Alaoui"))
    youssef.get_by_label("Why revoke it").fill("Signed in for a friend")
    youssef.get_by_role("button", name="Revoke").click()
    expect(page.get_by_role("status")).to_have_text("Certificate revoked: its verification page now says so.")
    assert axe_violations(page) == []

    valid = Certificate.objects.get(email="fatima@dakhla.example")
    revoked = Certificate.objects.get(email="youssef@dakhla.example")
    visitor = browser.new_context(locale="en-GB", viewport=PHONE).new_page()  # not signed in
    visitor.goto(f"{live_server.url}/verify/{valid.public_id}/")
    expect(visitor.locator("[data-status]")).to_have_attribute("data-status", "valid")
    expect(visitor.locator("dd bdi").first).to_have_text(ARABIC_NAME)
    assert axe_violations(visitor) == []
    assert visitor.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    visitor.goto(f"{live_server.url}/verify/{revoked.public_id}/")
    expect(visitor.locator("[data-status]")).to_have_attribute("data-status", "revoked")
    expect(visitor.get_by_text("Signed in for a friend")).to_have_count(0)

    record = tmp_path / "certificate.json"
    keys = tmp_path / "certificate-keys.json"
    record.write_bytes(visitor.request.get(f"{live_server.url}/verify/{valid.public_id}/certificate.json").body())
    keys.write_bytes(visitor.request.get(f"{live_server.url}/.well-known/certificate-keys.json").body())
    done = subprocess.run([sys.executable, "-I", str(SCRIPT), str(record), str(keys)], capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr
    assert done.stdout.startswith("VALID: ")
    context.close()
    visitor.context.close()
