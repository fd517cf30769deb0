"""The kinds of e-mail medref sends, who gets each, and whether it is on by default.

Pure data: no Django imports. ``docs/participation.md`` has the same table.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Final


class Kind(StrEnum):
    AGENDA_SENT = "agenda_sent"
    MEETING_CHANGED = "meeting_changed"
    SUPPLEMENT_SENT = "supplement_sent"  # a tillægsdagsorden; its PDF attached with AGENDA_PDF
    AGENDA_PDF = "agenda_pdf"  # not a mail of its own: the agenda PDF attached to AGENDA_SENT
    MINUTES_FOR_REVIEW = "minutes_for_review"
    MINUTES_FOR_APPROVAL = "minutes_for_approval"
    MINUTES_APPROVED = "minutes_approved"
    MINUTES_PUBLISHED = "minutes_published"
    COMMENT = "comment"


@dataclass(frozen=True)
class KindInfo:
    label: str  # on the settings page
    recipients: str  # who, in words
    default: bool


KINDS: Final[dict[Kind, KindInfo]] = {
    Kind.AGENDA_SENT: KindInfo(
        "Dagsorden udsendt", "udvalgets medlemmer og suppleanter, med kalenderinvitation", True
    ),
    Kind.MEETING_CHANGED: KindInfo(
        "Mødet er flyttet (tid eller sted)", "modtagerne af dagsordenen, med ny invitation", True
    ),
    Kind.SUPPLEMENT_SENT: KindInfo(
        "Tillægsdagsorden udsendt",
        "udvalgets medlemmer og suppleanter, med opdateret kalenderinvitation",
        True,
    ),
    Kind.AGENDA_PDF: KindInfo(
        "Vedhæft dagsordenen som PDF", "modtagere af dagsordenen og tillægsdagsordener", False
    ),
    Kind.MINUTES_FOR_REVIEW: KindInfo(
        "Referat til gennemlæsning", "mødedeltagerne, før godkendelsen", True
    ),
    Kind.MINUTES_FOR_APPROVAL: KindInfo(
        "Referat klar til godkendelse", "de medlemmer, der godkender referatet", True
    ),
    Kind.MINUTES_APPROVED: KindInfo("Referat godkendt", "udvalgets medlemmer", True),
    Kind.MINUTES_PUBLISHED: KindInfo(
        "Referat offentliggjort", "udvalgets medlemmer og borgere, der abonnerer", True
    ),
    Kind.COMMENT: KindInfo("Ny kommentar til et punkt", "udvalgets sekretær", True),
}
