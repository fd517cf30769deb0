"""No text of a closed item reaches a public version."""

from __future__ import annotations

from dataclasses import replace

from hypothesis import given, settings

from medref.documents import MeetingDocument
from medref.documents.plain import section_text
from medref.documents.public import CLOSED_TITLE, public_version
from medref.renderers import render
from tests.documents.strategies import meeting_documents


def secrets(doc: MeetingDocument) -> set[str]:
    """Every piece of text a closed item holds, long enough to be unmistakable."""
    found: set[str] = set()
    for item in doc.items:
        if not item.closed:
            continue
        found.add(item.title)
        found.update(a.title for a in item.attachments)
        found.update(section_text(item, s) for s in item.sections)
    return {text for text in found if len(text) > 12}


def with_secret_closed_item(doc: MeetingDocument) -> MeetingDocument:
    """Close the first item and give it words no open item uses."""
    first = replace(
        doc.items[0],
        closed=True,
        title="Personalesag vedrørende Hemmelig Hansen",
        attachments=(),
    )
    return replace(doc, items=(first, *doc.items[1:]))


@settings(max_examples=40, deadline=None)
@given(meeting_documents())
def test_no_closed_text_in_public_text_or_markdown(doc: MeetingDocument) -> None:
    doc = with_secret_closed_item(doc)
    for fmt in ("txt", "md"):
        output = render(doc, fmt, public=True)
        assert "Hemmelig Hansen" not in output
        # Generated text repeats itself: a secret may also stand in an open part.
        without_closed = render(replace(doc, items=doc.items[1:]), fmt)
        for secret in secrets(doc) - {s for s in secrets(doc) if s in without_closed}:
            assert secret not in output


def test_a_closed_item_keeps_its_number_and_loses_everything_else() -> None:
    from pathlib import Path

    from medref.importers import parse_file

    doc = parse_file(
        Path(__file__).resolve().parents[1] / "fixtures" / "layouts" / "numbered-items.txt"
    )
    public = public_version(doc)
    closed = public.item(3)
    assert closed is not None
    assert (closed.title, closed.closed, closed.sections, closed.case_number) == (
        CLOSED_TITLE,
        True,
        (),
        None,
    )
    assert public.toc[2].title == CLOSED_TITLE
    assert public.item(2) == doc.item(2)
    assert "Personalesag" not in render(doc, "txt", public=True)
    assert "Punkt 3: Lukket punkt" in render(doc, "txt", public=True)
