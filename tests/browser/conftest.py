"""Browser tests: Playwright drives Debian's chromium against pytest-django's live server.

One headless chromium (``/usr/bin/chromium``, never a downloaded browser) for
all of tests/browser, a fresh browser context per test. ``check_accessibility(page)``
injects axe-core (``node_modules/axe-core``, pinned in package-lock.json and
installed by ``make test``) and fails on every serious or critical violation;
tests get it as the ``axe`` fixture.

Every page must keep the Content-Security-Policy: a violation (chromium's
console message or the page's ``securitypolicyviolation`` event) fails the
test that caused it, at its teardown, naming the directive and what was blocked.

Every test here uses the live server, so it touches the database (the
``database`` marker, so it runs on PostgreSQL too) and is marked ``browser``.
"""

from __future__ import annotations

import io
import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from django.core.management import call_command

CHROMIUM = Path("/usr/bin/chromium")
AXE_JS = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
BLOCKING_IMPACTS = frozenset({"serious", "critical"})
# A page that does not answer within this many milliseconds is a failure, not a wait.
TIMEOUT_MS = 15_000


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    here = Path(__file__).resolve().parent
    for item in items:
        if here in Path(str(item.path)).resolve().parents:
            item.add_marker(pytest.mark.browser)
            item.add_marker(pytest.mark.needs("chromium"))


# Package scope: Playwright's event loop (and the switch below) ends with the
# browser tests instead of running under every test collected after them.
@pytest.fixture(scope="package")
def browser() -> Iterator[object]:
    """Headless Debian chromium for all the browser tests."""
    if not CHROMIUM.exists():
        pytest.fail(
            f"the browser tests need Debian's chromium at {CHROMIUM}: "
            "apt-get install chromium (.ci/run installs it)"
        )
    from playwright.sync_api import sync_playwright

    # Playwright's sync API keeps an asyncio loop running in this thread; the
    # test code's own ORM calls are still plain synchronous calls.
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True)
        yield launched
        launched.close()
    if previous is None:
        del os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"]
    else:
        os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@pytest.fixture(autouse=True)
def fast_passwords(settings) -> None:
    """Demo accounts sign in through the form; a fast hasher keeps that cheap in tests."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def server_url(transactional_db: None, live_server) -> str:
    """The live server's base URL (the database is flushed after each test)."""
    return live_server.url


# Reports each CSP violation to the console, where the listener below reads it.
_REPORT_CSP_VIOLATIONS = """
document.addEventListener("securitypolicyviolation", (e) => {
  console.error(`Content Security Policy violation: ${e.violatedDirective} blocked ` +
    `${e.blockedURI || "inline"} at ${e.sourceFile || document.location.href}:${e.lineNumber}`);
});
"""


def csp_violation(text: str) -> bool:
    """Whether a console message is chromium's or the page's report of a CSP violation."""
    return "Content Security Policy" in text or "Content-Security-Policy" in text


def watch_csp(context) -> list[str]:
    """The CSP violations on ``context``'s pages, filled in as they happen."""
    violations: list[str] = []

    def record(message) -> None:
        if csp_violation(message.text):
            violations.append(message.text)

    context.add_init_script(_REPORT_CSP_VIOLATIONS)
    context.on("console", record)
    return violations


@pytest.fixture
def new_context(browser, server_url: str) -> Iterator[object]:
    """A factory of browser contexts (Danish, against the live server), closed after the test.

    The test fails if any page of these contexts violated the Content-Security-Policy."""
    contexts = []
    watched: list[list[str]] = []

    def make(**options):
        options.setdefault("locale", "da-DK")
        context = browser.new_context(base_url=server_url, **options)
        context.set_default_timeout(TIMEOUT_MS)
        watched.append(watch_csp(context))
        contexts.append(context)
        return context

    yield make
    for context in contexts:
        context.close()
    violations = [text for seen in watched for text in seen]
    if violations:
        pytest.fail("Content-Security-Policy violated:\n" + "\n".join(violations), pytrace=False)


@pytest.fixture
def page(new_context):
    """A page in a fresh context with JavaScript on."""
    return new_context().new_page()


@pytest.fixture
def demo(transactional_db: None) -> None:
    """The demo organisation and minutes, loaded as ``make run`` loads them."""
    call_command("load_demo", stdout=io.StringIO())


@pytest.fixture
def axe():
    """``axe(page)`` fails the test on the page's serious or critical violations."""
    return check_accessibility


def check_accessibility(page, context: str | None = None) -> None:
    """Run axe-core on ``page``; fail listing every serious or critical violation."""
    if not AXE_JS.exists():
        pytest.fail(f"axe-core is missing at {AXE_JS}: run `npm ci` (make test does)")
    # Evaluated through the DevTools protocol, not as a <script> tag, which
    # the Content-Security-Policy (no inline script) rightly refuses.
    page.evaluate(AXE_JS.read_text(encoding="utf-8"))
    result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    problems = []
    for violation in result["violations"]:
        if violation["impact"] not in BLOCKING_IMPACTS:
            continue
        targets = "; ".join(" ".join(node["target"]) for node in violation["nodes"])
        problems.append(
            f"{violation['id']} ({violation['impact']}): {violation['help']} — {targets}"
        )
    if problems:
        where = context or page.url
        pytest.fail(f"axe found on {where}:\n" + "\n".join(problems), pytrace=False)
