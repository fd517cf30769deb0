"""Emphasis in inline text: ``**fed**``, ``*kursiv*`` and ``***begge***``.

Body text (paragraphs, list items, table cells and sub-headings of a
section) is one string in a small Markdown subset: a link is ``[her](url)``
(``model.INLINE_LINK``), bold is ``**…**``, italic ``*…*`` and both
``***…***``. ``parse_inline`` splits such a string into runs of one style;
``render_inline`` writes runs back; ``strip_inline`` is the text without
markers (for plain text, the JSON ``text`` fields and search).

The rules are CommonMark's for ``*``, without nesting:

- a run of one, two or three ``*`` opens emphasis when it is followed by
  a non-space (and, if that is punctuation, preceded by a space,
  punctuation or the start); it closes when the mirror image holds;
- an opener is closed by the next closer of the *same* length; anything
  between is the run's text as written (a ``*`` inside stays a ``*``);
- an opener without a closer, and any other ``*``, is a literal ``*``:
  "5 * 3", "*) note" and "a ** b" mean what they say;
- ``\\*`` is a literal ``*`` and ``\\\\`` a literal backslash; any other
  backslash is itself ("C:\\mapper");
- a link ``[text](url)`` is one literal piece: a ``*`` in it is never a marker.

``render_inline`` writes the text as it is when that already reads back
right, so plain text stays unchanged, and escapes otherwise:
``parse_inline(render_inline(runs)) == normalize(runs)`` for every list of
runs whose emphasised texts begin and end with a letter or digit (what the
editors produce).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

from .model import INLINE_LINK

_MARKERS = {1: (False, True), 2: (True, False), 3: (True, True)}
_ESCAPABLE = "*\\"


@dataclass(frozen=True, slots=True)
class Run:
    """A piece of inline text in one style."""

    text: str
    bold: bool = False
    italic: bool = False

    @property
    def plain(self) -> bool:
        return not (self.bold or self.italic)


@dataclass(slots=True)
class _Delimiter:
    length: int
    can_open: bool
    can_close: bool


def _is_space(char: str) -> bool:
    return char.isspace()


def _is_punctuation(char: str) -> bool:
    return unicodedata.category(char)[0] in "PS"


def _flanking(before: str, after: str) -> tuple[bool, bool]:
    """(left-flanking, right-flanking) for a delimiter run between two characters."""
    left = not _is_space(after) and (
        not _is_punctuation(after) or _is_space(before) or _is_punctuation(before)
    )
    right = not _is_space(before) and (
        not _is_punctuation(before) or _is_space(after) or _is_punctuation(after)
    )
    return left, right


def _tokens(text: str) -> list[str | _Delimiter]:
    """Literal pieces and delimiter runs; escapes resolved, links kept whole."""
    tokens: list[str | _Delimiter] = []
    literal: list[str] = []
    previous = " "  # the character before the current position, as read
    i, n = 0, len(text)
    while i < n:
        char = text[i]
        if char == "\\" and i + 1 < n and text[i + 1] in _ESCAPABLE:
            literal.append(text[i + 1])
            previous = text[i + 1]
            i += 2
        elif char == "[" and (link := INLINE_LINK.match(text, i)):
            literal.append(link[0])
            previous = ")"
            i = link.end()
        elif char == "*":
            end = i
            while end < n and text[end] == "*":
                end += 1
            after = text[end] if end < n else " "
            left, right = _flanking(previous, after)
            if literal:
                tokens.append("".join(literal))
                literal = []
            tokens.append(_Delimiter(end - i, left, right))
            previous = "*"
            i = end
        else:
            literal.append(char)
            previous = char
            i += 1
    if literal:
        tokens.append("".join(literal))
    return tokens


def normalize(runs: Iterable[Run]) -> tuple[Run, ...]:
    """One run per stretch of one style: empty runs dropped, neighbours of one
    style merged, spaces at an emphasised run's ends moved outside it."""
    pieces: list[Run] = []
    for run in runs:
        if not run.text:
            continue
        if run.plain:
            pieces.append(run)
            continue
        core = run.text.strip()
        head = run.text[: len(run.text) - len(run.text.lstrip())]
        tail = run.text[len(run.text.rstrip()) :] if core else ""
        pieces.extend(
            piece for piece in (Run(head), Run(core, run.bold, run.italic), Run(tail)) if piece.text
        )
    merged: list[Run] = []
    for piece in pieces:
        last = merged[-1] if merged else None
        if last is not None and (last.bold, last.italic) == (piece.bold, piece.italic):
            merged[-1] = Run(last.text + piece.text, last.bold, last.italic)
        else:
            merged.append(piece)
    return tuple(merged)


def _delimiter_text(token: str | _Delimiter) -> str:
    return token if isinstance(token, str) else "*" * token.length


def parse_inline(text: str) -> tuple[Run, ...]:
    """The runs ``text`` says (see the module docstring); plain text is one run."""
    if "*" not in text and "\\" not in text:
        return (Run(text),) if text else ()
    tokens = _tokens(text)
    runs: list[Run] = []
    i = 0
    while i < len(tokens):
        token = tokens[i]
        if isinstance(token, _Delimiter) and token.can_open and token.length in _MARKERS:
            close = next(
                (
                    j
                    for j in range(i + 2, len(tokens))
                    if isinstance(d := tokens[j], _Delimiter)
                    and d.can_close
                    and d.length == token.length
                ),
                None,
            )
            if close is not None:
                bold, italic = _MARKERS[token.length]
                inner = "".join(_delimiter_text(t) for t in tokens[i + 1 : close])
                runs.append(Run(inner, bold, italic))
                i = close + 1
                continue
        runs.append(Run(_delimiter_text(token)))
        i += 1
    return normalize(runs)


def _escape(text: str) -> str:
    """Literal text with every ``*`` escaped, and each backslash that could be
    read as an escape (before ``*``, ``\\`` or a marker) doubled; links kept."""
    out: list[str] = []
    position = 0
    for link in INLINE_LINK.finditer(text):
        out.append(_escape_span(text[position : link.start()], before_link=True))
        out.append(link[0])
        position = link.end()
    out.append(_escape_span(text[position:], before_link=False))
    return "".join(out)


def _escape_span(text: str, *, before_link: bool) -> str:
    out: list[str] = []
    for index, char in enumerate(text):
        if char == "*":
            out.append("\\*")
        elif char == "\\":
            following = text[index + 1] if index + 1 < len(text) else None
            last = following is None and not before_link
            out.append(
                "\\\\" if last or (following is not None and following in _ESCAPABLE) else char
            )
        else:
            out.append(char)
    return "".join(out)


def _write(runs: tuple[Run, ...], escape: bool) -> str:
    out: list[str] = []
    for run in runs:
        text = _escape(run.text) if escape else run.text
        marker = "*" * ((2 if run.bold else 0) + (1 if run.italic else 0))
        out.append(f"{marker}{text}{marker}")
    return "".join(out)


def render_inline(runs: Iterable[Run]) -> str:
    """Runs as one string of inline text: as written when that reads back the
    same, else with literal ``*`` and ambiguous backslashes escaped."""
    canonical = normalize(runs)
    naive = _write(canonical, escape=False)
    if parse_inline(naive) == canonical:
        return naive
    return _write(canonical, escape=True)


def strip_inline(text: str) -> str:
    """The text without emphasis markers or escapes (links stay ``[text](url)``)."""
    if "*" not in text and "\\" not in text:
        return text
    return "".join(run.text for run in parse_inline(text))


def has_emphasis(text: str) -> bool:
    return "*" in text and any(not run.plain for run in parse_inline(text))
