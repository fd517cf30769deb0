"""Section bodies survive storage as data; the JSON contract has its shape."""

from __future__ import annotations

from hypothesis import given, settings

from medref.documents import BulletList, ListItem, MeetingDocument, Paragraph, Table
from medref.documents.plain import blocks_text
from medref.documents.serialize import blocks_from_data, blocks_to_data, to_contract
from tests.documents.strategies import blocks, meeting_documents


@settings(max_examples=100, deadline=None)
@given(blocks(headings=True))
def test_blocks_survive_conversion_to_data(body: tuple) -> None:  # type: ignore[type-arg]
    assert blocks_from_data(blocks_to_data(body)) == body


@settings(max_examples=30, deadline=None)
@given(meeting_documents())
def test_the_contract_lists_every_item_and_section(doc: MeetingDocument) -> None:
    contract = to_contract(doc)
    assert [i["number"] for i in contract["items"]] == [i.number for i in doc.items]
    for item, data in zip(doc.items, contract["items"], strict=True):
        assert [s["kind"] for s in data["sections"]] == [str(s.kind) for s in item.sections]
        assert data["attachments"] == [a.title for a in item.attachments]


def test_plain_text_of_lists_and_tables() -> None:
    body = (
        Paragraph("Formålet er følgende:"),
        BulletList((ListItem("Modul 1", (ListItem("Her blev arbejdet"),)), ListItem("Modul 2"))),
        Table((("1.000 kr.", "Forventet regnskab"), ("Økonomi", "202.740"))),
    )
    assert blocks_text(body) == (
        "Formålet er følgende:\n\n"
        "- Modul 1\n - Her blev arbejdet\n- Modul 2\n\n"
        "1.000 kr.\tForventet regnskab\nØkonomi\t202.740"
    )
