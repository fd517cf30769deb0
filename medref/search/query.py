"""The search query language, parsed without Django.

``sygefravær "lokal aftale" -budget øko*`` gives two terms, one phrase, one
excluded word and one prefix. Every word is casefolded, "ae/oe/aa" spellings
are folded to æ/ø/å, and whole words are stemmed with the Danish snowball
stemmer, so the index (which stores stemmed text) and the query agree.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

import snowballstemmer  # type: ignore[import-untyped]

_STEMMER = snowballstemmer.stemmer("danish")
# Letters and digits; "_" separates, as it does for the FTS5 and tsvector
# parsers, so the stored words line up one to one with the original's.
_WORD = re.compile(r"[^\W_]+")
_TOKEN = re.compile(r'(-?)"([^"]*)"?|(\S+)')
# Typed without the Danish keys: "oe" -> "ø", "ae" -> "æ", "aa" -> "å".
_FOLDS = (("aa", "å"), ("ae", "æ"), ("oe", "ø"))


def fold(word: str) -> str:
    """Casefold a word and turn ae/oe/aa into æ/ø/å."""
    word = word.casefold()
    for plain, danish in _FOLDS:
        word = word.replace(plain, danish)
    return word


def words(text: str) -> list[str]:
    """The casefolded words of a text, in order (no ae/oe/aa folding)."""
    return [_casefold(w) for w in _WORD.findall(text)]


def _casefold(word: str) -> str:
    folded = word.casefold()
    # Casefolding can add a combining mark ("İ" -> "i̇"); keep one clean token.
    return folded if folded.isalnum() else "".join(c for c in folded if c.isalnum()) or folded


@lru_cache(maxsize=200_000)
def stem(word: str) -> str:
    """The Danish stem of one casefolded word."""
    result: str = _STEMMER.stemWord(word)
    return result


def split_words(text: str) -> list[str]:
    """The words of a text as written (case kept), the units ``index_text`` stems."""
    return _WORD.findall(text)


def index_text(text: str) -> str:
    """What the index stores for a text: its stemmed, folded words, one per word."""
    return " ".join(stem(fold(w)) for w in words(text))


@dataclass(frozen=True)
class Query:
    """A parsed query: every list holds stemmed, folded words."""

    terms: list[str] = field(default_factory=list)
    phrases: list[list[str]] = field(default_factory=list)
    excluded: list[str] = field(default_factory=list)
    prefixes: list[str] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        """True when nothing positive is asked for."""
        return not (self.terms or self.phrases or self.prefixes)


def parse(text: str) -> Query:
    """Parse a query typed by a reader; never raises."""
    query = Query()
    for match in _TOKEN.finditer(text):
        negated, phrase, bare = match.group(1), match.group(2), match.group(3)
        if phrase is not None:
            phrase_words = [stem(fold(w)) for w in words(phrase)]
            if negated:
                query.excluded.extend(phrase_words)
            elif len(phrase_words) > 1:
                query.phrases.append(phrase_words)
            else:
                query.terms.extend(phrase_words)
            continue
        token = bare or ""
        if token.startswith("-"):
            query.excluded.extend(stem(fold(w)) for w in words(token[1:]))
        elif token.endswith("*"):
            parts = [fold(w) for w in words(token[:-1])]
            query.terms.extend(stem(w) for w in parts[:-1])
            if parts:
                query.prefixes.append(parts[-1])
        else:
            query.terms.extend(stem(fold(w)) for w in words(token))
    return query
