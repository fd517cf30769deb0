"""The MeetingDocument: one agenda (dagsorden) or one set of minutes (referat).

Every importer produces it, every renderer consumes it and the database maps
to and from it. Values are frozen and use tuples, so two documents compare
equal exactly when they say the same thing.

Inline text (paragraphs, list items, table cells, headings) is one line of
plain text in which a link is written the Markdown way, ``[her](https://…)``.
That is also how the plain-text minutes municipalities export write them.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Literal

# A link inside inline text: "[her](https://…)". Renderers that write links
# find them with this one pattern.
INLINE_LINK = re.compile(r"\[(?P<text>[^\[\]]*)\]\((?P<href>[^()\s]*)\)")


class DocumentKind(StrEnum):
    AGENDA = "dagsorden"
    MINUTES = "referat"


class SectionKind(StrEnum):
    SUMMARY = "resume"
    CASE = "sagsfremstilling"
    RECOMMENDATION = "indstilling"
    DECISION = "beslutning"
    ATTACHMENTS = "bilag"
    # Any heading the vocabulary does not know ("Økonomi", "Baggrund", ...).
    OTHER = "andet"


# --- section bodies -------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Paragraph:
    text: str
    type: Literal["paragraph"] = "paragraph"


@dataclass(frozen=True, slots=True)
class Heading:
    """A sub-heading inside a section ("Status fra IT", "HovedMED")."""

    text: str
    type: Literal["heading"] = "heading"


@dataclass(frozen=True, slots=True)
class ListItem:
    text: str
    children: tuple[ListItem, ...] = ()


@dataclass(frozen=True, slots=True)
class BulletList:
    items: tuple[ListItem, ...]
    ordered: bool = False
    type: Literal["list"] = "list"


@dataclass(frozen=True, slots=True)
class Table:
    """Rows of cells; the first row is the header row."""

    rows: tuple[tuple[str, ...], ...]
    type: Literal["table"] = "table"


Block = Paragraph | Heading | BulletList | Table


# --- items -----------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Recommendation:
    """ "Stabschef for Strategi og Udbud indstiller, at …".

    ``proposer`` is who recommends, without "indstiller"; each clause keeps
    its leading "at" as written; ``numbered`` says the clauses were "1. at …".
    """

    proposer: str
    clauses: tuple[str, ...]
    numbered: bool = False


@dataclass(frozen=True, slots=True)
class Attachment:
    """A bilag. Imported minutes usually name one without its file."""

    title: str
    file: str | None = None


@dataclass(frozen=True, slots=True)
class Section:
    """One headed part of an item, in the order the source gives them.

    For an ``indstilling`` section the item's recommendation is written first
    and ``blocks`` holds whatever else the section says; for a ``bilag``
    section the item's attachments are written first in the same way.
    """

    kind: SectionKind
    heading: str
    blocks: tuple[Block, ...] = ()


@dataclass(frozen=True, slots=True)
class AgendaItem:
    number: int
    title: str
    case_number: str | None = None
    closed: bool = False
    sections: tuple[Section, ...] = ()
    recommendation: Recommendation | None = None
    attachments: tuple[Attachment, ...] = ()
    # Only what the minutes state for this item, not the meeting's absentees.
    absent: tuple[str, ...] = ()
    substitutes: tuple[str, ...] = ()

    def section(self, kind: SectionKind) -> Section | None:
        return next((s for s in self.sections if s.kind == kind), None)


# --- the meeting -------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Participant:
    name: str
    title: str | None = None


@dataclass(frozen=True, slots=True)
class TocEntry:
    """A line of the source's table of contents, as written there."""

    title: str
    page: int | None = None


@dataclass(frozen=True, slots=True)
class MeetingDocument:
    kind: DocumentKind
    committee: str
    # None when the source gives no date: an import never guesses one.
    meeting_date: dt.date | None
    start_time: dt.time | None = None
    end_time: dt.time | None = None
    location: str | None = None
    municipality: str | None = None
    # Everyone the header list names, as written.
    participants: tuple[Participant, ...] = ()
    # Who attended; None when the minutes do not say.
    present: tuple[str, ...] | None = None
    # Everyone who was away: "Afbud" (apologies sent) and "Fraværende".
    absent: tuple[str, ...] = ()
    # Those of ``absent`` the minutes list as "Fraværende" (away without notice),
    # in ``absent``'s order; the others of ``absent`` are written as "Afbud".
    absent_without_notice: tuple[str, ...] = ()
    substitutes: tuple[str, ...] = ()
    minute_taker: str | None = None
    toc: tuple[TocEntry, ...] = ()
    items: tuple[AgendaItem, ...] = field(default_factory=tuple)

    def item(self, number: int) -> AgendaItem | None:
        return next((i for i in self.items if i.number == number), None)
