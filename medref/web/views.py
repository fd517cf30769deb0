"""The read-only pages. Views only read, through the apps' selectors.

Every page costs a fixed number of queries whatever the size of the tree or
the meeting; ``tests/web`` asserts it.
"""

from __future__ import annotations

from itertools import groupby

from django.db.models import Count
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _

from medref.documents.model import DocumentKind
from medref.meetings import mapping
from medref.meetings import selectors as meeting_selectors
from medref.meetings.models import AgendaItem, Meeting
from medref.organisation import selectors as organisation_selectors
from medref.organisation.models import Committee

KIND_LABELS = {
    DocumentKind.MINUTES: _("Minutes"),
    DocumentKind.AGENDA: _("Agenda"),
}


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
    try:
        found = Meeting.objects.select_related("committee__municipality").get(pk=pk)
    except Meeting.DoesNotExist:
        raise Http404 from None
    doc = mapping.to_document(found)
    participant_names = {p.name for p in doc.participants}
    context = {
        "meeting": found,
        "committee": found.committee,
        "doc": doc,
        "kind_label": KIND_LABELS[doc.kind],
        "minute_taker_listed": doc.minute_taker in participant_names,
        "show_closed": request.user.is_authenticated,
    }
    return render(request, "web/meeting.html", context)
