"""Tillægsdagsorden: add and change items after sending, marked, sent as their own version."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied
from hypothesis import given
from hypothesis import strategies as st

from medref.documents.supplement import number_ranges
from medref.meetings.models import AgendaSupplement, ItemAmendment, Meeting, MeetingEvent
from medref.meetings.workflow import minutes, supplement
from medref.meetings.workflow.errors import IllegalTransition, InvalidInput
from medref.search.models import SearchEntry
from tests.personas import Personas

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("media")]
Status = Meeting.Status


def test_a_tillaegspunkt_is_numbered_on_after_the_sent_items(
    sent: Meeting, personas: Personas
) -> None:
    before = list(sent.items.order_by("position").values_list("number", "title"))
    item = supplement.add_supplement_item(
        sent,
        actor=personas.sofie,
        title="  Ny  arbejdstidsaftale ",
        case_text="Aftalen træder i kraft 1. januar.",
        proposer="Direktionen",
        clauses=["FagMED tager aftalen til efterretning."],
    )
    after = list(sent.items.order_by("position").values_list("number", "title"))
    assert after[:-1] == before  # sent items keep their numbers and order, Eventuelt too
    assert after[-1] == (before[-1][0] + 1, "Ny arbejdstidsaftale")
    assert item.amendment.kind == ItemAmendment.Kind.ADDED
    assert item.amendment.supplement is None
    assert item.recommendation_clauses == ["at FagMED tager aftalen til efterretning."]
    assert item.sections.get(kind="sagsfremstilling").text == "Aftalen træder i kraft 1. januar."
    event = sent.events.get(action=MeetingEvent.Action.ITEM_ADDED, item=item)
    assert event.details["supplement"] is True and event.actor == personas.sofie


def test_changing_a_sent_item_marks_it_and_records_before_and_after(
    sent: Meeting, personas: Personas
) -> None:
    item = sent.items.order_by("position")[2]
    changed = supplement.change_sent_item(
        item,
        actor=personas.sofie,
        expected_version=item.version,
        title=item.title + " (nyt)",
        case_number=item.case_number,
        closed=False,
        case_text="Formanden orienterer om budgettet.",
        proposer="",
        clauses=[],
    )
    assert changed.number == item.number
    assert changed.amendment.kind == ItemAmendment.Kind.CHANGED
    event = sent.events.filter(action=MeetingEvent.Action.ITEM_EDITED).last()
    assert event.details["after_sending"] is True
    assert event.details["changes"]["title"] == [item.title, item.title + " (nyt)"]
    assert supplement.marks(sent) == {item.number: "Ændret efter udsendelse"}


def test_a_change_that_changes_nothing_is_not_recorded_or_marked(
    sent: Meeting, personas: Personas
) -> None:
    item = sent.items.order_by("position")[0]
    case = item.sections.filter(kind="sagsfremstilling").first()
    supplement.change_sent_item(
        item,
        actor=personas.sofie,
        expected_version=item.version,
        title=item.title,
        case_number=item.case_number,
        closed=item.closed,
        case_text=case.text if case else "",
        proposer="",
        clauses=[],
    )
    assert not ItemAmendment.objects.exists()
    assert not sent.events.filter(action=MeetingEvent.Action.ITEM_EDITED).exists()


def test_send_supplement_stores_a_version_with_only_the_new_items_and_keeps_the_agenda(
    sent: Meeting, personas: Personas
) -> None:
    agenda_file = sent.agenda_file.name
    first = supplement.add_supplement_item(sent, actor=personas.sofie, title="Tillæg A")
    second = supplement.add_supplement_item(
        sent, actor=personas.sofie, title="Tillæg B", closed=True
    )
    version = supplement.send_supplement(sent, actor=personas.sofie)
    sent.refresh_from_db()
    assert sent.agenda_file.name == agenda_file  # the agenda as sent stays as it was
    assert version.number == 1
    assert version.item_numbers == [first.number, second.number]
    assert version.file.name and version.public_file.name
    assert version.sent_by == personas.sofie
    assert set(ItemAmendment.objects.values_list("supplement", flat=True)) == {version.pk}
    event = sent.events.get(action=MeetingEvent.Action.SUPPLEMENT_SENT)
    assert event.details["items"] == [first.number, second.number]
    assert event.details["numbers"] == f"{first.number}–{second.number}"
    # Nothing waits now; a second supplement needs a new change, and is nr. 2.
    with pytest.raises(IllegalTransition):
        supplement.send_supplement(sent, actor=personas.sofie)
    supplement.change_sent_item(
        first,
        actor=personas.sofie,
        expected_version=first.version,
        title="Tillæg A, rettet",
        case_number=first.case_number,
        closed=False,
        case_text="",
        proposer="",
        clauses=[],
    )
    first.amendment.refresh_from_db()
    assert first.amendment.kind == ItemAmendment.Kind.ADDED  # still a tillægspunkt
    assert supplement.send_supplement(sent, actor=personas.sofie).item_numbers == [first.number]
    assert list(AgendaSupplement.objects.values_list("number", flat=True)) == [1, 2]


def test_the_public_supplement_leaves_the_closed_item_out(
    sent: Meeting, personas: Personas
) -> None:
    supplement.add_supplement_item(sent, actor=personas.sofie, title="Åbent zebrapunkt")
    supplement.add_supplement_item(
        sent, actor=personas.sofie, title="Lukket giraffpunkt", closed=True
    )
    version = supplement.send_supplement(sent, actor=personas.sofie)
    full = version.file.read()
    public = version.public_file.read()
    if version.file.name.endswith(".html"):
        assert b"giraffpunkt" in full and b"giraffpunkt" not in public
    else:
        assert version.file.name.endswith(".pdf") and full.startswith(b"%PDF")


@pytest.mark.parametrize("who", ["mads", "sara", "anonymous"])
def test_members_substitutes_and_the_public_may_not(
    who: str, sent: Meeting, personas: Personas
) -> None:
    with pytest.raises(PermissionDenied):
        supplement.add_supplement_item(sent, actor=getattr(personas, who), title="Ikke tilladt")
    with pytest.raises(PermissionDenied):
        supplement.send_supplement(sent, actor=getattr(personas, who))
    assert not sent.items.filter(title="Ikke tilladt").exists()


def test_nothing_can_be_added_once_the_meeting_is_held(sent: Meeting, personas: Personas) -> None:
    minutes.mark_held(sent, actor=personas.sofie, confirmed=True)
    with pytest.raises(IllegalTransition):
        supplement.add_supplement_item(sent, actor=personas.sofie, title="For sent")
    assert not sent.items.filter(title="For sent").exists()


def test_a_planned_meeting_uses_the_agenda_editor_not_a_supplement(
    planned: Meeting, personas: Personas
) -> None:
    with pytest.raises(IllegalTransition, match="mens dagsordenen er udsendt"):
        supplement.add_supplement_item(planned, actor=personas.sofie, title="For tidligt")


def test_a_blank_title_is_refused_by_field(sent: Meeting, personas: Personas) -> None:
    with pytest.raises(InvalidInput) as refused:
        supplement.add_supplement_item(sent, actor=personas.sofie, title="   ")
    assert refused.value.field == "title"


def test_the_new_item_is_found_by_search_at_once(sent: Meeting, personas: Personas) -> None:
    item = supplement.add_supplement_item(
        sent, actor=personas.sofie, title="Zebrastriber", case_text="Om zebraovergange."
    )
    assert SearchEntry.objects.filter(item=item).exists()


@given(st.lists(st.integers(min_value=1, max_value=60), min_size=1, max_size=12))
def test_number_ranges_name_every_number_once_in_order(numbers: list[int]) -> None:
    text = number_ranges(numbers)
    named: list[int] = []
    for part in text.split(", "):
        first, _, last = part.partition("–")
        named.extend(range(int(first), int(last or first) + 1))
    assert named == sorted(set(numbers))
    assert "–" not in text or all(
        int(p.split("–")[1]) > int(p.split("–")[0]) for p in text.split(", ") if "–" in p
    )


def test_a_change_after_sending_is_what_search_finds(sent: Meeting, personas: Personas) -> None:
    item = sent.items.order_by("position")[2]
    supplement.change_sent_item(
        item,
        actor=personas.sofie,
        expected_version=item.version,
        title="Giraffhuset",
        case_number=item.case_number,
        closed=False,
        case_text="Om okapier.",
        proposer="",
        clauses=[],
    )
    rows = SearchEntry.objects.filter(item=item).values_list("heading", "text")
    texts = " ".join(f"{heading} {text}" for heading, text in rows)
    assert "Giraffhuset" in texts and "okapier" in texts
    assert "Orientering" not in texts  # the old title is gone from the index
