"""Cheaper indexing stores exactly what the code before it stored (tests/search/reference.py)."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.conf import settings
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from medref.meetings.models import Meeting
from medref.search.compounds import HUNSPELL_DA, Lexicon, words_lexicon
from medref.search.models import SearchEntry
from medref.search.services import MeetingWords, base_lexicon

from . import reference
from .helpers import import_demo

# Compared with and without the dictionary; what needs it reads it when present.
TOOLS_OPTIONAL = ("hunspell-da",)

# The old code with its own base lexicon, so no cache is shared with the new one.
REFERENCE_BASE = reference.Lexicon.from_hunspell(
    Path(getattr(settings, "MEDREF_SEARCH_LEXICON", HUNSPELL_DA))
)
EMPTY_BASE, REFERENCE_EMPTY_BASE = Lexicon(), reference.Lexicon()


def rows(pieces: list[tuple[str, str]], base: Lexicon) -> list[tuple[str, str, str]]:
    analysed = MeetingWords(pieces)
    lexicon = words_lexicon(base, analysed.distinct())
    return [analysed.row(i, lexicon) for i in range(len(pieces))]


@pytest.mark.django_db
def test_the_demo_minutes_are_indexed_as_before(examples_dir: Path) -> None:
    """Every entry of the three demo meetings has the stems and parts the old code gave."""
    import_demo(examples_dir)
    meetings = list(Meeting.objects.select_related("committee").order_by("pk"))
    assert len(meetings) == 3
    for meeting in meetings:
        pieces = reference.expected_pieces(meeting)
        stored = SearchEntry.objects.filter(meeting=meeting).order_by("pk")
        columns = ("kind", "heading", "text", "item_id", "closed", "section_kind")
        assert list(stored.values_list(*columns)) == pieces
        found = list(stored.values_list("stemmed_heading", "stemmed", "parts"))
        texts = [(heading, text) for _, heading, text, *_ in pieces]
        assert found == reference.reference_rows(texts, REFERENCE_BASE)
        assert any(parts for _, _, parts in found)  # compounds were split


# Parts the generated compounds are built of: Danish stems, linking letters, endings.
STEMS = ["syge", "fravær", "rapport", "samtale", "lang", "tid", "arbejd", "miljø", "løn"]
STEMS += ["budget", "opfølgning", "medarbejder", "trivsel", "måling", "aftale", "plan", "aa"]
LINKS = ["", "s", "e"]
ENDINGS = ["", "e", "er", "erne", "et", "en", "s"]

compound = st.builds(
    lambda parts, links, ending: (
        "".join(p + lk for p, lk in zip(parts, links, strict=False)) + ending
    ),
    st.lists(st.sampled_from(STEMS), min_size=1, max_size=4),
    st.lists(st.sampled_from(LINKS), min_size=4, max_size=4),
    st.sampled_from(ENDINGS),
)
word = st.one_of(
    compound,
    compound.map(str.title),
    st.text(alphabet="abdefgiklmnoprstuvæøåAEØ", min_size=1, max_size=25),
)
text = st.lists(word, max_size=30).map(" ".join)
meeting_texts = st.lists(st.tuples(text, text), min_size=1, max_size=8)


@hypothesis_settings(max_examples=150, suppress_health_check=[HealthCheck.too_slow])
@given(meeting_texts)
def test_generated_meetings_are_indexed_as_before(pieces: list[tuple[str, str]]) -> None:
    """Stems and parts equal the old code's for generated texts, with caches carried
    over from every earlier example (as across the meetings of one import)."""
    assert rows(pieces, base_lexicon()) == reference.reference_rows(pieces, REFERENCE_BASE)


@hypothesis_settings(max_examples=150)
@given(meeting_texts)
def test_without_hunspell_generated_meetings_are_indexed_as_before(
    pieces: list[tuple[str, str]],
) -> None:
    """With an empty base lexicon the text's own words decide every split, as before."""
    assert rows(pieces, EMPTY_BASE) == reference.reference_rows(pieces, REFERENCE_EMPTY_BASE)


# Few words, so that meetings share compounds but differ in which parts they know.
SHORT = ["lang", "plan", "tid", "løn", "arbejd", "arbejde", "miljø", "syge", "samtale"]
small_word = st.builds(
    lambda parts, links: "".join(p + lk for p, lk in zip(parts, links, strict=False)),
    st.lists(st.sampled_from(SHORT), min_size=1, max_size=3),
    st.lists(st.sampled_from(LINKS), min_size=3, max_size=3),
)
small_meeting = st.lists(small_word, min_size=1, max_size=12).map(lambda ws: [("", " ".join(ws))])


@hypothesis_settings(max_examples=300, deadline=None)
@given(st.lists(small_meeting, min_size=2, max_size=8), st.sets(small_word, max_size=6))
def test_meetings_sharing_compounds_but_not_their_parts_are_indexed_as_before(
    meetings: list[list[tuple[str, str]]], dictionary: set[str]
) -> None:
    """A split reused from an earlier meeting is reused only where this meeting's
    words answer the same lookups (fresh base lexicons, so every example starts cold)."""
    new, old = Lexicon(dictionary), reference.Lexicon(dictionary)
    for pieces in meetings:
        assert rows(pieces, new) == reference.reference_rows(pieces, old)


@given(st.lists(compound, min_size=1, max_size=40))
def test_part_stems_of_single_words_are_as_before(compounds: list[str]) -> None:
    """``Lexicon.part_stems`` (the bench's analyser uses it) agrees word by word."""
    text = " ".join(compounds)
    new = words_lexicon(base_lexicon(), MeetingWords([("", text)]).distinct())
    old = reference.text_lexicon(REFERENCE_BASE, text)
    for folded in {w.casefold() for w in compounds}:
        assert new.part_stems(folded) == old.part_stems(folded)
