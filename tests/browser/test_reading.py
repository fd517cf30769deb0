"""The reading path on the demo data, in a real browser: committee tree, committee,
meeting, search; each page declares Danish, passes axe and reads without JavaScript."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from medref.meetings.models import Meeting

from .helpers import click_and_load

FAGMED = "FagMED Økonomi"
ITEM_TITLE = "Halvårsregnskabet 2025"


def fagmed_meeting() -> Meeting:
    return Meeting.objects.get(committee__name=FAGMED)


def open_fagmed_meeting(page) -> None:
    """From the home page through the committee to its meeting, by the links a reader follows."""
    page.goto("/")
    click_and_load(page, page.get_by_role("link", name=FAGMED, exact=True))
    click_and_load(page, page.get_by_role("link", name=re.compile("oktober 2025")))


def test_home_lists_the_committee_tree(page, demo, axe):
    response = page.goto("/")
    assert response.status == 200
    assert page.locator("html").get_attribute("lang") == "da"
    vejle = page.locator("section.municipality", has_text="Vejle Kommune")
    # FagMED sits under HovedMED, LokalMED under its FagMED.
    nested = vejle.locator("ul.tree ul.tree ul.tree").get_by_role("link")
    assert nested.all_inner_texts() == ["LokalMED Borgerservice"]
    assert vejle.locator("ul.tree ul.tree").get_by_role("link", name=FAGMED).count() == 1
    # The stylesheet loaded, so axe judges contrast on the real colours.
    assert page.evaluate("[...document.styleSheets].map(s => s.cssRules.length)")[0] > 10
    axe(page)


def test_committee_page_lists_its_meetings(page, demo, axe):
    page.goto("/")
    click_and_load(page, page.get_by_role("link", name=FAGMED, exact=True))
    assert page.get_by_role("heading", level=1).inner_text() == FAGMED
    assert page.locator("html").get_attribute("lang") == "da"
    rows = page.locator("table.meetings tbody tr")
    assert rows.count() == 1
    assert "8. oktober 2025" in rows.first.inner_text()
    axe(page)


def test_meeting_page_reads_like_the_minutes(page, demo, axe):
    open_fagmed_meeting(page)
    assert page.url.endswith(f"/moeder/{fagmed_meeting().pk}/")
    assert page.locator("html").get_attribute("lang") == "da"
    heading = page.get_by_role("heading", level=1).inner_text()
    assert "REFERAT" in heading and FAGMED in heading
    # The items in order, each with its number, as in the minutes.
    items = page.locator("section.item > h2").all_inner_texts()
    assert items[0] == "Punkt 21: Godkendelse af dagsorden"
    assert items[-1].endswith("Eventuelt")
    assert any(ITEM_TITLE in title for title in items)
    item = page.locator("section.item", has_text=ITEM_TITLE)
    assert item.get_by_role("heading", level=3, name="Beslutning").count() == 1
    # The table of contents jumps to the item.
    page.locator("nav.toc").get_by_role("link", name=re.compile(ITEM_TITLE)).click()
    assert page.url.endswith(item.get_attribute("id"))
    axe(page)


def test_search_finds_an_item_and_links_to_its_meeting(page, demo, axe):
    page.goto("/")
    page.get_by_role("search").get_by_role("searchbox").fill("halvårsregnskabet")
    click_and_load(page, page.get_by_role("search").get_by_role("button"))
    assert "/soeg/" in page.url
    assert page.locator("html").get_attribute("lang") == "da"
    result = page.get_by_role("link", name=re.compile(ITEM_TITLE)).first
    result.wait_for()
    axe(page)
    click_and_load(page, result)
    assert f"/moeder/{fagmed_meeting().pk}/" in page.url
    assert page.locator("section.item", has_text=ITEM_TITLE).count() == 1


def test_reading_works_without_javascript(new_context, demo):
    page = new_context(java_script_enabled=False).new_page()
    open_fagmed_meeting(page)
    assert page.locator("section.item", has_text=ITEM_TITLE).count() == 1
    page.get_by_role("search").get_by_role("searchbox").fill("sygefravær")
    click_and_load(page, page.get_by_role("search").get_by_role("button"))
    assert "/soeg/?q=" in page.url
    hit = page.locator("ol.search-results > li", has_text="Punkt 24, FagMED Økonomi").first
    click_and_load(page, hit.get_by_role("link"))
    assert f"/moeder/{fagmed_meeting().pk}/" in page.url


@pytest.mark.parametrize(
    ("label", "start", "content_type"),
    [("PDF", b"%PDF-", "application/pdf"), ("HTML", b"<!DOCTYPE html", "text/html")],
)
def test_download_link_gives_the_file(page, demo, label, start, content_type):
    open_fagmed_meeting(page)
    with page.expect_download() as info:
        page.locator("nav.downloads").get_by_role("link", name=label, exact=True).click()
    download = info.value
    body = Path(download.path()).read_bytes()
    assert body[: len(start)].upper() == start.upper(), body[:40]
    assert download.suggested_filename == f"referat-fagmed-oekonomi-2025-10-08.{label.lower()}"
    # The same link fetched directly names its type.
    href = page.locator("nav.downloads").get_by_role("link", name=label, exact=True)
    response = page.request.get(href.get_attribute("href"))
    assert response.headers["content-type"].startswith(content_type)
    if label == "HTML":
        assert ITEM_TITLE in response.text()
