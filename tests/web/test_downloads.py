"""The meeting as a file: a button per format, the public version for the public."""

from __future__ import annotations

import pytest
from django.urls import reverse

from medref.documents.model import AgendaItem, DocumentKind
from medref.documents.public import public_version
from medref.importers import parse_bytes
from medref.meetings import mapping
from medref.renderers.formats import REGISTRY

from .documents import make_document, make_item, store

CONTENT_TYPES = {
    "txt": "text/plain; charset=utf-8",
    "md": "text/markdown; charset=utf-8",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "html": "text/html; charset=utf-8",
    "pdf": "application/pdf",
}
SECRET = "Zebrafiskesagen"
DOWNLOAD_QUERIES = 7


# Every format medref writes: each has its button, its URL and its file.
FORMATS = ["txt", "md", "docx", "html", "pdf"]


def download(client, meeting, fmt: str):
    return client.get(reverse("web:download", args=[meeting.pk, fmt]))


def with_secret_item():
    """Minutes with an open item and a closed one whose title and text give it away."""
    sections = make_item(22).sections[:1]
    closed = AgendaItem(22, f"Personalesag {SECRET}", closed=True, sections=sections)
    return store(make_document((make_item(21), closed)))


@pytest.mark.django_db
def test_the_meeting_page_offers_a_download_per_format(client):
    """PDF, Word, HTML, Markdown and Tekst, each linking to /moeder/<id>/hent.<format>."""
    meeting = store(make_document())
    html = client.get(reverse("web:meeting", args=[meeting.pk])).content.decode()

    assert '<h2 id="hent">Hent</h2>' in html
    for fmt, label in (
        ("pdf", "PDF"),
        ("docx", "Word"),
        ("html", "HTML"),
        ("md", "Markdown"),
        ("txt", "Tekst"),
    ):
        link = f'<a class="download" href="/moeder/{meeting.pk}/hent.{fmt}" download>{label}</a>'
        assert link in html, fmt
    assert html.count('class="download"') == len(REGISTRY)
    assert "Filerne er den offentlige version: lukkede punkter er udeladt." in html


def test_the_formats_tested_here_are_the_registry():
    """The registry is the one list of formats: a new one must be tested here too."""
    assert sorted(FORMATS) == sorted(REGISTRY)
    assert {fmt: spec.content_type for fmt, spec in REGISTRY.items()} == CONTENT_TYPES


@pytest.mark.django_db
@pytest.mark.parametrize("fmt", FORMATS)
def test_it_serves_each_format_as_an_attachment(client, fmt):
    """Content-Type of the format; the file is named after the committee and the date."""
    response = download(client, store(make_document()), fmt)

    assert response.status_code == 200
    assert response["Content-Type"] == CONTENT_TYPES[fmt]
    assert response["Content-Disposition"] == (
        f'attachment; filename="referat-fagmed-oekonomi-2025-10-08.{fmt}"'
    )
    assert response["Cache-Control"] == "private"
    assert len(response.content) > 0


@pytest.mark.django_db
def test_an_agenda_is_named_dagsorden(client):
    response = download(client, store(make_document(kind=DocumentKind.AGENDA)), "txt")
    assert 'filename="dagsorden-fagmed-oekonomi-2025-10-08.txt"' in response["Content-Disposition"]
    assert response.content.decode().startswith("DAGSORDEN FagMED Økonomi d. 08-10-2025")


@pytest.mark.django_db
def test_the_text_files_are_the_rendered_minutes(client):
    meeting = store(make_document())
    text = download(client, meeting, "txt").content.decode()
    markdown = download(client, meeting, "md").content.decode()

    assert text.startswith("REFERAT FagMED Økonomi d. 08-10-2025\n")
    assert "Mødedato Onsdag d. 08. oktober 2025 kl. 13:00" in text
    assert markdown.startswith("# REFERAT FagMED Økonomi d. 08-10-2025\n")
    assert "## Punkt 21: Emne nummer 21" in markdown


@pytest.mark.django_db
@pytest.mark.parametrize("fmt", FORMATS)
def test_anonymous_readers_get_the_public_version(client, fmt):
    """A closed item's title and content are in no file the public can download."""
    meeting = with_secret_item()
    response = download(client, meeting, fmt)

    assert response.status_code == 200
    if fmt == "docx":
        back = parse_bytes(response.content, "docx", path="hent.docx")
        assert back.items == public_version(mapping.to_document(meeting)).items
    elif fmt in ("txt", "md", "html"):
        assert SECRET not in response.content.decode()
        assert "Punkt 22: Lukket punkt" in response.content.decode()
    else:
        assert response.content.startswith(b"%PDF")


@pytest.mark.parametrize("name", ["mads", "sofie", "anna"])
def test_members_get_everything(client_as, name):
    """The internal version: closed items with their title and content."""
    meeting = with_secret_item()
    client = client_as(name)

    assert SECRET in download(client, meeting, "txt").content.decode()
    docx = download(client, meeting, "docx").content
    back = parse_bytes(docx, "docx", path="hent.docx")
    assert back.items == mapping.to_document(meeting).items


@pytest.mark.parametrize("name", ["anonymous", "otto", "hanne", "finn", "ib"])
def test_non_members_get_the_public_version(client_as, name):
    meeting = with_secret_item()

    text = download(client_as(name), meeting, "txt").content.decode()
    assert SECRET not in text
    assert "Punkt 22: Lukket punkt" in text


@pytest.mark.django_db
@pytest.mark.parametrize("fmt", ["exe", "json", "TXT", "doc"])
def test_an_unknown_format_is_404(client, fmt):
    assert download(client, store(make_document()), fmt).status_code == 404


@pytest.mark.django_db
def test_an_unknown_meeting_is_404(client):
    assert client.get(reverse("web:download", args=[999999, "txt"])).status_code == 404


@pytest.mark.django_db
@pytest.mark.parametrize("items", [1, 40])
def test_a_download_costs_a_fixed_number_of_queries(client, django_assert_num_queries, items):
    """A meeting of 1 or 40 items costs the same queries as its page: the meeting, its document."""
    meeting = store(make_document(items))

    with django_assert_num_queries(DOWNLOAD_QUERIES):
        assert download(client, meeting, "docx").status_code == 200
