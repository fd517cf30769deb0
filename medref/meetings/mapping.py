"""MeetingDocument <-> database rows.

``to_document(from_document(doc, committee=c)) == doc`` holds exactly for
every valid document: tuple orders, None vs "" and ``present`` None vs ()
all survive. A document is valid here when its committee is ``committee``,
its municipality (if stated) is the committee's municipality and no name
appears twice in one of the meeting-level lists (participants, present,
absent, substitutes) and no attachment's file is "" (None says "no file";
a FileField stores both as ""), and ``absent_without_notice`` names some of
``absent`` in ``absent``'s order (it is stored as those rows' status
"absent", Fraværende, beside the Afbud rows). Duplicate item numbers are left
to the database's unique constraint.

``from_document`` writes without its own transaction: callers
(``services.import_document``) run it inside one.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from medref.documents import model as doc_model
from medref.documents.model import DocumentKind, MeetingDocument
from medref.documents.plain import blocks_text
from medref.documents.serialize import blocks_from_data, blocks_to_data
from medref.organisation.models import Committee, Person
from medref.organisation.names import same_committee_name
from medref.organisation.services import resolve_people

from . import selectors, statuses
from .models import AgendaItem, Attachment, Attendance, ItemAttendance, Meeting, Section

# What an imported document is: a sent agenda, or minutes that are the
# published record. Meetings from MINUTES_DRAFT on have minutes
# (statuses.MINUTES_STATUSES).
_STATUS_FOR_KIND = {
    DocumentKind.AGENDA: Meeting.Status.AGENDA_SENT,
    DocumentKind.MINUTES: Meeting.Status.PUBLISHED,
}

# Attendance column for each meeting-level list of names, in document order.
_LISTS = ("present", "absent", "substitutes")
_POSITION_FIELD = {
    "participants": "participant_position",
    "present": "present_position",
    "absent": "absent_position",
    "substitutes": "substitute_position",
}


class InvalidDocument(ValueError):
    """The document cannot be stored as it is (see the module docstring)."""


def kind_for_status(status: str) -> DocumentKind:
    """The kind of document a meeting in ``status`` has: minutes once they exist, else agenda.

    The kind says what the document is, not who may read it: a sent or held
    meeting's agenda already carries the decisions and attendance written
    since. Readers get it through ``medref.accounts.scope`` (``visible_document``),
    which cuts those away for anyone who may not see drafts.
    """
    return DocumentKind.MINUTES if status in statuses.MINUTES_STATUSES else DocumentKind.AGENDA


def document_names(doc: MeetingDocument) -> Iterator[str]:
    """Every person's name the document mentions, in document order, repeats included."""
    yield from (p.name for p in doc.participants)
    yield from doc.present or ()
    yield from doc.absent
    yield from doc.substitutes
    if doc.minute_taker is not None:
        yield doc.minute_taker
    for item in doc.items:
        yield from item.absent
        yield from item.substitutes


def _check(doc: MeetingDocument, committee: Committee) -> None:
    if not same_committee_name(doc.committee, committee.name):  # the form's rule (names.py)
        raise InvalidDocument(f"document is for {doc.committee!r}, not {committee.name!r}")
    municipality = committee.municipality.name
    if doc.municipality is not None and doc.municipality != municipality:
        raise InvalidDocument(f"document is for {doc.municipality!r}, not {municipality!r}")
    lists: dict[str, Iterable[str]] = {
        "participants": (p.name for p in doc.participants),
        "present": doc.present or (),
        "absent": doc.absent,
        "substitutes": doc.substitutes,
    }
    if any(a.file == "" for item in doc.items for a in item.attachments):
        # A FileField cannot tell "" from no file; documents say None.
        raise InvalidDocument("an attachment's file is '' (write None for no file)")
    if [n for n in doc.absent if n in doc.absent_without_notice] != list(doc.absent_without_notice):
        raise InvalidDocument("absent_without_notice must name some of absent, in its order")
    for label, names in lists.items():
        seen: set[str] = set()
        for name in names:
            if name in seen:
                raise InvalidDocument(f"{name!r} appears twice among {label}")
            seen.add(name)


def _attendance_rows(
    meeting: Meeting, doc: MeetingDocument, people: dict[str, Person]
) -> list[Attendance]:
    rows: dict[str, Attendance] = {}

    def row(name: str) -> Attendance:
        if name not in rows:
            rows[name] = Attendance(meeting=meeting, person=people[name], name=name)
        return rows[name]

    for position, participant in enumerate(doc.participants):
        r = row(participant.name)
        r.participant_position = position
        r.title = participant.title
    for label in _LISTS:
        for position, name in enumerate(getattr(doc, label) or ()):
            setattr(row(name), _POSITION_FIELD[label], position)
    for name in doc.absent_without_notice:
        row(name).status = Attendance.Status.ABSENT
    return list(rows.values())


def _write_item(item: doc_model.AgendaItem, meeting: Meeting, position: int) -> AgendaItem:
    rec = item.recommendation
    return AgendaItem.objects.create(
        meeting=meeting,
        position=position,
        number=item.number,
        title=item.title,
        case_number=item.case_number,
        closed=item.closed,
        recommendation_proposer=rec.proposer if rec else None,
        recommendation_clauses=list(rec.clauses) if rec else [],
        recommendation_numbered=rec.numbered if rec else False,
    )


def from_document(
    doc: MeetingDocument, *, committee: Committee, meeting: Meeting | None = None
) -> Meeting:
    """Store ``doc`` as a meeting of ``committee`` and return it.

    People are matched among the municipality's persons
    (``organisation.services.resolve_people``), never duplicated. With
    ``meeting``, that meeting is overwritten in place (same id): its items
    and attendance are deleted and written again. Raises ``InvalidDocument``
    for a document that cannot be stored as it is.
    """
    _check(doc, committee)
    people = resolve_people(committee.municipality, document_names(doc))
    fields: dict[str, Any] = {
        "committee": committee,
        "status": _STATUS_FOR_KIND[doc.kind],
        "meeting_date": doc.meeting_date,
        "start_time": doc.start_time,
        "end_time": doc.end_time,
        "location": doc.location,
        "municipality_stated": doc.municipality is not None,
        "minute_taker": people[doc.minute_taker] if doc.minute_taker is not None else None,
        "minute_taker_name": doc.minute_taker,
        "attendance_recorded": doc.present is not None,
        "toc": [{"title": t.title, "page": t.page} for t in doc.toc],
    }
    if meeting is None:
        meeting = Meeting.objects.create(**fields)
    else:
        meeting.items.all().delete()
        meeting.attendances.all().delete()
        for name, value in fields.items():
            setattr(meeting, name, value)
        meeting.save()

    Attendance.objects.bulk_create(_attendance_rows(meeting, doc, people))
    sections: list[Section] = []
    attachments: list[Attachment] = []
    item_attendances: list[ItemAttendance] = []
    # One insert per item (its id is needed below), then one per child table.
    for item_position, item in enumerate(doc.items):
        row = _write_item(item, meeting, item_position)
        sections.extend(
            Section(
                item=row,
                position=position,
                kind=str(section.kind),
                heading=section.heading,
                body=blocks_to_data(section.blocks),
                text=blocks_text(section.blocks),
            )
            for position, section in enumerate(item.sections)
        )
        attachments.extend(
            Attachment(item=row, position=position, title=a.title, file=a.file or "")
            for position, a in enumerate(item.attachments)
        )
        for kind, names in (
            (ItemAttendance.Kind.ABSENT, item.absent),
            (ItemAttendance.Kind.SUBSTITUTE, item.substitutes),
        ):
            item_attendances.extend(
                ItemAttendance(item=row, person=people[name], name=name, kind=kind, position=p)
                for p, name in enumerate(names)
            )
    Section.objects.bulk_create(sections)
    Attachment.objects.bulk_create(attachments)
    ItemAttendance.objects.bulk_create(item_attendances)
    return meeting


def _ordered(rows: Iterable[Any], field: str) -> list[Any]:
    return sorted(
        (r for r in rows if getattr(r, field) is not None), key=lambda r: getattr(r, field)
    )


def _item_to_document(item: AgendaItem) -> doc_model.AgendaItem:
    recommendation = None
    if item.recommendation_proposer is not None:
        recommendation = doc_model.Recommendation(
            proposer=item.recommendation_proposer,
            clauses=tuple(item.recommendation_clauses),
            numbered=item.recommendation_numbered,
        )
    # Prefetched in position order by selectors.meeting_detail.
    item_attendances = list(item.item_attendances.all())
    return doc_model.AgendaItem(
        number=item.number,
        title=item.title,
        case_number=item.case_number,
        closed=item.closed,
        sections=tuple(
            doc_model.Section(
                kind=doc_model.SectionKind(s.kind),
                heading=s.heading,
                blocks=blocks_from_data(s.body),
            )
            for s in item.sections.all()
        ),
        recommendation=recommendation,
        attachments=tuple(
            doc_model.Attachment(title=a.title, file=a.file.name or None)
            for a in item.attachments.all()
        ),
        absent=tuple(a.name for a in item_attendances if a.kind == ItemAttendance.Kind.ABSENT),
        substitutes=tuple(
            a.name for a in item_attendances if a.kind == ItemAttendance.Kind.SUBSTITUTE
        ),
    )


def to_document(meeting: Meeting | int) -> MeetingDocument:
    """The document a stored meeting says, read in ``selectors.meeting_detail``'s fixed queries."""
    m = selectors.meeting_detail(meeting.pk if isinstance(meeting, Meeting) else meeting)
    attendances = list(m.attendances.all())
    return MeetingDocument(
        kind=kind_for_status(m.status),
        committee=m.committee.name,
        meeting_date=m.meeting_date,
        start_time=m.start_time,
        end_time=m.end_time,
        location=m.location,
        municipality=m.committee.municipality.name if m.municipality_stated else None,
        participants=tuple(
            doc_model.Participant(name=a.name, title=a.title)
            for a in _ordered(attendances, "participant_position")
        ),
        present=(
            tuple(a.name for a in _ordered(attendances, "present_position"))
            if m.attendance_recorded
            else None
        ),
        absent=tuple(a.name for a in _ordered(attendances, "absent_position")),
        absent_without_notice=tuple(
            a.name
            for a in _ordered(attendances, "absent_position")
            if a.status == Attendance.Status.ABSENT
        ),
        substitutes=tuple(a.name for a in _ordered(attendances, "substitute_position")),
        minute_taker=m.minute_taker_name,
        toc=tuple(doc_model.TocEntry(title=t["title"], page=t["page"]) for t in m.toc),
        items=tuple(_item_to_document(i) for i in m.items.all()),
    )
