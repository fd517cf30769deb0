"""The Content-Security-Policy holds in the browser, and the tests would notice if not.

Every browser test fails on a CSP violation (``new_context`` in conftest.py);
these tests show that the watch sees one, that the policy blocks inline
script, and that htmx runs under it without inserting its inline styles.
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.auth.models import User

from medref.accounts.demo import COMMITTEE, create_demo_accounts
from medref.meetings.workflow import agenda
from medref.organisation.models import Committee

from .conftest import TIMEOUT_MS, watch_csp
from .helpers import log_in

INJECT_INLINE_SCRIPT = """() => {
  const script = document.createElement("script");
  script.textContent = "window.injected = true;";
  document.head.appendChild(script);
}"""


def test_inline_script_is_blocked_and_the_watch_reports_it(browser, server_url):
    context = browser.new_context(base_url=server_url)
    context.set_default_timeout(TIMEOUT_MS)
    violations = watch_csp(context)
    try:
        page = context.new_page()
        response = page.goto("/")
        assert response is not None
        assert "script-src 'self'" in response.headers["content-security-policy"]
        assert "camera=()" in response.headers["permissions-policy"]
        page.evaluate(INJECT_INLINE_SCRIPT)
        page.wait_for_timeout(200)  # the violation event and console message are async
        assert page.evaluate("() => window.injected") is None
        assert violations, "the inline script was blocked, yet no violation was seen"
        assert any("script-src" in text for text in violations)
    finally:
        context.close()


@pytest.fixture
def planned(transactional_db):
    create_demo_accounts()
    committee = Committee.objects.get(name=COMMITTEE, municipality__name="Vejle Kommune")
    return agenda.schedule_meeting(
        committee,
        dt.date(2026, 2, 11),
        dt.time(9, 30),
        "Byrådssalen",
        actor=User.objects.get(username="sekretaer"),
    )


def test_htmx_runs_without_its_inline_indicator_styles(page, planned):
    log_in(page, "sekretaer")
    page.goto(f"/moeder/{planned.pk}/rediger/")
    page.wait_for_function("() => window.htmx !== undefined")
    assert page.evaluate("() => htmx.config.includeIndicatorStyles") is False
    assert page.locator("head style").count() == 0


def test_the_django_admin_keeps_the_policy(page, transactional_db):
    """Django's admin (login, index, a change form with its scripts) needs no exception."""
    User.objects.create_superuser("rot", password="rot-kode-123456")
    page.goto("/admin/login/")
    page.fill("#id_username", "rot")
    page.fill("#id_password", "rot-kode-123456")
    with page.expect_navigation():
        page.click("input[type=submit]")
    assert page.url.endswith("/admin/")
    page.goto("/admin/organisation/committee/add/")
    page.goto("/admin/auth/user/1/change/")
    page.wait_for_load_state("load")
