"""An edit to one item re-indexes that item only, and the index equals a full rebuild."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from medref.meetings.models import AgendaItem, Meeting
from medref.meetings.workflow import agenda, minutes, sections
from medref.search import services
from medref.search.models import SearchEntry
from medref.search.services import index_meeting
from tests.personas import Personas

from . import reference

pytestmark = [pytest.mark.django_db, pytest.mark.needs("hunspell-da")]

# "Kvistrupordning" is no hunspell word: only the third item's text makes
# "kvistrupordningsmøder" a compound, so each edit below needs the whole
# meeting's words to split as a rebuild does.
FIRST = "Sygefraværet falder. Rapporter om sygefraværssamtaler og langtidssygefravær."
SECOND = "Trivselsmålingen viser at samtaler om trivsel hjælper. Arbejdsmiljøet er godt."
THIRD = "Budgetopfølgningen: lønbudgettet holder. Kvistrupordning og kvistrup fortsætter."

FIELDS = [f.attname for f in SearchEntry._meta.concrete_fields if f.attname != "id"]


def snapshot(meeting: Meeting) -> list[tuple[object, ...]]:
    """The meeting's entries as rows without their ids, in a fixed order."""
    rows = SearchEntry.objects.filter(meeting=meeting).values_list(*FIELDS)
    return sorted(rows, key=repr)


def assert_as_rebuilt(meeting: Meeting) -> None:
    """The entries equal a rebuild's, and the rebuild reads the pieces the old code read."""
    kept = snapshot(meeting)
    meeting = Meeting.objects.select_related("committee").get(pk=meeting.pk)
    index_meeting(meeting)
    assert kept == snapshot(meeting)
    columns = ("kind", "heading", "text", "item_id", "closed", "section_kind")
    rows = SearchEntry.objects.filter(meeting=meeting).order_by("pk").values_list(*columns)
    assert list(rows) == reference.expected_pieces(meeting)


@pytest.fixture
def meeting(personas: Personas) -> Meeting:
    sofie = personas.sofie
    meeting = agenda.schedule_meeting(
        personas.committee, datetime.date(2026, 5, 6), None, "Mødelokale 2", actor=sofie
    )
    for title, text in (("Sygefravær", FIRST), ("Trivsel", SECOND), ("Budget", THIRD)):
        item = agenda.add_item(meeting, title, actor=sofie, case_number="81.38.00-P35-58-23")
        sections.add_section(item, "sagsfremstilling", actor=sofie, markdown=text)
    return meeting


def first_item(meeting: Meeting) -> AgendaItem:
    return meeting.items.order_by("position").first()  # type: ignore[return-value]


def edit_title(item: AgendaItem, personas: Personas) -> None:
    agenda.edit_item(
        item,
        actor=personas.sofie,
        expected_version=item.version,
        title="Kvistrupordningsrapporter",
        case_number=None,
        closed=True,
    )


def add_section(item: AgendaItem, personas: Personas) -> None:
    sections.add_section(
        item,
        "andet",
        actor=personas.sofie,
        heading="Baggrund",
        markdown="Kvistrupordningsmøder og budgetsamtaler.",
    )


def edit_section(item: AgendaItem, personas: Personas) -> None:
    section = item.sections.first()
    assert section is not None
    sections.edit_section(
        section,
        actor=personas.sofie,
        expected_version=item.version,
        heading="Sagsfremstilling",
        markdown="Kvistrupordningsrapporter i stedet for sygefravær.",
    )


def set_recommendation(item: AgendaItem, personas: Personas) -> None:
    sections.set_recommendation(
        item,
        actor=personas.sofie,
        expected_version=item.version,
        proposer="Administrationen",
        clauses=["at kvistrupordningsmøderne tages til efterretning"],
    )


def add_attachment(item: AgendaItem, personas: Personas) -> None:
    upload = SimpleUploadedFile(
        "Lønstatistik.txt", "Kvistrupordningslønnen for sygefraværet.".encode()
    )
    sections.add_attachment(item, upload, actor=personas.sofie, expected_version=item.version)


def add_item(item: AgendaItem, personas: Personas) -> None:
    new = agenda.add_item(item.meeting, "Kvistrupordningssamtaler", actor=personas.sofie)
    sections.add_section(new, "sagsfremstilling", actor=personas.sofie, markdown=SECOND)


EDITS: dict[str, Callable[[AgendaItem, Personas], None]] = {
    "item edited": edit_title,
    "section added": add_section,
    "section edited": edit_section,
    "recommendation set": set_recommendation,
    "attachment added": add_attachment,
    "item added": add_item,
}


@pytest.mark.parametrize("edit", EDITS.values(), ids=EDITS.keys())
def test_after_an_item_edit_the_index_equals_a_full_rebuild(
    meeting: Meeting,
    personas: Personas,
    edit: Callable[[AgendaItem, Personas], None],
    settings: pytest.FixtureRequest,
    tmp_path: Path,
) -> None:
    """Stems, parts (split with the whole meeting's words) and every other column
    are what index_meeting gives from scratch."""
    settings.MEDIA_ROOT = str(tmp_path)  # type: ignore[attr-defined]
    edit(first_item(meeting), personas)
    assert_as_rebuilt(meeting)


def test_a_decision_is_indexed_as_a_full_rebuild_would(
    meeting: Meeting, personas: Personas
) -> None:
    """Writing and then removing a Beslutning keeps the index equal to a rebuild."""
    Meeting.objects.filter(pk=meeting.pk).update(status=Meeting.Status.AGENDA_SENT)
    item = first_item(meeting)
    minutes.write_decision(
        item, "Kvistrupordningssamtalerne fortsætter.", actor=personas.sofie, expected_version=None
    )
    assert SearchEntry.objects.filter(item=item, section_kind="beslutning").exists()
    assert_as_rebuilt(meeting)
    minutes.write_decision(item, "", actor=personas.sofie, expected_version=None)
    assert not SearchEntry.objects.filter(item=item, section_kind="beslutning").exists()
    assert_as_rebuilt(meeting)


def test_an_item_edit_builds_only_that_items_entries(
    meeting: Meeting, personas: Personas, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The other items' rows stay as they were (same ids); only the edited item's are built."""
    item = first_item(meeting)
    others = set(SearchEntry.objects.exclude(item=item).values_list("pk", flat=True))
    built: list[int | None] = []
    real = services.build_entry

    def counting(meeting: Meeting, piece: services.Piece, stemmed: tuple[str, str, str]):  # type: ignore[no-untyped-def]
        built.append(piece.item_id)
        return real(meeting, piece, stemmed)

    monkeypatch.setattr(services, "build_entry", counting)
    edit_title(item, personas)
    assert built == [item.pk, item.pk]  # its title and its one section
    assert set(SearchEntry.objects.exclude(item=item).values_list("pk", flat=True)) == others
    assert SearchEntry.objects.get(item=item, kind="item").heading == "Kvistrupordningsrapporter"


def test_meeting_edits_and_removals_still_rebuild_the_meeting(
    meeting: Meeting, personas: Personas, django_capture_on_commit_callbacks
) -> None:
    """A moved or removed item, a removed section: the index equals a rebuild."""
    item = first_item(meeting)
    agenda.move_item(item, 2, actor=personas.sofie)
    assert_as_rebuilt(meeting)
    with django_capture_on_commit_callbacks(execute=True):
        sections.remove_section(item.sections.first(), actor=personas.sofie)  # type: ignore[arg-type]
    assert_as_rebuilt(meeting)
    with django_capture_on_commit_callbacks(execute=True):
        agenda.remove_item(item, actor=personas.sofie)
    assert not SearchEntry.objects.filter(item_id=item.pk).exists()
    assert_as_rebuilt(meeting)
