"""The read-only pages. Views only read, through the apps' selectors.

Every page costs a fixed number of queries whatever the size of the tree or
the meeting; ``tests/web`` asserts it.
"""

from __future__ import annotations

import copy

from django.contrib.auth.models import AnonymousUser
from django.db.models import Count
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from medref import renderers
from medref.accounts.permissions import (
    Action,
    MeetingAccess,
    actions,
    meeting_access,
    municipalities_where,
)
from medref.accounts.scope import ReaderScope
from medref.accounts.visibility import visible_document
from medref.documents.model import DocumentKind, MeetingDocument, SectionKind
from medref.documents.supplement import mark_items
from medref.lib.names import slugify
from medref.meetings import mapping
from medref.meetings import selectors as meeting_selectors
from medref.meetings.attachments import link_attachments
from medref.meetings.models import AgendaItem, Meeting
from medref.meetings.supplement_reads import supplement_info
from medref.organisation import selectors as organisation_selectors
from medref.organisation.forms import SeatsDateForm
from medref.organisation.models import Committee
from medref.participation import selectors as participation

KIND_LABELS = {
    DocumentKind.MINUTES: _("Minutes"),
    DocumentKind.AGENDA: _("Agenda"),
}


def download_name(doc: MeetingDocument, fmt: str) -> str:
    """ "referat-fagmed-oekonomi-2025-10-08.pdf"."""
    day = doc.meeting_date.isoformat() if doc.meeting_date is not None else "uden-dato"
    return f"{doc.kind.value}-{slugify(doc.committee)}-{day}{renderers.REGISTRY[fmt].extension}"


def is_draft(meeting: Meeting, doc: MeetingDocument) -> bool:
    """Whether ``doc`` shows minutes not yet approved (a draft's kind, or decisions
    written on a sent or held meeting): it then says "UDKAST"."""
    approved = {Meeting.Status.MINUTES_APPROVED, Meeting.Status.PUBLISHED}
    if meeting.status in approved or meeting.status == Meeting.Status.PLANNED:
        return False
    return doc.kind == DocumentKind.MINUTES or any(
        section.kind == SectionKind.DECISION for item in doc.items for section in item.sections
    )


def _meeting_or_404(request: HttpRequest, pk: int) -> tuple[Meeting, MeetingAccess]:
    """The meeting and what the user may see of it; 404 also when they may not see it,
    so a planned meeting's existence does not leak."""
    try:
        found = Meeting.objects.select_related("committee__municipality").get(pk=pk)
    except Meeting.DoesNotExist:
        raise Http404 from None
    access = meeting_access(request.user, found)
    if not access.view:
        raise Http404
    return found, access


def home(request: HttpRequest) -> HttpResponse:
    """Every committee, grouped by municipality, as a tree (HovedMED → FagMED → …).

    Those who may manage a municipality's committees also see it when it has
    none yet, with its "New committee" link. One query; a signed-in user adds
    the session, the user and one permission query, and an administrator one
    more for the municipalities' list.
    """
    managed = municipalities_where(request.user, Action.MANAGE_MEMBERS)
    context = {
        "municipalities": organisation_selectors.trees_by_municipality(even_empty=managed),
        "managed": managed,
    }
    return render(request, "web/home.html", context)


def committee(request: HttpRequest, slug: str, municipality: str | None = None) -> HttpResponse:
    """A committee: its level, parent, sub-committees and meetings, newest first.

    Committee slugs are unique per municipality, so ``/udvalg/<slug>/`` shows
    the committee when one municipality has that slug and lists the choices
    when several do. Planned meetings are listed only to those who may edit
    the agenda. The members are those of today or of ``?dato=YYYY-MM-DD``.
    Six queries (five with the municipality in the URL); a signed-in user
    adds the session, the user and one or two permission queries.
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
    allowed = actions(request.user, found)
    may_edit = Action.EDIT_AGENDA in allowed
    date_form = SeatsDateForm(request.GET or None)
    date_asked = date_form.is_valid() and date_form.cleaned_data["dato"] is not None
    on = date_form.cleaned_data["dato"] if date_asked else timezone.localdate()
    scope = ReaderScope.in_committee(found.pk, allowed)
    # The selector's Prefetch(to_attr="meeting_list"): an attribute the stubs cannot see.
    meeting_list: list[Meeting] = found.meeting_list  # type: ignore[attr-defined]
    meetings = [
        (m, counts.get(m.pk, 0)) for m in meeting_list if scope.sees_meeting(found.pk, m.status)
    ]
    context = {
        "committee": found,
        "children": children,
        "meetings": meetings,
        "seats": organisation_selectors.seats_on(found, on),
        "date_asked": date_asked,
        "date_form": date_form,
        "may_manage": Action.MANAGE_MEMBERS in allowed,
        "may_edit": may_edit,
    }
    return render(request, "web/committee.html", context)


def meeting(request: HttpRequest, pk: int) -> HttpResponse:
    """A meeting as its minutes (or agenda) read, from its ``MeetingDocument``.

    What the reader sees follows ``medref.accounts.permissions``: closed items'
    content only for the committee's members, decisions before publishing
    only for them too (others read the agenda version), planned meetings
    only for the agenda's editors (404 for others). Seven queries; a
    signed-in user adds the session, the user and one or two permission queries.
    """
    found, access = _meeting_or_404(request, pk)
    return meeting_page_for(request, found, access)


def meeting_page_for(
    request: HttpRequest,
    found: Meeting,
    access: MeetingAccess | None = None,
    *,
    as_public: bool = False,
) -> HttpResponse:
    """The meeting page as ``access`` sees it; ``as_public``: as everyone will see it once
    the minutes are published (the publishing preview), asked of the same rules."""
    pk = found.pk
    if as_public:
        published = copy.copy(found)
        published.status = Meeting.Status.PUBLISHED
        access = meeting_access(AnonymousUser(), published)
    assert access is not None
    doc = link_attachments(visible_document(mapping.to_document(found), access), pk)
    participant_names = {p.name for p in doc.participants}
    # One button per format medref writes (renderers.REGISTRY, in its order).
    downloads = [
        (gettext(fmt.label), reverse("web:download", args=[pk, fmt.key]))
        for fmt in renderers.REGISTRY.values()
        if not as_public
    ]
    context = {
        "meeting": found,
        "committee": found.committee,
        "doc": doc,
        "kind_label": KIND_LABELS[doc.kind],
        "draft": is_draft(found, doc) and not as_public,
        "public_preview": as_public,
        "minute_taker_listed": doc.minute_taker in participant_names,
        "show_closed": access.closed,
        "access": access,
        "downloads": downloads,
    }
    return render(request, "web/meeting.html", context)


def download(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    """The meeting as a file to save: PDF, Word, HTML, Markdown or plain text.

    Each reader gets what the meeting page shows them: the public version
    (closed items withheld) unless they may see closed items, the agenda
    version until the minutes are published unless they may see drafts.
    Seven queries, as the page.
    """
    if fmt not in renderers.REGISTRY:
        raise Http404
    spec = renderers.REGISTRY[fmt]
    found, access = _meeting_or_404(request, pk)
    doc = visible_document(mapping.to_document(found), access)
    doc = link_attachments(doc, pk, site=request.build_absolute_uri("/"))
    # A sent agenda's items added or changed since carry their mark (tillægsdagsorden).
    doc = mark_items(doc, supplement_info(found).marks)
    draft = is_draft(found, doc)
    # Approved minutes' PDF and Word end with who approved them, and when.
    signed = participation.signatures(found) if spec.binary and access.decisions else []
    content = renderers.render_bytes(
        doc, fmt, public=not access.closed, draft=draft, signatures=signed
    )
    response = HttpResponse(content, content_type=spec.content_type)
    name = download_name(doc, fmt)
    response["Content-Disposition"] = content_disposition_header(
        as_attachment=True, filename=f"udkast-{name}" if draft else name
    )
    # The file differs by who asks: no shared cache may hand one to the other.
    response["Cache-Control"] = "private"
    return response
