"""The structure reader's cheap tests before its patterns never change an answer.

To parse as fast as before issue 15 (docs/layouts.md, "Cost"), the cue
functions test a cheap condition before a pattern is searched: the last
character of a line, a word the line must hold, a bracket or a comma. Each
such test must be a condition the pattern itself needs, or a result would
change. These properties check that on generated text with the characters
that case-insensitive patterns and ``str.lower()`` treat differently (ſ, ı,
İ, the Kelvin sign), and compare the rewritten functions with the versions
before the change, kept here.
"""

from __future__ import annotations

import random
import re

from hypothesis import given, settings
from hypothesis import strategies as st

from medref.importers import case_lines, cues, item_cues, name_cues, said, starts
from medref.importers import vocabulary as vocab

ODD = ["ſ", "ı", "İ", "\u212a", "ß", "\n", ".", "..", ")", "(", ",", " ", "  ", "\t", "\u00a0"]
WORDS = [
    "afbud", "AFBUD", "Afbud", "lukket", "Lukket sag", "åben", "Åbent punkt", "sag", "Sagsnr.",
    "J.nr.", "jnr", "esdh nr", "Brevid:", "Dok.nr.", "123", "19/10422", "00.01.00-A00-1-25",
    "deltog", "ikke", "i", "behandlingen", "af", "punkt", "punktet", "mødet", "suppleant",
    "Suppleant", "stedfortræder", "i stedet for", "havde meldt", "var", "fraværende", "Der var",
    "og", "Jens Holm", "Kirsten Bak", "(A)", "(næstformand)", "3F", "-", "–", "side", "...",
    "…", "7", "Punkt 3:", "3.", "Budget", "Pkt. 4", "§ 2",
]  # fmt: skip


def texts(*extra: list[str]) -> st.SearchStrategy[str]:
    choices = WORDS + ODD + [piece for group in extra for piece in group]
    return st.lists(st.sampled_from(choices) | st.text(max_size=3), max_size=10).map(" ".join)


# --- the conditions each precheck stands on -----------------------------------------


@settings(max_examples=400)
@given(texts())
def test_a_contents_line_ends_in_a_digit(text: str) -> None:
    stripped = text.strip()  # item_cue searches a stripped line
    if item_cues._TOC_LINE.search(stripped):
        assert stripped[-1:].isdecimal()


@settings(max_examples=400)
@given(texts())
def test_case_line_prechecks_are_what_the_patterns_need(text: str) -> None:
    stripped = text.strip().rstrip(".")  # as case_line reads it
    last = case_lines._last_char(stripped)
    if case_lines._CLOSED_WORD.search(stripped):
        assert last in "tTgG"
    if case_lines._OPEN_WORD.search(stripped):
        assert last in "nNtTgG"
    if case_lines._BREVID.search(stripped):
        assert case_lines._last_char(stripped, dot=False).isdecimal()
    if any(case_lines._CASE_LINE.finditer(stripped)):
        lowered = stripped.lower()
        assert "sag" in lowered or "j" in lowered or "esdh" in lowered or "ſ" in lowered


def _absent_mark_before(text: str) -> tuple[str, bool]:
    match = name_cues._ABSENT_MARK.search(text)
    if match and match.start() > 0:
        return text[: match.start()].strip(" ,-–"), True
    return text, False


@settings(max_examples=400)
@given(texts())
def test_absent_mark(text: str) -> None:
    assert cues.absent_mark(text) == _absent_mark_before(text)


def _person_before(text: str) -> tuple[str, str | None]:
    text = text.strip().rstrip(".").strip()
    titles: list[str] = []
    role = name_cues._LEADING_ROLE.match(text)
    if role:
        titles.append(role.group().strip())
        text = text[role.end() :]
    dashed = cues.NAME_DASH_ROLE.match(text)  # "Birthe Lauesen - Afdelingschef", no precheck
    if dashed is not None:
        return dashed["name"], ", ".join([*titles, dashed["title"].strip()])
    split = re.search(r",(?![^()]*\))", text)
    name_part, tail = (text[: split.start()], text[split.end() :]) if split else (text, "")
    titles.extend(t.strip() for t in re.findall(r"\(([^()]*)\)", name_part) if t.strip())
    name = name_cues._PARENS.sub("", name_part).strip()
    # (issue 15, session 9: "Birgit Lynggaard DH", an organisation's letters after a name)
    union = re.search(r"(?<=[a-zæøå])\s+([A-ZÆØÅ]{2,4})$", name)
    if union is not None:
        titles.append(union[1])
        name = name[: union.start()]
    tail = re.sub(r"\s*\(\s*", ", ", tail).replace(")", "")
    titles.extend(t.strip() for t in tail.split(",") if t.strip())
    return name, ", ".join(titles) or None


@settings(max_examples=400)
@given(texts(["formand ", "Borgmester ", "(direktør, Sundhed)", "((", "))"]))
def test_person(text: str) -> None:
    assert cues.person(text) == _person_before(text)


def test_first_letters_of_the_attendance_line_pattern() -> None:
    """ITEM_LINE_FIRST holds every character ITEM_LINE_START can match first."""
    for code in range(0x3000):
        char = chr(code)
        if vocab.ITEM_LINE_START.match(char + "raværende") or vocab.ITEM_LINE_START.match(
            char + "uppleanter"
        ):
            assert char in vocab.ITEM_LINE_FIRST, hex(code)


# --- attendance patterns tried only when their words are there --------------------

ALL_GUARDED = (
    said._NAMED_ABSENT + said._BOTH + said._INSTEAD + said._ITEM_SUBSTITUTES
    + said._MEETING_SUBSTITUTES + said._ITEM_ABSENTEES + said._MEETING_PRESENT
    + said._MEETING_ABSENTEES
)  # fmt: skip


def test_required_words_are_read_from_the_patterns() -> None:
    words = dict(ALL_GUARDED)
    assert words[vocab.MEETING_PRESENT[0]] == ("deltog", "mødet")
    # "i" and "s" are left out: "ı", "İ" and "ſ" match them but lower() keeps them.
    assert all(not set(w) & set("is") for ws in words.values() for w in ws)


@settings(max_examples=500)
@given(
    texts(["Anne Hansen deltog ikke i mødet.", "Suppleant Bo Berg deltog i behandling af punktet."])
)
def test_a_guarded_pattern_matches_only_where_its_words_are(text: str) -> None:
    lowered = text.lower()
    for pattern, words in ALL_GUARDED:
        if pattern.match(text):
            assert all(word in lowered for word in words), (pattern.pattern, text)


def test_every_guard_letter_folds_like_lower() -> None:
    """Letters in a guard word: a case-insensitive match is a character that lower()s to it."""
    letters = {c for _, words in ALL_GUARDED for word in words for c in word}
    for code in range(0x3000):
        char = chr(code)
        for letter in letters:
            if re.fullmatch(letter, char, re.IGNORECASE):
                assert char.lower() == letter, (hex(code), letter)


# --- item starts: the chain without the quadratic scan ---------------------------------


def _chain_before(candidates: list[starts._Candidate]) -> list[starts._Candidate]:
    if not candidates:
        return []
    count = len(candidates)
    score = [0] * count
    length = [1] * count
    back = [-1] * count
    first = list(range(count))
    for j, cand in enumerate(candidates):
        score[j] = cand.cue.strength
        for i in range(j):
            step = cand.cue.number - candidates[i].cue.number
            if not 1 <= step <= 4:
                continue
            value = score[i] + cand.cue.strength + (2 if step == 1 else 1 - step)
            if value > score[j] or (value == score[j] and back[j] >= 0 and first[i] > first[j]):
                score[j], back[j], length[j], first[j] = value, i, length[i] + 1, first[i]
    best = max(range(count), key=lambda j: (score[j], candidates[first[j]].at))
    chain: list[starts._Candidate] = []
    j = best
    while j >= 0:
        chain.append(candidates[j])
        j = back[j]
    chain.reverse()
    if len(chain) == 1 and chain[0].cue.strength < 4:
        return []
    return chain


def _drop_empty_repeats_before(chosen: list[starts._Candidate]) -> list[starts._Candidate]:
    kept: list[starts._Candidate] = []
    for position, cand in enumerate(chosen):
        later = chosen[position + 1 :]
        repeated = any(c.cue.number == cand.cue.number for c in later)
        nothing_below = position + 1 < len(chosen) and chosen[position + 1].at == (
            cand.at + 1 + cand.consumed
        )
        if repeated and nothing_below:
            continue
        kept.append(cand)
    return kept


def test_chain_and_repeats_as_before() -> None:
    rng = random.Random(15)
    for _ in range(3000):
        found = []
        at = 0
        for _ in range(rng.randrange(30)):
            at += rng.randrange(1, 4)
            number = rng.choice([rng.randrange(1, 12), rng.randrange(1, 40)])
            cue = cues.ItemCue(number, "Titel", False, rng.choice([1, 2, 3, 4]))
            found.append(starts._Candidate(at, cue, rng.randrange(2)))
        assert starts._chain(found) == _chain_before(found)
        assert starts._drop_empty_repeats(found) == _drop_empty_repeats_before(found)
