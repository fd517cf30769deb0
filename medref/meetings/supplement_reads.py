"""What readers see of the tillægsdagsordener: the items' marks and the versions sent.

Read while the meeting's document is a sent agenda (agenda sent, held): at
most two queries, one when nothing was ever added or changed after sending,
none in any other status. The minutes carry no marks.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.urls import reverse

from medref.documents.supplement import MARKS, number_ranges, supplement_title
from medref.meetings import statuses
from medref.meetings.models import AgendaSupplement, ItemAmendment, Meeting

# A sent agenda's statuses: the marks say what changed since it went out.
MARKED_STATUSES = frozenset({statuses.AGENDA_SENT, statuses.HELD})


@dataclass(frozen=True)
class SentSupplement:
    title: str  # "Tillægsdagsorden", "Tillægsdagsorden nr. 2"
    numbers: str  # "9–10"
    sent_at: dt.datetime
    url: str


@dataclass(frozen=True)
class SupplementInfo:
    marks: dict[int, str] = field(default_factory=dict)  # item number → its mark
    sent: tuple[SentSupplement, ...] = ()


NOTHING = SupplementInfo()


def supplement_info(meeting: Meeting) -> SupplementInfo:
    """The marks and the tillægsdagsordener sent, for the meeting page and downloads."""
    if meeting.status not in MARKED_STATUSES:
        return NOTHING
    rows = list(
        ItemAmendment.objects.filter(item__meeting=meeting).values_list("item__number", "kind")
    )
    if not rows:
        return NOTHING
    sent = tuple(
        SentSupplement(
            supplement_title(s.number),
            number_ranges(s.item_numbers),
            s.sent_at,
            reverse("web:meetings:supplement_file", args=[meeting.pk, s.number]),
        )
        for s in AgendaSupplement.objects.filter(meeting=meeting).order_by("number")
    )
    return SupplementInfo({number: MARKS[kind] for number, kind in rows}, sent)
