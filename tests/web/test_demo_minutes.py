"""The three real minutes in medref/demo, imported and shown as pages."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from django.urls import reverse

from medref.importers import parse_file
from medref.meetings.services import import_document

from .documents import MUNICIPALITY


def import_demo(path: Path):
    result = import_document(
        parse_file(path),
        municipality_name=MUNICIPALITY,
        source_name=path.name,
        source_sha256=hashlib.sha256(path.read_bytes()).hexdigest(),
    )
    return result.meeting


@pytest.fixture
def demo_pages(client, examples_dir: Path) -> dict[str, str]:
    """Each demo file's meeting page, by file name."""
    pages = {}
    for path in sorted(examples_dir.iterdir()):
        meeting = import_demo(path)
        response = client.get(reverse("web:meeting", args=[meeting.pk]))
        assert response.status_code == 200
        pages[path.name] = response.content.decode()
    return pages


@pytest.mark.django_db
def test_the_fagmed_minutes_read_like_the_original(demo_pages):
    """Header, items in order, the 1.000 kr. table and the links in the text."""
    html = demo_pages["referat-fagmed-oekonomi-2025-10-08.txt"]

    assert "<h1>REFERAT FagMED Økonomi d. 08-10-2025</h1>" in html
    assert "<dd>Onsdag d. 08. oktober 2025 kl. 13:00</dd>" in html
    assert "<dd>Mødelokale 2225</dd>" in html
    assert "Punkt 21: Godkendelse af dagsorden" in html
    assert ">Punkt 24: Arbejdsmiljø</h2>" in html
    assert '<th scope="col">1.000 kr.</th>' in html
    assert '<td class="num">265.786</td>' in html
    assert "<p>Stabschef for Strategi og Udbud indstiller,</p>" in html
    assert 'Referatet kan læses <a href="#">her</a>.' in html
    assert "<li>Ultimo november 2025: AS-IS-analyse" in html
    assert "Sarah Gaarde, Kennet Wolff Engel, Henrik F. Gamborg-Kvist" in html


@pytest.mark.django_db
def test_the_afdelingsmed_minutes_name_the_minute_taker(demo_pages):
    """Mødedeltagere with their titles, the referent marked, numbered at-clauses, bilag."""
    html = demo_pages["referat-afdelingsmed-oekonomi-stab-2025-11-20.txt"]

    assert "<h1>REFERAT AfdelingsMED Økonomi &amp; Stab d. 20-11-2025</h1>" in html
    assert "<li>Marie Aasøe (Afdelingschef for Økonomi &amp; Stab)</li>" in html
    assert (
        "<li>Pernille Løvendahl Carlsen (Personaleadministrativ konsulent) (referent)</li>" in html
    )
    assert '<ol class="clauses"><li>at dagsorden og referat godkendes</li></ol>' in html
    assert "<li>ØSMED Referat 03102025</li>" in html


@pytest.mark.django_db
def test_the_lokalmed_minutes_keep_nested_lists_and_the_fravaerende_line(demo_pages):
    """Markdown minutes: sub-headings, nested bullets and each item's Fraværende line."""
    html = demo_pages["referat-lokalmed-borgerservice-2025-06-20.md"]

    assert "<h1>REFERAT LokalMED Borgerservice d. 20-06-2025</h1>" in html
    assert "<strong>Fraværende</strong> Cathrin Borregaard Andersen" in html
    assert "<li>Nyt fra Borgerservice\n<ul>\n<li>Personalenytt</li>" in html
    assert '<h4 class="subheading">AI og digitalisering</h4>' in html
    assert "<p>Udvalget indstiller,</p>" in html
