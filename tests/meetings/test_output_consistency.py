"""The same meeting reads the same on the page and in its PDF, Word and HTML
files: who came, who sent apologies, which substitute took part in which item;
and minutes not yet approved say "UDKAST" in the title and on every page."""

from __future__ import annotations

import io
import re
from collections.abc import Callable

import pytest
from django.test import Client
from django.urls import reverse

from medref.meetings.models import Attendance, Meeting
from medref.meetings.workflow import minutes
from tests.personas import Personas

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("media")]

ABSENT = "Mads Medlem"
SUBSTITUTE = "Sara Suppleant"


@pytest.fixture
def draft(sent: Meeting, personas: Personas) -> Meeting:
    """Draft minutes (referat udkast): Mads's afbud, Sara on the third item, a decision."""
    members, _ = minutes.members_on(sent)
    statuses = {m.person_id: Attendance.Status.PRESENT for m in members}
    statuses[personas.people["mads"].pk] = Attendance.Status.SENT_APOLOGIES
    third = sent.items.get(position=2)
    minutes.record_attendance(
        sent,
        statuses,
        actor=personas.sofie,
        item_substitutes={third.pk: [personas.people["sara"].pk]},
    )
    minutes.write_decision(
        third, "Taget til efterretning.", actor=personas.sofie, expected_version=None
    )
    held = minutes.mark_held(sent, actor=personas.sofie, confirmed=True)
    return minutes.submit_minutes(held, actor=personas.sofie, confirmed=True)


def _file(client: Client, meeting: Meeting, fmt: str) -> bytes:
    response = client.get(reverse("web:download", args=[meeting.pk, fmt]))
    assert response.status_code == 200
    return response.content


def _pdf_pages(content: bytes) -> list[str]:
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(content)
    try:
        return [" ".join(page.get_textpage().get_text_range().split()) for page in document]
    finally:
        document.close()


def _between(text: str, start: str, end: str) -> str:
    return text[text.index(start) + len(start) : text.index(end, text.index(start))]


def test_afbud_is_never_also_a_participant_on_the_page_or_in_any_file(
    draft: Meeting, client_as: Callable[[str], Client], personas: Personas
) -> None:
    client = client_as("mads")
    page = client.get(reverse("web:meeting", args=[draft.pk])).content.decode()
    people = _between(page, '<ul class="people">', "</ul>")
    page_participants = set(re.findall(r"<li>([^<(]+?)(?: \(|</li>)", people))
    html = _file(client, draft, "html").decode()
    html_participants = set(
        re.findall(r"<dd>([^<(]+?)(?: \(|</dd>)", _between(html, "<dt>Mødedeltagere</dt>", "</dl>"))
    )
    pdf = _pdf_pages(_file(client, draft, "pdf"))
    pdf_participants = _between(pdf[0], "Mødedeltagere", "Afbud")
    import docx

    word = docx.Document(io.BytesIO(_file(client, draft, "docx")))
    word_text = "\n".join(p.text for p in word.paragraphs)
    word_participants = _between(word_text, "Mødedeltagere", "Afbud")

    assert "Frank Formand" in page_participants
    assert page_participants == html_participants
    for name in page_participants:
        assert name in pdf_participants and name in word_participants
    for text in (people, " ".join(html_participants), pdf_participants, word_participants):
        assert ABSENT not in text
    # Listed under Afbud everywhere.
    assert ABSENT in _between(page, "Afbud", "</div>")
    assert ABSENT in _between(html, "<dt>Afbud</dt>", "</dl>")
    assert ABSENT in pdf[0][pdf[0].index("Afbud") :][:200]
    assert ABSENT in word_text[word_text.index("Afbud") :][:200]


def test_a_per_item_substitute_is_on_the_page_and_in_every_file(
    draft: Meeting, client_as: Callable[[str], Client]
) -> None:
    client = client_as("mads")
    third = draft.items.get(position=2)
    page = client.get(reverse("web:meeting", args=[draft.pk])).content.decode()
    section = page[page.index(f'id="punkt-{third.number}"') :]
    section = section[
        : section.index("</section>\n  </section>")
        if "</section>\n  </section>" in section
        else 4000
    ]
    assert f"<strong>Suppleanter</strong> {SUBSTITUTE}" in page
    html = _file(client, draft, "html").decode()
    assert f"<strong>Suppleanter:</strong> {SUBSTITUTE}" in html
    assert SUBSTITUTE in "".join(_pdf_pages(_file(client, draft, "pdf")))
    import docx

    word = docx.Document(io.BytesIO(_file(client, draft, "docx")))
    assert any(SUBSTITUTE in p.text for p in word.paragraphs)
    # Only on that item: the other items name no substitute.
    assert page.count(f"<strong>Suppleanter</strong> {SUBSTITUTE}") == 1


def test_draft_minutes_say_udkast_in_the_title_and_on_every_page_of_every_format(
    draft: Meeting, client_as: Callable[[str], Client]
) -> None:
    client = client_as("mads")
    page = client.get(reverse("web:meeting", args=[draft.pk])).content.decode()
    assert re.search(r"<title>UDKAST – REFERAT", page)
    assert re.search(r"<h1>UDKAST – REFERAT", page)
    pages = _pdf_pages(_file(client, draft, "pdf"))
    assert len(pages) > 1
    assert all("UDKAST" in text for text in pages), [
        i for i, t in enumerate(pages) if "UDKAST" not in t
    ]
    html = _file(client, draft, "html").decode()
    assert "<title>UDKAST – REFERAT" in html and "@top-center" in html
    import docx

    word = docx.Document(io.BytesIO(_file(client, draft, "docx")))
    assert word.paragraphs[0].text.startswith("UDKAST – REFERAT")
    assert all("UDKAST" in s.header.paragraphs[0].text for s in word.sections)
    for fmt in ("md", "txt"):
        assert _file(client, draft, fmt).decode().lstrip("# ").startswith("UDKAST – REFERAT")
    download = client.get(reverse("web:download", args=[draft.pk, "pdf"]))
    assert "udkast-referat-" in download["Content-Disposition"]


def test_approved_minutes_and_agendas_carry_no_udkast(
    draft: Meeting, client_as: Callable[[str], Client], personas: Personas
) -> None:
    minutes.approve_minutes(draft, actor=personas.frank)
    client = client_as("mads")
    page = client.get(reverse("web:meeting", args=[draft.pk])).content.decode()
    assert "UDKAST" not in page
    assert not any("UDKAST" in t for t in _pdf_pages(_file(client, draft, "pdf")))
    # Before publishing, the public reads the agenda version: no UDKAST either.
    public = client_as("anonymous").get(reverse("web:meeting", args=[draft.pk])).content.decode()
    assert "UDKAST" not in public
