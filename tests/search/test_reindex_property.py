"""Per-item re-indexing equals a full rebuild, after any sequence of edits.

Every workflow action re-indexes what it changed itself (no signal):
``index_item`` for one item, ``index_meeting`` for the meeting's header or a
removed item. Hypothesis draws sequences of edits through the actions —
items added, changed, closed, moved and removed, sections, recommendations,
bilag, the agenda sent, decisions written — with texts made of compounds and
their parts, some the Danish dictionary knows and some it does not
("kvistrupordningsmøder", "zorbleplan"). Afterwards the meeting's index rows,
and what a search finds, are exactly what ``reindex_all`` rebuilds from
scratch: once with hunspell-da and once with the dictionary setting pointing
at a missing file, where the meeting's own words alone split the compounds.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from medref.meetings.models import AgendaItem, Meeting
from medref.meetings.workflow import agenda, minutes, sections, steps
from medref.meetings.workflow.errors import WorkflowError
from medref.search import services
from medref.search.access import visibility_for
from medref.search.extraction import extract_pending
from medref.search.models import SearchEntry
from medref.search.selectors import search
from medref.search.services import reindex_all
from tests.personas import Personas

pytestmark = pytest.mark.django_db

# Compounds, their parts and words of their own: some hunspell-da knows
# (sygefravær, løn), some it does not (kvistrup, zorble).
VOCABULARY = (
    "sygefravær",
    "fravær",
    "syge",
    "sygefraværssamtaler",
    "samtaler",
    "langtidssygefravær",
    "kvistrup",
    "ordning",
    "kvistrupordning",
    "kvistrupordningsmøder",
    "møder",
    "lønbudget",
    "løn",
    "budget",
    "zorble",
    "plan",
    "zorbleplan",
    "zorbleplansrapporter",
    "rapporter",
    "trivselsmåling",
)
QUERIES = ("fravær", "sygefravær", "ordning", "kvistrup", "møder", "løn", "plan", "rapporter")
FIELDS = [f.attname for f in SearchEntry._meta.concrete_fields if f.attname != "id"]

texts = st.lists(st.sampled_from(VOCABULARY), max_size=5).map(" ".join)
EDITS = (
    "add_item",
    "edit_item",
    "close_item",
    "move_item",
    "remove_item",
    "add_section",
    "edit_section",
    "remove_section",
    "recommendation",
    "add_bilag",
    "remove_bilag",
    "edit_meeting",
    "send_agenda",
    "decision",
)
edits = st.lists(
    st.tuples(st.sampled_from(EDITS), st.integers(0, 9), texts), min_size=1, max_size=8
)


@pytest.fixture
def no_pdf(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[None]:
    """Sending stores a small HTML agenda (the PDF renderer costs seconds), files in tmp."""
    monkeypatch.setattr(steps, "render_agenda", lambda meeting, public, site="": ("html", b"<p>"))
    from django.test import override_settings

    with override_settings(MEDIA_ROOT=tmp_path):
        yield


@pytest.fixture
def without_dictionary(settings: pytest.FixtureRequest, tmp_path: Path) -> Iterator[None]:
    settings.MEDREF_SEARCH_LEXICON = str(tmp_path / "no-such-dictionary.dic")  # type: ignore[attr-defined]
    services.base_lexicon.cache_clear()
    yield
    services.base_lexicon.cache_clear()


@pytest.fixture
def fresh_lexicon() -> Iterator[None]:
    services.base_lexicon.cache_clear()
    yield
    services.base_lexicon.cache_clear()


def _pick(rows: list[AgendaItem], at: int) -> AgendaItem | None:
    return rows[at % len(rows)] if rows else None


def apply(edit: str, at: int, text: str, meeting: Meeting, personas: Personas) -> None:
    """One edit through its action; a refused one (wrong status, blank title) does nothing."""
    actor = personas.sofie
    items = list(meeting.items.order_by("position"))
    item = _pick(items, at)
    assert item is not None
    section = _pick(list(item.sections.exclude(kind="beslutning").order_by("position")), at)  # type: ignore[arg-type]
    bilag = item.attachments.order_by("position").first()
    if edit == "add_item":
        agenda.add_item(meeting, text, actor=actor)
    elif edit == "edit_item":
        agenda.edit_item(
            item, actor=actor, expected_version=None, title=text, case_number=None, closed=False
        )
    elif edit == "close_item":
        agenda.set_item_closed(item, not item.closed, actor=actor)
    elif edit == "move_item":
        agenda.move_item(item, at, actor=actor)
    elif edit == "remove_item" and len(items) > 1:
        agenda.remove_item(item, actor=actor)
    elif edit == "add_section":
        sections.add_section(item, "andet", actor=actor, markdown=text)
    elif edit == "edit_section" and section is not None:
        sections.edit_section(
            section, actor=actor, expected_version=None, heading=text, markdown=text
        )
    elif edit == "remove_section" and section is not None:
        sections.remove_section(section, actor=actor)
    elif edit == "recommendation":
        sections.set_recommendation(
            item,
            actor=actor,
            expected_version=None,
            proposer="Direktøren" if text else "",
            clauses=[text] if text else [],
        )
    elif edit == "add_bilag":
        upload = SimpleUploadedFile(f"{text or 'tom'}.txt", (text or "-").encode())
        sections.add_attachment(item, upload, actor=actor)
        extract_pending(meeting_id=meeting.pk)  # what the commit sets off (extraction.schedule)
    elif edit == "remove_bilag" and bilag is not None:
        sections.remove_attachment(bilag, actor=actor)
    elif edit == "edit_meeting":
        agenda.edit_meeting(
            meeting,
            actor=actor,
            expected_version=None,
            meeting_date=dt.date(2026, 5, 6) + dt.timedelta(days=at),
            start_time=None,
            location=text,
        )
    elif edit == "send_agenda":
        minutes.send_agenda(meeting, actor=actor)
    elif edit == "decision":
        minutes.write_decision(item, text, actor=actor, expected_version=None)


def rows(meeting: Meeting) -> list[tuple[object, ...]]:
    found = SearchEntry.objects.filter(meeting=meeting).values_list(*FIELDS)
    return sorted(found, key=repr)


def results(personas: Personas) -> dict[str, list[tuple[object, ...]]]:
    """What the secretary finds for each query: every hit, its score and snippet
    (ids left out: a rebuild numbers the rows anew)."""
    seen = visibility_for(personas.sofie)
    found: dict[str, list[tuple[object, ...]]] = {}
    for query in QUERIES:
        page = search(query, visibility=seen, page_size=500)
        found[query] = sorted(
            (
                (h.entry.kind, h.entry.item_id, h.entry.heading, h.snippet, round(h.score, 6))
                for h in page.hits
            ),
            key=repr,
        )
        found[query].append((page.total,))
    return found


def check(sequence: list[tuple[str, int, str]], personas: Personas) -> None:
    with transaction.atomic():
        meeting = agenda.schedule_meeting(
            personas.committee, dt.date(2026, 5, 6), None, "Mødelokale 2", actor=personas.sofie
        )
        first = agenda.add_item(meeting, "Sygefravær", actor=personas.sofie)
        sections.add_section(
            first, "sagsfremstilling", actor=personas.sofie, markdown="kvistrup sygefravær"
        )
        for edit, at, text in sequence:
            meeting.refresh_from_db()
            try:
                with transaction.atomic():
                    apply(edit, at, text, meeting, personas)
            except WorkflowError:
                pass
        kept_rows, kept_results = rows(meeting), results(personas)
        reindex_all()
        assert kept_rows == rows(meeting)
        assert kept_results == results(personas)
        transaction.set_rollback(True)


BOUNDED = settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


@pytest.mark.needs("hunspell-da")
@pytest.mark.usefixtures("fresh_lexicon", "no_pdf")
@BOUNDED
@given(sequence=edits)
def test_per_item_indexing_equals_a_rebuild_with_the_dictionary(
    sequence: list[tuple[str, int, str]], personas: Personas
) -> None:
    check(sequence, personas)


@pytest.mark.usefixtures("without_dictionary", "no_pdf")
@BOUNDED
@given(sequence=edits)
def test_per_item_indexing_equals_a_rebuild_without_the_dictionary(
    sequence: list[tuple[str, int, str]], personas: Personas
) -> None:
    check(sequence, personas)
