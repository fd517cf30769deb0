"""Excerpts show the matched words: a window around the first hit, hits in <mark>."""

from __future__ import annotations

import html
import re

import pytest
from django.test import Client
from hypothesis import given
from hypothesis import strategies as st

from medref.meetings.models import Meeting, Section
from medref.search.compounds import Lexicon
from medref.search.query import parse
from medref.search.selectors import case_history
from medref.search.snippets import excerpt, matched_words

from .helpers import meeting_with

# The compound test brings its own lexicon; the view tests pass with or without
# hunspell-da (tests/search/test_without_dictionary.py runs them without).
TOOLS_OPTIONAL = ("hunspell-da",)

FILLER = "Udvalget drøftede budgettet for det kommende år og de mange forslag. "
_TAGS = re.compile(r"</?mark>")

# Text around the placed word: Danish letters, digits, spaces, punctuation and HTML.
_around = st.text(alphabet=st.sampled_from("abcdeøæåABC 019 .,;:-\n<>&\"'()"), max_size=600)


def _shown(out: str) -> str:
    """The original characters an excerpt shows: no tags, no entities, no ellipses."""
    return html.unescape(_TAGS.sub("", out)).removeprefix("…").removesuffix("…")


@given(
    before=_around,
    after=_around,
    word=st.sampled_from(["Sygefraværet", "sygefravær", "SYGEFRAVÆRS", "sygefraværet"]),
    limit=st.integers(min_value=20, max_value=300),
)
def test_a_placed_word_is_shown_marked_within_the_limit(
    before: str, after: str, word: str, limit: int
) -> None:
    """For any text and the word anywhere in it, the excerpt marks that word and shows
    at most ``limit`` characters of the text, plus an ellipsis at each cut end."""
    text = f"{before} {word} {after}"
    hits = matched_words(text, parse("sygefravær"))
    out = excerpt(text, hits, limit)
    assert f"<mark>{word}</mark>" in out
    shown = _shown(out)
    assert len(shown) <= limit
    assert shown.strip() in text
    assert out.startswith("…") == bool(text[: text.index(shown.strip())].strip())


@given(text=st.text(max_size=400), limit=st.integers(min_value=1, max_value=300))
def test_without_a_hit_the_excerpt_is_the_escaped_beginning(text: str, limit: int) -> None:
    """No hit: the text's first words, escaped, never more than the limit."""
    out = excerpt(text, set(), limit)
    assert "<mark>" not in out and "<" not in out.replace("<mark>", "")
    shown = _shown(out)
    assert len(shown) <= limit and text.lstrip().startswith(shown.strip())


def test_search_stemming_folding_phrases_and_prefixes_decide_the_hits() -> None:
    """The words matched are the words search matches: stems, ae/oe/aa, phrases, prefixes."""
    text = "Sygefraværet faldt. En lokal aftale om oekonomi, ikke en aftale lokal. Økonomien."
    marked = excerpt(text, matched_words(text, parse('sygefravaer "lokal aftale" øko*')))
    assert marked == (
        "<mark>Sygefraværet</mark> faldt. En <mark>lokal</mark> <mark>aftale</mark> om "
        "<mark>oekonomi</mark>, ikke en aftale lokal. <mark>Økonomien</mark>."
    )


def test_a_compound_is_marked_when_the_lexicon_splits_it() -> None:
    """ "fravær" marks "sygefraværsrapporter" through its parts and "fraværende" through
    its stem, but not "fraværsprocent", which this lexicon cannot split."""
    lexicon = Lexicon(["syge", "fravær", "sygefravær", "rapporter"])
    text = "Sygefraværsrapporter viser fravær; fraværende var ingen. Fraværsprocent: 4."
    hits = matched_words(text, parse("fravær"), lexicon.word_parts)
    assert excerpt(text, hits) == (
        "<mark>Sygefraværsrapporter</mark> viser <mark>fravær</mark>; "
        "<mark>fraværende</mark> var ingen. Fraværsprocent: 4."
    )


def test_a_phrase_far_into_the_text_is_shown_whole_with_context() -> None:
    """The window begins a little before the hit and keeps the whole phrase."""
    text = FILLER * 30 + "Parterne indgik en lokal aftale om flekstid. " + FILLER * 30
    out = excerpt(text, matched_words(text, parse('"lokal aftale"')), 200)
    assert "<mark>lokal</mark> <mark>aftale</mark>" in out
    assert out.startswith("…") and out.endswith("…")
    assert 20 < out.index("<mark>") < 120


@pytest.mark.django_db
def test_the_history_page_shows_a_decision_word_far_into_a_long_decision(
    client: Client,
) -> None:
    """A topic found 300 words into a decision: the history shows that word marked."""
    decision = FILLER * 30 + "Sygefraværet skal nedbringes med 10 procent. " + FILLER * 10
    meeting_with([(Section.Kind.DECISION, decision)], title="Trivsel")
    page = client.get("/soeg/historik/", {"q": "sygefravær"}).content.decode()
    assert "1 punkt om “sygefravær”" in page
    assert "<mark>Sygefraværet</mark> skal nedbringes" in page
    assert FILLER * 10 not in page  # an excerpt, not the whole decision


@pytest.mark.django_db
def test_the_history_page_shows_the_matching_section_when_the_decision_has_no_hit(
    client: Client,
) -> None:
    """The match is in the Sagsfremstilling: it is shown, headed, besides the decision."""
    case = FILLER * 40 + "Et <script> om flekstid & fravær. " + FILLER * 5
    meeting_with(
        [(Section.Kind.CASE, case), (Section.Kind.DECISION, "Godkendt.")], title="Arbejdstid"
    )
    page = client.get("/soeg/historik/", {"q": "flekstid"}).content.decode()
    assert "Sagsfremstilling:</strong> …" in page
    assert "Et &lt;script&gt; om <mark>flekstid</mark> &amp; fravær." in page
    assert "<script> om" not in page
    assert "Godkendt." in page


@pytest.mark.django_db
def test_an_unpublished_decision_is_neither_shown_nor_excerpted() -> None:
    """Draft minutes: the public history shows no decision and no excerpt of it."""
    meeting_with(
        [(Section.Kind.CASE, "Om kantinen."), (Section.Kind.DECISION, "Kantinen lukkes.")],
        status=Meeting.Status.HELD,
        title="Kantinen",
    )
    (entry,) = case_history("kantinen").entries
    assert entry.decision is None and entry.decision_excerpt == ""
    assert entry.match_excerpt == "Om <mark>kantinen</mark>."


@pytest.mark.django_db
def test_a_journal_number_shows_each_decision_from_its_beginning() -> None:
    """By case number there is no word to find: the decision's first 400 characters."""
    meeting_with([(Section.Kind.DECISION, FILLER * 20)], case_number="81.38.00-P35-58-23")
    (entry,) = case_history("81.38.00-P35-58-23").entries
    assert (
        entry.decision_excerpt.startswith("Udvalget drøftede")
        and "<mark>" not in entry.decision_excerpt
    )
    assert entry.decision_excerpt.endswith("…") and len(entry.decision_excerpt) <= 401


@pytest.mark.django_db
def test_search_snippets_show_a_word_far_into_a_long_section(client: Client) -> None:
    """The search page's snippet, too, is a window around the hit."""
    meeting_with([(Section.Kind.CASE, FILLER * 40 + "Kantineordningen ophører. " + FILLER * 40)])
    page = client.get("/soeg/", {"q": "kantineordning"}).content.decode()
    assert "<mark>Kantineordningen</mark> ophører." in page
