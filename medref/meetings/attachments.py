"""Bilag as readers get them: through medref, never through the media folder.

``link_attachments`` gives a document's stored bilag the address of
``views.attachments.download`` (which checks who may see them), so the
meeting page, the editor, the agenda as sent and every rendered file link
to that and never to a stored file's name.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import replace
from pathlib import PurePath

from django.urls import reverse

from medref.documents.model import MeetingDocument

from .models import Attachment

_UNSAFE = re.compile(r'[\x00-\x1f\x7f"\\/:*?<>|;]+')


def download_name(title: str, stored_name: str) -> str:
    """ "Budget 2026.pdf": the bilag's title with the stored file's extension, without
    characters that mean something to a file system or a header (path separators,
    quotes, control characters), at most 120 characters before the extension."""
    extension = PurePath(stored_name).suffix.lower()
    if not extension[1:].isalnum():
        extension = ""
    cleaned = unicodedata.normalize("NFC", title)
    cleaned = " ".join(_UNSAFE.sub(" ", cleaned).split()).strip(". ")[:120].strip()
    return f"{cleaned or 'bilag'}{extension}"


def attachment_url(meeting_pk: int, attachment_pk: int, site: str = "") -> str:
    """The bilag's address; absolute on ``site`` ("https://med.vejle.dk") for files."""
    path = reverse("web:meetings:attachment", args=[meeting_pk, attachment_pk])
    return site.rstrip("/") + path if site else path


def link_attachments(doc: MeetingDocument, meeting_pk: int, site: str = "") -> MeetingDocument:
    """``doc`` with each stored bilag's file replaced by its download address.

    One query, and none when no bilag of ``doc`` has a file (imported minutes
    usually only name theirs). Bilag of items ``doc`` leaves out (closed items
    in a public version) are never looked up.
    """
    names = {a.file for item in doc.items for a in item.attachments if a.file}
    if not names:
        return doc
    pks = dict(
        Attachment.objects.filter(item__meeting_id=meeting_pk, file__in=names).values_list(
            "file", "pk"
        )
    )

    def linked(file: str | None) -> str | None:
        if file and file in pks:
            return attachment_url(meeting_pk, pks[file], site)
        return None

    items = tuple(
        replace(
            item,
            attachments=tuple(replace(a, file=linked(a.file)) for a in item.attachments),
        )
        if item.attachments
        else item
        for item in doc.items
    )
    return replace(doc, items=items)
