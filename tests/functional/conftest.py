"""Browser tests: Playwright driving Debian's chromium against pytest-django's live server.

Every page a test visits should be checked with `assert_accessible(page)` (axe-core, WCAG 2.2 AA,
zero violations; any rule excluded is listed in AXE_EXCLUDED with its reason).
"""

from __future__ import annotations

import os
import shutil

import pytest

CHROMIUM = os.environ.get("VIGIL_CHROMIUM", "/usr/bin/chromium")
PASSWORD = "correct-horse-battery-staple"

# axe rules switched off, each with its reason. Keep this empty unless there is a documented cause.
AXE_EXCLUDED: dict[str, str] = {}


def pytest_collection_modifyitems(config, items):
    here = os.path.dirname(__file__)
    for item in items:
        if str(item.fspath).startswith(here):
            item.add_marker(pytest.mark.functional)


@pytest.fixture(scope="session")
def _browser():
    if not shutil.which(CHROMIUM) and not os.path.exists(CHROMIUM):
        pytest.fail(f"Debian chromium not found at {CHROMIUM}: apt-get install -y chromium")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(
            executable_path=CHROMIUM,
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync", "--no-first-run"],
        )
        yield browser
        browser.close()


@pytest.fixture
def browser_page(_browser, live_server):
    context = _browser.new_context(base_url=live_server.url, locale="en-GB", timezone_id="Europe/London")
    context.set_default_timeout(15_000)
    page = context.new_page()
    errors: list[str] = []
    page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    page.console_errors = errors
    yield page
    context.close()


def login(page, username: str, password: str = PASSWORD, totp_secret: str | None = None) -> None:
    """Sign in through the real sign-in pages (and the second factor when the user has one)."""
    page.goto("/accounts/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in").click()
    if totp_secret:
        import pyotp

        page.locator("input[name=code]").fill(pyotp.TOTP(totp_secret).now())
        page.get_by_role("button", name="Continue").click()
    page.wait_for_load_state()


def assert_accessible(page) -> None:
    from axe_playwright_python.sync_playwright import Axe

    options = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]},
               "resultTypes": ["violations"]}
    if AXE_EXCLUDED:
        options["rules"] = {rule: {"enabled": False} for rule in AXE_EXCLUDED}
    results = Axe().run(page, options=options)
    violations = results.response["violations"]
    assert not violations, f"axe-core violations on {page.url}:\n" + results.generate_report()


@pytest.fixture
def login_as():
    return login


@pytest.fixture
def axe():
    return assert_accessible
