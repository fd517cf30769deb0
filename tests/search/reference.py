"""The indexing code as it was before it was made cheaper, kept to prove equality.

``Lexicon``, ``parts_text`` and ``text_lexicon`` are medref.search.compounds
at commit 9a32cba, unchanged; ``reference_rows`` is what index_meeting
stored for a meeting then. Tests compare today's entries with these.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterable
from pathlib import Path

from medref.search.query import fold, index_text, stem, words

HUNSPELL_DA = Path("/usr/share/hunspell/da_DK.dic")
MIN_PART = 3
MIN_KNOWN_PART = 4
# Compounds longer than this many parts are not worth splitting further.
MAX_PARTS = 4
SMALL_LEXICON = 20_000
_LINKERS = ("s", "e")


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
        self._splits: dict[str, tuple[str, ...]] = {}

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
        cached = self._splits.get(word)
        if cached is None:
            known = self._head(word)
            cached = self._best_split(word, MIN_KNOWN_PART if known else MIN_PART)
            self._splits[word] = cached
        return cached

    def _best_split(self, word: str, shortest: int) -> tuple[str, ...]:
        if len(word) < 2 * shortest:
            return ()
        # best[i]: the best split of word[i:] as (parts count, -head length, parts)
        best: dict[int, tuple[int, int, tuple[str, ...]]] = {}
        n = len(word)
        for start in range(n - shortest, -1, -1):
            candidates = []
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
        found: list[str] = []
        pending = [word]
        while pending:
            parts = self.split(pending.pop())
            for part in parts:
                found.append(stem(part))
                pending.append(part)
        own = stem(word)
        return [s for s in dict.fromkeys(found) if s != own]


def parts_text(text: str, lexicon: Lexicon) -> str:
    """The part stems of every compound in ``text``, space separated."""
    out: list[str] = []
    for word in words(text):
        if len(word) >= 2 * MIN_PART:
            out.extend(lexicon.part_stems(fold(word)))
    return " ".join(out)


def text_lexicon(base: Lexicon, *texts: str) -> Lexicon:
    """``base`` plus the folded words of ``texts`` (the minutes' own vocabulary)."""
    return base.extended({fold(w) for text in texts for w in words(text)})


def reference_row(heading: str, text: str, lexicon: Lexicon) -> tuple[str, str, str]:
    """(stemmed_heading, stemmed, parts) as build_entry computed them."""
    parts = parts_text(f"{heading} {text}", lexicon)
    return index_text(heading), index_text(text), " ".join(dict.fromkeys(parts.split()))


def reference_rows(pieces: list[tuple[str, str]], base: Lexicon) -> list[tuple[str, str, str]]:
    """The rows of one meeting's pieces (heading, text), with the meeting's own lexicon."""
    lexicon = text_lexicon(base, *(f"{h} {t}" for h, t in pieces))
    return [reference_row(h, t, lexicon) for h, t in pieces]


def reference_pieces(meeting: object) -> list[tuple[str, str, str, int | None, bool, str]]:
    """(kind, heading, text, item id, closed, section kind) of each piece, in order,
    as medref.search.services._pieces read them (with prefetched model instances)."""
    from medref.search.extraction import stored_text

    committee = meeting.committee  # type: ignore[attr-defined]
    header = f"{committee.name} {meeting.meeting_date:%d-%m-%Y} {meeting.location or ''}"  # type: ignore[attr-defined]
    found = [("meeting", committee.name, header, None, False, "")]
    for item in meeting.items.prefetch_related("sections", "attachments"):  # type: ignore[attr-defined]
        found.append(("item", item.title, item.case_number or "", item.pk, item.closed, ""))
        for section in item.sections.all():
            found.append(
                ("section", section.heading, section.text, item.pk, item.closed, section.kind)
            )
        for attachment in item.attachments.all():
            text = stored_text(attachment)
            found.append(("attachment", attachment.title, text, item.pk, item.closed, ""))
    return found


def expected_pieces(meeting: object) -> list[tuple[str, str, str, int | None, bool, str]]:
    """``reference_pieces`` with the one change made on purpose since: an item's
    recommendation (its own fields) is searched as part of its Indstilling section,
    or as an Indstilling of its own after the item's sections when it has none."""
    pieces = reference_pieces(meeting)
    items = {item.pk: item for item in meeting.items.all()}  # type: ignore[attr-defined]
    found: list[tuple[str, str, str, int | None, bool, str]] = []
    for at, piece in enumerate(pieces):
        kind, heading, text, item_id, closed, section_kind = piece
        item = items.get(item_id) if item_id is not None else None
        wording = ""
        if item is not None and item.recommendation_proposer:
            lines = [f"{item.recommendation_proposer} indstiller,", *item.recommendation_clauses]
            wording = "\n".join(lines)
        if wording and section_kind == "indstilling":
            text = f"{text}\n\n{wording}" if text else wording
        found.append((kind, heading, text, item_id, closed, section_kind))
        following = pieces[at + 1] if at + 1 < len(pieces) else None
        last_section = kind in ("item", "section") and (
            following is None or following[3] != item_id or following[0] == "attachment"
        )
        shown = any(p[3] == item_id and p[5] == "indstilling" for p in pieces)
        if wording and last_section and not shown:
            found.append(("section", "Indstilling", wording, item_id, closed, "indstilling"))
    return found
