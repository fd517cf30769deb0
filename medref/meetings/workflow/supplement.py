"""Tillægsdagsorden: items added or changed after the agenda was sent, sent as their own version.

While the agenda is sent and the meeting not yet held, the secretary may add
an item (a *Tillægspunkt*, numbered on after the last item: the numbers of
sent items never change) or change a sent item's title, case number,
closedness, Sagsfremstilling and Indstilling (*Ændret efter udsendelse*).
Each is marked (``ItemAmendment``) and waits for **Send tillægsdagsorden**,
which stores a versioned ``AgendaSupplement`` — a file with only those
items, in full and public — and records "Tillægsdagsorden udsendt" with its
item numbers. The agenda as sent (``Meeting.agenda_file``) stays as it was;
the meeting page and downloads show the current agenda with the marks.

Every action takes the ``actor`` (a user, or None for the command line),
checks the permission inside, runs in one transaction, records one
``MeetingEvent`` and re-indexes what it changed for search explicitly.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from pathlib import PurePath
from typing import TYPE_CHECKING

from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from medref.accounts.permissions import Action
from medref.documents.model import SectionKind
from medref.documents.supplement import MARKS, mark_items, number_ranges, only_items
from medref.lib.danish import format_long_date
from medref.meetings import mapping
from medref.meetings.attachments import link_attachments
from medref.meetings.models import (
    AgendaItem,
    AgendaSupplement,
    Attachment,
    ItemAmendment,
    Meeting,
    MeetingEvent,
)
from medref.search.extraction import schedule
from medref.search.services import index_item

from . import history
from .agenda import _clean_case_number
from .common import (
    DEFAULT_HEADINGS,
    allow,
    check_version,
    ensure_section,
    locked_item,
    locked_meeting,
    require_status,
)
from .errors import IllegalTransition, InvalidInput
from .sections import _clause, check_upload, store_markdown

if TYPE_CHECKING:
    from medref.accounts.permissions import AnyUser

logger = logging.getLogger(__name__)

Status = Meeting.Status
Kind = ItemAmendment.Kind


def require_supplement_open(meeting: Meeting) -> None:
    """Items can be added or changed after sending only until the meeting is held."""
    require_status(
        meeting,
        {Status.AGENDA_SENT},
        "Punkter kan kun tilføjes eller ændres efter udsendelsen, mens dagsordenen er "
        "udsendt og mødet ikke er afholdt (mødets status er “%(status)s”).",
    )


def _clean(text: str) -> str:
    return " ".join(text.split())


def _set_case_text(item: AgendaItem, markdown: str) -> list[str] | None:
    """The item's Sagsfremstilling from Markdown ([before, after] text if it changed)."""
    existing = item.sections.filter(kind=SectionKind.CASE).order_by("position").first()
    before = existing.text if existing is not None else ""
    if not markdown.strip() and existing is None:
        return None
    section = existing or ensure_section(
        item,
        SectionKind.CASE,
        before=(SectionKind.RECOMMENDATION, SectionKind.DECISION, SectionKind.ATTACHMENTS),
    )
    section.heading = section.heading or DEFAULT_HEADINGS[SectionKind.CASE]
    store_markdown(section, markdown)
    if section.text == before:
        return None
    section.save()
    return [before, section.text]


def _set_recommendation(
    item: AgendaItem, proposer: str, clauses: Sequence[str]
) -> list[object] | None:
    """ "<proposer> indstiller, at …" on the item ([before, after] if it changed)."""
    proposer = _clean(proposer)
    cleaned = [_clause(c) for c in clauses if c.strip()]
    if cleaned and not proposer:
        raise InvalidInput(_("Write who makes the recommendation."), field="proposer")
    if proposer and not cleaned:
        raise InvalidInput(_("Write at least one clause (“at …”)."), field="clauses")
    before = [item.recommendation_proposer, list(item.recommendation_clauses)]
    after = [proposer or None, cleaned]
    if before == after:
        return None
    item.recommendation_proposer = proposer or None
    item.recommendation_clauses = cleaned
    item.recommendation_numbered = item.recommendation_numbered and bool(cleaned)
    if proposer:
        ensure_section(
            item, SectionKind.RECOMMENDATION, before=(SectionKind.DECISION, SectionKind.ATTACHMENTS)
        )
    return [before, after]


def _mark(item: AgendaItem, kind: str) -> None:
    """Mark the item (a changed tillægspunkt stays a tillægspunkt) as waiting to be sent."""
    ItemAmendment.objects.update_or_create(
        item=item,
        defaults={"supplement": None, "changed_at": timezone.now()},
        create_defaults={"kind": kind, "supplement": None},
    )


@transaction.atomic
def add_supplement_item(
    meeting: Meeting | int,
    *,
    actor: AnyUser | None,
    title: str,
    case_number: str | None = None,
    closed: bool = False,
    case_text: str = "",
    proposer: str = "",
    clauses: Sequence[str] = (),
) -> AgendaItem:
    """A Tillægspunkt: numbered on after the meeting's last item, marked, not yet sent."""
    meeting = locked_meeting(meeting)
    allow(actor, Action.EDIT_AGENDA, meeting)
    require_supplement_open(meeting)
    title = _clean(title)
    if not title:
        raise InvalidInput(_("Write a title for the item."), field="title")
    last = meeting.items.aggregate(number=Max("number"), position=Max("position"))
    item = AgendaItem.objects.create(
        meeting=meeting,
        position=(last["position"] + 1) if last["position"] is not None else 0,
        number=(last["number"] + 1) if last["number"] is not None else 1,
        title=title,
        case_number=_clean_case_number(case_number) or meeting.committee.case_number or None,
        closed=closed,
    )
    _set_case_text(item, case_text)
    if _set_recommendation(item, proposer, clauses) is not None:
        item.save()
    _mark(item, Kind.ADDED)
    history.record(
        meeting,
        MeetingEvent.Action.ITEM_ADDED,
        actor,
        item=item,
        number=item.number,
        title=item.title,
        closed=item.closed,
        supplement=True,
    )
    index_item(item)
    return item


@transaction.atomic
def change_sent_item(
    item: AgendaItem | int,
    *,
    actor: AnyUser | None,
    expected_version: int | None,
    title: str,
    case_number: str | None,
    closed: bool,
    case_text: str,
    proposer: str,
    clauses: Sequence[str],
) -> AgendaItem:
    """Change a sent item: marked "Ændret efter udsendelse" (a tillægspunkt keeps its
    mark) until the next tillægsdagsorden; nothing changed records nothing."""
    item = locked_item(item)
    meeting = item.meeting
    allow(actor, Action.EDIT_AGENDA, meeting)
    require_supplement_open(meeting)
    check_version(item, expected_version)
    title = _clean(title)
    if not title:
        raise InvalidInput(_("Write a title for the item."), field="title")
    changed = history.changes(
        item,
        {"title": title, "case_number": _clean_case_number(case_number), "closed": closed},
    )
    text = _set_case_text(item, case_text)
    if text is not None:
        changed["text"] = list(text)
    recommendation = _set_recommendation(item, proposer, clauses)
    if recommendation is not None:
        changed["recommendation"] = list(recommendation)
    if not changed:
        return item
    item.version += 1
    item.save()
    _mark(item, Kind.CHANGED)
    history.record(
        meeting,
        MeetingEvent.Action.ITEM_EDITED,
        actor,
        item=item,
        changes=changed,
        after_sending=True,
    )
    index_item(item)
    return item


@transaction.atomic
def attach_to_sent_item(
    item: AgendaItem | int,
    upload: UploadedFile[bytes],
    *,
    actor: AnyUser | None,
    title: str = "",
    expected_version: int | None = None,
) -> Attachment:
    """A bilag on a sent item (or a tillægspunkt): the same checks as before sending
    (``sections.check_upload``), the item marked and sent with the next tillægsdagsorden."""
    item = locked_item(item)
    allow(actor, Action.EDIT_AGENDA, item.meeting)
    require_supplement_open(item.meeting)
    check_version(item, expected_version)
    check_upload(upload)
    title = _clean(title) or PurePath(upload.name or "").stem or "Bilag"
    last = item.attachments.aggregate(last=Max("position"))["last"]
    attachment = Attachment(item=item, position=0 if last is None else last + 1, title=title)
    attachment.file.save(PurePath(upload.name or "bilag").name, upload, save=False)
    try:
        attachment.save()
        ensure_section(item, SectionKind.ATTACHMENTS)
        item.version += 1
        item.save(update_fields=["version"])
        _mark(item, Kind.CHANGED)
        history.record(
            item.meeting,
            MeetingEvent.Action.ATTACHMENT_ADDED,
            actor,
            item=item,
            title=title,
            file=attachment.file.name,
            after_sending=True,
        )
        index_item(item)  # its bilag's title now
        schedule(item.meeting_id)  # the bilag's text is read after the commit, then indexed
    except BaseException:
        attachment.file.delete(save=False)  # the transaction rolls back; the file goes too
        raise
    return attachment


def marks(meeting: Meeting) -> dict[int, str]:
    """Item number → its mark ("Tillægspunkt" / "Ændret efter udsendelse"), one query."""
    rows = ItemAmendment.objects.filter(item__meeting=meeting).values_list("item__number", "kind")
    return {number: MARKS[kind] for number, kind in rows}


def pending(meeting: Meeting) -> list[ItemAmendment]:
    """The marked items not yet sent in a tillægsdagsorden, in agenda order."""
    return list(
        ItemAmendment.objects.filter(item__meeting=meeting, supplement__isnull=True)
        .select_related("item")
        .order_by("item__position")
    )


def _render(
    meeting: Meeting, numbers: Sequence[int], number: int, public: bool, site: str
) -> tuple[str, bytes]:
    """The supplement's file: PDF, or HTML when the PDF renderer fails (system fonts)."""
    from medref.accounts.scope import ReaderScope
    from medref.renderers.supplement import render_supplement_html, render_supplement_pdf

    doc = link_attachments(mapping.to_document(meeting), meeting.pk, site)
    doc = mark_items(only_items(doc, numbers), marks(meeting))
    # The file is frozen and served to every reader of the meeting (the full one to all
    # who see closed items): cut as such a reader sees it now, so the decisions and
    # attendance written since the agenda went out stay out of it.
    allowed = () if public else (Action.VIEW_CLOSED,)
    doc = ReaderScope.in_committee(meeting.committee_id, allowed).document(
        doc, meeting.committee_id, meeting.status
    )
    sent = _agenda_sent_on(meeting)
    try:
        return "pdf", render_supplement_pdf(doc, number, sent)
    except Exception:  # any failure of WeasyPrint or its libraries: HTML still says it all
        logger.exception("PDF rendering of supplement %s of meeting %s failed", number, meeting.pk)
        return "html", render_supplement_html(doc, number, sent).encode("utf-8")


def _agenda_sent_on(meeting: Meeting) -> str:
    event = (
        MeetingEvent.objects.filter(meeting=meeting, action=MeetingEvent.Action.AGENDA_SENT)
        .order_by("-at")
        .first()
    )
    when = timezone.localtime(event.at).date() if event is not None else None
    return format_long_date(when).lower() if when else ""


@transaction.atomic
def send_supplement(
    meeting: Meeting | int, *, actor: AnyUser | None, site: str = ""
) -> AgendaSupplement:
    """Send the items added or changed since the last sending as tillægsdagsorden nr. N.

    Its files hold only those items (in full, and without closed items for the
    public); the agenda as sent stays as it was. ``site`` makes bilag links absolute.
    """
    meeting = locked_meeting(meeting)
    allow(actor, Action.SEND_AGENDA, meeting)
    require_status(
        meeting,
        {Status.AGENDA_SENT},
        "En tillægsdagsorden kan sendes, når dagsordenen er udsendt og indtil mødet er "
        "afholdt (mødets status er “%(status)s”).",
    )
    waiting = pending(meeting)
    if not waiting:
        raise IllegalTransition(
            "Intet punkt er tilføjet eller ændret, siden dagsordenen sidst blev sendt."
        )
    numbers = [a.item.number for a in waiting]
    last = meeting.supplements.aggregate(n=Max("number"))["n"] or 0
    supplement = AgendaSupplement.objects.create(
        meeting=meeting,
        number=last + 1,
        sent_by_id=history.actor_id(actor),
        item_numbers=numbers,
    )
    stem = f"tillaegsdagsorden-{supplement.number}-{meeting.committee.slug}"
    fmt, content = _render(meeting, numbers, supplement.number, public=False, site=site)
    supplement.file.save(f"{stem}.{fmt}", ContentFile(content), save=False)
    public_fmt, public_content = _render(
        meeting, numbers, supplement.number, public=True, site=site
    )
    supplement.public_file.save(
        f"{stem}-offentlig.{public_fmt}", ContentFile(public_content), save=False
    )
    supplement.save(update_fields=["file", "public_file"])
    ItemAmendment.objects.filter(pk__in=[a.pk for a in waiting]).update(supplement=supplement)
    history.record(
        meeting,
        MeetingEvent.Action.SUPPLEMENT_SENT,
        actor,
        supplement=supplement.number,
        items=numbers,
        numbers=number_ranges(numbers),
        format=fmt,
    )
    # notifications imports meetings: imported here to keep the import graph acyclic.
    from medref.notifications.dispatch import supplement_sent

    supplement_sent(supplement.pk)  # the members' and substitutes' mail, after the commit
    return supplement


# -- the steps table's entry (``steps.SUPPLEMENT``) ---------------------------------------


def has_pending(meeting: Meeting) -> bool:
    """Whether anything waits for a tillægsdagsorden (the button is shown only then)."""
    return ItemAmendment.objects.filter(item__meeting=meeting, supplement__isnull=True).exists()


def pending_lines(meeting: Meeting) -> list[str]:
    """What the confirmation page lists: "Punkt 9: Ny aftale (Tillægspunkt)", …"""
    return [
        f"Punkt {a.item.number}: {a.item.title} ({a.get_kind_display()})"
        + (" — lukket punkt" if a.item.closed else "")
        for a in pending(meeting)
    ]


def send_supplement_step(
    meeting: Meeting | int, *, actor: AnyUser | None, confirmed: bool = False, site: str = ""
) -> Meeting:
    """``send_supplement`` with a step's keywords (``steps.StepAction``); nothing to confirm."""
    return send_supplement(meeting, actor=actor, site=site).meeting
