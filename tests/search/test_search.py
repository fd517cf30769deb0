"""Searching the three demo minutes, the same on SQLite and PostgreSQL."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest

from medref.meetings.imports import import_path
from medref.meetings.models import AgendaItem, Meeting
from medref.organisation.models import Committee
from medref.search.backends import Visibility
from medref.search.models import SearchEntry
from medref.search.selectors import search
from medref.search.services import reindex_all

pytestmark = pytest.mark.django_db
# Passes with or without the dictionary (tests/search/test_without_dictionary.py).
TOOLS_OPTIONAL = ("hunspell-da",)


@pytest.fixture
def demo(examples_dir: Path) -> None:
    for path in sorted(examples_dir.iterdir()):
        import_path(path, municipality=None, replace=False)


def found(text: str, **filters: object) -> set[tuple[str, int | None, str]]:
    page = search(text, page_size=1000, **filters)  # type: ignore[arg-type]
    return {
        (
            h.entry.committee.name,
            h.entry.item.number if h.entry.item else None,
            h.entry.section_kind,
        )
        for h in page.hits
    }


def test_sygefravaer_finds_the_fagmed_and_afdelingsmed_items(demo: None) -> None:
    """ "sygefravær" is found in FagMED item 24 and AfdelingsMED item 8."""
    hits = found("sygefravær")
    committees = {(name.split()[0], number) for name, number, _ in hits}
    assert any(c.startswith("FagMED") and n == 24 for c, n in committees), hits
    assert any(c.startswith("AfdelingsMED") and n == 8 for c, n in committees), hits


def test_inflections_and_capitals_find_the_same(demo: None) -> None:
    """ "sygefraværet" and "Sygefravær" find what "sygefravær" finds."""
    assert found("sygefraværet") == found("Sygefravær") == found("sygefravær")


def test_oe_typed_for_oe_finds_oekonomi(demo: None) -> None:
    """ "oekonomi" finds "økonomi"."""
    assert found("oekonomi")
    assert found("oekonomi") == found("økonomi")


def test_a_phrase_an_excluded_word_and_a_prefix(demo: None) -> None:
    """Quotes narrow, a minus removes, a star widens."""
    assert found('"sygefravær"') == found("sygefravær")
    # What is left has the word only inside compounds ("sygefraværsrapporter").
    for hit in search("sygefravær -sygefravær", page_size=1000).hits:
        words = f"{hit.entry.stemmed_heading} {hit.entry.stemmed}".split()
        assert "sygefravær" not in words and "sygefravær" in hit.entry.parts.split()
    assert found("sygefr*") >= found("sygefravær")


def test_filters_narrow_by_committee_date_and_section_kind(demo: None) -> None:
    """Each filter keeps only matching entries."""
    fagmed = Committee.objects.get(name__startswith="FagMED")
    by_committee = found("sygefravær", committee_id=fagmed.pk)
    assert by_committee and all(
        name.startswith(("FagMED", "AfdelingsMED")) for name, _, _ in by_committee
    )
    assert found("sygefravær", date_from=datetime.date(2025, 11, 1)) < found("sygefravær")
    assert all(k == "beslutning" for _, _, k in found("sygefravær", section_kind="beslutning"))


def test_date_sort_and_pagination(demo: None) -> None:
    """Newest first when sorted by date; pages split the same hits."""
    page = search("sygefravær", sort="date", page_size=1000)
    dates = [h.entry.meeting_date for h in page.hits]
    assert dates == sorted(dates, reverse=True)
    first, second = search("sygefravær", page_size=2), search("sygefravær", page=2, page_size=2)
    assert first.total == page.total
    assert {h.entry.pk for h in first.hits}.isdisjoint(h.entry.pk for h in second.hits)


def test_snippets_mark_the_hits(demo: None) -> None:
    """The snippet highlights the matched word."""
    assert any("<mark>" in h.snippet for h in search("sygefravær").hits)


def test_closed_items_are_found_only_when_allowed(demo: None) -> None:
    """A closed item is hidden from anonymous readers."""
    item = AgendaItem.objects.get(meeting__committee__name__startswith="FagMED", number=24)
    item.closed = True
    item.save()
    reindex_all()
    assert 24 not in {n for _, n, _ in found("sygefravær")}
    assert 24 in {n for _, n, _ in found("sygefravær", visibility=Visibility.everything())}


def test_reindex_from_scratch_gives_the_same_results(demo: None) -> None:
    """Rebuilding the index changes nothing."""
    before = found("sygefravær")
    SearchEntry.objects.all().delete()
    assert found("sygefravær") == set()
    reindex_all()
    assert found("sygefravær") == before


def test_a_failing_import_leaves_no_index_rows(
    examples_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Indexing runs inside the import's transaction."""
    import medref.meetings.services as services

    real = services.index_meeting

    def broken(meeting: Meeting) -> int:
        assert real(meeting) > 0 and SearchEntry.objects.exists()
        raise RuntimeError("boom")

    monkeypatch.setattr(services, "index_meeting", broken)
    with pytest.raises(RuntimeError):
        import_path(sorted(examples_dir.iterdir())[0], municipality=None, replace=False)
    assert not Meeting.objects.exists()
    assert not SearchEntry.objects.exists()


def test_the_cli_prints_results_as_json(demo: None, capsys: pytest.CaptureFixture[str]) -> None:
    """`medref search QUERY --json` follows the documented contract."""
    import json

    from medref.cli import main

    assert main(["reindex"]) == 0
    capsys.readouterr()
    assert main(["search", "sygefravær", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["query"] == "sygefravær" and data["total"] >= len(data["results"]) > 0
    assert {"meeting_id", "committee", "snippet", "score", "section_kind"} <= set(
        data["results"][0]
    )
