"""Bilag downloads: after the same permission check as the meeting page."""

from __future__ import annotations

from pathlib import PurePath

from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.utils.http import content_disposition_header
from django.views.decorators.http import require_GET

from medref.accounts.permissions import meeting_access
from medref.meetings.attachments import download_name
from medref.meetings.filecheck import content_type
from medref.meetings.models import Attachment

# Opened in the browser; everything else (office files) is saved.
_INLINE = frozenset({"pdf", "png", "jpg", "jpeg", "txt"})


@require_GET
def download(request: HttpRequest, pk: int, attachment_pk: int) -> HttpResponse:
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
    if not access.view or (attachment.item.closed and not access.closed):
        raise Http404
    if not attachment.file:
        raise Http404
    try:
        handle = attachment.file.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    extension = PurePath(attachment.file.name).suffix.lower().lstrip(".")
    response = FileResponse(handle, content_type=content_type(extension))
    response["Content-Disposition"] = content_disposition_header(
        as_attachment=extension not in _INLINE,
        filename=download_name(attachment.title, attachment.file.name),
    )
    response["X-Content-Type-Options"] = "nosniff"
    # Who may have it differs by reader: no shared cache may keep it.
    response["Cache-Control"] = "private, no-store"
    return response
