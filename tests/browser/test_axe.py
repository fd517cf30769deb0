"""The accessibility check itself: it must fail on a page with serious problems."""

from __future__ import annotations

import pytest

BROKEN_PAGE = """<!doctype html><html><head><title>t</title></head><body><main>
<img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=">
<button></button>
<p style="color:#bbb;background:#fff">Svag tekst</p>
</main></body></html>"""
GOOD_PAGE = """<!doctype html><html lang="da"><head><title>t</title></head><body><main>
<h1>Referat</h1><p>Tekst</p></main></body></html>"""


def test_axe_lists_serious_and_critical_violations(browser, axe):
    page = browser.new_page()
    try:
        page.set_content(BROKEN_PAGE)
        with pytest.raises(pytest.fail.Exception) as failure:
            axe(page, "the broken page")
    finally:
        page.close()
    message = str(failure.value)
    assert "the broken page" in message
    assert "image-alt (critical)" in message and "img" in message
    assert "button-name (critical)" in message
    assert "color-contrast (serious)" in message
    assert "html-has-lang (serious)" in message


def test_axe_passes_a_clean_page(browser, axe):
    page = browser.new_page()
    try:
        page.set_content(GOOD_PAGE)
        axe(page)
    finally:
        page.close()
