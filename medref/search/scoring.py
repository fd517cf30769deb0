"""BM25 as SQLite's FTS5 computes it, for a few hundred candidates, without Django.

FTS5's ``bm25()`` first counts, for each word of the query, every row of
the whole table holding it: for "og" or "at" that is a walk over some
700,000 rows, 20-60 ms, before a single candidate is scored. The search
backend therefore scores its candidates here, from their stored stemmed
words, with the same formula (``fts5_aux.c``)::

    score = sum over words w of
            idf(w) * f(w) * (k1 + 1) / (f(w) + k1 * (1 - b + b * D / avgdl))

where f(w) is the column-weighted count of w in the row, D the number of
words in the row (all columns), avgdl the average of D over the table, and
idf(w) = max(ln((N - n(w) + 0.5) / (n(w) + 0.5)), 1e-6) for N rows of which
n(w) hold w. Only n(w) of common words is estimated (``estimated_hits``).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property

from medref.search.query import Query, stem

K1 = 1.2
B = 0.75
MIN_IDF = 1e-6


def spaced(text: str) -> str:
    """A column's words with a space around each: " word " is then a whole word."""
    return f" {text} " if text else ""


def length(text: str) -> int:
    """The number of words of a column (single spaces between them, as stored)."""
    return text.count(" ") + 1 if text else 0


@dataclass(frozen=True)
class Word:
    """A word of the query as the index stores it; ``prefix`` matches every word it begins."""

    text: str
    prefix: bool = False

    @cached_property
    def _needle(self) -> str:
        # Every word start is after a space, so a prefix's finds never overlap.
        return f" {self.text}" if self.prefix else f" {self.text} "

    @cached_property
    def _twice(self) -> str:
        return f" {self.text} {self.text} "

    def count(self, column: str) -> int:
        """How often the word is in a ``spaced`` column."""
        found = column.count(self._needle)
        if found and not self.prefix and self._twice in column:  # "a a" share a space
            return column.split().count(self.text)
        return found


def query_words(query: Query) -> list[Word]:
    """The words of a query that a row is scored by, and that name its heading hits:
    terms, the words of phrases, prefixes (stemmed); each once."""
    words = dict.fromkeys([*query.terms, *(w for p in query.phrases for w in p)])
    return [Word(w) for w in words] + [Word(stem(p), prefix=True) for p in query.prefixes]


@dataclass(frozen=True)
class Match:
    """What ``fts5_match`` asks of a row, checked in Python on its ``spaced`` columns:
    every term and prefix in some column, every phrase and no excluded word in the
    heading or text (not the compound parts)."""

    words: tuple[Word, ...]
    phrases: tuple[tuple[str, ...], ...] = ()
    excluded: tuple[str, ...] = ()

    def __call__(self, heading: str, text: str, parts: str) -> bool:
        if not all(w.count(heading) or w.count(text) or w.count(parts) for w in self.words):
            return False
        for phrase in self.phrases:
            wanted = f" {' '.join(phrase)} "
            if wanted not in heading and wanted not in text:
                return False
        return not any(f" {w} " in heading or f" {w} " in text for w in self.excluded)


@dataclass(frozen=True)
class TableStats:
    """The table's size: its rows and the words of all its rows, all columns."""

    rows: int
    words: int

    @property
    def average_length(self) -> float:
        return self.words / self.rows if self.rows else 0.0


def idf(rows: int, hits: int) -> float:
    """FTS5's inverse document frequency of a word found in ``hits`` of ``rows`` rows."""
    value = math.log((rows - hits + 0.5) / (hits + 0.5)) if rows else 0.0
    return value if value > 0.0 else MIN_IDF


def estimated_hits(sampled: int, share: float) -> int:
    """The rows holding a word, from ``sampled`` of them found in ``share`` (0-1] of the table.

    Exact when the share is the whole table; for a common word counted in
    its newest rows only, the proportion scaled up. Scores stay comparable:
    a common word's idf is small whichever estimate it gets.
    """
    if share <= 0.0:
        return sampled
    return max(sampled, round(sampled / min(share, 1.0)))


@dataclass(frozen=True)
class Scorer:
    """BM25 of rows for one query: its words, their idfs, the column weights and the
    table's average row length (``average_length``). Rows are given as stored:
    each column's words separated by single spaces."""

    words: Sequence[Word]
    idfs: Sequence[float]
    weights: Sequence[float]
    average_length: float

    def __call__(self, columns: Sequence[str]) -> float:
        row_length = sum(length(c) for c in columns)
        relative = row_length / self.average_length if self.average_length else 1.0
        norm = K1 * (1.0 - B + B * relative)
        weighted = zip(self.weights, columns, strict=True)
        spaced_columns = [(weight, spaced(c)) for weight, c in weighted if c]
        score = 0.0
        for word, word_idf in zip(self.words, self.idfs, strict=True):
            freq = 0.0
            for weight, column in spaced_columns:
                found = word.count(column)
                if found:
                    freq += weight * found
            if freq:
                score += word_idf * freq * (K1 + 1.0) / (freq + norm)
        return score


def read_varint(data: bytes, at: int) -> tuple[int, int]:
    """One SQLite varint (big-endian, 7 bits a byte, the ninth byte whole) and the next offset."""
    value = 0
    for i in range(8):
        byte = data[at + i]
        value = (value << 7) | (byte & 0x7F)
        if not byte & 0x80:
            return value, at + i + 1
    return (value << 8) | data[at + 8], at + 9


def fts5_totals(record: bytes, columns: int) -> TableStats:
    """The row count and word total of FTS5's "averages" record (``%_data`` id 1):
    a varint of rows, then one varint of words per column."""
    if not record:  # a table never written to
        return TableStats(0, 0)
    rows, at = read_varint(record, 0)
    total = 0
    for _ in range(columns):
        if at >= len(record):
            break
        words, at = read_varint(record, at)
        total += words
    return TableStats(rows, total)
