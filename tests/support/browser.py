"""Steps the browser tests share."""

from playwright.sync_api import expect


def sign_in(page, live_server, email):
    """Sign in through the sign-in page with the factories' password, and wait for the signed-in header."""
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill("a-long-demo-password")
    page.get_by_role("button", name="Sign In").click()
    expect(page.get_by_role("button", name="Sign out")).to_be_visible()
