"""The layout corpus (tests/fixtures/layouts/, docs/layouts.md): field accuracy per layout.

The document as the portal publishes it must read at 98 % or better, layout
by layout. Through Word (pandoc) and as a paged PDF printed by Chromium with a
running header and footer the corpus is scored as a whole against floors
that only move up (the figures are in docs/layouts.md and `make bench`).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.importers.layout_formats import convert
from tests.importers.layout_score import (
    LAYOUTS,
    document_of,
    layout_names,
    score,
    score_layout,
    truth_of,
)

NAMES = layout_names()
# Whole-corpus floors for the converted formats (measured 2026-12-05: 92.5 % and 91.1 %).
FLOORS = {"docx": 0.92, "pdf": 0.90}


def test_the_corpus_has_at_least_fifteen_layouts_each_with_a_note() -> None:
    assert len(NAMES) >= 15
    for name in NAMES:
        assert (LAYOUTS / name / "NOTE.md").is_file(), name


@pytest.mark.parametrize("layout", NAMES)
def test_the_published_document_reads_at_98_percent(layout: str) -> None:
    result = score_layout(layout)
    assert result.accuracy >= 0.98, "\n".join([f"{result.accuracy:.1%}", *result.misses])


@pytest.mark.parametrize("layout", NAMES)
def test_every_truth_is_in_the_contract_shape(layout: str) -> None:
    truth = truth_of(layout)
    assert set(truth) >= {"kind", "committee", "meeting_date", "items", "present", "absent"}
    assert all(
        {"number", "title", "case_number", "closed", "sections"} <= set(i) for i in truth["items"]
    )


def test_the_score_counts_a_refusal_as_nothing_and_a_perfect_parse_as_everything() -> None:
    truth = truth_of(NAMES[0])
    assert score(truth, None).accuracy == 0
    assert score(truth, json.loads(json.dumps(truth))).accuracy == 1
    wrong = json.loads(json.dumps(truth))
    wrong["items"] = wrong["items"][1:]
    assert score(truth, wrong).accuracy < 1


def _converted_accuracy(fmt: str, folder: Path) -> tuple[float, list[str]]:
    right = total = 0
    worst: list[str] = []
    for layout in NAMES:
        path = convert(document_of(layout), fmt, folder)
        assert path is not None
        result = score_layout(layout, path)
        right, total = right + result.right, total + result.total
        worst.append(f"{layout}: {result.accuracy:.1%}")
    return right / total, worst


@pytest.mark.needs("pandoc")
def test_the_corpus_through_word(tmp_path: Path) -> None:
    accuracy, per_layout = _converted_accuracy("docx", tmp_path)
    assert accuracy >= FLOORS["docx"], "\n".join(per_layout)


@pytest.mark.needs("chromium")
@pytest.mark.slow
def test_the_corpus_as_paged_pdfs_with_running_header_and_footer(tmp_path: Path) -> None:
    accuracy, per_layout = _converted_accuracy("pdf", tmp_path)
    assert accuracy >= FLOORS["pdf"], "\n".join(per_layout)
