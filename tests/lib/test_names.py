"""medref.lib.names: a typo is the same person, a different first name is not."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from medref.lib.names import (
    match_name,
    names_match,
    normalise_name,
    slugify,
    within_one_edit,
)

name_text = st.text(alphabet="abcdeæøå ABCÆØÅ-", min_size=1, max_size=30)


def test_a_one_letter_typo_in_a_long_surname_matches() -> None:
    """ "Anderen" is "Andersen" missing a letter: the same person."""
    assert names_match("Cathrin Borregaard Anderen", "Cathrin Borregaard Andersen")


def test_first_names_one_letter_apart_are_different_people() -> None:
    """Marie and Maria are two people, whatever their surname."""
    assert not names_match("Marie Aasøe", "Maria Aasøe")
    assert not names_match("Maria Sauer", "Marie Sauer")


def test_short_surnames_must_match_exactly() -> None:
    """Below six letters a one-letter difference is another name (Lund/Lind)."""
    assert not names_match("Birgitte Lund", "Birgitte Lind")


def test_a_middle_name_more_or_less_is_another_name() -> None:
    """Token counts must agree: "Maria Sauer" is not "Maria Schwartz Sauer"."""
    assert not names_match("Maria Sauer", "Maria Schwartz Sauer")


def test_case_and_spacing_do_not_matter() -> None:
    """Names compare casefolded with collapsed whitespace."""
    assert normalise_name("  MARIE   Aasøe ") == "marie aasøe"
    assert names_match("marie aasøe", "Marie Aasøe")


def test_match_name_prefers_the_exact_spelling() -> None:
    """With both the typo and the right spelling known, the exact one wins."""
    known = ["Cathrin Borregaard Anderen", "Cathrin Borregaard Andersen"]
    assert match_name("Cathrin Borregaard Andersen", known) == "Cathrin Borregaard Andersen"
    assert match_name("Cathrin Borregaard Andersen", reversed(known)) == known[1]


def test_match_name_returns_none_for_a_new_person() -> None:
    """No known name matches: a new person."""
    assert match_name("Maria Aasøe", ["Marie Aasøe"]) is None


def test_slugs_spell_danish_letters_out() -> None:
    """æ, ø and å become ae, oe and aa; punctuation becomes one dash."""
    assert slugify("AfdelingsMED Økonomi & Stab") == "afdelingsmed-oekonomi-stab"
    assert slugify("Kultur & Sundhed, Århus") == "kultur-sundhed-aarhus"


@given(name_text)
def test_a_name_always_matches_itself(name: str) -> None:
    """Every name matches itself, and match_name finds it among others."""
    assert names_match(name, name)
    assert match_name(name, ["Zz Zz", name]) is not None


@given(name_text, name_text)
def test_matching_is_symmetric(a: str, b: str) -> None:
    """If a is b then b is a."""
    assert names_match(a, b) == names_match(b, a)


@given(st.text(max_size=10), st.text(max_size=10))
def test_within_one_edit_is_symmetric_and_agrees_with_levenshtein(a: str, b: str) -> None:
    """The fast check agrees with a plain edit distance."""
    assert within_one_edit(a, b) == within_one_edit(b, a) == (levenshtein(a, b) <= 1)


@given(name_text)
def test_slugs_are_lowercase_ascii(name: str) -> None:
    """Slugs hold only a-z, 0-9 and inner dashes."""
    slug = slugify(name)
    assert all(c in "abcdefghijklmnopqrstuvwxyz0123456789-" for c in slug)
    assert not slug.startswith("-") and not slug.endswith("-")


def levenshtein(a: str, b: str) -> int:
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, start=1):
        current = [i]
        for j, cb in enumerate(b, start=1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb)))
        previous = current
    return previous[-1]
