"""Nothing typed is lost: saving one form swaps only its part of the page, and the
minutes can be saved all at once (only what was changed)."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.test import Client
from django.urls import reverse

from medref.documents.model import SectionKind
from medref.meetings.models import Meeting
from tests.personas import Personas

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("media")]
HTMX = {"HTTP_HX_REQUEST": "true"}


def test_saving_a_section_with_htmx_returns_only_the_sections_part(
    planned: Meeting, client_as: Callable[[str], Client]
) -> None:
    item = planned.items.get(position=2)
    response = client_as("sofie").post(
        reverse("web:meetings:add_section", args=[planned.pk, item.pk]),
        {"kind": "sagsfremstilling", "heading": "", "text": "Ny tekst.", "version": "0"},
        **HTMX,
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert html.lstrip().startswith('<section id="afsnit"')
    assert 'data-item-version="1"' in html
    # The other forms (title, recommendation, bilag) are not in the answer: what is
    # typed in them stays in the browser.
    assert 'id="indstilling"' not in html and 'id="punkt-felter"' not in html
    assert 'id="bilag"' not in html


def test_saving_the_title_updates_the_heading_out_of_band(
    planned: Meeting, client_as: Callable[[str], Client]
) -> None:
    item = planned.items.get(position=2)
    response = client_as("sofie").post(
        reverse("web:meetings:item", args=[planned.pk, item.pk]),
        {"title": "Ny titel", "case_number": "", "version": "0"},
        **HTMX,
    )
    html = response.content.decode()
    assert '<h1 id="punkt-titel" hx-swap-oob="true">' in html
    assert "Ny titel" in html
    assert 'id="afsnit"' not in html


def test_the_editor_pages_load_the_unsaved_changes_script(
    planned: Meeting, client_as: Callable[[str], Client]
) -> None:
    item = planned.items.get(position=2)
    html = client_as("sofie").get(reverse("web:meetings:item", args=[planned.pk, item.pk]))
    assert b"meetings/editor.js" in html.content
    assert b"<script>" not in html.content  # no inline script (CSP)


def _decision(meeting: Meeting, position: int) -> str:
    item = meeting.items.get(position=position)
    section = item.sections.filter(kind=SectionKind.DECISION).first()
    return section.text if section else ""


def test_all_decisions_are_saved_at_once_but_only_the_changed_ones(
    sent: Meeting, personas: Personas, client_as: Callable[[str], Client]
) -> None:
    client = client_as("sofie")
    page = client.get(reverse("web:meetings:minutes", args=[sent.pk])).content.decode()
    assert "Gem alle beslutninger" in page
    data: dict[str, str] = {}
    items = list(sent.items.order_by("position"))
    for item in items:
        prefix = f"punkt-{item.number}"
        data[f"{prefix}-version"] = str(item.version)
        data[f"{prefix}-text"] = ""
        data[f"{prefix}-phrase"] = ""
    # As the page offers them: standard phrasings preselected, left as they are.
    for item in items:
        from medref.meetings.workflow.standard import standard_decision

        data[f"punkt-{item.number}-phrase"] = standard_decision(item.title) or ""
    data[f"punkt-{items[2].number}-text"] = "Orienteringen blev taget til efterretning."
    data[f"punkt-{items[3].number}-text"] = "Intet."
    response = client.post(
        reverse("web:meetings:save_all_decisions", args=[sent.pk]), data, follow=True
    )
    assert "2 beslutninger gemt." in response.content.decode()
    sent.refresh_from_db()
    assert "Orienteringen blev taget til efterretning." in _decision(sent, 2)
    assert "Intet." in _decision(sent, 3)
    assert _decision(sent, 0) == ""  # untouched: its preselected phrasing not saved unasked


def test_a_stale_item_in_save_all_keeps_what_was_typed_and_saves_the_rest(
    sent: Meeting, personas: Personas, client_as: Callable[[str], Client]
) -> None:
    from medref.meetings.workflow import minutes

    items = list(sent.items.order_by("position"))
    data = {}
    for item in items:
        prefix = f"punkt-{item.number}"
        data.update({f"{prefix}-version": str(item.version), f"{prefix}-phrase": ""})
        data[f"{prefix}-text"] = ""
    data[f"punkt-{items[1].number}-text"] = "Min tekst om referatet."
    data[f"punkt-{items[2].number}-text"] = "Gemmes."
    # Frank saves item 2 in between.
    minutes.write_decision(items[1], "Franks tekst.", actor=personas.frank, expected_version=0)
    response = client_as("sofie").post(
        reverse("web:meetings:save_all_decisions", args=[sent.pk]), data
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "Min tekst om referatet." in html  # kept in the form, not lost
    assert "Frank Formand" in html  # who saved in between
    sent.refresh_from_db()
    assert "Gemmes." in _decision(sent, 2)


def test_the_item_editor_lists_its_sections(
    planned: Meeting, client_as: Callable[[str], Client]
) -> None:
    item = planned.items.get(position=1)  # Godkendelse af referat: one Sagsfremstilling
    html = client_as("sofie").get(reverse("web:meetings:item", args=[planned.pk, item.pk]))
    assert b'<div id="afsnit-liste">' in html.content
    assert b"<h3>Sagsfremstilling</h3>" in html.content


def test_adding_a_section_swaps_the_list_in_place_not_out_of_band(
    planned: Meeting, client_as: Callable[[str], Client]
) -> None:
    item = planned.items.get(position=2)
    response = client_as("sofie").post(
        reverse("web:meetings:add_section", args=[planned.pk, item.pk]),
        {"kind": "sagsfremstilling", "heading": "", "text": "Ny.", "version": "0"},
        **HTMX,
    )
    assert b'<div id="afsnit-liste">' in response.content
    assert b"hx-swap-oob" not in response.content


def test_a_recommendation_that_adds_its_section_updates_only_the_list_out_of_band(
    planned: Meeting, client_as: Callable[[str], Client]
) -> None:
    item = planned.items.get(position=2)
    response = client_as("sofie").post(
        reverse("web:meetings:recommendation", args=[planned.pk, item.pk]),
        {"proposer": "Økonomichefen", "clauses": "budgettet godkendes", "version": "0"},
        **HTMX,
    )
    html = response.content.decode()
    assert '<div id="afsnit-liste" hx-swap-oob="true">' in html
    assert "<h3>Indstilling</h3>" in html
    assert "add-section" not in html  # the new-section form (maybe half typed) is left alone


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("Det **vedtages** nu.", "Det <strong>vedtages</strong> nu."),
        ("Alle *skal* med.", "Alle <em>skal</em> med."),
        ("Det __vedtages__ nu.", "Det <strong>vedtages</strong> nu."),
        ("3 * 4 = 12", "3 * 4 = 12"),
        ("*) se note", "*) se note"),
    ],
)
def test_the_preview_shows_bold_and_italic_as_they_will_be_saved(
    planned: Meeting, client_as: Callable[[str], Client], text: str, shown: str
) -> None:
    """Issue 16: bold and italic are kept, so the preview shows them (and no warning);
    literal asterisks stay asterisks."""
    response = client_as("sofie").post(
        reverse("web:meetings:preview", args=[planned.pk]), {"text": text}, **HTMX
    )
    html = response.content.decode()
    assert shown in html
    assert "bevares ikke" not in html


def test_bold_and_italic_in_a_decision_survive_a_save(
    sent: Meeting, personas: Personas, client_as: Callable[[str], Client]
) -> None:
    """Issue 16: "Bold and italic typed in a decision are silently dropped on save"."""
    item = sent.items.order_by("position")[2]
    client = client_as("sofie")
    prefix = f"punkt-{item.number}"
    response = client.post(
        reverse("web:meetings:decision", args=[sent.pk, item.pk]),
        {
            f"{prefix}-text": "FagMED **godkendte** budgettet *med* ændringer; 5 * 3 = 15.",
            f"{prefix}-version": str(item.version),
            f"{prefix}-phrase": "",
        },
        follow=True,
    )
    assert response.status_code == 200
    section = item.sections.get(kind=SectionKind.DECISION)
    assert section.body == [
        {
            "type": "paragraph",
            "text": "FagMED **godkendte** budgettet *med* ændringer; 5 * 3 = 15.",
        }
    ]
    # Search and previews read the text without markers.
    assert section.text == "FagMED godkendte budgettet med ændringer; 5 * 3 = 15."
    from medref.search.models import SearchEntry
    from medref.search.services import index_item

    index_item(item)
    indexed = SearchEntry.objects.get(item=item, section_kind=SectionKind.DECISION.value)
    assert indexed.text == "FagMED godkendte budgettet med ændringer; 5 * 3 = 15."
    assert "*" not in indexed.stemmed
    page = client.get(reverse("web:meetings:minutes", args=[sent.pk])).content.decode()
    # The editor shows the Markdown again, and the preview the emphasis.
    assert "FagMED **godkendte** budgettet *med* ændringer; 5 \\* 3 = 15." in page
    assert "<strong>godkendte</strong>" in page


def test_lists_tables_and_links_survive_a_save(
    sent: Meeting, personas: Personas, client_as: Callable[[str], Client]
) -> None:
    from medref.meetings.text import blocks_to_markdown, markdown_to_blocks

    text = "Indledning.\n\n- en\n- to\n\n| a | b |\n| --- | --- |\n| 1 | 2 |\n\n[se](https://x.dk)"
    assert blocks_to_markdown(markdown_to_blocks(text)) == text
