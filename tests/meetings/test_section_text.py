"""Section text in the editor: Markdown in, blocks stored, the same Markdown shown again."""

from __future__ import annotations

from hypothesis import given, settings

from medref.documents.model import Block, BulletList, Heading, ListItem, Paragraph, Table
from medref.meetings.text import blocks_to_markdown, markdown_to_blocks
from tests.documents import strategies


@settings(max_examples=200, deadline=None)
@given(blocks=strategies.blocks(headings=True))
def test_stored_blocks_survive_the_editor(blocks: tuple[Block, ...]) -> None:
    """What the editor shows for stored blocks reads back as the same blocks."""
    assert markdown_to_blocks(blocks_to_markdown(blocks)) == blocks


def test_markdown_becomes_the_documents_blocks() -> None:
    text = "Status fra IT\n\n#### Økonomi\n\n- en\n  - to\n\n| A | B |\n|---|---|\n| 1 | 2 |"
    assert markdown_to_blocks(text) == (
        Paragraph("Status fra IT"),
        Heading("Økonomi"),
        BulletList((ListItem("en", (ListItem("to"),)),)),
        Table((("A", "B"), ("1", "2"))),
    )


def test_bold_and_italic_are_kept() -> None:
    """Issue 16: emphasis typed in the editor is stored as **fed**/*kursiv*."""
    text = (
        "Det **vedtages**, *ikke* udsættes.\n\n- **en**\n- to\n\n"
        "| **a** | b |\n| --- | --- |\n| 1 | *2* |"
    )
    blocks = markdown_to_blocks(text)
    assert blocks == (
        Paragraph("Det **vedtages**, *ikke* udsættes."),
        BulletList((ListItem("**en**"), ListItem("to"))),
        Table((("**a**", "b"), ("1", "*2*"))),
    )
    assert blocks_to_markdown(blocks) == text


def test_nothing_is_no_blocks_and_lines_are_joined() -> None:
    assert markdown_to_blocks("") == ()
    assert markdown_to_blocks("  \n\n ") == ()
    assert markdown_to_blocks("en\nlinje") == (Paragraph("en linje"),)
    assert blocks_to_markdown(()) == ""


def test_characters_markdown_would_eat_are_escaped_when_shown() -> None:
    """A paragraph "1. at …" is not a list and a literal "*" (written ``\\*`` in
    the model, see documents.inline) is not emphasis after the round trip."""
    blocks = (
        Paragraph("1. at FagMED godkender"),
        Paragraph("a \\*b\\* c"),
        Paragraph("5 * 3 og *) note"),
        Paragraph("- ikke en liste"),
    )
    assert markdown_to_blocks(blocks_to_markdown(blocks)) == blocks
