"""The search page and the case history, each finding only what the reader may see."""

from __future__ import annotations

import datetime
from urllib.parse import urlencode

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.formats import number_format

from medref.meetings.models import Section
from medref.organisation.models import Committee
from medref.search.access import visibility_for
from medref.search.backends import count_cap
from medref.search.selectors import CASE_NUMBER, case_history, facets, search

# Query-string names, in Danish like the URLs.
FILTERS = ("udvalg", "kommune", "fra", "til", "afsnit")


def _int(value: str | None, default: int | None = None) -> int | None:
    try:
        return int(value) if value else default
    except ValueError:
        return default


def _date(value: str | None) -> datetime.date | None:
    try:
        return datetime.date.fromisoformat(value) if value else None
    except ValueError:
        return None


def _link(params: dict[str, str], **changes: str | None) -> str:
    """The query string of the page with ``changes`` (None removes a key); back to page 1."""
    merged = {k: v for k, v in params.items() if v and k != "side"}
    for key, value in changes.items():
        if value is None:
            merged.pop(key, None)
        else:
            merged[key] = value
    return "?" + urlencode(merged)


def search_page(request: HttpRequest) -> HttpResponse:
    """Results for ?q= with facets and filters (?udvalg= ?kommune= ?fra= ?til= ?afsnit=),
    newest first with ?sorter=dato, paged with ?side=."""
    text = request.GET.get("q", "").strip()
    params = {k: request.GET.get(k, "").strip() for k in ("q", "sorter", *FILTERS)}
    sort = "date" if params["sorter"] == "dato" else "relevance"
    chosen = {
        "committee_id": _int(params["udvalg"]),
        "municipality_slug": params["kommune"] or None,
        "date_from": _date(params["fra"]),
        "date_to": _date(params["til"]),
        "section_kind": params["afsnit"] or None,
    }
    visibility = visibility_for(request.user)
    page = search(
        text,
        visibility=visibility,
        sort=sort,
        page=_int(request.GET.get("side"), 1) or 1,
        **chosen,  # type: ignore[arg-type]
    )
    counts = facets(text, visibility=visibility, **chosen)  # type: ignore[arg-type]
    context = {
        "q": text,
        "page": page,
        "sort": sort,
        "params": params,
        "facets": counts,
        # "1.000" in Danish: grouped whatever USE_THOUSAND_SEPARATOR says.
        "total_text": number_format(page.total, force_grouping=True),
        "cap_text": number_format(count_cap(), force_grouping=True),
        "committee_links": [
            (name, n, _link(params, udvalg=str(pk))) for pk, name, n in counts.committees
        ],
        "year_links": [
            (year, n, _link(params, fra=f"{year}-01-01", til=f"{year}-12-31"))
            for year, n in counts.years
        ],
        "kind_links": [
            (label, n, _link(params, afsnit=kind)) for kind, label, n in counts.section_kinds
        ],
        "clear_link": _link({"q": text, "sorter": params["sorter"]}),
        "sort_links": {
            "relevance": _link(params, sorter=None),
            "date": _link(params, sorter="dato"),
        },
        "next_link": _link(params, side=str(page.page + 1)),
        "previous_link": _link(params, side=str(page.page - 1)),
        "committees": Committee.objects.select_related("municipality").order_by("name"),
        "section_kinds": Section.Kind.choices,
        "is_case_number": CASE_NUMBER.match(text) is not None,
        "history_link": "?" + urlencode({"q": text}),
    }
    return render(request, "search/search.html", context)


def case_history_page(request: HttpRequest) -> HttpResponse:
    """?q= a journal number (81.38.00-P35-58-23) or a topic: every item on it, oldest
    first, paged with ?side=."""
    text = request.GET.get("q", "").strip()
    timeline = case_history(
        text, visibility=visibility_for(request.user), page=_int(request.GET.get("side"), 1) or 1
    )
    context = {
        "q": text,
        "timeline": timeline,
        "total_text": number_format(timeline.total, force_grouping=True),
        "next_link": _link({"q": text}, side=str(timeline.page + 1)),
        "previous_link": _link({"q": text}, side=str(timeline.page - 1)),
    }
    return render(request, "search/case_history.html", context)
