"""The read-only pages. Views only read, through the apps' selectors.

Every page costs a fixed number of queries whatever the size of the tree or
the meeting; ``tests/web`` asserts it.
"""

from __future__ import annotations

import importlib.util
from itertools import groupby

from django.db.models import Count
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.http import content_disposition_header
from django.utils.translation import gettext_lazy as _

from medref import renderers
from medref.documents.model import DocumentKind, MeetingDocument
from medref.lib.names import slugify
from medref.meetings import mapping
from medref.meetings import selectors as meeting_selectors
from medref.meetings.models import AgendaItem, Meeting
from medref.organisation import selectors as organisation_selectors
from medref.organisation.models import Committee

KIND_LABELS = {
    DocumentKind.MINUTES: _("Minutes"),
    DocumentKind.AGENDA: _("Agenda"),
}
# The files a meeting can be downloaded as: format -> (button label, Content-Type).
DOWNLOADS = {
    "pdf": ("PDF", "application/pdf"),
    "docx": ("Word", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
    "html": ("HTML", "text/html; charset=utf-8"),
    "md": ("Markdown", "text/markdown; charset=utf-8"),
    "txt": (_("Text"), "text/plain; charset=utf-8"),
}


def can_render(fmt: str) -> bool:
    """Whether medref can write ``fmt`` here: a renderer module still being
    written, or not installed, hides its button instead of breaking the page."""
    if fmt in renderers.TEXT_RENDERERS:
        return True
    if fmt not in renderers.LAZY_RENDERERS:
        return False
    module, _function = renderers.LAZY_RENDERERS[fmt]
    return importlib.util.find_spec(f"{renderers.__name__}.{module}") is not None


def download_name(doc: MeetingDocument, fmt: str) -> str:
    """ "referat-fagmed-oekonomi-2025-10-08.pdf"."""
    return f"{doc.kind.value}-{slugify(doc.committee)}-{doc.meeting_date.isoformat()}.{fmt}"


def _meeting_or_404(pk: int) -> Meeting:
    try:
        return Meeting.objects.select_related("committee__municipality").get(pk=pk)
    except Meeting.DoesNotExist:
        raise Http404 from None


def home(request: HttpRequest) -> HttpResponse:
    """Every committee, grouped by municipality, as a tree (HovedMED → FagMED → …). One query."""
    roots = organisation_selectors.committee_tree()
    municipalities = [
        {"municipality": municipality, "roots": list(nodes)}
        for municipality, nodes in groupby(roots, key=lambda node: node.committee.municipality)
    ]
    return render(request, "web/home.html", {"municipalities": municipalities})


def committee(request: HttpRequest, slug: str, municipality: str | None = None) -> HttpResponse:
    """A committee: its level, parent, sub-committees and meetings, newest first.

    Committee slugs are unique per municipality, so ``/udvalg/<slug>/`` shows
    the committee when one municipality has that slug and lists the choices
    when several do. Five queries.
    """
    if municipality is None:
        municipality_slugs = list(
            Committee.objects.filter(slug=slug)
            .order_by("municipality__name")
            .values_list("municipality__slug", flat=True)
        )
        if not municipality_slugs:
            raise Http404
        if len(municipality_slugs) > 1:
            choices = Committee.objects.filter(slug=slug).select_related("municipality")
            return render(request, "web/committee_choice.html", {"choices": choices})
        municipality = municipality_slugs[0]
    try:
        found = meeting_selectors.committee_with_meetings(municipality, slug)
    except Committee.DoesNotExist:
        raise Http404 from None
    # Not in the selector yet: the sub-committees and each meeting's item count.
    children = list(found.children.order_by("name"))
    counts = dict(
        AgendaItem.objects.filter(meeting__committee=found)
        .values_list("meeting")
        .annotate(n=Count("pk"))
        .order_by()
    )
    meetings = [(m, counts.get(m.pk, 0)) for m in found.meeting_list]
    context = {"committee": found, "children": children, "meetings": meetings}
    return render(request, "web/committee.html", context)


def meeting(request: HttpRequest, pk: int) -> HttpResponse:
    """A meeting as its minutes (or agenda) read, from its ``MeetingDocument``. Seven queries.

    Closed items show their title and the "Lukket punkt" marker to everyone,
    their content only to signed-in users: closed items never reach a public
    version.
    """
    found = _meeting_or_404(pk)
    doc = mapping.to_document(found)
    participant_names = {p.name for p in doc.participants}
    downloads = [
        (label, reverse("web:download", args=[pk, fmt]))
        for fmt, (label, _type) in DOWNLOADS.items()
        if can_render(fmt)
    ]
    context = {
        "meeting": found,
        "committee": found.committee,
        "doc": doc,
        "kind_label": KIND_LABELS[doc.kind],
        "minute_taker_listed": doc.minute_taker in participant_names,
        "show_closed": request.user.is_authenticated,
        "downloads": downloads,
    }
    return render(request, "web/meeting.html", context)


def download(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    """The meeting as a file to save: PDF, Word, HTML, Markdown or plain text.

    Anonymous readers get the public version (closed items withheld), as on
    the meeting page; signed-in users get everything. Seven queries, as the page.
    """
    if fmt not in DOWNLOADS or not can_render(fmt):
        raise Http404
    doc = mapping.to_document(_meeting_or_404(pk))
    public = not request.user.is_authenticated
    content = renderers.render_bytes(doc, fmt, public=public)
    response = HttpResponse(content, content_type=DOWNLOADS[fmt][1])
    response["Content-Disposition"] = content_disposition_header(
        as_attachment=True, filename=download_name(doc, fmt)
    )
    # The file differs by who asks: no shared cache may hand one to the other.
    response["Cache-Control"] = "private"
    return response
