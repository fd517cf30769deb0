"""An item's contents: sections (Markdown), the recommendation and bilag."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import PurePath
from typing import TYPE_CHECKING

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from medref.accounts.permissions import Action
from medref.documents.model import SectionKind
from medref.documents.plain import blocks_text
from medref.documents.serialize import blocks_to_data
from medref.lib.limits import PackageOverLimit, limits_from
from medref.meetings.filecheck import Problem, check_content
from medref.meetings.models import AgendaItem, Attachment, MeetingEvent, Section
from medref.meetings.text import markdown_to_blocks
from medref.search.extraction import schedule
from medref.search.services import index_item

from . import history
from .common import (
    DEFAULT_HEADINGS,
    allow,
    check_version,
    ensure_section,
    locked_item,
    reposition_sections,
    require_agenda_open,
    touch,
)
from .errors import InvalidInput

if TYPE_CHECKING:
    from medref.accounts.permissions import AnyUser

# Kinds written through their own actions, not as free sections.
_EDITABLE_KINDS = frozenset(SectionKind) - {SectionKind.DECISION}


def store_markdown(section: Section, markdown: str) -> None:
    """Set the section's blocks (and their plain text, for search) from Markdown."""
    blocks = markdown_to_blocks(markdown)
    section.body = blocks_to_data(blocks)
    section.text = blocks_text(blocks)


def _heading(kind: SectionKind, heading: str) -> str:
    return " ".join(heading.split()) or DEFAULT_HEADINGS[kind]


def _agenda_item(
    item: AgendaItem | int, actor: AnyUser | None, expected_version: int | None
) -> AgendaItem:
    item = locked_item(item)
    allow(actor, Action.EDIT_AGENDA, item.meeting)
    require_agenda_open(item.meeting)
    check_version(item, expected_version)
    return item


@transaction.atomic
def add_section(
    item: AgendaItem | int,
    kind: SectionKind | str,
    *,
    actor: AnyUser | None,
    heading: str = "",
    markdown: str = "",
    expected_version: int | None = None,
) -> Section:
    """A new section at the end of the item (the Beslutning is written in the minutes)."""
    kind = SectionKind(kind)
    if kind not in _EDITABLE_KINDS:
        raise InvalidInput(_("The decision is written in the minutes."), field="kind")
    item = _agenda_item(item, actor, expected_version)
    last = item.sections.aggregate(last=Max("position"))["last"]
    section = Section(
        item=item,
        position=0 if last is None else last + 1,
        kind=str(kind),
        heading=_heading(kind, heading),
    )
    store_markdown(section, markdown)
    section.save()
    touch(item)
    history.record(
        item.meeting,
        MeetingEvent.Action.SECTION_ADDED,
        actor,
        item=item,
        heading=section.heading,
        text=section.text,
    )
    index_item(item)
    return section


def _locked_section(section: Section | int) -> tuple[Section, AgendaItem]:
    pk = section.pk if isinstance(section, Section) else section
    row = Section.objects.get(pk=pk)
    return row, locked_item(row.item_id)


@transaction.atomic
def edit_section(
    section: Section | int,
    *,
    actor: AnyUser | None,
    expected_version: int | None,
    heading: str,
    markdown: str,
) -> Section:
    """Change a section's heading and text (Markdown)."""
    section, item = _locked_section(section)
    allow(actor, Action.EDIT_AGENDA, item.meeting)
    require_agenda_open(item.meeting)
    if section.kind == SectionKind.DECISION:
        raise InvalidInput(_("The decision is written in the minutes."))
    check_version(item, expected_version)
    before_text = section.text
    changed = history.changes(section, {"heading": _heading(SectionKind(section.kind), heading)})
    store_markdown(section, markdown)
    if section.text != before_text:
        changed["text"] = [before_text, section.text]
    section.save()
    touch(item)
    history.record(
        item.meeting,
        MeetingEvent.Action.SECTION_EDITED,
        actor,
        item=item,
        heading=section.heading,
        changes=changed,
    )
    index_item(item)
    return section


@transaction.atomic
def remove_section(
    section: Section | int, *, actor: AnyUser | None, expected_version: int | None = None
) -> None:
    section, item = _locked_section(section)
    allow(actor, Action.EDIT_AGENDA, item.meeting)
    require_agenda_open(item.meeting)
    check_version(item, expected_version)
    history.record(
        item.meeting,
        MeetingEvent.Action.SECTION_REMOVED,
        actor,
        item=item,
        heading=section.heading,
        text=section.text,
    )
    section.delete()
    reposition_sections(list(item.sections.order_by("position")))
    touch(item)
    index_item(item)


def _clause(text: str) -> str:
    """A clause as the documents write it: "at FagMED godkender dagsordenen."."""
    cleaned = " ".join(text.split())
    if cleaned.lower() == "at" or cleaned.lower().startswith("at "):
        return cleaned
    return f"at {cleaned}"


@transaction.atomic
def set_recommendation(
    item: AgendaItem | int,
    *,
    actor: AnyUser | None,
    expected_version: int | None,
    proposer: str,
    clauses: Sequence[str],
    numbered: bool = False,
) -> AgendaItem:
    """ "<proposer> indstiller, at …": the clauses a list, each starting with "at".

    An empty proposer and no clauses remove the recommendation. The item
    gets an Indstilling section (before Beslutning and Bilag) to show it in.
    """
    item = _agenda_item(item, actor, expected_version)
    proposer = " ".join(proposer.split())
    cleaned = [_clause(c) for c in clauses if c.strip()]
    if cleaned and not proposer:
        raise InvalidInput(_("Write who makes the recommendation."), field="proposer")
    if proposer and not cleaned:
        raise InvalidInput(_("Write at least one clause (“at …”)."), field="clauses")
    before = [item.recommendation_proposer, list(item.recommendation_clauses)]
    item.recommendation_proposer = proposer or None
    item.recommendation_clauses = cleaned
    item.recommendation_numbered = numbered and bool(cleaned)
    item.version += 1
    item.save()
    if proposer:
        ensure_section(
            item, SectionKind.RECOMMENDATION, before=(SectionKind.DECISION, SectionKind.ATTACHMENTS)
        )
    history.record(
        item.meeting,
        MeetingEvent.Action.RECOMMENDATION_SET,
        actor,
        item=item,
        changes={"recommendation": [before, [item.recommendation_proposer, cleaned]]},
    )
    index_item(item)
    return item


def _limit_message(over: PackageOverLimit, name: str) -> str:
    """Which limit an office package is over, naming the file, the limit and its setting."""
    values = {"name": name, "setting": over.setting, "member": over.member}
    if over.kind == "members":
        values |= {"found": f"{over.found:.0f}", "limit": f"{over.limit:.0f}"}
        return (
            _(
                "“%(name)s” cannot be attached: it consists of %(found)s files, and the limit is "
                "%(limit)s (%(setting)s)."
            )
            % values
        )
    if over.kind == "ratio":
        values |= {"found": f"{over.found:.0f}", "limit": f"{over.limit:g}"}
        return (
            _(
                "“%(name)s” cannot be attached: its part %(member)s is compressed %(found)s:1, "
                "and the limit is %(limit)s:1 (%(setting)s). An ordinary document is not "
                "packed that tightly; the file has not been unpacked."
            )
            % values
        )
    values |= {"found": f"{over.found / 1_048_576:.0f}", "limit": f"{over.limit / 1_048_576:.0f}"}
    if over.at_least:
        return (
            _(
                "“%(name)s” cannot be attached: unpacked it takes up more than %(limit)s MB, "
                "which is the limit (%(setting)s)."
            )
            % values
        )
    return (
        _(
            "“%(name)s” cannot be attached: unpacked it would take up %(found)s MB, and the "
            "limit is %(limit)s MB (%(setting)s); the file has not been unpacked."
        )
        % values
    )


def _content_message(problem: Problem | PackageOverLimit, extension: str, name: str) -> str:
    """What is wrong with the file's content, for the person who uploaded it."""
    if isinstance(problem, PackageOverLimit):
        return _limit_message(problem, name)
    values = {"name": name, "type": extension.upper()}
    if problem == Problem.NOT_UTF8:
        return _("A text file must be UTF-8.")
    if problem == Problem.NOT_PDF:
        return (
            _(
                "“%(name)s” is not a PDF file that can be opened: its content is damaged or "
                "something else. Save it again as PDF and attach it once more."
            )
            % values
        )
    return (
        _(
            "“%(name)s” is not a %(type)s file that can be opened: its content is damaged or "
            "of another type. Is it named correctly?"
        )
        % values
    )


def check_upload(upload: UploadedFile[bytes]) -> str:
    """The file's extension, or ``InvalidInput`` for a file too large or of a refused type."""
    name = upload.name or ""
    extension = PurePath(name).suffix.lower().lstrip(".")
    allowed = [t.lower().lstrip(".") for t in settings.MEDREF_ATTACHMENT_TYPES]
    if extension not in allowed:
        raise InvalidInput(
            _("Files of type “%(type)s” cannot be attached. Allowed: %(allowed)s.")
            % {"type": extension or name, "allowed": ", ".join(allowed)},
            field="file",
        )
    limit = settings.MEDREF_ATTACHMENT_MAX_BYTES
    if upload.size is None or upload.size > limit:
        raise InvalidInput(
            _("The file is too large (%(size)s MB); at most %(limit)s MB is allowed.")
            % {
                "size": f"{(upload.size or 0) / 1_048_576:.1f}",
                "limit": f"{limit / 1_048_576:.1f}",
            },
            field="file",
        )
    if upload.size == 0:
        raise InvalidInput(_("The file is empty."), field="file")
    upload.seek(0)
    data = upload.read()
    upload.seek(0)
    problem = check_content(extension, data, limits_from(settings))
    if problem is not None:
        raise InvalidInput(_content_message(problem, extension, name), field="file")
    return extension


@transaction.atomic
def add_attachment(
    item: AgendaItem | int,
    upload: UploadedFile[bytes],
    *,
    actor: AnyUser | None,
    title: str = "",
    expected_version: int | None = None,
) -> Attachment:
    """Attach a file (bilag); size and type limits from settings. The title
    defaults to the file name without its extension."""
    item = _agenda_item(item, actor, expected_version)
    check_upload(upload)
    title = " ".join(title.split()) or PurePath(upload.name or "").stem or _("Attachment")
    last = item.attachments.aggregate(last=Max("position"))["last"]
    attachment = Attachment(item=item, position=0 if last is None else last + 1, title=title)
    attachment.file.save(PurePath(upload.name or "bilag").name, upload, save=False)
    try:
        attachment.save()
        ensure_section(item, SectionKind.ATTACHMENTS)
        touch(item)
        history.record(
            item.meeting,
            MeetingEvent.Action.ATTACHMENT_ADDED,
            actor,
            item=item,
            title=title,
            file=attachment.file.name,
        )
        index_item(item)  # its title now
        schedule(item.meeting_id)  # its text is read after the commit, then indexed
    except BaseException:
        # The transaction rolls back; the file written above must go with it.
        attachment.file.delete(save=False)
        raise
    return attachment


@transaction.atomic
def remove_attachment(
    attachment: Attachment | int, *, actor: AnyUser | None, expected_version: int | None = None
) -> None:
    pk = attachment.pk if isinstance(attachment, Attachment) else attachment
    row = Attachment.objects.get(pk=pk)
    item = _agenda_item(row.item_id, actor, expected_version)
    history.record(
        item.meeting, MeetingEvent.Action.ATTACHMENT_REMOVED, actor, item=item, title=row.title
    )
    row.delete()  # the stored file stays: the history and a sent agenda may name it
    rest = list(item.attachments.order_by("position"))
    for position, other in enumerate(rest):
        if other.position != position:
            other.position = position
            other.save(update_fields=["position"])
    touch(item)
    index_item(item)
