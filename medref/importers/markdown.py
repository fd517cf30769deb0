"""Markdown minutes: the front end, on markdown-it (CommonMark plus tables).

Heading levels carry no structure in real minutes (``## HovedMED`` stands at
the level of ``## Punkt 12``), so headings become plain heading blocks and
the structure reader decides what they are. Bold and emphasis are dropped;
links are kept in the inline ``[text](url)`` form of the document model.
"""

from __future__ import annotations

from collections.abc import Sequence

from markdown_it import MarkdownIt
from markdown_it.token import Token

from medref.documents import BulletList, ListItem, Table

from .blocks import RawBlock, clean_inline, heading, paragraph

_PARSER = MarkdownIt("commonmark").enable("table")


def inline_text(token: Token) -> str:
    """An inline token as model text; soft and hard breaks become newlines."""
    parts: list[str] = []
    hrefs: list[str] = []
    for child in token.children or ():
        match child.type:
            case "text" | "code_inline":
                parts.append(child.content)
            case "softbreak" | "hardbreak":
                parts.append("\n")
            case "link_open":
                hrefs.append(str(child.attrGet("href") or ""))
                parts.append("[")
            case "link_close":
                parts.append(f"]({hrefs.pop()})")
            case "image":
                parts.append(child.content)
    return "".join(parts)


def _line(token: Token) -> int:
    return token.map[0] + 1 if token.map else 0


def _list_items(tokens: Sequence[Token], start: int) -> tuple[tuple[ListItem, ...], int]:
    """Read list items from just after a *_list_open to just after its close."""
    items: list[ListItem] = []
    i = start
    while tokens[i].type not in ("bullet_list_close", "ordered_list_close"):
        assert tokens[i].type == "list_item_open"
        i += 1
        texts: list[str] = []
        children: tuple[ListItem, ...] = ()
        while tokens[i].type != "list_item_close":
            token = tokens[i]
            if token.type == "inline":
                texts.append(inline_text(token))
            elif token.type in ("bullet_list_open", "ordered_list_open"):
                nested, i = _list_items(tokens, i + 1)
                children += nested
                continue
            i += 1
        items.append(ListItem(clean_inline(" ".join(texts)), children))
        i += 1
    return tuple(items), i + 1


def _table(tokens: Sequence[Token], start: int) -> tuple[Table, int]:
    rows: list[tuple[str, ...]] = []
    cells: list[str] = []
    i = start
    while tokens[i].type != "table_close":
        token = tokens[i]
        if token.type == "tr_open":
            cells = []
        elif token.type == "inline":
            cells.append(clean_inline(inline_text(token)))
        elif token.type == "tr_close":
            rows.append(tuple(cells))
        i += 1
    return Table(tuple(rows)), i + 1


def markdown_blocks(text: str) -> list[RawBlock]:
    tokens = _PARSER.parse(text)
    blocks: list[RawBlock] = []
    i = 0
    while i < len(tokens):
        token = tokens[i]
        line = _line(token)
        if token.type == "heading_open":
            blocks.append(heading(line, inline_text(tokens[i + 1])))
            i += 3
        elif token.type == "paragraph_open":
            raw = inline_text(tokens[i + 1])
            lines = tuple(clean_inline(part) for part in raw.split("\n") if part.strip())
            raw_lines = tuple(part.strip() for part in raw.split("\n") if part.strip())
            blocks.append(paragraph(line, raw, raw_lines or lines))
            i += 3
        elif token.type in ("bullet_list_open", "ordered_list_open"):
            items, i = _list_items(tokens, i + 1)
            ordered = token.type == "ordered_list_open"
            raw_lines = tuple(f"- {item.text}" for item in items)
            blocks.append(RawBlock(line, BulletList(items, ordered), raw_lines))
        elif token.type == "table_open":
            table, i = _table(tokens, i + 1)
            blocks.append(RawBlock(line, table, tuple("\t".join(r) for r in table.rows)))
        elif token.type in ("fence", "code_block"):
            for offset, part in enumerate(token.content.splitlines()):
                if part.strip():
                    blocks.append(paragraph(line + offset + 1, part))
            i += 1
        else:
            # blockquote and hr markers, raw HTML: their inner blocks (if any) follow.
            i += 1
    return blocks
