"""Danish compound words split by a lexicon, without Django.

"sygefraværsrapporter" is "sygefravær" + linking "s" + "rapporter", and
"sygefravær" is "syge" + "fravær". The index stores, next to a word's own
stem, the stems of the parts it is made of (lower weight), so a search for
"sygefravær" or "fravær" finds the compound.

The lexicon is a real one: the words of Debian's Danish hunspell dictionary
(hunspell-da, ``/usr/share/hunspell/da_DK.dic``) when it is installed, and
always the words of the text being indexed. Without hunspell-da a compound
is split only when its parts also occur on their own in the same minutes
(as "rapporter" and "sygefravær" usually do).

A split is accepted when every part is a known word (a non-final part may
carry a linking "s" or "e"), parts have at least ``MIN_PART`` letters and a
word the lexicon knows is split only into parts of ``MIN_KNOWN_PART``
letters (so "forslag" is not "for" + "slag"). The fewest parts win, then the
longest last part (the head of a Danish compound).

Splitting is the costly part of indexing, so it is done once per distinct
word of a text, and a split is reused across texts: a text's own words
change a word's split only through the lookups they answer (which of its
parts they make known words or heads), so the base lexicon keeps each split
under the word and those answers (``Lexicon._signature``).
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterable
from pathlib import Path

from medref.search.query import fold, stem, words

HUNSPELL_DA = Path("/usr/share/hunspell/da_DK.dic")
MIN_PART = 3
MIN_KNOWN_PART = 4
# Compounds longer than this many parts are not worth splitting further.
MAX_PARTS = 4
SMALL_LEXICON = 20_000
# Splits kept for reuse across texts, at most (a few MB).
SHARED_SPLITS = 200_000
_LINKERS = ("s", "e")
# Known parts and heads a lexicon's own words add for one word (see Lexicon._signature).
Signature = tuple[frozenset[str], frozenset[str]]
_NO_SIGNATURE: Signature = (frozenset(), frozenset())


def read_hunspell(path: Path) -> set[str]:
    """The folded words of a hunspell .dic file (flags dropped, "syge-" read as "syge")."""
    found: set[str] = set()
    with path.open(encoding="utf-8", errors="replace") as lines:
        next(lines, None)  # the first line is the word count
        for line in lines:
            word = line.split("/", 1)[0].strip().strip("-")
            if len(word) >= MIN_PART and word.isalpha():
                found.add(fold(word))
    return found


class Lexicon:
    """Known words and their stems; ``extended`` adds a text's own words."""

    def __init__(self, known: Iterable[str] = (), base: Lexicon | None = None) -> None:
        self._base = base
        self._words = {
            w for w in known if len(w) >= MIN_PART and (base is None or not base.knows(w))
        }
        # A text's few words are stemmed at once; a dictionary's are looked up
        # sorted, to find the words sharing a stem without stemming them all.
        small = len(self._words) < SMALL_LEXICON
        self._stems = {stem(w) for w in self._words} if small else None
        self._sorted = [] if small else sorted(self._words)
        self._heads: dict[str, bool] = {}
        self._splits: dict[tuple[str, int], tuple[str, ...]] = {}
        self._parts: dict[str, tuple[str, ...]] = {}
        self._word_parts: dict[str, tuple[str, ...]] = {}
        # Splits under this lexicon plus any own words that answer a word's
        # lookups alike (see ``_signature``): shared by every extension.
        self._shared: dict[tuple[str, int, Signature], tuple[str, ...]] = {}
        self._prefixes: set[str] | None = None  # of the own words, for ``_signature``

    @classmethod
    def from_hunspell(cls, path: Path = HUNSPELL_DA) -> Lexicon:
        """The hunspell lexicon, or an empty one when the file is missing."""
        return cls(read_hunspell(path) if path.is_file() else ())

    def __len__(self) -> int:
        return len(self._words) + (len(self._base) if self._base else 0)

    def extended(self, text_words: Iterable[str]) -> Lexicon:
        """This lexicon plus ``text_words`` (folded), sharing this one's sets."""
        return Lexicon(text_words, base=self)

    def knows(self, word: str) -> bool:
        return word in self._words or (self._base is not None and self._base.knows(word))

    def knows_stem(self, stemmed: str) -> bool:
        """Whether some known word has this stem (an inflection of it is known)."""
        return self._has_stem(stemmed) or (
            self._base is not None and self._base.knows_stem(stemmed)
        )

    def _has_stem(self, stemmed: str) -> bool:
        if self._stems is not None:
            return stemmed in self._stems
        # A Danish stem is its word less an ending (at most seven letters):
        # only the few known words that start with the stem can have it.
        at = bisect_left(self._sorted, stemmed)
        longest = len(stemmed) + 7
        for word in self._sorted[at : at + 64]:
            if not word.startswith(stemmed):
                break
            if len(word) <= longest and stem(word) == stemmed:
                return True
        return False

    def _lemma(self, part: str) -> str | None:
        """The known word a non-final part stands for ("fraværs" -> "fravær")."""
        if self.knows(part):
            return part
        if part[-1] in _LINKERS and len(part) > MIN_PART and self.knows(part[:-1]):
            return part[:-1]
        if part.endswith("s") and self.knows(part[:-1] + "e"):
            return part[:-1] + "e"  # arbejds- from arbejde
        return None

    def _head(self, part: str) -> bool:
        """Whether a final part is a known word or an inflection of one."""
        known = self._heads.get(part)
        if known is None:
            # The base lexicon's answers are cached there, shared by every text.
            known = (self._base is not None and self._base._head(part)) or (
                part in self._words or self._has_stem(stem(part))
            )
            self._heads[part] = known
        return known

    def split(self, word: str) -> tuple[str, ...]:
        """The parts of a folded word, the last as written; () when it is no compound."""
        return self._split(word, MIN_KNOWN_PART if self._head(word) else MIN_PART)

    def _split(self, word: str, shortest: int) -> tuple[str, ...]:
        key = (word, shortest)
        cached = self._splits.get(key)
        if cached is None:
            if self._base is None:
                cached = self._best_split(word, shortest)
            else:
                # The split depends on this lexicon's own words only through
                # the lookups they answer: none, and the base's split holds;
                # the same ones, and another extension's split holds.
                signature = self._signature(word, shortest)
                if not (signature[0] or signature[1]):
                    cached = self._base._split(word, shortest)
                else:
                    shared = self._base._shared
                    cached = shared.get((word, shortest, signature))
                    if cached is None:
                        cached = self._best_split(word, shortest)
                        if len(shared) < SHARED_SPLITS:
                            shared[word, shortest, signature] = cached
            self._splits[key] = cached
        return cached

    def _signature(self, word: str, shortest: int) -> Signature:
        """Which of ``_best_split``'s possible lookups this lexicon's own words answer.

        The known words among every part ``_lemma`` may be asked about, and
        the tails ``_head`` may be asked about that own words make heads.
        """
        n = len(word)
        if n < 2 * shortest:
            return _NO_SIGNATURE
        own = self._words
        if self._prefixes is None:
            self._prefixes = {w[:k] for w in own for k in range(1, len(w) + 1)}
        prefixes = self._prefixes
        last = n - shortest
        known: set[str] = set()
        for start in range(last - shortest + 1):
            for end in range(start + shortest, last + 1):
                # Every word asked about below starts with part[:-1]: none is
                # known when no own word does, here or for any longer part.
                if word[start : end - 1] not in prefixes:
                    break
                part = word[start:end]
                if part in own:
                    known.add(part)
                if len(part) > MIN_PART and part[-1] in _LINKERS and part[:-1] in own:
                    known.add(part[:-1])
                if part[-1] == "s" and part[:-1] + "e" in own:
                    known.add(part[:-1] + "e")
        heads = frozenset(
            tail
            for tail in (word[start:] for start in range(1, last + 1))
            if tail in own or self._has_stem(stem(tail))
        )
        return frozenset(known), heads

    def _best_split(self, word: str, shortest: int) -> tuple[str, ...]:
        if len(word) < 2 * shortest:
            return ()
        # best[i]: the best split of word[i:] as (parts count, -head length, parts)
        best: dict[int, tuple[int, int, tuple[str, ...]]] = {}
        n = len(word)
        for start in range(n - shortest, -1, -1):
            candidates: list[tuple[int, int, tuple[str, ...]]] = []
            tail = word[start:]
            if start > 0 and len(tail) >= shortest and self._head(tail):
                candidates.append((1, -len(tail), (tail,)))
            for end in range(start + shortest, n - shortest + 1):
                rest = best.get(end)
                if rest is None or rest[0] >= MAX_PARTS:
                    continue
                lemma = self._lemma(word[start:end])
                if lemma is not None and len(lemma) >= shortest:
                    candidates.append((rest[0] + 1, rest[1], (lemma, *rest[2])))
            if candidates:
                best[start] = min(candidates)
        whole = best.get(0)
        return whole[2] if whole is not None and whole[0] > 1 else ()

    def part_stems(self, word: str) -> list[str]:
        """The stems of the words a compound is made of, at every depth.

        "langtidssygefraværet" gives langtid, sygefravær, syge, fravær: its
        own stem is not among them.
        """
        cached = self._parts.get(word)
        if cached is None:
            found: list[str] = []
            pending = [word]
            while pending:
                parts = self.split(pending.pop())
                for part in parts:
                    found.append(stem(part))
                    pending.append(part)
            own = stem(word)
            cached = self._parts[word] = tuple(s for s in dict.fromkeys(found) if s != own)
        return list(cached)

    def word_parts(self, word: str) -> tuple[str, ...]:
        """``part_stems`` of a casefolded word as ``words`` gives it (folded here)."""
        if len(word) < 2 * MIN_PART:
            return ()
        cached = self._word_parts.get(word)
        if cached is None:
            folded = fold(word)
            self.part_stems(folded)
            cached = self._word_parts[word] = self._parts[folded]
        return cached


def parts_text(text: str, lexicon: Lexicon) -> str:
    """The part stems of every compound in ``text``, space separated."""
    return " ".join(s for word in words(text) for s in lexicon.word_parts(word))


def text_lexicon(base: Lexicon, *texts: str) -> Lexicon:
    """``base`` plus the folded words of ``texts`` (the minutes' own vocabulary)."""
    return words_lexicon(base, {w for text in texts for w in words(text)})


def words_lexicon(base: Lexicon, text_words: Iterable[str]) -> Lexicon:
    """``base`` plus ``text_words`` (casefolded words, as ``words`` gives them), folded."""
    return base.extended({fold(w) for w in set(text_words)})
