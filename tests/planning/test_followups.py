"""Follow-ups found in decision text (medref.planning.rules.followups)."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from medref.planning.rules.followups import detect_sentence, detect_text, sentences
from medref.planning.rules.months import MONTH_NAMES, Month

NOV = dt.date(2025, 11, 20)
JUNE = dt.date(2025, 6, 20)


def due(sentence: str, meeting: dt.date = NOV) -> str | None:
    found = detect_sentence(sentence, meeting)
    return None if found is None else found.due_code


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "Punktet om ØS' økonomi sættes på ØSMED igen i januar og efterfølgende efter behov.",
            "2026-01",
        ),
        ("Punktet tages op igen på mødet i maj.", "2026-05"),
        ("Sagen drøftes på næste møde.", "next"),
        ("Emnet kan behandles på et af de kommende møder.", "next"),
        ("Sagen drøftes igen efter sommerferien.", "2026-08"),
        ("Sagen drøftes igen i foråret.", "2026-03"),
        ("Sagen drøftes i 2. kvartal.", "2026-04"),
        ("Sagen evalueres om et halvt år.", "2026-05"),
        ("Sagen evalueres i januar 2027.", "2027-01"),
        ("Det blev aftalt, at det ville man kigge på til marts 2026.", "2026-03"),
        ("Lønforhandlingerne kan vendes på det første møde i det nye år.", "2026-01"),
        ("Sagen om det sociale årshjul er udskudt til januar.", "2026-01"),
        ("Sagen vil blive taget op i det nye år.", "2026-01"),
        ("Sagen tages op i uge 34.", "2026-08"),
        ("Sagen drøftes om tre måneder.", "2026-02"),
        ("Sagen drøftes i næste kvartal.", "2026-01"),
        ("Sagen drøftes i Q3 2026.", "2026-07"),
        ("Sagen drøftes på mødet den 12. januar 2026.", "2026-01"),
        ("Der orienteres om økonomien på møderne i 2. og 4. kvartal 2026.", "2026-04"),
        ("Vi vender tilbage til sagen.", "next"),
        ("Sagen tages op igen.", "next"),
        ("Sagen sættes på dagsordenen på næste LokalMED-møde.", "next"),
        ("Sagen tages op igen på næste møde i februar.", "2026-02"),
        ("Ordningen evalueres om et års tid.", "2026-11"),
        ("Sagen drøftes igen i december.", "2025-12"),  # the meeting's own year
        ("Sagen drøftes igen næste gang.", "next"),
        ("Punktet tages op ved næste lejlighed.", "next"),
        ("Planen evalueres inden udgangen af året.", "2025-11"),
        ("Sagen følges op i slutningen af året.", "2025-11"),
    ],
)
def test_the_issues_phrasings_are_found(sentence: str, expected: str) -> None:
    assert due(sentence) == expected


def test_autumn_from_june_is_september_and_from_november_is_the_meetings_month() -> None:
    """A season that has begun is due now; one to come, in its first month."""
    assert due("Sagen drøftes igen i efteråret.", JUNE) == "2025-09"
    assert due("Sagen drøftes igen i efteråret.", NOV) == "2025-11"


def test_the_two_quarters_give_the_first_that_has_not_passed() -> None:
    """ "2. og 4. kvartal" at a meeting in June: the 2nd quarter is still running."""
    assert due("Der orienteres på møderne i 2. og 4. kvartal.", JUNE) == "2025-06"
    assert due("Der orienteres på møderne i 2. og 4. kvartal.", dt.date(2025, 8, 1)) == "2025-10"


@pytest.mark.parametrize(
    "sentence",
    [
        "Referatet fra mødet den 9. december 2025 blev godkendt.",
        "Orienteringen blev taget til efterretning.",
        "Dagsorden og referat blev godkendt uden bemærkninger.",
        "Der vil i januar blive holdt nogle workshops for de ledere.",
        "Herudover går ansættelsesprocesserne fremad, så vi kan være fuldtallige til januar.",
        "Budgetprocessen vedr. budget 2027 starter op i løbet af første kvartal i det nye år.",
        "FagMED drøftede sygefravær i september.",
        "Punktet sættes ikke på igen.",
        "Udkastet gennemgås på mødet.",
        "Sagen blev behandlet på mødet i maj.",
        "Opfølgning på Trivselsmåling 2024",
        "MitID opgaven kan vende tilbage til team 1 fra den 1. oktober 2025.",
        "Sagen drøftes i 2024.",  # before the meeting: no due month, no "igen"
    ],
)
def test_statements_that_promise_nothing_are_not_proposed(sentence: str) -> None:
    assert detect_sentence(sentence, NOV) is None


def test_a_condition_is_kept_apart_without_its_time() -> None:
    found = detect_sentence(
        "Der var enighed om, at der på nuværende tidspunkt ikke var et behov for at arbejde "
        "yderligere med rummelighed, men at man ville kigge på det igen, hvis der opstår noget "
        "i forbindelse med APV'en i foråret 2026.",
        NOV,
    )
    assert found is not None
    assert found.due_code == "2026-03"
    assert found.condition == "hvis der opstår noget i forbindelse med APV'en"
    assert found.text.startswith("Der var enighed om")


def test_a_follow_up_without_condition_has_none() -> None:
    found = detect_sentence("Sagen tages op igen i januar.", NOV)
    assert found is not None and found.condition is None


def test_sentences_split_at_full_stops_but_not_after_abbreviations() -> None:
    text = "Det drøftes bl.a. Hvordan det går. Sagen tages op igen i maj.\nNy linje"
    assert sentences(text) == [
        "Det drøftes bl.a. Hvordan det går.",
        "Sagen tages op igen i maj.",
        "Ny linje",
    ]


def test_each_sentence_of_a_text_is_its_own_follow_up() -> None:
    found = detect_text(
        "Orienteringen blev taget til efterretning. Sagen tages op igen i marts. "
        "Budgettet drøftes på næste møde.",
        NOV,
    )
    assert [(f.text, f.due_code) for f in found] == [
        ("Sagen tages op igen i marts.", "2026-03"),
        ("Budgettet drøftes på næste møde.", "next"),
    ]


# --- properties ---------------------------------------------------------------

meeting_dates = st.dates(min_value=dt.date(2000, 1, 1), max_value=dt.date(2090, 12, 31))
CUES = [
    "Sagen sættes på igen",
    "Punktet tages op igen",
    "Emnet behandles",
    "Udvalget vil drøfte det",
    "Vi vil kigge på det",
    "Sagen evalueres",
    "Punktet er udskudt til",
]
TIMES = [
    *(f"i {m}" for m in MONTH_NAMES),
    *(f"til {m} 2030" for m in MONTH_NAMES),
    "på næste møde",
    "på et af de kommende møder",
    "efter sommerferien",
    "i efteråret",
    "i foråret",
    "i vinteren",
    "i 1. kvartal",
    "i 3. kvartal 2040",
    "om et halvt år",
    "om to år",
    "om 3 måneder",
    "i januar 2027",
    "på det første møde i det nye år",
    "i uge 12",
    "den 3. april",
    "i 2050",
    "før jul",
    "efter nytår",
    "næste gang",
    "inden udgangen af året",
    "i slutningen af året",
]


@given(meeting_dates, st.sampled_from(CUES), st.sampled_from(TIMES))
def test_a_detected_due_month_is_never_before_the_meeting(
    meeting: dt.date, cue: str, time: str
) -> None:
    found = detect_sentence(f"{cue} {time}.", meeting)
    if found is not None and found.due is not None:
        assert found.due >= Month.of(meeting)


@given(meeting_dates, st.integers(1, 12), st.sampled_from(CUES))
def test_a_month_earlier_in_the_year_than_the_meeting_means_next_year(
    meeting: dt.date, month: int, cue: str
) -> None:
    found = detect_sentence(f"{cue} i {MONTH_NAMES[month - 1]}.", meeting)
    assert found is not None
    expected_year = meeting.year if month >= meeting.month else meeting.year + 1
    assert found.due == Month(expected_year, month)


NON_PROMISE_WORDS = [
    "referatet",
    "blev",
    "godkendt",
    "orienteringen",
    "taget",
    "til",
    "efterretning",
    "udvalget",
    "drøftede",
    "sagen",
    "formanden",
    "oplyste",
    "at",
    "der",
    "var",
    "enighed",
    "om",
    "budgettet",
    "og",
    "medarbejderne",
    "tilfredse",
    "med",
    "den",
    "nye",
    "ordning",
    "fra",
    "mødet",
]


@given(meeting_dates, st.lists(st.sampled_from(NON_PROMISE_WORDS), min_size=1, max_size=25))
def test_sentences_without_a_cue_or_time_propose_nothing(
    meeting: dt.date, words: list[str]
) -> None:
    assert detect_sentence(" ".join(words).capitalize() + ".", meeting) is None


@given(
    meeting_dates,
    st.lists(st.sampled_from(NON_PROMISE_WORDS), max_size=10),
    st.sampled_from(TIMES),
)
def test_a_time_without_a_cue_proposes_nothing(
    meeting: dt.date, words: list[str], time: str
) -> None:
    assert detect_sentence(" ".join([*words, time]) + ".", meeting) is None


@given(meeting_dates, st.sampled_from(CUES), st.sampled_from(TIMES))
def test_the_sentence_is_kept_as_the_text(meeting: dt.date, cue: str, time: str) -> None:
    sentence = f"{cue} {time}."
    found = detect_sentence(sentence, meeting)
    if found is not None:
        assert found.text == sentence


FRAGMENTS = [
    *CUES,
    *TIMES,
    *NON_PROMISE_WORDS,
    "hvis",
    "ikke",
    "igen",
    ",",
    ".",
    "den 45/13",
    "uge 53",
    "om 99 år",
    "2. og 4. kvartal",
    "d. 31. februar 2027",
    "Q4",
    "1. halvår",
]


@given(meeting_dates, st.lists(st.sampled_from(FRAGMENTS), max_size=30))
def test_any_mix_of_phrases_never_fails_and_never_dates_before_the_meeting(
    meeting: dt.date, fragments: list[str]
) -> None:
    for found in detect_text(" ".join(fragments), meeting):
        assert found.due is None or found.due >= Month.of(meeting)
        assert found.condition is None or found.condition in found.text


@given(meeting_dates, st.text(max_size=200))
def test_arbitrary_text_never_fails(meeting: dt.date, text: str) -> None:
    for found in detect_text(text, meeting):
        assert found.due is None or found.due >= Month.of(meeting)


def test_the_end_of_the_year_is_the_fourth_quarter_from_spring() -> None:
    assert due("Planen evalueres inden udgangen af året.", JUNE) == "2025-10"


def test_bold_in_a_decision_is_no_part_of_the_proposal() -> None:
    """Issue 16: a decision may say **januar**; the follow-up reads the words."""
    from medref.documents.model import Paragraph, SectionKind
    from medref.planning.rules.followups import decision_texts

    sections = [(SectionKind.DECISION, (Paragraph("Punktet sættes på igen i **januar**."),))]
    assert list(decision_texts(sections)) == ["Punktet sættes på igen i januar."]
