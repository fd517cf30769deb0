"""Field accuracy of a parse against a written truth, over the `medref parse --json` fields.

A layout fixture (tests/fixtures/layouts/<layout>/) holds a document and a
``truth.json`` in the shape ``medref parse --json`` prints, written by reading
the document. ``score`` compares a parse with that truth field by field:

- meeting: kind, committee, meeting_date, start_time, end_time, location,
  participant names, present, absent, substitutes;
- per item (paired by position): number, title, case_number, closed,
  recommendation (proposer and clauses), attachments, absent, substitutes;
- per section of an item (paired by position): kind, heading, text.

Lists of names compare as sets (the order a portal prints them in is not
a fact about the meeting); texts compare with whitespace folded, headings
without a final colon. An item or section the parse lacks costs all its fields;
one it invents costs as many fields as a real one would, so splitting an item
in two is not free. A file the parser refuses scores 0.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

Data = dict[str, Any]

LAYOUTS = Path(__file__).resolve().parents[1] / "fixtures" / "layouts"
# The document a layout folder holds, in the order a fixture's main format is chosen.
DOCUMENT_NAMES = ("document.html", "document.md", "document.txt")

MEETING_SCALARS = ("kind", "committee", "meeting_date", "start_time", "end_time", "location")
MEETING_SETS = ("present", "absent", "substitutes")
ITEM_SCALARS = ("number", "title", "case_number", "closed")
ITEM_SETS = ("absent", "substitutes")
SECTION_FIELDS = ("kind", "heading", "text")


@dataclass
class Score:
    right: int = 0
    total: int = 0
    misses: list[str] = field(default_factory=list)

    def check(self, where: str, expected: object, got: object) -> None:
        self.total += 1
        if expected == got:
            self.right += 1
        else:
            self.misses.append(f"{where}: expected {expected!r}, got {got!r}")

    def lose(self, where: str, count: int) -> None:
        self.total += count
        self.misses.append(f"{where}: {count} fields lost")

    @property
    def accuracy(self) -> float:
        return self.right / self.total if self.total else 1.0


def _text(value: object) -> object:
    return " ".join(value.split()) if isinstance(value, str) else value


def _heading(value: object) -> object:
    # A heading's final colon is typography ("Beslutning:" / "Beslutning"), not a fact.
    text = _text(value)
    return text.removesuffix(":").rstrip() if isinstance(text, str) else text


def _names(value: object) -> object:
    return None if value is None else frozenset(_text(v) for v in value)  # type: ignore[attr-defined]


def _recommendation(value: Data | None) -> object:
    if value is None:
        return None
    return (_text(value["proposer"]), tuple(_text(c) for c in value["clauses"]))


def _item_size(item: Data) -> int:
    return len(ITEM_SCALARS) + len(ITEM_SETS) + 2 + len(SECTION_FIELDS) * len(item["sections"])


def _sections(score: Score, where: str, truth: list[Data], got: list[Data]) -> None:
    for index, expected in enumerate(truth):
        if index >= len(got):
            score.lose(f"{where} section {index + 1} ({expected['heading']!r})", 3)
            continue
        for name in SECTION_FIELDS:
            fold = _heading if name == "heading" else _text
            score.check(
                f"{where} section {index + 1} {name}",
                fold(expected[name]),
                fold(got[index][name]),
            )
    for extra in got[len(truth) :]:
        score.lose(f"{where} extra section {extra['heading']!r}", len(SECTION_FIELDS))


def score(truth: Data, got: Data | None) -> Score:
    """How many of the truth's fields the parse ``got`` (None: refused) has right."""
    result = Score()
    if got is None:
        size = len(MEETING_SCALARS) + len(MEETING_SETS) + 1
        result.lose("refused", size + sum(_item_size(i) for i in truth["items"]))
        return result
    for name in MEETING_SCALARS:
        result.check(name, _text(truth[name]), _text(got[name]))
    for name in MEETING_SETS:
        result.check(name, _names(truth[name]), _names(got[name]))
    result.check(
        "participants",
        _names([p["name"] for p in truth["participants"]]),
        _names([p["name"] for p in got["participants"]]),
    )
    got_items: list[Data] = got["items"]
    for index, expected in enumerate(truth["items"]):
        where = f"item {expected['number']}"
        if index >= len(got_items):
            result.lose(where + " missing", _item_size(expected))
            continue
        item = got_items[index]
        for name in ITEM_SCALARS:
            result.check(f"{where} {name}", _text(expected[name]), _text(item[name]))
        for name in ITEM_SETS:
            result.check(f"{where} {name}", _names(expected[name]), _names(item[name]))
        result.check(
            f"{where} recommendation",
            _recommendation(expected["recommendation"]),
            _recommendation(item["recommendation"]),
        )
        result.check(
            f"{where} attachments",
            [_text(a) for a in expected["attachments"]],
            [_text(a) for a in item["attachments"]],
        )
        _sections(result, where, expected["sections"], item["sections"])
    for extra in got_items[len(truth["items"]) :]:
        result.lose(f"extra item {extra['number']} {extra['title']!r}", _item_size(extra))
    return result


def layout_names() -> list[str]:
    return sorted(p.name for p in LAYOUTS.iterdir() if (p / "truth.json").is_file())


def truth_of(layout: str) -> Data:
    data: Data = json.loads((LAYOUTS / layout / "truth.json").read_text(encoding="utf-8"))
    return data


def document_of(layout: str) -> Path:
    folder = LAYOUTS / layout
    for name in DOCUMENT_NAMES:
        if (folder / name).is_file():
            return folder / name
    raise FileNotFoundError(f"{folder}: no document ({', '.join(DOCUMENT_NAMES)})")


def parse_contract(path: Path) -> Data | None:
    """What `medref parse --json` prints for ``path``; None when it refuses the file."""
    from medref.documents.serialize import to_contract
    from medref.importers import ParseError, parse_file

    try:
        return to_contract(parse_file(path))
    except ParseError:
        return None


def score_layout(layout: str, path: Path | None = None) -> Score:
    return score(truth_of(layout), parse_contract(path or document_of(layout)))
