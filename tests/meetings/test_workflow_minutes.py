"""Sending, attendance, decisions and the minutes' way from afholdt to offentliggjort."""

from __future__ import annotations

import datetime as dt

import pytest

from medref.documents.model import DocumentKind, SectionKind
from medref.meetings import mapping
from medref.meetings.models import Attendance, Meeting, MeetingEvent
from medref.meetings.workflow import agenda, history, minutes, steps
from medref.meetings.workflow.errors import Conflict, IllegalTransition, InvalidInput
from tests.personas import Personas

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("media")]

Status = Meeting.Status


def present_all(meeting: Meeting, personas: Personas, **overrides: str) -> dict[int, str]:
    members, _ = minutes.members_on(meeting)
    statuses = {m.person_id: Attendance.Status.PRESENT for m in members}
    for key, status in overrides.items():
        statuses[personas.people[key].pk] = status
    return statuses


def test_sending_stores_the_agenda_in_full_and_public(sent: Meeting) -> None:
    """Both files are PDF (or HTML when PDF fails); the public one leaves closed items out."""
    sent.refresh_from_db()
    assert sent.status == Status.AGENDA_SENT
    assert sent.agenda_file.name.endswith((".pdf", ".html"))
    assert sent.public_agenda_file.name.endswith((".pdf", ".html"))
    assert sent.public_agenda_file.name != sent.agenda_file.name
    head = sent.agenda_file.open("rb").read(5)
    assert head in (b"%PDF-", b"<!doc", b"<!DOC")
    assert sent.events.filter(action=MeetingEvent.Action.AGENDA_SENT).count() == 1


def test_the_pdf_renderer_failing_stores_html(
    planned: Meeting, personas: Personas, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = steps.render_bytes

    def no_pdf(doc, fmt, *, public=False):
        if fmt == "pdf":
            raise OSError("no fonts")
        return real(doc, fmt, public=public)

    monkeypatch.setattr(steps, "render_bytes", no_pdf)
    meeting = minutes.send_agenda(planned, actor=personas.sofie)
    assert meeting.agenda_file.name.endswith(".html")
    assert b"Godkendelse af dagsorden" in meeting.agenda_file.open("rb").read()
    assert meeting.events.get(action=MeetingEvent.Action.AGENDA_SENT).details == {
        "format": "html",
        "status": [Status.PLANNED, Status.AGENDA_SENT],
    }


def test_an_agenda_cannot_be_sent_twice(sent: Meeting, personas: Personas) -> None:
    with pytest.raises(IllegalTransition, match="allerede udsendt"):
        minutes.send_agenda(sent, actor=personas.sofie)


def test_a_failure_while_sending_leaves_the_meeting_planned(
    planned: Meeting, personas: Personas, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The transaction covers the status, the files' fields and the history (its last write;
    sending changes nothing the search index holds)."""

    def broken_record(*args: object, **kwargs: object) -> None:
        raise RuntimeError("history down")

    monkeypatch.setattr(history, "record", broken_record)
    with pytest.raises(RuntimeError):
        minutes.send_agenda(planned, actor=personas.sofie)
    planned.refresh_from_db()
    assert (planned.status, planned.agenda_file.name) == (Status.PLANNED, "")
    assert not planned.events.filter(action=MeetingEvent.Action.AGENDA_SENT).exists()


def test_attendance_makes_the_lists_and_each_items_fravaerende(
    sent: Meeting, personas: Personas
) -> None:
    """Afbud and fraværende members are absent on every item; a substitute only where chosen."""
    items = list(sent.items.order_by("position"))
    minutes.record_attendance(
        sent,
        present_all(sent, personas, mads="afbud", lene="absent"),
        actor=personas.sofie,
        item_substitutes={items[2].pk: [personas.people["sara"].pk]},
    )
    doc = mapping.to_document(sent)
    assert doc.absent == ("Lene Leder", "Mads Medlem")
    assert "Mads Medlem" not in (doc.present or ())
    assert "Sofie Sekretær" in (doc.present or ())
    assert doc.substitutes == ("Sara Suppleant",)
    participants = {p.name for p in doc.participants}
    assert "Frank Formand" in participants
    # Mødedeltagere are those who came: a member with afbud is never listed twice.
    assert not participants & set(doc.absent)
    assert "Finn Fhv. Medlem" not in {p.name for p in doc.participants}  # term ended
    for item in doc.items:
        assert item.absent == ("Lene Leder", "Mads Medlem")
    assert [i.substitutes for i in doc.items] == [(), (), ("Sara Suppleant",), ()]
    assert Attendance.objects.get(meeting=sent, name="Mads Medlem").status == "afbud"
    assert doc.minute_taker == "Sofie Sekretær"  # the committee's referent


def test_attendance_again_replaces_the_first_and_records_the_change(
    sent: Meeting, personas: Personas
) -> None:
    minutes.record_attendance(sent, present_all(sent, personas, mads="afbud"), actor=personas.sofie)
    minutes.record_attendance(sent, present_all(sent, personas), actor=personas.frank)
    assert mapping.to_document(sent).absent == ()
    last = sent.events.filter(action=MeetingEvent.Action.ATTENDANCE_RECORDED).last()
    assert last.details["changes"] == {"Mads Medlem": ["afbud", "present"]}


def test_every_member_must_be_marked(sent: Meeting, personas: Personas) -> None:
    statuses = present_all(sent, personas)
    del statuses[personas.people["mads"].pk]
    with pytest.raises(InvalidInput, match="Mads Medlem"):
        minutes.record_attendance(sent, statuses, actor=personas.sofie)
    assert not sent.attendances.exists()


def test_only_substitutes_can_take_part_in_an_item(sent: Meeting, personas: Personas) -> None:
    item = sent.items.first()
    with pytest.raises(InvalidInput, match="suppleanter"):
        minutes.record_attendance(
            sent,
            present_all(sent, personas),
            actor=personas.sofie,
            item_substitutes={item.pk: [personas.people["hanne"].pk]},
        )


def test_attendance_before_sending_is_refused(planned: Meeting, personas: Personas) -> None:
    with pytest.raises(IllegalTransition, match="Planlagt"):
        minutes.record_attendance(planned, present_all(planned, personas), actor=personas.sofie)


def test_a_decision_is_a_beslutning_section_before_bilag(sent: Meeting, personas: Personas) -> None:
    item = sent.items.get(position=0)
    minutes.write_decision(
        item, "FagMED godkendte dagsordenen.", actor=personas.sofie, expected_version=0
    )
    doc_item = mapping.to_document(sent).items[0]
    assert doc_item.section(SectionKind.DECISION).blocks[0].text == "FagMED godkendte dagsordenen."
    minutes.write_decision(item, "", actor=personas.sofie, expected_version=1)
    assert mapping.to_document(sent).items[0].section(SectionKind.DECISION) is None


def test_a_stale_decision_is_a_conflict(sent: Meeting, personas: Personas) -> None:
    item = sent.items.get(position=0)
    minutes.write_decision(item, "Første.", actor=personas.sofie, expected_version=0)
    with pytest.raises(Conflict, match="Sofie Sekretær"):
        minutes.write_decision(item, "Anden.", actor=personas.frank, expected_version=0)
    assert item.sections.get(kind=SectionKind.DECISION).text == "Første."


def walk_to(meeting: Meeting, personas: Personas, status: str) -> Meeting:
    steps = [
        (Status.HELD, minutes.mark_held, personas.sofie),
        (Status.MINUTES_DRAFT, minutes.submit_minutes, personas.sofie),
        (Status.MINUTES_APPROVED, minutes.approve_minutes, personas.frank),
        (Status.PUBLISHED, minutes.publish_minutes, personas.sofie),
    ]
    for target, step, who in steps:
        # The sent fixture's meeting is a week ahead, without attendance: confirmed.
        extra = {"confirmed": True} if step in (minutes.mark_held, minutes.submit_minutes) else {}
        meeting = step(meeting, actor=who, **extra)
        assert meeting.status == target
        if target == status:
            break
    return meeting


def test_the_whole_way_is_recorded(sent: Meeting, personas: Personas) -> None:
    """afholdt → referat udkast → godkendt → offentliggjort, each an event with its actor."""
    meeting = walk_to(sent, personas, Status.PUBLISHED)
    assert mapping.to_document(meeting).kind == DocumentKind.MINUTES
    events = list(meeting.events.values_list("action", "actor__username"))
    assert events[-4:] == [
        ("held", "sofie"),
        ("minutes_submitted", "sofie"),
        ("minutes_approved", "frank"),
        ("minutes_published", "sofie"),
    ]


@pytest.mark.parametrize(
    ("status", "step"),
    [
        (Status.AGENDA_SENT, steps.DRAFT),
        (Status.AGENDA_SENT, steps.APPROVE),
        (Status.AGENDA_SENT, steps.PUBLISH),
        (Status.HELD, steps.HELD),
        (Status.HELD, steps.PUBLISH),
        (Status.MINUTES_DRAFT, steps.PUBLISH),
        (Status.PUBLISHED, steps.APPROVE),
    ],
    ids=lambda value: value.slug if isinstance(value, steps.Step) else str(value),
)
def test_illegal_transitions_say_why_in_danish(
    sent: Meeting, personas: Personas, status: str, step: steps.Step
) -> None:
    meeting = walk_to(sent, personas, status) if status != Status.AGENDA_SENT else sent
    with pytest.raises(IllegalTransition) as refused:
        step.run(meeting, actor=personas.root)
    assert str(Status(status).label) in str(refused.value.message)
    assert "mødets status er" in str(refused.value.message)
    meeting.refresh_from_db()
    assert meeting.status == status


def test_the_next_meetings_decision_approves_the_draft(sent: Meeting, personas: Personas) -> None:
    """ "FagMED godkendte referatet." on the next meeting's item 2 approves the previous minutes."""
    first = walk_to(sent, personas, Status.MINUTES_DRAFT)
    following = agenda.schedule_meeting(
        personas.committee,
        first.meeting_date + dt.timedelta(days=28),
        None,
        "",
        actor=personas.sofie,
    )
    following = minutes.send_agenda(following, actor=personas.sofie)
    item = following.items.get(title="Godkendelse af referat")
    minutes.write_decision(
        item, "FagMED godkendte referatet.", actor=personas.frank, expected_version=0
    )
    first.refresh_from_db()
    assert first.status == Status.MINUTES_APPROVED
    event = first.events.get(action=MeetingEvent.Action.MINUTES_APPROVED)
    assert event.actor == personas.frank
    assert event.details == {
        "through_meeting": following.pk,
        "through_item": item.number,
        "approved_by": "Frank Formand",
        "decision": "FagMED godkendte referatet.",
    }


def test_another_decision_on_that_item_approves_nothing(sent: Meeting, personas: Personas) -> None:
    first = walk_to(sent, personas, Status.MINUTES_DRAFT)
    following = agenda.schedule_meeting(
        personas.committee,
        first.meeting_date + dt.timedelta(days=28),
        None,
        "",
        actor=personas.sofie,
    )
    minutes.send_agenda(following, actor=personas.sofie)
    item = following.items.get(title="Godkendelse af referat")
    minutes.write_decision(
        item, "Referatet blev ikke godkendt.", actor=personas.sofie, expected_version=0
    )
    first.refresh_from_db()
    assert first.status == Status.MINUTES_DRAFT
