"""Headless Chromium (Debian's package) driven by Playwright against the live test server."""

import os
import shutil
import threading
from pathlib import Path

import pytest

# Playwright's sync API runs an event loop in this thread; the ORM calls the tests make to
# arrange data are still synchronous and safe here.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def chromium_path():
    return os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or shutil.which("chromium-browser")


@pytest.fixture(scope="session")
def browser():
    executable = chromium_path()
    if not executable:
        if os.environ.get("REQUIRE_BROWSER"):
            pytest.fail("REQUIRE_BROWSER is set but no chromium was found; apt-get install chromium")
        pytest.skip("chromium is not installed (apt-get install chromium); browser tests skipped")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, headless=True, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(locale="en-GB", timezone_id="Europe/Paris")
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    context.close()


AXE_SCRIPT = Path(__file__).resolve().parent.parent / "support" / "axe" / "node_modules" / "axe-core" / "axe.min.js"


@pytest.fixture
def axe_violations():
    """Run axe-core (pinned in tests/support/axe, installed by `make test`) on a page; its violations."""
    if not AXE_SCRIPT.exists():
        if os.environ.get("REQUIRE_BROWSER"):
            pytest.fail("REQUIRE_BROWSER is set but axe-core is not installed; run `make axe`")
        pytest.skip("axe-core is not installed (make axe); accessibility check skipped")

    def check(page):
        # Through the DevTools protocol: the site's Content-Security-Policy (rightly) refuses inline scripts.
        session = page.context.new_cdp_session(page)
        session.send("Runtime.evaluate", {"expression": AXE_SCRIPT.read_text()})
        session.detach()
        # label-content-name-mismatch is experimental in axe, off by default; the board's audit used it.
        results = page.evaluate("axe.run(document, {rules: {'label-content-name-mismatch': {enabled: true}}})")
        return [(violation["id"], len(violation["nodes"])) for violation in results["violations"]]

    return check


class _OneRequestAtATime:
    """Django's threaded test server, handling one request at a time (each connection still has its thread).

    With SQLite, the live server's threads share the test's one in-memory connection: two requests at once
    (the door page's upload and its list refresh) hung both threads inside SQLite, and the run with them.
    Serialising requests, not connections, keeps the browser's keep-alive connections free."""

    def set_app(self, application):
        lock = threading.Lock()

        def one_at_a_time(environ, start_response):
            with lock:
                result = application(environ, start_response)
                try:
                    return list(result)
                finally:
                    if hasattr(result, "close"):
                        result.close()  # Django's request_finished, as the server would have called it

        super().set_app(one_at_a_time)


@pytest.fixture(scope="session", autouse=True)
def one_request_at_a_time_on_sqlite():
    """Before pytest-django's live_server starts: PostgreSQL (CI) gives each thread its own connection."""
    from django.conf import settings
    from django.core.servers.basehttp import ThreadedWSGIServer
    from django.test.testcases import LiveServerThread

    if "sqlite" not in settings.DATABASES["default"]["ENGINE"]:
        yield
        return
    original = LiveServerThread.server_class
    LiveServerThread.server_class = type("OneRequestAtATimeServer", (_OneRequestAtATime, ThreadedWSGIServer), {})
    yield
    LiveServerThread.server_class = original
