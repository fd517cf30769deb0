"""The meeting page reads like the minutes: header, contents, items and their sections."""

from __future__ import annotations

import pytest
from django.urls import reverse

from medref.documents.model import (
    AgendaItem,
    BulletList,
    DocumentKind,
    ListItem,
    Paragraph,
    Section,
    SectionKind,
    Table,
)

from .documents import make_document, make_item, store

MEETING_QUERIES = 7


def page(client, meeting) -> str:
    response = client.get(reverse("web:meeting", args=[meeting.pk]))
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.django_db
def test_it_shows_the_minutes_header_the_danish_way(client):
    """Title, Mødedato, Mødested and the people are written as the minutes write them."""
    html = page(client, store(make_document()))

    assert '<html lang="da">' in html
    assert "<h1>REFERAT FagMED Økonomi d. 08-10-2025</h1>" in html
    assert "<dt>Mødedato</dt><dd>Onsdag d. 08. oktober 2025 kl. 13:00</dd>" in html
    assert "<dt>Mødested</dt><dd>Mødelokale 2225</dd>" in html
    assert "<dt>Mødedeltagere</dt>" in html
    assert "<li>Marie Aasøe (Afdelingschef for Økonomi &amp; Stab)</li>" in html
    assert (
        "<li>Pernille Løvendahl Carlsen (Personaleadministrativ konsulent) (referent)</li>" in html
    )
    # Afbud and Fraværende are two lines (issue 16); this header says Afbud only.
    assert "<dt>Afbud</dt><dd>Morten Michaelsen</dd>" in html
    assert "<dt>Fraværende</dt>" not in html
    assert "<dt>Suppleanter</dt><dd>Kristinna Andersen</dd>" in html
    assert "Offentliggjort" in html


@pytest.mark.django_db
def test_it_calls_an_agenda_an_agenda(client):
    """A meeting whose document is an agenda is headed "DAGSORDEN"."""
    html = page(client, store(make_document(kind=DocumentKind.AGENDA)))

    assert "<h1>DAGSORDEN FagMED Økonomi d. 08-10-2025</h1>" in html


@pytest.mark.django_db
def test_it_lists_the_items_and_links_them_to_their_anchors(client):
    """The Indholdsfortegnelse links each "Punkt N: titel" to the item below."""
    html = page(client, store(make_document(3)))

    assert "Indholdsfortegnelse" in html
    for number in (21, 22, 23):
        assert f'<a href="#punkt-{number}">Punkt {number}: Emne nummer {number}</a>' in html
        assert f'id="punkt-{number}"' in html
        assert f">Punkt {number}: Emne nummer {number}</h2>" in html
    assert (
        html.index("Punkt 21: Emne") < html.index("Punkt 22: Emne") < html.index("Punkt 23: Emne")
    )


@pytest.mark.django_db
def test_it_renders_every_kind_of_block(client):
    """Paragraphs, sub-headings, nested and numbered lists and tables with a header row."""
    html = page(client, store(make_document(1)))

    assert '<h4 class="subheading">Status fra IT</h4>' in html
    assert "<li>Vi er én afdeling\n<ul>\n<li>Underpunkt</li>" in html
    assert "<ol>\n<li>Første</li>\n<li>Anden</li>" in html
    assert '<th scope="col">1.000 kr.</th>' in html
    assert '<th scope="row">Økonomi &amp; Administration</th><td class="num">265.786</td>' in html
    assert "<p>FagMED godkendte punktet.</p>" in html


@pytest.mark.django_db
def test_it_writes_the_recommendation_inside_the_indstilling_section(client):
    """ "X indstiller," then the at-clauses; numbered clauses become an ordered list."""
    html = page(client, store(make_document(2)))
    first, second = html.split('id="punkt-22"')

    indstilling = first[first.index("<h3>Indstilling</h3>") : first.index("<h3>Beslutning</h3>")]
    assert "<p>Stabschef for Strategi og Udbud indstiller,</p>" in indstilling
    assert "<p>at FagMED godkender dagsordenen.</p>" in indstilling
    assert '<ol class="clauses"><li>at FagMED godkender dagsordenen.</li>' in second


@pytest.mark.django_db
def test_it_shows_the_case_number_bilag_and_the_items_absentees(client):
    """Sagsnr., the bilag titles in the Bilag section, the item's Fraværende and
    Suppleanter lines."""
    html = page(client, store(make_document(1)))

    assert "81.16.00-G01-2-25</p>" in html
    bilag = html[html.index("<h3>Bilag</h3>") :]
    assert '<ul class="attachments"><li>Måltal</li></ul>' in bilag
    assert "<strong>Fraværende</strong> Cathrin Borregaard Andersen" in html
    # The item's substitute has their own line, as in the PDF, Word and HTML files.
    assert "<strong>Suppleanter</strong> Betina Bjerrisgaard" in html


def item_saying(*blocks) -> AgendaItem:
    return AgendaItem(
        1, "Eventuelt", sections=(Section(SectionKind.CASE, "Sagsfremstilling", blocks),)
    )


@pytest.mark.django_db
def test_it_turns_markdown_links_into_anchors(client):
    """[tekst](url) becomes a link in paragraphs, list items and table cells."""
    item = item_saying(
        Paragraph("Referatet kan læses [her](https://example.org/referat?a=1&b=2)."),
        BulletList((ListItem("Skriv til [HR](mailto:hr@example.org)"),)),
        Table((("Kilde",), ("[KL](https://www.kl.dk)",))),
        Paragraph("Se [punktet](#punkt-1)."),
    )
    html = page(client, store(make_document((item,))))

    assert 'kan læses <a href="https://example.org/referat?a=1&amp;b=2">her</a>.' in html
    assert '<li>Skriv til <a href="mailto:hr@example.org">HR</a></li>' in html
    assert '<a href="https://www.kl.dk">KL</a>' in html
    assert '<a href="#punkt-1">punktet</a>' in html


@pytest.mark.django_db
def test_it_escapes_markup_in_the_text(client):
    """<script> in section text is shown as text, and unsafe link targets stay plain text."""
    item = item_saying(
        Paragraph("<script>alert('x')</script> og <b>fed</b>"),
        Paragraph("Klik [her](javascript:alert(1)) eller [der](data:text/html,x)"),
        Paragraph('[<img src=x onerror="y">](https://example.org/"onmouseover="z)'),
    )
    html = page(client, store(make_document((item,))))

    assert "<script>alert" not in html
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt; og &lt;b&gt;fed&lt;/b&gt;" in html
    assert "javascript:" in html and 'href="javascript:' not in html
    assert 'href="data:' not in html
    assert "<img" not in html
    assert 'href="https://example.org/&quot;onmouseover=&quot;z"' in html


@pytest.mark.django_db
def test_it_withholds_closed_items_from_the_public(client):
    """A closed item shows its number and "Lukket punkt", nothing else (title included)."""
    closed = make_item(9, closed=True)
    meeting = store(make_document((closed,)))

    html = page(client, meeting)
    assert "Punkt 9: Lukket punkt" in html
    assert "Emne nummer 9" not in html
    assert '<p class="closed-marker">Lukket punkt</p>' in html
    assert "Indholdet af lukkede punkter offentliggøres ikke." in html
    assert "Sagsfremstilling" not in html


@pytest.mark.django_db
def test_it_answers_404_for_an_unknown_meeting(client):
    """No meeting with that id: 404."""
    assert client.get(reverse("web:meeting", args=[999999])).status_code == 404


@pytest.mark.django_db
@pytest.mark.parametrize("items", [1, 40])
def test_it_costs_a_fixed_number_of_queries(client, django_assert_num_queries, items):
    """A meeting of 1 or 40 items costs the same queries: the meeting, then its document."""
    meeting = store(make_document(items))

    with django_assert_num_queries(MEETING_QUERIES):
        html = page(client, meeting)
    assert html.count('<section class="item"') == items
