"""The text and Markdown front ends' shortcuts give what the long way gives.

Each shortcut is compared with the plain form it replaced, on generated
input: the one list-line pattern with the bullet and number patterns tried
in turn, a Markdown paragraph's quick build with the line split, and the
single-text-event path with the inline loop over the same events.
"""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from medref.documents import Paragraph
from medref.importers.blocks import RawBlock, clean_inline
from medref.importers.markdown import (
    _MARKDOWN,
    _block_text,
    _inline,
    _inline_rich,
    _paragraph,
)
from medref.importers.text import _list_line

SPACES = [" ", "  ", "\t", "\u00a0", "\u2003", "\x0b", "\x1c", "\u200b"]
WORDS = ["Budget", "møde", "o", "og", "1", "12", "123", "1234", "x"]
MARKERS = ["-", "•", "*", "–", "o", "1.", "12)", "123.", "1234.", ".", ")"]

_BULLET = re.compile(r"^(?P<indent>[ \t]*)(?:[-•*–]\s+|o(?:\s{2,}|\t)\s*)(?P<text>\S.*)$")
_NUMBERED = re.compile(r"^(?P<indent>[ \t]*)\d{1,3}[.)]\s+(?P<text>\S.*)$")


def pieces(*groups: list[str]) -> st.SearchStrategy[str]:
    choices = [piece for group in groups for piece in group] + SPACES
    return st.lists(st.sampled_from(choices) | st.text(max_size=3), max_size=10).map("".join)


def _two_patterns(line: str) -> tuple[int, bool, str] | None:
    for pattern, ordered in ((_BULLET, False), (_NUMBERED, True)):
        match = pattern.match(line)
        if match:
            return len(match["indent"].expandtabs(4)), ordered, clean_inline(match["text"])
    return None


@settings(max_examples=400)
@given(pieces(MARKERS, WORDS))
def test_one_list_pattern_reads_as_the_bullet_and_number_patterns(line: str) -> None:
    line = line.rstrip()
    assert _list_line(line) == _two_patterns(line)


def _paragraph_long_way(line: int, raw: str) -> RawBlock:
    lines = tuple([stripped for part in raw.split("\n") if (stripped := part.strip())])
    cleaned = clean_inline(raw)
    return RawBlock(line, Paragraph(cleaned), lines or (cleaned,))


@given(pieces(WORDS, ["\n", " \n ", "  x  ", ""]))
def test_a_markdown_paragraph_built_quickly_is_the_same_block(raw: str) -> None:
    assert _paragraph(3, raw) == _paragraph_long_way(3, raw)


MARKDOWN = ["# ", "**", "*", "_", "\n", "\n\n", "[a](http://x.dk)", "`k`", "\\*", "&amp;", "  \n"]


@settings(max_examples=300)
@given(pieces(MARKDOWN, WORDS), st.booleans())
def test_the_single_text_path_reads_as_the_inline_loop(text: str, emphasis: bool) -> None:
    inline = _inline_rich if emphasis else _inline
    quick = iter(_MARKDOWN.events_with_range(text, merge_text=True))
    slow = iter(_MARKDOWN.events_with_range(text, merge_text=True))
    for (event, _), _same in zip(quick, slow, strict=False):
        if isinstance(event, dict) and event.get("Start") == "Paragraph":
            assert _block_text(quick, inline, "Paragraph") == inline(slow, "Paragraph")
    # Both left the events at the same place.
    assert list(quick) == list(slow)
