"""Does a decision approve the previous meeting's minutes? (no database)"""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from medref.lib.decisions import VETO_WORDS, approves_minutes

APPROVALS = (
    "FagMED godkendte referatet.",
    "FagMED godkendte referatet",
    "fagmed GODKENDTE referatet.",
    "HovedMED godkender referatet.",
    "Referatet blev godkendt.",
    "Referatet er godkendt.",
    "Referatet godkendes.",
    "Referatet godkendt.",
    "Referat fra mødet d. 8. oktober 2025 godkendt.",
    "Referatet fra mødet d. 8. oktober godkendes.",
    "LokalMED Borgerservice godkendte referatet uden bemærkninger.",
    "Udvalget godkendte referatet fra sidste møde.",
    "FagMED godkendte referatet med følgende bemærkninger: Mads var til stede.",
)
NOT_APPROVALS = (
    # issue 14's bypass
    "FagMED godkendte referatet ikke, da punkt 3 mangler.",
    "FagMED godkendte ikke referatet.",
    "Referatet blev ikke godkendt.",
    "Referatet godkendes ej.",
    # questions
    "Godkendte FagMED referatet?",
    "Kan referatet godkendes?",
    "FagMED godkendte referatet?",
    # postponements and refusals
    "Godkendelse af referatet udsættes til næste møde.",
    "Referatet godkendes på næste møde.",
    "Punktet blev udsat; referatet godkendes senere.",
    "FagMED afviste at godkende referatet.",
    "Referatet skal godkendes af formanden.",
    # conditions and reservations
    "FagMED godkendte referatet, når punkt 3 er rettet.",
    "FagMED godkendte referatet, hvis punkt 3 rettes.",
    "FagMED godkendte referatet, dog ikke punkt 3.",
    "FagMED godkendte referatet med forbehold for punkt 3.",
    "FagMED godkendte referatet delvist.",
    # other decisions
    "FagMED godkendte dagsordenen.",
    "FagMED tog orienteringen til efterretning.",
    "Godkendelse af referat.",
    "Referatet blev drøftet.",
    "FagMED ugodkendte referatet.",
    "",
)


@pytest.mark.parametrize("text", APPROVALS)
def test_a_plain_approval_approves(text: str) -> None:
    assert approves_minutes(text)


@pytest.mark.parametrize("text", NOT_APPROVALS)
def test_anything_else_never_approves(text: str) -> None:
    assert not approves_minutes(text)


subjects = st.sampled_from(["FagMED", "HovedMED", "LokalMED Borgerservice", "Udvalget", "MED"])
affirmative = st.builds(
    lambda subject, phrase: f"{subject} {phrase}",
    subjects,
    st.sampled_from(["godkendte referatet.", "godkender referatet", "godkendte referatet"]),
)


@given(affirmative)
def test_the_standard_phrasing_approves_whatever_the_subject(text: str) -> None:
    assert approves_minutes(text)


@given(affirmative, st.sampled_from(sorted(VETO_WORDS)), st.integers(min_value=0), st.booleans())
def test_a_veto_word_anywhere_never_approves(text: str, veto: str, where: int, upper: bool) -> None:
    words = text.split(" ")
    words.insert(where % (len(words) + 1), veto.upper() if upper else veto)
    assert not approves_minutes(" ".join(words))


@given(affirmative, st.integers(min_value=0))
def test_a_question_mark_anywhere_never_approves(text: str, where: int) -> None:
    at = where % (len(text) + 1)
    assert not approves_minutes(text[:at] + "?" + text[at:])


@given(st.text())
def test_any_text_is_read_without_error_and_needs_the_word_referat(text: str) -> None:
    if approves_minutes(text):
        assert "referat" in text.casefold()
        assert "godkend" in text.casefold()


@given(st.text(alphabet=st.characters(codec="latin-1")))
def test_case_does_not_matter(text: str) -> None:
    assert approves_minutes(text) == approves_minutes(text.swapcase())
