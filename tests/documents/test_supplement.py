"""A tillægsdagsorden in document terms: marks on titles, only the supplement's items, its file."""

from __future__ import annotations

from dataclasses import replace
from html import escape

from hypothesis import given, settings
from hypothesis import strategies as st

from medref.documents import MeetingDocument
from medref.documents.public import public_version
from medref.documents.supplement import ADDED, CHANGED, mark_items, marked_title, only_items
from medref.renderers.supplement import render_supplement_html, title
from tests.documents.strategies import meeting_documents


@settings(max_examples=60, deadline=None)
@given(meeting_documents(), st.data())
def test_marks_change_only_the_marked_titles(doc: MeetingDocument, data: st.DataObject) -> None:
    numbers = [item.number for item in doc.items]
    chosen = data.draw(st.lists(st.sampled_from(numbers), unique=True)) if numbers else []
    marks = {n: data.draw(st.sampled_from([ADDED, CHANGED])) for n in chosen}
    marked = mark_items(doc, marks)
    assert [i.number for i in marked.items] == numbers
    for before, after in zip(doc.items, marked.items, strict=True):
        expected = (
            marked_title(before.title, marks[before.number])
            if before.number in marks
            else before.title
        )
        assert after.title == expected
        assert after.sections == before.sections and after.closed == before.closed


@settings(max_examples=60, deadline=None)
@given(meeting_documents(), st.data())
def test_only_the_supplements_items_in_the_documents_order(
    doc: MeetingDocument, data: st.DataObject
) -> None:
    numbers = [item.number for item in doc.items]
    chosen = data.draw(st.lists(st.sampled_from(numbers), unique=True)) if numbers else []
    kept = only_items(doc, reversed(chosen))
    assert [i.number for i in kept.items] == [n for n in numbers if n in chosen]
    assert kept.toc == () and kept.meeting_date == doc.meeting_date


def test_an_unknown_number_is_refused_by_name() -> None:
    doc = MeetingDocument(kind="dagsorden", committee="FagMED", meeting_date=None)  # type: ignore[arg-type]
    try:
        only_items(doc, [9])
    except ValueError as refused:
        assert "9" in str(refused)
    else:
        raise AssertionError("only_items accepted a number the document does not have")


@settings(max_examples=30, deadline=None)
@given(meeting_documents())
def test_the_supplement_file_is_titled_and_the_public_one_keeps_no_closed_text(
    doc: MeetingDocument,
) -> None:
    html = render_supplement_html(public_version(doc), 2, "fredag d. 5. december 2026")
    assert f"<title>{escape(title(doc, 2), quote=False)}</title>" in html
    assert title(doc, 2).startswith("TILLÆGSDAGSORDEN nr. 2 ")
    # No leak: every closed text the file shows is shown as well when the closed items
    # have no text at all (a generated closed text may also be part of an open item's
    # title, text, clauses or list entries, or of the header).
    emptied = replace(
        doc,
        items=tuple(replace(i, sections=()) if i.closed else i for i in doc.items),
    )
    without_closed = render_supplement_html(
        public_version(emptied), 2, "fredag d. 5. december 2026"
    )
    for item in doc.items:
        if item.closed:
            for section in item.sections:
                for block in section.blocks:
                    text = getattr(block, "text", "")
                    if len(text) > 20 and escape(text, quote=False) not in without_closed:
                        assert escape(text, quote=False) not in html
