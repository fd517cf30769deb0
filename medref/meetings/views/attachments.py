"""Bilag downloads: after the same permission check as the meeting page."""

from __future__ import annotations

import io
from pathlib import PurePath

from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.utils.http import content_disposition_header
from django.views.decorators.http import require_GET

from medref.accounts.permissions import meeting_access
from medref.accounts.scope import ReaderScope
from medref.meetings.attachments import download_name
from medref.meetings.filecheck import content_type
from medref.meetings.models import Attachment, Meeting

# Opened in the browser; everything else (office files) is saved.
_INLINE = frozenset({"pdf", "png", "jpg", "jpeg", "txt"})


@require_GET
def download(request: HttpRequest, pk: int, attachment_pk: int) -> FileResponse:
    """One bilag's file, to those who may see it on the meeting page.

    404 (never 403, so nothing leaks) when the meeting is not theirs to see,
    when the bilag belongs to a closed item and they may not see closed
    items, or when the bilag has no stored file.
    """
    try:
        attachment = Attachment.objects.select_related(
            "item__meeting__committee__municipality"
        ).get(pk=attachment_pk, item__meeting_id=pk)
    except Attachment.DoesNotExist:
        raise Http404 from None
    access = meeting_access(request.user, attachment.item.meeting)
    if not access.sees_item(attachment.item.closed):
        raise Http404
    stored_name = attachment.file.name
    if not stored_name:
        raise Http404
    try:
        handle = attachment.file.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    extension = PurePath(stored_name).suffix.lower().lstrip(".")
    response = FileResponse(
        handle,
        content_type=content_type(extension),
        as_attachment=extension not in _INLINE,
        filename=download_name(attachment.title, stored_name),
    )
    response["X-Content-Type-Options"] = "nosniff"
    # Who may have it differs by reader: no shared cache may keep it.
    response["Cache-Control"] = "private, no-store"
    return response


@require_GET
def combined_agenda(request: HttpRequest, pk: int) -> HttpResponse:
    """Samlet dagsorden: the agenda as sent followed by every PDF bilag the reader may
    see (a closed item's only for those who see closed items), as one PDF."""
    import pypdfium2 as pdfium  # type: ignore[import-untyped]

    meeting = get_object_or_404(Meeting.objects.select_related("committee"), pk=pk)
    access = meeting_access(request.user, meeting)
    if not access.view:
        raise Http404
    stored = meeting.agenda_file if access.closed else meeting.public_agenda_file
    if not stored or not (stored.name or "").lower().endswith(".pdf"):
        raise Http404
    with stored.open("rb") as handle:
        combined = pdfium.PdfDocument(handle.read())
    bilag = Attachment.objects.filter(item__meeting=meeting).exclude(file="")
    scope = ReaderScope.in_committee(meeting.committee_id, access.actions)
    bilag = bilag.filter(scope.items_q("item__"))
    for attachment in bilag.order_by("item__position", "position"):
        if not (attachment.file.name or "").lower().endswith(".pdf"):
            continue
        try:
            with attachment.file.open("rb") as handle:
                part = pdfium.PdfDocument(handle.read())
        except (OSError, pdfium.PdfiumError):
            continue  # a missing or unreadable file: the agenda still lists the bilag
        combined.import_pages(part)
        part.close()
    out = io.BytesIO()
    combined.save(out)
    combined.close()
    suffix = "" if access.closed else "-offentlig"
    name = f"samlet-dagsorden-{meeting.committee.slug}-{meeting.meeting_date:%Y-%m-%d}{suffix}.pdf"
    response = HttpResponse(out.getvalue(), content_type="application/pdf")
    disposition = content_disposition_header(as_attachment=False, filename=name)
    response["Content-Disposition"] = disposition or "inline"
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response
