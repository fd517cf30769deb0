"""Small meetings built straight in the database, indexed as an import would."""

from __future__ import annotations

import datetime
from pathlib import Path

from medref.meetings.imports import import_path
from medref.meetings.models import AgendaItem, Meeting, Section
from medref.organisation.models import Committee
from medref.organisation.services import ensure_committee, ensure_municipality
from medref.search.services import index_meeting


def import_demo(examples_dir: Path, municipality: str | None = None) -> None:
    for path in sorted(examples_dir.iterdir()):
        import_path(path, municipality=municipality, replace=False)


def committee(name: str = "FagMED Test", parent: Committee | None = None) -> Committee:
    return ensure_committee(ensure_municipality("Testby Kommune"), name, parent=parent)


def meeting_with(
    sections: list[tuple[str, str]],
    *,
    on: datetime.date = datetime.date(2025, 10, 8),
    where: Committee | None = None,
    status: str = Meeting.Status.PUBLISHED,
    closed: bool = False,
    case_number: str | None = None,
    title: str = "Punktet",
) -> Meeting:
    """A meeting with one item whose sections are (kind, text) in order."""
    meeting = Meeting.objects.create(committee=where or committee(), meeting_date=on, status=status)
    item = AgendaItem.objects.create(
        meeting=meeting, position=1, number=1, title=title, closed=closed, case_number=case_number
    )
    for position, (kind, text) in enumerate(sections):
        heading = dict(Section.Kind.choices)[kind]
        Section.objects.create(
            item=item, position=position, kind=kind, heading=str(heading), text=text
        )
    index_meeting(meeting)
    return meeting
