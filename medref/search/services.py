"""Index upkeep: a meeting's entries are rebuilt in the caller's transaction.

Each action that changes what the index holds calls ``index_item`` or
``index_meeting`` itself, in its own transaction (``medref.meetings.workflow``;
no signal): an edit of one item rebuilds that item's entries (``index_item``),
with the same lexicon a whole-meeting rebuild would use; a change of the
meeting's header (date, place, committee), a removed item or an import
rebuilds the meeting. Status changes re-index nothing: searches read the
meeting's status live. The database's full-text index follows the rows by
itself (FTS5 triggers, a generated tsvector column), so writing the rows is
all there is to it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from functools import cache

from django.conf import settings
from django.db import transaction
from django.db.models import Q

from medref.documents.model import SectionKind
from medref.meetings.models import AgendaItem, Attachment, Meeting, Section
from medref.search.compounds import MIN_PART, Lexicon, words_lexicon
from medref.search.extraction import extract_pending, stored_text
from medref.search.models import UNDATED, SearchEntry
from medref.search.query import fold, stem, words


@cache
def base_lexicon() -> Lexicon:
    """The Danish hunspell lexicon (MEDREF_SEARCH_LEXICON names another .dic file).

    Empty when the file is missing: compounds are then split by the indexed
    minutes' own words only.
    """
    from pathlib import Path

    return Lexicon.from_hunspell(Path(settings.MEDREF_SEARCH_LEXICON))


@dataclass(frozen=True)
class Piece:
    """One searchable piece of a meeting, before it is stemmed."""

    kind: str
    heading: str
    text: str = ""
    item_id: int | None = None
    closed: bool = False  # its item's
    section_kind: str = ""


def _meeting_piece(meeting: Meeting) -> Piece:
    committee = meeting.committee
    day = f"{meeting.meeting_date:%d-%m-%Y}" if meeting.meeting_date else ""
    header = f"{committee.name} {day} {meeting.location or ''}"
    return Piece(SearchEntry.Kind.MEETING, committee.name, header)


# Rows, not model instances: the pieces of a meeting are read in three queries.
_ITEM = (
    *("pk", "title", "case_number", "closed"),
    *("recommendation_proposer", "recommendation_clauses"),
)
_SECTION = ("item_id", "heading", "text", "kind")
ItemRow = tuple[int, str, str | None, bool, str | None, list[str]]


def recommendation_text(proposer: str | None, clauses: Iterable[str]) -> str:
    """ "Direktøren indstiller, at …": an item's recommendation, kept in its own fields
    (``AgendaItem.recommendation_*``), searched as part of its Indstilling section."""
    if not proposer:
        return ""
    return "\n".join([f"{proposer} indstiller,", *clauses])


def _item_sections(
    sections: list[tuple[str, str, str]], recommendation: str
) -> list[tuple[str, str, str]]:
    """(heading, text, kind) of an item's sections as searched: the recommendation
    in its Indstilling section, or in an Indstilling of its own after the others."""
    indstilling = SectionKind.RECOMMENDATION.value
    if not recommendation:
        return sections
    if all(kind != indstilling for _, _, kind in sections):
        return [*sections, ("Indstilling", recommendation, indstilling)]
    return [
        (heading, f"{text}\n\n{recommendation}" if text else recommendation, kind)
        if kind == indstilling
        else (heading, text, kind)
        for heading, text, kind in sections
    ]


def _sections_by_item(where: Q) -> dict[int, list[tuple[str, str, str]]]:
    """(heading, text, kind) of the sections ``where`` selects, per item, in order."""
    sections: dict[int, list[tuple[str, str, str]]] = {}
    for item_id, heading, text, kind in (
        Section.objects.filter(where).order_by("item", "position").values_list(*_SECTION)
    ):
        sections.setdefault(item_id, []).append((heading, text, kind))
    return sections


def _items_pieces(items: Iterable[ItemRow], where: Q) -> Iterator[Piece]:
    """Each item's title, its sections (``_item_sections``) and its bilag, in agenda
    order; ``where`` selects the items' sections and attachments."""
    sections = _sections_by_item(where)
    attachments: dict[int, list[Attachment]] = {}
    bilag = Attachment.objects.filter(where).select_related("index_text")
    for attachment in bilag.order_by("item", "position"):
        attachments.setdefault(attachment.item_id, []).append(attachment)
    for pk, title, case_number, closed, proposer, clauses in items:
        yield Piece(SearchEntry.Kind.ITEM, title, case_number or "", pk, closed)
        recommendation = recommendation_text(proposer, clauses)
        for heading, text, kind in _item_sections(sections.get(pk, []), recommendation):
            yield Piece(SearchEntry.Kind.SECTION, heading, text, pk, closed, kind)
        for attachment in attachments.get(pk, ()):
            text = stored_text(attachment)  # read after commit (extraction.py)
            yield Piece(SearchEntry.Kind.ATTACHMENT, attachment.title, text, pk, closed)


def _pieces(meeting: Meeting) -> Iterator[Piece]:
    yield _meeting_piece(meeting)
    items = meeting.items.order_by("position").values_list(*_ITEM)
    yield from _items_pieces(list(items), Q(item__meeting=meeting))


class MeetingWords:
    """The words of a meeting's pieces (heading, text): each piece tokenised
    once, each distinct word stemmed once and split once."""

    def __init__(self, texts: Iterable[tuple[str, str]]) -> None:
        self.tokens = [(words(heading), words(text)) for heading, text in texts]
        self._stems: dict[str, str] = {}

    def distinct(self) -> set[str]:
        """Every casefolded word of every piece (``words_lexicon`` folds them)."""
        return {w for heading, text in self.tokens for w in (*heading, *text)}

    def row(self, index: int, lexicon: Lexicon) -> tuple[str, str, str]:
        """(stemmed heading, stemmed text, compound part stems once each) of one piece.

        The stemmed texts are ``index_text`` of heading and text, word by word.
        """
        heading, text = self.tokens[index]
        parts = [s for word in (*heading, *text) for s in lexicon.word_parts(word)]
        return self._stemmed(heading), self._stemmed(text), " ".join(dict.fromkeys(parts))

    def _stemmed(self, tokens: list[str]) -> str:
        table = self._stems
        out = []
        for word in tokens:
            stemmed = table.get(word)
            if stemmed is None:
                stemmed = table[word] = stem(fold(word))
            out.append(stemmed)
        return " ".join(out)


def build_entry(meeting: Meeting, piece: Piece, stemmed: tuple[str, str, str]) -> SearchEntry:
    """The row for one piece, with its ``MeetingWords.row``."""
    stemmed_heading, stemmed_text, parts = stemmed
    return SearchEntry(
        meeting=meeting,
        item_id=piece.item_id,
        committee_id=meeting.committee_id,
        municipality_id=meeting.committee.municipality_id,
        meeting_date=meeting.meeting_date or UNDATED,
        closed=piece.closed,
        kind=piece.kind,
        section_kind=piece.section_kind,
        heading=piece.heading,
        text=piece.text,
        stemmed_heading=stemmed_heading,
        stemmed=stemmed_text,
        parts=parts,
    )


def _write(meeting: Meeting, pieces: list[Piece], *other_words: Iterable[str]) -> int:
    """Insert the pieces' entries; the lexicon adds ``other_words`` (the rest of the meeting)."""
    analysed = MeetingWords((p.heading, p.text) for p in pieces)
    own = analysed.distinct()
    for more in other_words:
        own.update(more)
    lexicon = words_lexicon(base_lexicon(), own)
    entries = [build_entry(meeting, p, analysed.row(i, lexicon)) for i, p in enumerate(pieces)]
    SearchEntry.objects.bulk_create(entries, batch_size=500)
    return len(entries)


def index_meeting(meeting: Meeting) -> int:
    """Replace the meeting's entries with fresh ones; returns how many."""
    unindex_meeting(meeting)
    return _write(meeting, list(_pieces(meeting)))


def index_item(item: AgendaItem | int) -> int:
    """Replace one item's entries (title, sections, bilag); returns how many.

    The lexicon is the whole meeting's, as ``index_meeting`` builds it: the
    other items' titles and sections are read from their rows, their bilag
    text from their entries (a bilag file is added or removed, never edited,
    so its entry holds what the file would give). When the edit adds or
    removes a word the meeting's lexicon keeps (``_own_words``) and that word
    changes how a word outside the item splits (``_splits_change``), the
    other items' entries would be stale: the whole meeting is rebuilt
    instead. Either way the entries are what a full rebuild gives, with
    hunspell-da or without it. ``AgendaItem.DoesNotExist`` when the item is gone.
    """
    pk = item.pk if isinstance(item, AgendaItem) else item
    row = AgendaItem.objects.select_related("meeting__committee").get(pk=pk)
    meeting = row.meeting
    old = SearchEntry.objects.filter(item=row)
    fields = tuple(getattr(row, name) for name in _ITEM)
    pieces = list(_items_pieces([fields], Q(item=row)))
    other_words = {w for text in _other_texts(meeting, row) for w in words(text)}
    others = _own_words(other_words)
    before = _own_words(w for pair in old.values_list("heading", "text") for w in _words(pair))
    after = _own_words(w for piece in pieces for w in _words((piece.heading, piece.text)))
    changed = (before ^ after) - others
    if changed and _splits_change(other_words, others | before, others | after, changed):
        return index_meeting(meeting)
    old.delete()
    return _write(meeting, pieces, other_words)


def _words(texts: Iterable[str]) -> Iterator[str]:
    for text in texts:
        yield from words(text)


def _own_words(text_words: Iterable[str]) -> set[str]:
    """The folded words a meeting's lexicon adds to the base dictionary
    (``compounds.Lexicon`` keeps only these of a text's words)."""
    base = base_lexicon()
    folded = {fold(word) for word in text_words}
    return {word for word in folded if len(word) >= MIN_PART and not base.knows(word)}


def _splits_change(
    text_words: set[str], old_own: set[str], new_own: set[str], changed: set[str]
) -> bool:
    """Whether a word of ``text_words`` has other compound parts with the lexicon
    of ``new_own`` than with that of ``old_own`` (which differ by ``changed``).

    A lexicon word bears on a split only as one of the word's parts (perhaps
    with a linking -s/-e, or an -e added: "arbejds" is "arbejde") or as an
    inflection of its head (the same stem; a Danish stem is a prefix of its
    word): so only words containing a changed word less its last letter, or
    its stem less its last letter, are split both ways and compared.
    """
    keys = {key for word in changed for key in (word[:-1], stem(word)[:-1]) if key}
    candidates = [
        word
        for word in text_words
        if len(word) >= 2 * MIN_PART and any(key in fold(word) for key in keys)
    ]
    if not candidates:
        return False
    base = base_lexicon()
    old, new = words_lexicon(base, old_own), words_lexicon(base, new_own)
    return any(old.word_parts(word) != new.word_parts(word) for word in candidates)


def _other_texts(meeting: Meeting, item: AgendaItem) -> Iterable[str]:
    """The texts of every piece of the meeting outside ``item``. Four queries."""
    header = _meeting_piece(meeting)
    yield header.heading
    yield header.text
    others = AgendaItem.objects.filter(meeting=meeting).exclude(pk=item.pk)
    sections = _sections_by_item(Q(item__meeting=meeting) & ~Q(item=item))
    for pk, title, case_number, proposer, clauses in others.values_list(
        "pk", "title", "case_number", "recommendation_proposer", "recommendation_clauses"
    ):
        yield title
        yield case_number or ""
        recommendation = recommendation_text(proposer, clauses)
        for heading, text, _kind in _item_sections(sections.get(pk, []), recommendation):
            yield heading
            yield text
    bilag = Attachment.objects.filter(item__meeting=meeting).exclude(item=item)
    yield from bilag.values_list("title", flat=True)
    stored = SearchEntry.objects.filter(meeting=meeting, kind=SearchEntry.Kind.ATTACHMENT)
    yield from stored.exclude(item=item).values_list("text", flat=True)


def unindex_meeting(meeting: Meeting) -> None:
    """Drop the meeting's entries."""
    SearchEntry.objects.filter(meeting=meeting).delete()


def reindex_all(progress: Callable[[int, int], None] | None = None) -> int:
    """Rebuild the whole index from scratch in one transaction; calls progress(done, total).

    Bilag whose text has not been read yet (uploaded before medref kept it) are
    read first, each within the importers' limits and outside the transaction.
    """
    extract_pending(reindex=False)
    meetings = Meeting.objects.select_related("committee").order_by("id")
    total = meetings.count()
    count = 0
    with transaction.atomic():
        SearchEntry.objects.all().delete()
        if progress is not None:
            progress(0, total)
        for done, meeting in enumerate(meetings.iterator(chunk_size=200), start=1):
            count += index_meeting(meeting)
            if progress is not None:
                progress(done, total)
    return count
