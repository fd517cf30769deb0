"""Building an agenda: schedule, items, numbering, sections, recommendation, bilag."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings

from medref.documents.model import BulletList, ListItem, Paragraph, SectionKind
from medref.documents.serialize import blocks_from_data
from medref.meetings import mapping
from medref.meetings.models import AgendaItem, Meeting, MeetingEvent, Section
from medref.meetings.workflow import agenda, sections
from medref.meetings.workflow.errors import Conflict, IllegalTransition, InvalidInput
from medref.meetings.workflow.minutes import send_agenda
from tests.personas import Personas

from .files import pdf_bytes

pytestmark = pytest.mark.django_db


def titles(meeting: Meeting) -> list[tuple[int, str]]:
    return list(meeting.items.order_by("position").values_list("number", "title"))


def test_a_new_meeting_starts_with_the_standard_items(planned: Meeting) -> None:
    """Godkendelse af dagsorden, af referat, Orientering and Eventuelt, numbered from 1."""
    assert planned.status == Meeting.Status.PLANNED
    assert titles(planned) == [
        (1, "Godkendelse af dagsorden"),
        (2, "Godkendelse af referat"),
        (3, "Orientering fra formand og næstformand"),
        (4, "Eventuelt"),
    ]
    assert set(planned.items.values_list("case_number", flat=True)) == {"81.16.00-G01-2-25"}
    event = planned.events.get()
    assert (event.action, event.actor.username) == (MeetingEvent.Action.SCHEDULED, "sofie")


def test_numbers_run_on_through_the_committees_year(planned: Meeting, personas: Personas) -> None:
    """A later meeting that year continues after the last item; a new year starts at 1."""
    later = agenda.schedule_meeting(
        personas.committee,
        planned.meeting_date + dt.timedelta(days=1),
        None,
        "",
        actor=personas.sofie,
    )
    assert [n for n, _ in titles(later)] == [5, 6, 7, 8]
    next_year = agenda.schedule_meeting(
        personas.committee,
        dt.date(planned.meeting_date.year + 1, 1, 15),
        None,
        None,
        actor=personas.sofie,
    )
    assert [n for n, _ in titles(next_year)] == [1, 2, 3, 4]


def test_godkendelse_af_referat_links_the_previous_minutes(
    planned: Meeting, personas: Personas
) -> None:
    """The case text names the previous meeting's date and links to its page."""
    later = agenda.schedule_meeting(
        personas.committee,
        planned.meeting_date + dt.timedelta(days=30),
        None,
        "",
        actor=personas.sofie,
        site="https://med.vejle.dk/",
    )
    item = mapping.to_document(later).items[1]
    text = item.sections[0].blocks[0].text
    assert text.startswith(f"Referat fra mødet d. {planned.meeting_date.day}. ")
    assert f"[her](https://med.vejle.dk/moeder/{planned.pk}/)" in text
    first = mapping.to_document(planned).items[1].sections[0].blocks
    assert first == (Paragraph("Referat fra seneste møde godkendes."),)


def test_a_second_meeting_on_the_same_day_is_refused(planned: Meeting, personas: Personas) -> None:
    with pytest.raises(InvalidInput) as refused:
        agenda.schedule_meeting(
            personas.committee, planned.meeting_date, None, "", actor=personas.sofie
        )
    assert refused.value.field == "meeting_date"
    assert Meeting.objects.count() == 1


def test_new_items_go_before_eventuelt(planned: Meeting, personas: Personas) -> None:
    item = agenda.add_item(planned, "  Halvårsregnskabet   2025 ", actor=personas.sofie)
    assert (item.number, item.title, item.case_number) == (
        4,
        "Halvårsregnskabet 2025",
        "81.16.00-G01-2-25",
    )
    assert titles(planned)[-2:] == [(4, "Halvårsregnskabet 2025"), (5, "Eventuelt")]


def test_moving_an_item_renumbers_the_agenda(planned: Meeting, personas: Personas) -> None:
    eventuelt = planned.items.get(title="Eventuelt")
    agenda.move_item(eventuelt, 0, actor=personas.sofie)
    assert titles(planned)[0] == (1, "Eventuelt")
    assert [n for n, _ in titles(planned)] == [1, 2, 3, 4]
    event = planned.events.get(action=MeetingEvent.Action.ITEM_MOVED)
    assert event.details["number"] == [4, 1]


def test_removing_an_item_closes_the_gap(planned: Meeting, personas: Personas) -> None:
    agenda.remove_item(planned.items.get(number=2), actor=personas.sofie)
    assert [n for n, _ in titles(planned)] == [1, 2, 3]


def test_editing_an_item_records_before_and_after(planned: Meeting, personas: Personas) -> None:
    item = planned.items.get(number=3)
    agenda.edit_item(
        item,
        actor=personas.frank,
        expected_version=0,
        title="Nyt fra formanden",
        case_number="",
        closed=True,
    )
    item.refresh_from_db()
    assert (item.title, item.case_number, item.closed, item.version) == (
        "Nyt fra formanden",
        None,
        True,
        1,
    )
    event = planned.events.get(action=MeetingEvent.Action.ITEM_EDITED)
    assert event.details["changes"]["title"] == [
        "Orientering fra formand og næstformand",
        "Nyt fra formanden",
    ]
    assert event.actor == personas.frank


def test_a_stale_edit_is_a_conflict_and_changes_nothing(
    planned: Meeting, personas: Personas
) -> None:
    """Two editors opened version 0; the second save is refused with a message naming the first."""
    item = planned.items.get(number=3)
    agenda.edit_item(
        item, actor=personas.sofie, expected_version=0, title="A", case_number="", closed=False
    )
    with pytest.raises(Conflict) as conflict:
        agenda.edit_item(
            item, actor=personas.frank, expected_version=0, title="B", case_number="", closed=False
        )
    assert "Sofie Sekretær" in str(conflict.value.message)
    item.refresh_from_db()
    assert (item.title, item.version) == ("A", 1)
    with pytest.raises(Conflict):
        sections.add_section(
            item, SectionKind.CASE, actor=personas.frank, markdown="x", expected_version=0
        )
    assert not item.sections.filter(text="x").exists()


def test_a_blank_title_is_refused_next_to_the_field(planned: Meeting, personas: Personas) -> None:
    with pytest.raises(InvalidInput) as refused:
        agenda.add_item(planned, "   ", actor=personas.sofie)
    assert refused.value.field == "title"
    assert planned.items.count() == 4


def test_sections_are_markdown_stored_as_blocks(planned: Meeting, personas: Personas) -> None:
    item = planned.items.get(number=3)
    section = sections.add_section(
        item, SectionKind.SUMMARY, actor=personas.sofie, markdown="Kort om punktet.\n\n- en\n- to"
    )
    assert section.heading == "Resumé"
    assert blocks_from_data(section.body) == (
        Paragraph("Kort om punktet."),
        BulletList((ListItem("en"), ListItem("to"))),
    )
    item.refresh_from_db()
    sections.edit_section(
        section,
        actor=personas.sofie,
        expected_version=item.version,
        heading="Resumé",
        markdown="Nyt.",
    )
    section.refresh_from_db()
    assert section.text == "Nyt."
    sections.remove_section(section, actor=personas.sofie)
    assert list(item.sections.values_list("position", flat=True)) == [0]


def test_the_recommendation_is_a_list_of_at_clauses(planned: Meeting, personas: Personas) -> None:
    """Clauses get their leading "at"; an Indstilling section appears to show them."""
    item = planned.items.get(number=1)
    sections.set_recommendation(
        item,
        actor=personas.sofie,
        expected_version=0,
        proposer="Stabschef for Strategi og Udbud",
        clauses=["FagMED godkender dagsordenen.", "", "at noget andet"],
    )
    doc_item = mapping.to_document(planned).items[0]
    assert doc_item.recommendation is not None
    assert doc_item.recommendation.clauses == ("at FagMED godkender dagsordenen.", "at noget andet")
    assert [s.kind for s in doc_item.sections] == [SectionKind.CASE, SectionKind.RECOMMENDATION]


def test_clauses_without_a_proposer_are_refused(planned: Meeting, personas: Personas) -> None:
    item = planned.items.get(number=1)
    with pytest.raises(InvalidInput) as refused:
        sections.set_recommendation(
            item, actor=personas.sofie, expected_version=0, proposer=" ", clauses=["at x"]
        )
    assert refused.value.field == "proposer"
    assert not item.sections.filter(kind=SectionKind.RECOMMENDATION).exists()


@override_settings(MEDIA_ROOT="/tmp/medref-test-media")
def test_a_bilag_is_stored_with_a_bilag_section(planned: Meeting, personas: Personas) -> None:
    item = planned.items.get(number=3)
    content = pdf_bytes()
    upload = SimpleUploadedFile("Budget 2026.pdf", content, content_type="application/pdf")
    attachment = sections.add_attachment(item, upload, actor=personas.sofie)
    assert attachment.title == "Budget 2026"
    assert attachment.file.read() == content
    assert item.sections.filter(kind=SectionKind.ATTACHMENTS).count() == 1
    assert mapping.to_document(planned).items[2].attachments[0].title == "Budget 2026"


@pytest.mark.parametrize(
    ("name", "content", "says"),
    [
        ("virus.exe", b"MZ...", "exe"),
        ("fake.pdf", b"<html>", "pdf"),
        ("empty.txt", b"", "tom"),
        ("latin1.txt", "æøå".encode("latin-1"), "UTF-8"),
    ],
)
@override_settings(MEDIA_ROOT="/tmp/medref-test-media")
def test_refused_uploads_say_why(
    planned: Meeting, personas: Personas, name: str, content: bytes, says: str
) -> None:
    item = planned.items.get(number=3)
    with pytest.raises(InvalidInput) as refused:
        sections.add_attachment(item, SimpleUploadedFile(name, content), actor=personas.sofie)
    assert refused.value.field == "file"
    assert says in str(refused.value.message)
    assert not item.attachments.exists()


@override_settings(MEDIA_ROOT="/tmp/medref-test-media", MEDREF_ATTACHMENT_MAX_BYTES=10)
def test_a_bilag_over_the_size_limit_is_refused(planned: Meeting, personas: Personas) -> None:
    item = planned.items.get(number=3)
    with pytest.raises(InvalidInput, match=r"for stor|too large"):
        sections.add_attachment(
            item, SimpleUploadedFile("a.pdf", b"%PDF-" + b"x" * 20), actor=personas.sofie
        )


@override_settings(MEDIA_ROOT="/tmp/medref-test-media")
def test_a_sent_agenda_is_frozen(planned: Meeting, personas: Personas) -> None:
    """After Send dagsorden every agenda edit is refused and nothing changes."""
    send_agenda(planned, actor=personas.sofie)
    item = planned.items.get(number=1)
    edits = [
        lambda: agenda.add_item(planned, "Nyt", actor=personas.sofie),
        lambda: agenda.edit_item(
            item,
            actor=personas.sofie,
            expected_version=None,
            title="X",
            case_number="",
            closed=False,
        ),
        lambda: agenda.move_item(item, 2, actor=personas.sofie),
        lambda: agenda.remove_item(item, actor=personas.sofie),
        lambda: sections.add_section(item, SectionKind.CASE, actor=personas.sofie, markdown="x"),
        lambda: sections.set_recommendation(
            item, actor=personas.sofie, expected_version=None, proposer="A", clauses=["at b"]
        ),
    ]
    for edit in edits:
        with pytest.raises(IllegalTransition, match=r"ikke længere ændres|no longer be changed"):
            edit()
    assert titles(planned)[0] == (1, "Godkendelse af dagsorden")
    assert AgendaItem.objects.filter(meeting=planned).count() == 4
    assert Section.objects.filter(item__meeting=planned, text="x").count() == 0


def test_meeting_details_change_with_a_record_and_conflict_check(
    planned: Meeting, personas: Personas
) -> None:
    later = planned.meeting_date + dt.timedelta(days=1)
    agenda.edit_meeting(
        planned,
        actor=personas.sofie,
        expected_version=0,
        meeting_date=later,
        start_time=dt.time(9, 0),
        location="Byrådssalen",
    )
    planned.refresh_from_db()
    assert (planned.meeting_date, planned.location, planned.version) == (later, "Byrådssalen", 1)
    event = planned.events.get(action=MeetingEvent.Action.MEETING_EDITED)
    assert event.details["changes"]["start_time"] == ["13:00:00", "09:00:00"]
    with pytest.raises(Conflict, match="En anden har ændret mødet"):
        agenda.edit_meeting(
            planned,
            actor=personas.frank,
            expected_version=0,
            meeting_date=later,
            start_time=None,
            location="",
        )
    planned.refresh_from_db()
    assert planned.location == "Byrådssalen"
