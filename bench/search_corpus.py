"""The generated search corpus of bench_search: Danish minutes text from medref/demo.

A bigram walk over the demo minutes' sentences gives a pool of sentences;
sections are 1-6 of them. The demo minutes have only ~1,900 distinct words,
far fewer than an archive of real minutes, whose words follow Zipf's law
with a long tail of rare ones. So each section also gets about one word in
ten (``TAIL_SHARE``) drawn by Zipf's law (p ∝ 1/rank) over the demo words
by frequency followed by the ~98,000 other words of hunspell-da (shuffled
with a fixed seed): most draws are demo words, a third are dictionary
words, most of those rare. Words are analysed with the index's own
functions (stems aligned with the words; compound parts from hunspell-da
plus the demo vocabulary), once per distinct word. Six judged queries each
have three planted items (``JUDGED``) for recall@10.
"""

from __future__ import annotations

import datetime as dt
import itertools
import random
import re
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
DEMO = ROOT / "medref" / "demo"
SEED = 20251008
SECTIONS_PER_ITEM = 10
ITEMS_PER_MEETING = 10
KINDS = ["resume", "sagsfremstilling", "sagsfremstilling", "sagsfremstilling", "indstilling"]
KINDS += ["beslutning", "bilag", "andet", "sagsfremstilling", "beslutning"]
ENTRIES_PER_ITEM = 1 + SECTIONS_PER_ITEM
ENTRIES_PER_MEETING = 1 + ITEMS_PER_MEETING * ENTRIES_PER_ITEM
_TOKEN = re.compile(r"[^\W_]+|[.,;:!?]")
TAIL_SHARE = 0.1  # of a section's words, drawn by Zipf's law from the long vocabulary
HUNSPELL_DA = Path("/usr/share/hunspell/da_DK.dic")

# (query, item title, section text): each planted in three items.
JUDGED = [
    (
        "trivselsmåling hjemmeplejen",
        "Trivselsmåling i hjemmeplejen",
        "Resultaterne af trivselsmålingen i hjemmeplejen blev gennemgået, og teamene følger op.",
    ),
    (
        "fravær natholdet",
        "Langtidssygefraværet på natholdet",
        "Sygefraværssamtaler med natholdet er gennemført, og langtidsfraværet er faldende.",
    ),
    (
        '"lokal aftale" flekstid',
        "Lokal aftale om flekstid",
        "Der er indgået en lokal aftale om flekstid for administrationen.",
    ),
    (
        "oekonomi kantinen",
        "Økonomien i kantinen",
        "Kantinen har et underskud, og økonomien gennemgås igen i næste kvartal.",
    ),
    (
        "arbejdsskade* lagerpersonalet",
        "Arbejdsskader blandt lagerpersonalet",
        "Arbejdsskaderne blandt lagerpersonalet er drøftet med arbejdsmiljørepræsentanten.",
    ),
    (
        "klippekort ergoterapeuterne",
        "Klippekort til ergoterapeuterne",
        "Ergoterapeuterne får klippekort til MED-uddannelsen.",
    ),
]
RELEVANT_PER_QUERY = 3


# --- the corpus ---------------------------------------------------------------


def _demo_text() -> tuple[list[list[str]], list[str]]:
    """Sentences (as tokens) of every demo section, and the demo item titles."""
    from medref.documents.plain import section_text
    from medref.importers import parse_file

    sentences, titles = [], []
    for path in sorted(DEMO.iterdir()):
        doc = parse_file(path)
        for item in doc.items:
            titles.append(item.title)
            for section in item.sections:
                for line in section_text(item, section).splitlines():
                    for sentence in re.split(r"(?<=[.!?])\s+", line):
                        tokens = _TOKEN.findall(sentence)
                        if len(tokens) >= 3:
                            sentences.append(tokens)
    return sentences, titles


def _long_vocabulary(sentences: list[list[str]]) -> list[str]:
    """The demo words, most frequent first, then hunspell-da's other words shuffled."""
    counts = Counter(w.casefold() for s in sentences for w in s if w.isalpha())
    demo = [w for w, _ in counts.most_common()]
    known = set(demo)
    dictionary = []
    if HUNSPELL_DA.exists():
        lines = HUNSPELL_DA.read_text(encoding="utf-8").splitlines()[1:]
        for line in lines:
            word = line.split("/")[0].strip()
            if len(word) >= 4 and word.isalpha() and word.islower() and word not in known:
                dictionary.append(word)
        random.Random(SEED + 3).shuffle(dictionary)
    return demo + dictionary


class Analyser:
    """Per-word analysis, cached: the same functions the index uses."""

    def __init__(self, vocabulary_text: str) -> None:
        from medref.search.compounds import text_lexicon
        from medref.search.query import fold, index_text
        from medref.search.services import base_lexicon

        self.lexicon = text_lexicon(base_lexicon(), vocabulary_text)
        self._index_text, self._fold = index_text, fold
        self._cache: dict[str, tuple[str, tuple[str, ...]]] = {}

    def word(self, word: str) -> tuple[str, tuple[str, ...]]:
        found = self._cache.get(word)
        if found is None:
            stemmed = self._index_text(word)
            folded = self._fold(word.casefold())
            parts = tuple(self.lexicon.part_stems(folded)) if len(folded) >= 6 else ()
            found = self._cache[word] = (stemmed, parts)
        return found

    def text(self, tokens: list[str]) -> tuple[str, str, tuple[str, ...]]:
        """(text as written, stemmed words, compound part stems)."""
        out, stems, parts = [], [], []
        for token in tokens:
            if _TOKEN.fullmatch(token) and token[0] in ".,;:!?":
                out.append(token)
                continue
            out.append(" " + token if out else token)
            stemmed, word_parts = self.word(token)
            stems.append(stemmed)
            parts.extend(word_parts)
        return "".join(out), " ".join(stems), tuple(parts)


class Corpus:
    """The generated archive; rows come out in entry-id order, ids from 1."""

    def __init__(self, n_sections: int) -> None:
        self.rng = random.Random(SEED)
        sentences, self.titles = _demo_text()
        self.analyser = Analyser(" ".join(" ".join(s) for s in sentences))
        self.n_items = max(len(JUDGED) * RELEVANT_PER_QUERY * 4, n_sections // SECTIONS_PER_ITEM)
        self.n_meetings = -(-self.n_items // ITEMS_PER_MEETING)
        self.n_items = self.n_meetings * ITEMS_PER_MEETING
        self.pool = [self.analyser.text(s) for s in self._walks(sentences, 50_000)]
        self.pool_words = [len(p[1].split()) for p in self.pool]
        self.vocabulary = _long_vocabulary(sentences)
        self.zipf_weights = list(
            itertools.accumulate(1 / rank for rank in range(1, len(self.vocabulary) + 1))
        )
        self.title_pool = [self.analyser.text(_TOKEN.findall(t)) for t in self.titles]
        self.needles = self._plant()
        self.sentences = sentences

    def _walks(self, sentences: list[list[str]], count: int) -> Iterator[list[str]]:
        following: dict[str, list[str]] = {}
        starts = [s[0] for s in sentences]
        for sentence in sentences:
            for a, b in zip(sentence, [*sentence[1:], ""], strict=True):
                following.setdefault(a, []).append(b)
        for _ in range(count):
            word, walk = self.rng.choice(starts), []
            while word and len(walk) < 40:
                walk.append(word)
                word = self.rng.choice(following[word])
            yield walk

    def _plant(self) -> dict[int, int]:
        """item index -> judged query index, in published meetings' open items."""
        planted: dict[int, int] = {}
        rng = random.Random(SEED + 1)
        for query_index in range(len(JUDGED)):
            while sum(1 for q in planted.values() if q == query_index) < RELEVANT_PER_QUERY:
                item = rng.randrange(self.n_items)
                if self.visible_item(item) and item not in planted:
                    planted[item] = query_index
        return planted

    def meeting_status(self, meeting: int) -> str:
        return {99: "planned", 98: "minutes_draft"}.get(meeting % 100, "published")

    def closed(self, item: int) -> bool:
        return item % 20 == 7

    def visible_item(self, item: int) -> bool:
        return not self.closed(item) and self.meeting_status(item // ITEMS_PER_MEETING) == (
            "published"
        )

    def meeting_date(self, meeting: int) -> dt.date:
        return dt.date(2010, 1, 4) + dt.timedelta(days=(meeting * 5843) // self.n_meetings)

    def item_of(self, entry_id: int) -> int | None:
        """The item index of an entry id (None for a meeting header)."""
        meeting, offset = divmod(entry_id - 1, ENTRIES_PER_MEETING)
        return (
            None if offset == 0 else meeting * ITEMS_PER_MEETING + (offset - 1) // ENTRIES_PER_ITEM
        )

    def _section(self) -> tuple[str, str, tuple[str, ...]]:
        picks = [self.rng.randrange(len(self.pool)) for _ in range(self.rng.randint(1, 6))]
        chosen = [self.pool[i] for i in picks]
        n_tail = int(TAIL_SHARE * sum(self.pool_words[i] for i in picks) + self.rng.random())
        if n_tail:
            tail = self.rng.choices(self.vocabulary, cum_weights=self.zipf_weights, k=n_tail)
            chosen.append(self.analyser.text([*tail, "."]))
        return (
            " ".join(c[0] for c in chosen),
            " ".join(c[1] for c in chosen),
            tuple(p for c in chosen for p in c[2]),
        )

    def rows(self) -> Iterator[tuple[Any, ...]]:
        """(id, meeting, item or None, kind, section_kind, heading, text, stemmed_heading,
        stemmed, parts, closed, hidden): hidden = not visible to the public."""
        analyse = self.analyser.text
        headings = ["Møde", *(kind.capitalize() for kind in KINDS)]
        heading_stems = {h: analyse([h])[1] for h in headings}
        entry_id = 0
        for meeting in range(self.n_meetings):
            status = self.meeting_status(meeting)
            entry_id += 1
            header = analyse(_TOKEN.findall(f"Møde {self.meeting_date(meeting):%d-%m-%Y}"))
            yield (
                entry_id, meeting, None, "meeting", "", "Møde", header[0], heading_stems["Møde"],
                header[1], "", False, status == "planned",
            )  # fmt: skip
            for item in range(meeting * ITEMS_PER_MEETING, (meeting + 1) * ITEMS_PER_MEETING):
                closed = self.closed(item)
                needle = self.needles.get(item)
                title = (
                    analyse(_TOKEN.findall(JUDGED[needle][1]))
                    if needle is not None
                    else self.title_pool[self.rng.randrange(len(self.title_pool))]
                )
                entry_id += 1
                hidden = closed or status == "planned"
                yield (
                    entry_id, meeting, item, "item", "", title[0], "", title[1], "",
                    " ".join(dict.fromkeys(title[2])), closed, hidden,
                )  # fmt: skip
                for position, kind in enumerate(KINDS):
                    text, stemmed, parts = self._section()
                    if needle is not None and position == 1:
                        text, stemmed, parts = analyse(_TOKEN.findall(JUDGED[needle][2]))
                    entry_id += 1
                    hide = hidden or (kind == "beslutning" and status != "published")
                    heading = kind.capitalize()
                    unique_parts = " ".join(dict.fromkeys(parts))
                    yield (
                        entry_id, meeting, item, "section", kind, heading, text,
                        heading_stems[heading], stemmed, unique_parts, closed, hide,
                    )  # fmt: skip

    def query_classes(self) -> list[tuple[str, str]]:
        """The fixed query set as (class, query): 63 drawn with a fixed seed, 6 judged.

        common: the three most frequent words and the five most frequent of 5+
        letters; medium and rare: demo words further down, and dictionary words
        from the long tail; pair, phrase, prefix, exclusion; compound: words whose
        hits are mostly inside compounds, and the judged queries.
        """
        rng = random.Random(SEED + 2)
        every = Counter(w.casefold() for s in self.sentences for w in s if w.isalpha())
        counts = Counter({w: n for w, n in every.items() if len(w) >= 5})
        ranked = [w for w, _ in counts.most_common()]

        def at(i: int) -> str:
            return ranked[min(i, len(ranked) - 1)]

        out = [("common", w) for w, _ in every.most_common(3)]
        out += [("common", at(i)) for i in (0, 1, 2, 3, 5)]
        out += [("medium", at(i)) for i in (8, 12, 18, 25, 35, 50, 70, 100)]
        out += [("rare", at(i)) for i in (140, 200, 280, 400, 560, 800, 1100)]
        demo_words = len(every)
        tail = self.vocabulary[demo_words:]
        for rank in (1_000, 5_000, 20_000, 60_000, 90_000):
            if tail:
                out.append(("rare", tail[min(rank, len(tail) - 1)]))
        long_sentences = [s for s in self.sentences if sum(1 for w in s if len(w) >= 5) >= 3]
        for _ in range(12):
            words = [w for w in rng.choice(long_sentences) if len(w) >= 5 and w.isalpha()]
            out.append(("pair", " ".join(rng.sample(words, 2)).casefold()))
        for _ in range(8):
            sentence = [w for w in rng.choice(long_sentences) if w.isalpha()]
            i = rng.randrange(len(sentence) - 1)
            out.append(("phrase", f'"{sentence[i]} {sentence[i + 1]}"'.casefold()))
        for i in [2, 6, 15, 40, 90, 200]:
            out.append(("prefix", at(i)[:5] + "*"))
        for i in range(6):
            out.append(("exclusion", f"{at(3 * i)} -{at(3 * i + 1)}"))
        out += [("compound", w) for w in ("fravær", "sygefravær", "miljø", "arbejdsmiljø")]
        return out + [("compound", q) for q, _, _ in JUDGED]

    def queries(self) -> list[str]:
        return [q for _, q in self.query_classes()]
