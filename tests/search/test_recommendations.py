"""The recommendation ("X indstiller, at …") is found, in its Indstilling section.

An item's recommendation lives in its own fields (proposer, clauses), not in
the Indstilling section's text; the index puts it there.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from django.utils import timezone

from medref.meetings.models import AgendaItem
from medref.meetings.workflow.agenda import schedule_meeting
from medref.meetings.workflow.sections import set_recommendation
from medref.search.access import visibility_for
from medref.search.models import SearchEntry
from medref.search.selectors import search
from medref.search.services import index_meeting, recommendation_text
from tests.personas import Personas

from .helpers import import_demo

pytestmark = pytest.mark.django_db


def test_an_imported_recommendation_is_found_in_indstilling(examples_dir: Path) -> None:
    """The demo AfdelingsMED minutes: "… indstiller, 1. at dagsorden og referat godkendes"."""
    import_demo(examples_dir)
    page = search('"dagsorden og referat godkendes"', section_kind="indstilling")
    assert page.total >= 1
    hit = page.hits[0]
    assert hit.entry.section_kind == "indstilling"
    assert "indstiller" in hit.entry.text and "<mark>" in hit.snippet


def test_a_recommendation_set_in_the_editor_is_found_at_once(personas: Personas) -> None:
    meeting = schedule_meeting(
        personas.committee,
        timezone.localdate() + dt.timedelta(days=7),
        dt.time(13, 0),
        "Mødelokale 2225",
        actor=personas.sofie,
    )
    item = AgendaItem.objects.filter(meeting=meeting).order_by("position").first()
    assert item is not None
    everyone = visibility_for(personas.sofie)
    assert search("kantineordningen", visibility=everyone).total == 0
    set_recommendation(
        item,
        actor=personas.sofie,
        expected_version=item.version,
        proposer="Direktøren",
        clauses=["kantineordningen evalueres i foråret"],
    )
    page = search("kantineordningen", visibility=everyone)
    assert [h.entry.section_kind for h in page.hits] == ["indstilling"]
    # The per-item upkeep and a full rebuild agree.
    before = sorted(SearchEntry.objects.values_list("kind", "section_kind", "stemmed", "parts"))
    index_meeting(meeting)
    after = sorted(SearchEntry.objects.values_list("kind", "section_kind", "stemmed", "parts"))
    assert before == after


def test_the_recommendation_text_reads_as_written() -> None:
    text = recommendation_text("Direktøren", ["at a", "at b"])
    assert text == "Direktøren indstiller,\nat a\nat b"
    assert recommendation_text(None, ["at a"]) == ""
