"""The query language: words, phrases, -word, prefix*, folding, stemming."""

from hypothesis import given
from hypothesis import strategies as st

from medref.search.query import fold, index_text, parse


def test_inflected_and_capitalised_forms_give_the_same_term() -> None:
    """ "sygefraværet" and "Sygefravær" stem to the same word as "sygefravær"."""
    assert parse("sygefraværet").terms == parse("Sygefravær").terms == parse("sygefravær").terms


def test_ae_oe_aa_are_folded_to_danish_letters() -> None:
    """A query typed as "oekonomi" means "økonomi"."""
    assert fold("Oekonomi") == "økonomi"
    assert parse("oekonomi").terms == parse("økonomi").terms


def test_phrases_excluded_words_and_prefixes_are_recognised() -> None:
    """Quotes make a phrase, a minus excludes, a star asks for a prefix."""
    query = parse('"lokal aftale" -budget øko*')
    assert query.phrases == [[index_text("lokal"), index_text("aftale")]]
    assert query.excluded == [index_text("budget")]
    assert query.prefixes == ["øko"]
    assert query.terms == []


def test_a_query_with_only_excluded_words_is_empty() -> None:
    """Nothing positive asked for means nothing to search."""
    assert parse("-budget").empty
    assert not parse("budget").empty


@given(st.text())
def test_any_text_parses_without_error(text: str) -> None:
    """Whatever is typed, parsing never raises and yields no empty words."""
    query = parse(text)
    for word in [*query.terms, *query.excluded, *query.prefixes]:
        assert word
    for phrase in query.phrases:
        assert all(phrase)
