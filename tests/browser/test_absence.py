"""The Sygefravær page in a real browser on the demo data: reached from the committee,
its charts, tables and period picker, accessible (axe), no employee key anywhere."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command

from medref.absence.models import Employment

from .helpers import click_and_load, log_in

pytestmark = pytest.mark.needs("chromium")


@pytest.fixture
def absence_demo(demo, settings) -> None:
    settings.DEBUG = True  # load_demo_absence, like load_demo_accounts, is for development
    call_command("load_demo_accounts", stdout=io.StringIO())
    call_command("load_demo_absence", stdout=io.StringIO())


def test_a_member_reads_the_absence_page(page, absence_demo, axe):
    log_in(page, "medlem")
    page.goto("/udvalg/vejle-kommune/fagmed-oekonomi/")
    click_and_load(page, page.get_by_role("link", name="Sygefravær", exact=True))
    assert page.get_by_role("heading", name="Sygefravær", exact=True).is_visible()
    assert page.locator(".absence-chart svg").count() == 2
    assert page.locator(".absence-value").first.inner_text().count(",") == 1  # "17,4"
    page.get_by_label("Periode", exact=True).select_option("2026Q3")
    click_and_load(page, page.get_by_role("button", name="Vis"))
    assert "periode=2026Q3" in page.url
    html = page.content()
    assert not any(key in html for key in Employment.objects.values_list("employee", flat=True))
    axe(page, "Sygefravær")
