"""A workflow action that fails halfway leaves nothing behind."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings

from medref.documents.model import SectionKind
from medref.meetings.models import Attendance, ItemAttendance, Meeting, MeetingEvent
from medref.meetings.workflow import agenda, history, minutes, sections
from tests.personas import Personas

from .files import pdf_bytes

pytestmark = pytest.mark.django_db


@pytest.fixture
def history_fails(planned: Meeting, monkeypatch: pytest.MonkeyPatch) -> None:
    """After the meeting is planned, recording an event (the last step of every action) raises."""

    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("disk full")

    monkeypatch.setattr(history, "record", broken)


def snapshot(meeting: Meeting) -> list[tuple[object, ...]]:
    return list(
        meeting.items.order_by("position").values_list(
            "position", "number", "title", "closed", "version", "recommendation_proposer"
        )
    )


@pytest.mark.usefixtures("history_fails")
def test_adding_an_item_renumbers_nothing_when_it_fails(
    planned: Meeting, personas: Personas
) -> None:
    before = snapshot(planned)
    with pytest.raises(RuntimeError):
        agenda.add_item(planned, "Nyt punkt", actor=personas.sofie)
    assert snapshot(planned) == before


@pytest.mark.usefixtures("history_fails")
def test_moving_and_editing_change_nothing_when_they_fail(
    planned: Meeting, personas: Personas
) -> None:
    before = snapshot(planned)
    item = planned.items.get(position=3)
    for action in (
        lambda: agenda.move_item(item, 0, actor=personas.sofie),
        lambda: agenda.edit_item(
            item, actor=personas.sofie, expected_version=0, title="X", case_number="", closed=True
        ),
        lambda: sections.set_recommendation(
            item, actor=personas.sofie, expected_version=0, proposer="A", clauses=["at b"]
        ),
        lambda: sections.add_section(item, SectionKind.CASE, actor=personas.sofie, markdown="x"),
    ):
        with pytest.raises(RuntimeError):
            action()
    assert snapshot(planned) == before
    assert not item.sections.exists()


@pytest.mark.usefixtures("history_fails")
def test_an_upload_that_fails_leaves_no_attachment(
    planned: Meeting, personas: Personas, tmp_path
) -> None:
    item = planned.items.get(position=0)
    with override_settings(MEDIA_ROOT=tmp_path), pytest.raises(RuntimeError):
        sections.add_attachment(
            item, SimpleUploadedFile("a.pdf", pdf_bytes()), actor=personas.sofie
        )
    assert not item.attachments.exists()
    assert not item.sections.filter(kind=SectionKind.ATTACHMENTS).exists()
    assert [path for path in tmp_path.rglob("*") if path.is_file()] == []  # nor its file


def test_attendance_that_fails_keeps_the_previous_attendance(
    planned: Meeting, personas: Personas, tmp_path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with override_settings(MEDIA_ROOT=tmp_path):
        meeting = minutes.send_agenda(planned, actor=personas.sofie)
    members, _ = minutes.members_on(meeting)
    minutes.record_attendance(
        meeting, {m.person_id: "present" for m in members}, actor=personas.sofie
    )
    rows = list(Attendance.objects.filter(meeting=meeting).values_list("name", "status"))

    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("disk full")

    monkeypatch.setattr(history, "record", broken)
    with pytest.raises(RuntimeError):
        minutes.record_attendance(
            meeting, {m.person_id: "afbud" for m in members}, actor=personas.sofie
        )
    assert list(Attendance.objects.filter(meeting=meeting).values_list("name", "status")) == rows
    assert not ItemAttendance.objects.filter(item__meeting=meeting).exists()
    assert MeetingEvent.objects.filter(action=MeetingEvent.Action.ATTENDANCE_RECORDED).count() == 1
