"""The MeetingDocument model and nothing else: no Django, no I/O."""

from .model import (
    AgendaItem,
    Attachment,
    Block,
    BulletList,
    DocumentKind,
    Heading,
    ListItem,
    MeetingDocument,
    Paragraph,
    Participant,
    Recommendation,
    Section,
    SectionKind,
    Table,
    TocEntry,
)

__all__ = [
    "AgendaItem",
    "Attachment",
    "Block",
    "BulletList",
    "DocumentKind",
    "Heading",
    "ListItem",
    "MeetingDocument",
    "Paragraph",
    "Participant",
    "Recommendation",
    "Section",
    "SectionKind",
    "Table",
    "TocEntry",
]
