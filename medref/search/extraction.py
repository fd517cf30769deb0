"""Bilag text for the index: read after the upload's transaction has committed.

Reading a bilag can be slow or hostile (a zip bomb .docx, a PDF of
thousands of pages), so it never runs inside the transaction of the request
that added it, where it would hold SQLite's write lock and every other
user's write (a login included) would fail with "database is locked".
``schedule`` runs ``extract_pending`` on commit, or hands it to the
background worker (``tasks.read_bilag``) when ``MEDREF_BILAG_IN_WORKER``;
``bilag.extract`` keeps to the importers' limits (``medref.lib.limits``,
the settings ``MEDREF_MAX_IMPORT_BYTES`` and ``MEDREF_IMPORT_*``). The outcome is one
``AttachmentText`` row per bilag: its text, or why it has none, which the
item editor shows. A refused bilag stays attached as a file.

Indexing (``services``) reads the stored text and never opens a file.
"""

from __future__ import annotations

import logging
from functools import partial

from django.conf import settings
from django.db import transaction

from medref.lib.limits import Limits, limits_from
from medref.meetings.models import AgendaItem, Attachment

from . import bilag
from .models import AttachmentText

log = logging.getLogger(__name__)
MB = 1024 * 1024


def limits() -> Limits:
    """The importers' limits, from settings: bilag obey the same ones."""
    return limits_from(settings)


def stored_text(attachment: Attachment) -> str:
    """The text read from the attachment's current file, "" when there is none
    (not read yet, refused, or read from a file since replaced)."""
    try:
        record = attachment.index_text
    except AttachmentText.DoesNotExist:
        return ""
    if not attachment.file or record.file_name != attachment.file.name:
        return ""
    return record.text


def _read(attachment: Attachment, within: Limits) -> bilag.Extracted:
    file = attachment.file
    name = file.name or ""
    try:
        size = file.size
        if size > within.max_bytes:  # refused before a byte is read
            detail = f"the file is {size / MB:.1f} MB; the limit is {within.max_bytes / MB:.1f} MB"
            return bilag.Extracted(bilag.REFUSED, "", "size", detail)
        with file.open("rb") as handle:
            data = handle.read(within.max_bytes + 1)
    except OSError as exc:
        return bilag.Extracted(bilag.UNREADABLE, "", "damaged", f"cannot read the file: {exc}")
    return bilag.extract(name, data, within)


def extract_attachment(attachment: Attachment, within: Limits | None = None) -> AttachmentText:
    """Read one bilag's text (or why not) and record it; the index is not touched."""
    outcome = _read(attachment, within or limits())
    if outcome.status in (bilag.REFUSED, bilag.UNREADABLE):
        log.warning(
            "search: bilag %s (%s) not indexed: %s",
            attachment.pk,
            attachment.file.name,
            outcome.detail,
        )
    record, _ = AttachmentText.objects.update_or_create(
        attachment=attachment,
        defaults={
            "file_name": attachment.file.name or "",
            "status": outcome.status,
            "reason": outcome.reason,
            "detail": outcome.detail[:2000],
            "text": outcome.text,
            "seconds": outcome.seconds,
        },
    )
    return record


def pending(*, meeting_id: int | None = None) -> list[Attachment]:
    """Bilag with a file whose text has not been read from that file."""
    attachments = Attachment.objects.exclude(file="").select_related("index_text")
    if meeting_id is not None:
        attachments = attachments.filter(item__meeting_id=meeting_id)
    return [a for a in attachments.order_by("pk") if not _current(a)]


def _current(attachment: Attachment) -> bool:
    try:
        return attachment.index_text.file_name == attachment.file.name
    except AttachmentText.DoesNotExist:
        return False


def extract_pending(*, meeting_id: int | None = None, reindex: bool = True) -> int:
    """Read every pending bilag (of one meeting, or all) and re-index their items;
    returns how many were read. Each bilag is read outside any transaction and
    recorded in a short one of its own."""
    from .services import index_item

    within = limits()
    items: set[int] = set()
    done = 0
    for attachment in pending(meeting_id=meeting_id):
        extract_attachment(attachment, within)
        items.add(attachment.item_id)
        done += 1
    if reindex:
        for item_id in sorted(items):
            try:
                with transaction.atomic():
                    index_item(item_id)
            except AgendaItem.DoesNotExist:
                continue
    return done


def _run(meeting_id: int) -> None:
    try:
        extract_pending(meeting_id=meeting_id)
    except Exception:  # the request that added the bilag has succeeded: never fail it now
        log.exception("search: reading the bilag of meeting %s failed", meeting_id)


def _enqueue(meeting_id: int) -> None:
    from .tasks import read_bilag

    read_bilag.enqueue(meeting_id)


def schedule(meeting_id: int) -> None:
    """Read the meeting's pending bilag once the current transaction commits:
    in the background worker when ``MEDREF_BILAG_IN_WORKER`` (``tasks.read_bilag``),
    else right away in this thread."""
    work = _enqueue if settings.MEDREF_BILAG_IN_WORKER else _run
    transaction.on_commit(partial(work, meeting_id), robust=True)
