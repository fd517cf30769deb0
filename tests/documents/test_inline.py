"""Emphasis in inline text: one parser, one writer, and literal asterisks stay literal."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from medref.documents.inline import (
    Run,
    has_emphasis,
    normalize,
    parse_inline,
    render_inline,
    strip_inline,
)


def test_bold_and_italic_are_runs() -> None:
    assert parse_inline("Vi **godkendte** budgettet *med* ændringer") == (
        Run("Vi "),
        Run("godkendte", bold=True),
        Run(" budgettet "),
        Run("med", italic=True),
        Run(" ændringer"),
    )
    assert parse_inline("***begge***") == (Run("begge", bold=True, italic=True),)


def test_literal_asterisks_are_not_emphasis() -> None:
    """Arithmetic, footnote marks and a lone pair of stars mean what they say."""
    for text in ("5 * 3 = 15", "*) note", "a ** b", "*", "**", "Se note *", "2 * 3 * 4"):
        assert parse_inline(text) == (Run(text),), text
        assert strip_inline(text) == text
        assert not has_emphasis(text)


def test_an_opener_without_closer_is_literal() -> None:
    assert parse_inline("**ikke lukket") == (Run("**ikke lukket"),)
    assert parse_inline("*a og **b**") == (Run("*a og "), Run("b", bold=True))


def test_escapes() -> None:
    assert parse_inline(r"\*ikke kursiv\*") == (Run("*ikke kursiv*"),)
    assert parse_inline("C:\\mapper\\fil") == (Run("C:\\mapper\\fil"),)
    assert parse_inline("a\\\\b") == (Run("a\\b"),)


def test_a_star_inside_a_link_is_no_marker() -> None:
    text = "[her](https://x.dk/a*b*c) og [*](#)"
    assert parse_inline(text) == (Run(text),)
    assert parse_inline("**[her](https://x.dk)**") == (Run("[her](https://x.dk)", bold=True),)


def test_nesting_is_not_read_the_inner_stars_stay() -> None:
    assert parse_inline("**a *b* c**") == (Run("a *b* c", bold=True),)


def test_plain_text_is_written_unchanged() -> None:
    for text in ("5 * 3", "*) note", "C:\\mapper", "Vi mødes kl. 13"):
        assert render_inline(parse_inline(text)) == text


def test_literal_text_that_would_read_as_emphasis_is_escaped() -> None:
    assert render_inline([Run("*kursiv*")]) == r"\*kursiv\*"
    assert render_inline([Run("fed", bold=True), Run("*")]) == r"**fed**\*"


def test_strip_removes_markers() -> None:
    assert strip_inline("Vi **godkendte** *det*") == "Vi godkendte det"


# --- properties -------------------------------------------------------------

_LITERAL = st.text(alphabet="ab æ*\\.,()-:5", max_size=12)
_CORE = st.text(alphabet="ab æ*\\.,()-:5", max_size=10)
_ALNUM = st.sampled_from("abcæø12")


@st.composite
def emphasised(draw: st.DrawFn) -> Run:
    text = draw(_ALNUM) + draw(_CORE) + draw(_ALNUM) if draw(st.booleans()) else draw(_ALNUM)
    style = draw(st.sampled_from([(True, False), (False, True), (True, True)]))
    return Run(text, *style)


@st.composite
def runs(draw: st.DrawFn) -> list[Run]:
    out: list[Run] = []
    for _ in range(draw(st.integers(0, 4))):
        out.append(Run(draw(_LITERAL)))
        out.append(draw(emphasised()))
        # Two emphasised runs are kept apart by at least one literal character.
        out.append(Run(draw(_LITERAL.filter(bool))))
    return out


@given(runs())
def test_parse_render_round_trips(value: list[Run]) -> None:
    assert parse_inline(render_inline(value)) == normalize(value)


@given(_LITERAL)
def test_literal_text_round_trips(text: str) -> None:
    assert parse_inline(render_inline([Run(text)])) == normalize([Run(text)])


@given(st.text(alphabet="ab *\\[]()#.x:", max_size=30))
def test_parse_never_fails_and_strip_keeps_the_letters(text: str) -> None:
    stripped = strip_inline(text)
    assert stripped.replace("*", "").replace("\\", "") == text.replace("*", "").replace("\\", "")
    assert parse_inline(render_inline(parse_inline(text))) == parse_inline(text)
