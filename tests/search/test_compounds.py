"""Compound words split by a real lexicon (hunspell-da) and by the text's own words."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from medref.search.compounds import HUNSPELL_DA, Lexicon, parts_text, read_hunspell, text_lexicon
from medref.search.query import index_text

needs_hunspell = pytest.mark.needs("hunspell-da")


@pytest.fixture(scope="module")
def hunspell() -> Lexicon:
    return Lexicon.from_hunspell()


@needs_hunspell
@pytest.mark.parametrize(
    "word",
    ["sygefraværsrapporter", "langtidssygefraværet", "sygefraværssamtaler", "sygefravær"],
)
def test_sickness_absence_compounds_contain_fravaer(hunspell: Lexicon, word: str) -> None:
    """Every compound of sygefravær yields "fravær" among its parts."""
    assert index_text("fravær") in hunspell.part_stems(word)


@needs_hunspell
@pytest.mark.parametrize(
    "word", ["sygefraværsrapporter", "langtidssygefraværet", "sygefraværssamtaler"]
)
def test_longer_compounds_contain_sygefravaer(hunspell: Lexicon, word: str) -> None:
    """ "sygefravær" is a part of the longer compounds, so searching it finds them."""
    assert index_text("sygefravær") in hunspell.part_stems(word)


@needs_hunspell
@pytest.mark.parametrize("word", ["forslag", "fravær", "samtaler", "rapporter", "overenskomst"])
def test_ordinary_words_are_not_split_into_short_words(hunspell: Lexicon, word: str) -> None:
    """ "forslag" is not "for" + "slag": known words split only into long parts."""
    assert hunspell.split(word) == ()


@needs_hunspell
def test_the_hunspell_reader_drops_flags_and_compound_hyphens() -> None:
    """ "syge-/81,32" is read as the word "syge"."""
    words = read_hunspell(HUNSPELL_DA)
    assert {"syge", "fravær", "rapport"} <= words
    assert not any("/" in w or w.endswith("-") for w in words)


def test_without_hunspell_the_minutes_own_words_split_compounds(tmp_path: Path) -> None:
    """With no dictionary, the text's own words ("sygefravær", "rapporter") are the lexicon."""
    empty = Lexicon.from_hunspell(tmp_path / "missing.dic")
    assert len(empty) == 0
    text = "Sygefravær og rapporter: sygefraværsrapporter for kvartalet."
    assert "sygefravær" in parts_text(text, text_lexicon(empty, text)).split()


def test_a_word_list_file_is_a_lexicon(tmp_path: Path) -> None:
    """Any hunspell-format file serves: the first line is a count, flags follow a slash."""
    dic = tmp_path / "mini.dic"
    dic.write_text("3\nlønning/10,2\nsamtale/1\nmedarbejder-/81\n", encoding="utf-8")
    lexicon = Lexicon.from_hunspell(dic)
    assert lexicon.part_stems("medarbejdersamtalerne")[:2] == [
        index_text("medarbejder"),
        index_text("samtale"),
    ]


@given(st.text(alphabet="abdefgiklmnoprstuvæøå", min_size=1, max_size=30))
def test_splitting_never_fails_and_parts_rebuild_the_word(word: str) -> None:
    """A split's parts, linking letters aside, spell the word; short words are never split."""
    lexicon = Lexicon(["syge", "fravær", "rapport", "samtale", "lang", "tid"])
    parts = lexicon.split(word)
    if parts:
        assert len(parts) >= 2
        assert len(word) >= 6
        assert word.endswith(parts[-1])
