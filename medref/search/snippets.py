"""Snippets: the original text around the hits, hits in <mark>, no Django.

The index stores one stemmed word per original word, so a hit's position
among the stemmed words, worked out here from the query on both
databases, is the position of the original word to mark. A word that
matched only through its compound parts ("fravær" in
"sygefraværsrapporter") is marked when it contains the part.
"""

from __future__ import annotations

import html
import re

from medref.search.query import Query, fold, stem

_SPLIT = re.compile(r"([^\W_]+)")


def positions_for_query(stems: list[str], query: Query) -> set[int]:
    """The positions of the stemmed words that ``query`` matches (terms, phrases, prefixes)."""
    terms = set(query.terms)
    prefixes = [stem(p) for p in query.prefixes]
    found = {
        i
        for i, word in enumerate(stems)
        if word in terms or any(word.startswith(p) for p in prefixes)
    }
    for phrase in query.phrases:
        size = len(phrase)
        for i in range(len(stems) - size + 1):
            if stems[i : i + size] == phrase:
                found.update(range(i, i + size))
    return found


def _part_hit(word: str, parts: tuple[str, ...]) -> bool:
    folded = fold(word)
    return any(part in folded for part in parts)


def snippet(
    text: str, positions: set[int], part_stems: tuple[str, ...] = (), width: int = 12
) -> str:
    """An HTML-escaped window of ``text`` around its first hit, hits in <mark>."""
    tokens = _SPLIT.split(text)  # words at odd indexes
    word_index = {2 * p + 1 for p in positions}
    hits = [
        i
        for i in range(1, len(tokens), 2)
        if i in word_index or (part_stems and _part_hit(tokens[i], part_stems))
    ]
    start = max(0, (hits[0] if hits else 0) - 2 * width)
    end = min(len(tokens), start + 8 * width)
    marked = set(hits)
    out = ["…" if start else ""]
    for i in range(start, end):
        part = html.escape(tokens[i])
        out.append(f"<mark>{part}</mark>" if i in marked else part)
    out.append("…" if end < len(tokens) else "")
    return "".join(out).strip()
