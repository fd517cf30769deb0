"""What every renderer writes the same way: header fields and TOC lines."""

from __future__ import annotations

from medref.documents import MeetingDocument, Participant
from medref.lib.danish import format_long_date, format_short_date
from medref.lib.names import names_match

# What a draft carries in its title and on every page, in every format.
DRAFT_MARK = "UDKAST"


def title_text(doc: MeetingDocument, draft: bool = False) -> str:
    """ "REFERAT FagMED Økonomi d. 08-10-2025"; a draft's "UDKAST – REFERAT …"."""
    title = f"{doc.kind.value.upper()} {doc.committee} d. {format_short_date(doc.meeting_date)}"
    return f"{DRAFT_MARK} – {title}" if draft else title


def derived_present(doc: MeetingDocument) -> tuple[str, ...] | None:
    """Who a reader infers attended: the participant list less the absent
    (Afbud and Fraværende alike)."""
    if not doc.participants:
        return None
    return tuple(
        p.name for p in doc.participants if not any(names_match(p.name, a) for a in doc.absent)
    )


def apologies(doc: MeetingDocument) -> tuple[str, ...]:
    """The "Afbud" line: the absent less those listed as "Fraværende"."""
    return tuple(name for name in doc.absent if name not in doc.absent_without_notice)


def participant_text(participant: Participant, minute_taker: str | None) -> str:
    text = participant.name
    if participant.title:
        text += f" ({participant.title})"
    if minute_taker is not None and participant.name == minute_taker:
        text += " (referent)"
    return text


def header_fields(doc: MeetingDocument) -> list[tuple[str, str]]:
    """(label, value) lines under the title, in the order minutes give them.

    A field is written only when it says something the other fields do not,
    e.g. "Til stede" only when attendance differs from "participants less
    Afbud" — which is what the importers infer when it is missing.
    """
    fields: list[tuple[str, str]] = []
    if doc.municipality:
        fields.append(("Kommune", doc.municipality))
    fields.append(("Mødedato", format_long_date(doc.meeting_date, doc.start_time, doc.end_time)))
    if doc.location:
        fields.append(("Mødested", doc.location))
    if doc.participants:
        listed = ", ".join(participant_text(p, doc.minute_taker) for p in doc.participants)
        fields.append(("Mødedeltagere", listed))
    if doc.present is not None and doc.present != derived_present(doc):
        fields.append(("Til stede", ", ".join(doc.present)))
    if apologies(doc):
        fields.append(("Afbud", ", ".join(apologies(doc))))
    if doc.absent_without_notice:
        fields.append(("Fraværende", ", ".join(doc.absent_without_notice)))
    if doc.substitutes:
        fields.append(("Suppleanter", ", ".join(doc.substitutes)))
    names = [p.name for p in doc.participants]
    if doc.minute_taker and doc.minute_taker not in names:
        fields.append(("Referent", doc.minute_taker))
    return fields


def toc_lines(doc: MeetingDocument) -> list[str]:
    """ "Title.....<tab>3", as the examples write their table of contents."""
    return [
        f"{entry.title}.....\t{entry.page}" if entry.page is not None else entry.title
        for entry in doc.toc
    ]
