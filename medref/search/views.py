"""The search page: signed-in users also find closed items."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from medref.search.selectors import search


def search_page(request: HttpRequest) -> HttpResponse:
    """Results for ?q=, paged with ?side=, newest first with ?sorter=dato."""
    text = request.GET.get("q", "").strip()
    try:
        number = int(request.GET.get("side", "1"))
    except ValueError:
        number = 1
    sort = "date" if request.GET.get("sorter") == "dato" else "relevance"
    page = search(
        text,
        include_closed=request.user.is_authenticated,
        sort=sort,
        page=number,
    )
    return render(request, "search/search.html", {"q": text, "page": page, "sort": sort})
