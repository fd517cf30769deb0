"""Steps the browser tests share: signing in with a demo account, reading the agenda editor."""

from __future__ import annotations

import re

from medref.accounts.demo import DEMO_PASSWORD


def log_in(page, username: str, password: str = DEMO_PASSWORD) -> None:
    """Sign in through the login form, as a person would, and check it worked."""
    page.goto("/konto/log-ind/")
    form = page.locator("form.login")
    form.get_by_label("Brugernavn").fill(username)
    form.get_by_label("Adgangskode").fill(password)
    click_and_load(page, form.get_by_role("button", name="Log ind"))
    assert "/konto/log-ind/" not in page.url, f"{username} could not sign in"


def click_and_load(page, target) -> None:
    """Click a link or a whole-page form's button; return once the next page (after
    any redirect) has loaded, so the database already holds what a form saved."""
    with page.expect_navigation():
        target.click()


def agenda_titles(page) -> list[str]:
    """The agenda editor's item titles, in order (without the links' hidden prefix)."""
    links = page.locator("ol.item-list .item-title").all_inner_texts()
    return [re.sub(r"^Rediger punkt \d+:\s*", "", link) for link in links]


def press_step(page, label: str) -> None:
    """A workflow button (Send dagsorden, Marker som afholdt, …): its confirmation page,
    ticking the doubts it lists, the same button again, and the message that it was done."""
    from playwright.sync_api import expect

    click_and_load(page, page.get_by_role("button", name=label, exact=True))
    expect(page.get_by_role("heading", level=1)).to_have_text(f"{label}?")
    doubts = page.get_by_label("Jeg har tjekket det og vil fortsætte alligevel")
    if doubts.count():
        doubts.check()
    click_and_load(page, page.get_by_role("button", name=label, exact=True))
    expect(page.locator("ul.messages")).to_have_count(1)
