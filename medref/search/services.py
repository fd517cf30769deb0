"""Index upkeep: a meeting's entries are rebuilt in the caller's transaction.

The database's full-text index follows the rows by itself (FTS5 triggers,
a generated tsvector column), so writing the rows is all there is to it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import cache

from django.conf import settings
from django.db import transaction

from medref.meetings.models import AgendaItem, Meeting
from medref.search.bilag import attachment_text
from medref.search.compounds import HUNSPELL_DA, Lexicon, parts_text, text_lexicon
from medref.search.models import SearchEntry
from medref.search.query import index_text


@cache
def base_lexicon() -> Lexicon:
    """The Danish hunspell lexicon (MEDREF_SEARCH_LEXICON names another .dic file).

    Empty when the file is missing: compounds are then split by the indexed
    minutes' own words only.
    """
    from pathlib import Path

    return Lexicon.from_hunspell(Path(getattr(settings, "MEDREF_SEARCH_LEXICON", HUNSPELL_DA)))


@dataclass(frozen=True)
class Piece:
    """One searchable piece of a meeting, before it is stemmed."""

    kind: str
    heading: str
    text: str = ""
    item: AgendaItem | None = None
    section_kind: str = ""


def _pieces(meeting: Meeting) -> Iterator[Piece]:
    committee = meeting.committee
    header = f"{committee.name} {meeting.meeting_date:%d-%m-%Y} {meeting.location or ''}"
    yield Piece(SearchEntry.Kind.MEETING, committee.name, header)
    for item in meeting.items.prefetch_related("sections", "attachments"):
        title_text = item.case_number or ""
        yield Piece(SearchEntry.Kind.ITEM, item.title, title_text, item)
        for section in item.sections.all():
            yield Piece(SearchEntry.Kind.SECTION, section.heading, section.text, item, section.kind)
        for attachment in item.attachments.all():
            text = attachment_text(attachment.file)
            yield Piece(SearchEntry.Kind.ATTACHMENT, attachment.title, text, item)


def build_entry(meeting: Meeting, piece: Piece, lexicon: Lexicon) -> SearchEntry:
    """The row for one piece: stemmed words aligned with the original, compound parts once."""
    parts = parts_text(f"{piece.heading} {piece.text}", lexicon)
    return SearchEntry(
        meeting=meeting,
        item=piece.item,
        committee_id=meeting.committee_id,
        municipality_id=meeting.committee.municipality_id,
        meeting_date=meeting.meeting_date,
        closed=piece.item.closed if piece.item is not None else False,
        kind=piece.kind,
        section_kind=piece.section_kind,
        heading=piece.heading,
        text=piece.text,
        stemmed_heading=index_text(piece.heading),
        stemmed=index_text(piece.text),
        parts=" ".join(dict.fromkeys(parts.split())),
    )


def index_meeting(meeting: Meeting) -> int:
    """Replace the meeting's entries with fresh ones; returns how many."""
    unindex_meeting(meeting)
    pieces = list(_pieces(meeting))
    lexicon = text_lexicon(base_lexicon(), *(f"{p.heading} {p.text}" for p in pieces))
    entries = [build_entry(meeting, piece, lexicon) for piece in pieces]
    SearchEntry.objects.bulk_create(entries, batch_size=500)
    return len(entries)


def unindex_meeting(meeting: Meeting) -> None:
    """Drop the meeting's entries."""
    SearchEntry.objects.filter(meeting=meeting).delete()


def reindex_all(progress: Callable[[int, int], None] | None = None) -> int:
    """Rebuild the whole index from scratch in one transaction; calls progress(done, total)."""
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
