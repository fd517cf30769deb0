"""The layout corpus (tests/fixtures/layouts/, docs/layouts.md): field accuracy per layout.

Every layout must read at 98 % or better in every format path: the document
as the portal publishes it, through Word (pandoc) and as a paged PDF printed
by Chromium with a running header and footer (the figures are in
docs/layouts.md and `make bench`).
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
THRESHOLD = 0.98


def test_the_corpus_has_at_least_fifteen_layouts_each_with_a_note() -> None:
    assert len(NAMES) >= 15
    for name in NAMES:
        assert (LAYOUTS / name / "NOTE.md").is_file(), name


@pytest.mark.parametrize("layout", NAMES)
def test_the_published_document_reads_at_98_percent(layout: str) -> None:
    result = score_layout(layout)
    assert result.accuracy >= THRESHOLD, "\n".join([f"{result.accuracy:.1%}", *result.misses])


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


def _converted(layout: str, fmt: str, folder: Path) -> None:
    path = convert(document_of(layout), fmt, folder)
    assert path is not None
    result = score_layout(layout, path)
    assert result.accuracy >= THRESHOLD, "\n".join([f"{result.accuracy:.1%}", *result.misses])


@pytest.mark.needs("pandoc")
@pytest.mark.parametrize("layout", NAMES)
def test_the_document_through_word_reads_at_98_percent(layout: str, tmp_path: Path) -> None:
    _converted(layout, "docx", tmp_path)


@pytest.mark.needs("chromium", "pandoc")  # pandoc: Markdown fixtures become HTML first
@pytest.mark.slow
@pytest.mark.parametrize("layout", NAMES)
def test_the_document_as_a_paged_pdf_with_running_header_and_footer_reads_at_98_percent(
    layout: str, tmp_path: Path
) -> None:
    _converted(layout, "pdf", tmp_path)
