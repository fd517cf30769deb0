"""The HTML renderer: one self-contained page that reads back as the same document."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from selectolax.lexbor import LexborHTMLParser, LexborNode

from medref.documents import (
    BulletList,
    Heading,
    ListItem,
    MeetingDocument,
    Paragraph,
    Recommendation,
    Section,
    SectionKind,
    Table,
)
from medref.documents.public import public_version
from medref.importers import parse_file, parse_text
from medref.renderers import render
from tests.documents.strategies import meeting_documents

from .documents import EXAMPLES, SECRET_WORDS, agenda, fagmed, with_closed_item

ROUND_TRIP = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def tree(doc: MeetingDocument, *, public: bool = False) -> LexborHTMLParser:
    return LexborHTMLParser(render(doc, "html", public=public))


def texts(page: LexborHTMLParser | LexborNode, selector: str) -> list[str]:
    return [node.text(deep=True).strip() for node in page.css(selector)]


def with_body(*blocks: Paragraph | Heading | BulletList | Table) -> MeetingDocument:
    """The FagMED minutes with ``blocks`` as item 21's Sagsfremstilling."""
    doc = fagmed()
    first = doc.items[0]
    sections = (Section(SectionKind.CASE, "Sagsfremstilling", blocks), *first.sections[1:])
    return replace(doc, items=(replace(first, sections=sections), *doc.items[1:]))


def test_it_writes_a_danish_page_with_the_title_as_h1() -> None:
    page = tree(fagmed())
    assert [node.attributes["lang"] for node in page.css("html")] == ["da"]
    assert texts(page, "h1") == ["REFERAT FagMED Økonomi d. 08-10-2025"]
    assert texts(page, "title") == ["REFERAT FagMED Økonomi d. 08-10-2025"]


def test_the_page_makes_no_requests_of_its_own() -> None:
    html = render(fagmed(), "html")
    page = LexborHTMLParser(html)
    assert page.css("script, link, img, iframe, object") == []
    assert "url(" not in html and "@import" not in html
    assert page.css_first("style") is not None


def test_it_writes_the_header_fields() -> None:
    page = tree(fagmed())
    assert texts(page, ".facts dt") == ["Mødedato", "Mødested", "Mødedeltagere", "Afbud"]
    assert "Onsdag d. 08. oktober 2025 kl. 13:00" in texts(page, ".facts dd")
    assert "Mette Hillarius Rønsch" in texts(page, ".facts dd")


def test_participants_carry_titles_and_the_minute_taker_is_marked() -> None:
    doc = parse_file(EXAMPLES[0])  # AfdelingsMED: titles and a referent
    people = texts(tree(doc), ".facts dl.list dd")
    assert "Marie Aasøe (Afdelingschef for Økonomi & Stab)" in people
    assert "Pernille Løvendahl Carlsen (Personaleadministrativ konsulent) (referent)" in people


def test_each_item_is_an_h2_with_an_anchor_and_its_case_number() -> None:
    page = tree(fagmed())
    headings = texts(page, "article.item > h2")
    assert headings[0] == "Punkt 21: Godkendelse af dagsorden"
    assert len(headings) == 10
    item = page.css_first("#punkt-21")
    assert item is not None and item.tag == "article"
    assert texts(item, ".case-number") == ["81.16.00-G01-2-25"]
    assert texts(item, "h3") == ["Sagsfremstilling", "Indstilling", "Beslutning"]


def test_the_table_of_contents_links_each_line_to_its_item() -> None:
    page = tree(fagmed())
    lines = page.css(".toc-lines .entry")
    assert lines[0].text(deep=True) == "Godkendelse af dagsorden.....\t3"
    links = [a.attributes["href"] for line in lines for a in line.css("a.go")]
    assert links == [f"#punkt-{n}" for n in range(21, 31)]


def test_a_document_without_a_toc_gets_item_navigation() -> None:
    page = tree(replace(fagmed(), toc=()))
    assert page.css(".toc-lines") == []
    nav = page.css("nav.toc a")
    assert nav[0].attributes["href"] == "#punkt-21"
    assert nav[0].text() == "Punkt 21: Godkendelse af dagsorden"


def test_the_recommendation_is_written_inside_indstilling() -> None:
    page = tree(fagmed())
    section = page.css_first('#punkt-21 section[data-kind="indstilling"]')
    assert section is not None
    assert texts(section, "p") == [
        "Stabschef for Strategi og Udbud indstiller,",
        "at FagMED godkender dagsordenen.",
    ]


def test_numbered_clauses_are_an_ordered_list() -> None:
    doc = fagmed()
    rec = Recommendation("Formanden", ("at A godkendes", "at B noteres"), numbered=True)
    doc = replace(doc, items=(replace(doc.items[0], recommendation=rec), *doc.items[1:]))
    assert texts(tree(doc), "#punkt-21 ol.clauses li") == ["at A godkendes", "at B noteres"]


def test_bilag_are_listed_inside_the_bilag_section() -> None:
    page = tree(fagmed())
    bilag = texts(page, '#punkt-24 section[data-kind="bilag"] li')
    assert len(bilag) == 3


def test_an_items_absentees_are_one_line() -> None:
    doc = parse_file(EXAMPLES[2])  # LokalMED: per-item Fraværende
    assert texts(tree(doc), "#punkt-10 .attendance p") == [
        "Fraværende: Cathrin Borregaard Andersen",
        "Suppleanter: Betina Bjerrisgaard",
    ]


def test_blocks_become_their_elements() -> None:
    doc = with_body(
        Paragraph("Indledning"),
        Heading("Status fra IT"),
        BulletList((ListItem("a", (ListItem("a.1"),)), ListItem("b"))),
        BulletList((ListItem("et"),), ordered=True),
        Table((("År", "Dage"), ("2025", "8,1"))),
    )
    section = tree(doc).css_first('#punkt-21 section[data-kind="sagsfremstilling"]')
    assert section is not None
    assert texts(section, "h4") == ["Status fra IT"]
    assert texts(section, "ul > li > ul > li") == ["a.1"]
    assert texts(section, "ol > li") == ["et"]
    assert texts(section, "thead th") == ["År", "Dage"]
    assert texts(section, "tbody td") == ["2025", "8,1"]


def test_text_is_escaped() -> None:
    html = render(with_body(Paragraph("Vi skrev <script>alert('x')</script> & <b>fed</b>")), "html")
    assert "<script>" not in html and "<b>fed" not in html
    assert "&lt;script&gt;alert('x')&lt;/script&gt; &amp; &lt;b&gt;fed&lt;/b&gt;" in html


def test_safe_links_become_anchors_and_others_stay_text() -> None:
    doc = with_body(
        Paragraph("Læs [her](https://vejle.dk/med?a=1&b=2) og [mail](mailto:med@vejle.dk)"),
        Paragraph("Ikke [klik](javascript:alert(1)) eller [data](data:text/html,x)"),
    )
    page = tree(doc)
    hrefs = [a.attributes["href"] for a in page.css("#punkt-21 section a")]
    assert hrefs == ["https://vejle.dk/med?a=1&b=2", "mailto:med@vejle.dk"]
    html = render(doc, "html")
    assert "javascript:" not in html.split("<body>")[0]
    assert 'href="javascript' not in html and 'href="data' not in html
    assert "[klik](javascript:alert(1))" in html


def test_an_agenda_says_dagsorden_and_has_no_decisions() -> None:
    page = tree(agenda())
    assert texts(page, "h1") == ["DAGSORDEN FagMED Økonomi d. 08-10-2025"]
    assert "Beslutning" not in texts(page, "h3")


def test_a_closed_item_is_marked() -> None:
    page = tree(with_closed_item())
    assert texts(page, "#punkt-25 .closed-marker") == ["Lukket punkt"]
    assert "Zebrafinkesagen" in render(with_closed_item(), "html")


def test_the_public_version_has_no_text_of_a_closed_item() -> None:
    html = render(with_closed_item(), "html", public=True)
    for word in SECRET_WORDS:
        assert word not in html
    page = LexborHTMLParser(html)
    assert texts(page, "#punkt-25 h2") == ["Punkt 25: Lukket punkt"]
    assert page.css("#punkt-25 section") == []


# --- round trips through the HTML importer ------------------------------------------


@ROUND_TRIP
@given(meeting_documents(headings=True))
def test_html_round_trip(doc: MeetingDocument) -> None:
    assert parse_text(render(doc, "html"), "html") == doc


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.name)
def test_the_examples_survive_html(path: Path) -> None:
    doc = parse_file(path)
    assert parse_text(render(doc, "html"), "html") == doc


def test_the_public_version_survives_html() -> None:
    doc = with_closed_item()
    assert parse_text(render(doc, "html", public=True), "html") == public_version(doc)
