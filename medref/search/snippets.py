"""Snippets: the original text around the hits, hits in <mark>, no Django.

The index stores one stemmed word per original word, so a hit's position
among the stemmed words, worked out here from the query on both
databases, is the position of the original word to mark. A word that
matched only through its compound parts ("fravær" in
"sygefraværsrapporter") is marked when it contains the part.

Texts the index does not hold as entries (the case history's decisions and
sections) are matched word by word here (``matched_words``, the same
folding, stemming and compound parts) and cut to at most a number of
characters around the first hit (``excerpt``).
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Sequence

from medref.search.query import Query, fold, stem, words

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


# --- excerpts of any text (the case history's sections) ------------------------

EXCERPT_LIMIT = 400  # characters of the original text, about 60 words
_NO_PARTS: tuple[str, ...] = ()


def _no_parts(word: str) -> tuple[str, ...]:
    return _NO_PARTS


def matched_words(
    text: str, query: Query, parts_of: Callable[[str], Sequence[str]] = _no_parts
) -> set[int]:
    """The positions of ``text``'s words that ``query`` matches, as search matches them.

    Each word is folded and stemmed as the index stores it (``index_text``), so
    "Sygefraværet" matches "sygefravær"; ``parts_of`` gives a casefolded word's
    compound part stems (``Lexicon.word_parts``), so "fravær" matches
    "sygefraværsrapporter" when the lexicon splits it so.
    """
    tokens = words(text)
    found = positions_for_query([stem(fold(w)) for w in tokens], query)
    wanted = {*query.terms, *(w for p in query.phrases for w in p)}
    if wanted:
        # Only a word holding a wanted stem can have it as a part: split no other.
        found.update(
            i
            for i, w in enumerate(tokens)
            if any(s in fold(w) for s in wanted) and wanted.intersection(parts_of(w))
        )
    return found


def excerpt(text: str, hits: set[int], limit: int = EXCERPT_LIMIT) -> str:
    """At most ``limit`` characters of ``text`` (whole words, "…" where cut) around
    its first hit word and the hits right after it, HTML-escaped, hits in <mark>.

    ``hits`` are word positions (``matched_words``). The window keeps about a
    third of its room before the hit; with no hit it is the text's beginning. A
    first hit longer than ``limit`` is shown alone.
    """
    tokens = _SPLIT.split(text)  # words at odd indexes
    marked = {2 * p + 1 for p in hits if 2 * p + 1 < len(tokens)}
    if marked:
        first = last = min(marked)
        size = len(tokens[first])
        # A phrase (or hits side by side): take the next words while they fit.
        while last + 2 in marked and size + len(tokens[last + 1]) + len(tokens[last + 2]) <= limit:
            size += len(tokens[last + 1]) + len(tokens[last + 2])
            last += 2
        low, high = first, last + 1
    else:
        low = high = size = 0
    lead = max(0, limit - size) // 3
    while low > 0 and len(tokens[low - 1]) <= lead:
        low -= 1
        size += len(tokens[low])
        lead -= len(tokens[low])
    while high < len(tokens) and size + len(tokens[high]) <= limit:
        size += len(tokens[high])
        high += 1
    while low > 0 and size + len(tokens[low - 1]) <= limit:
        low -= 1
        size += len(tokens[low])
    if low % 2 == 0 and 0 < low < high:  # begin at a word after a cut
        low += 1
    body = "".join(
        f"<mark>{html.escape(tokens[i])}</mark>" if i in marked else html.escape(tokens[i])
        for i in range(low, high)
    ).strip()
    before = "…" if "".join(tokens[:low]).strip() else ""
    after = "…" if "".join(tokens[high:]).strip() else ""
    return f"{before}{body}{after}"
