"""The template filters that turn document text into HTML; no database."""

from __future__ import annotations

import datetime as dt

import pytest

from medref.documents.model import DocumentKind, MeetingDocument
from medref.web.templatetags.medref_text import (
    inline,
    is_number,
    is_safe_href,
    long_date,
    meeting_when,
    short_date,
)


def test_inline_escapes_plain_text():
    """Text without links comes back escaped."""
    assert inline("<b>A & B</b>") == "&lt;b&gt;A &amp; B&lt;/b&gt;"


def test_inline_links_markdown_links():
    """[text](url) becomes an anchor; the text around it is kept."""
    assert inline("Læs [her](https://kl.dk/a?b=1&c=2) og [der](#punkt-2).") == (
        'Læs <a href="https://kl.dk/a?b=1&amp;c=2">her</a> og <a href="#punkt-2">der</a>.'
    )


def test_inline_escapes_the_link_text():
    """Markup inside the link text is escaped, not rendered."""
    assert inline("[<i>x</i>](https://kl.dk)") == '<a href="https://kl.dk">&lt;i&gt;x&lt;/i&gt;</a>'


@pytest.mark.parametrize(
    "href",
    ["javascript:alert(1)", "JavaScript:alert(1)", "data:text/html,x", "vbscript:x", "/relative"],
)
def test_inline_leaves_unsafe_links_as_text(href):
    """Only http, https, mailto and in-page targets become links."""
    html = inline(f"[klik]({href})")
    assert "<a" not in html
    assert "klik" in html


@pytest.mark.parametrize(
    ("href", "safe"),
    [
        ("https://kl.dk", True),
        ("HTTP://kl.dk", True),
        ("mailto:hr@vejle.dk", True),
        ("#", True),
        ("javascript:x", False),
        ("", False),
    ],
)
def test_is_safe_href(href, safe):
    """The allowed link targets."""
    assert is_safe_href(href) is safe


def test_inline_of_nothing_is_empty():
    """None and "" render as nothing."""
    assert inline(None) == "" and inline("") == ""


@pytest.mark.parametrize(
    ("cell", "number"),
    [
        ("265.786", True),
        ("-13.598", True),
        ("8,1 %", True),
        ("1.000 kr.", False),
        ("Økonomi", False),
    ],
)
def test_is_number_marks_numeric_cells(cell, number):
    """Numeric table cells are right-aligned."""
    assert is_number(cell) is number


def test_dates_are_written_the_danish_way():
    """Long and short dates, and the Mødedato line with its time."""
    doc = MeetingDocument(
        DocumentKind.MINUTES, "FagMED Økonomi", dt.date(2025, 10, 8), start_time=dt.time(13, 0)
    )
    assert long_date(dt.date(2025, 10, 8)) == "Onsdag d. 08. oktober 2025"
    assert short_date(dt.date(2025, 10, 8)) == "08-10-2025"
    assert meeting_when(doc) == "Onsdag d. 08. oktober 2025 kl. 13:00"
    # An undated meeting (imported from a file whose date could not be read).
    assert long_date(None) == "Dato ikke angivet" and short_date(None) == "Dato ikke angivet"
    undated = MeetingDocument(DocumentKind.MINUTES, "FagMED Økonomi", None)
    assert meeting_when(undated) == "Dato ikke angivet"
