"""A committee's page: its level, parent, sub-committees and meetings."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from medref.documents.model import DocumentKind

from .documents import build_tree, make_document, store

COMMITTEE_QUERIES = 6


def committee_page(client, committee) -> str:
    response = client.get(reverse("web:committee", args=[committee.slug]))
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.django_db
def test_it_shows_the_level_parent_and_sub_committees(client):
    """FagMED Økonomi: level FagMED, under HovedMED, over LokalMED and AfdelingsMED."""
    tree = build_tree()

    html = committee_page(client, tree["fag"])

    assert "<h1>FagMED Økonomi</h1>" in html
    assert "<dt>Niveau</dt><dd>FagMED</dd>" in html
    assert "<dt>Kommune</dt><dd>Vejle Kommune</dd>" in html
    assert "Overordnet udvalg" in html
    assert f'href="{reverse("web:committee", args=[tree["hoved"].slug])}">HovedMED</a>' in html
    assert "Underudvalg" in html
    assert ">AfdelingsMED Økonomi &amp; Stab</a>" in html
    assert ">LokalMED Borgerservice</a>" in html


@pytest.mark.django_db
def test_it_lists_the_meetings_newest_first_with_status_and_item_count(client):
    """Each meeting: its date the Danish way, its status and its number of items."""
    tree = build_tree()
    older = store(make_document(3, meeting_date=dt.date(2025, 6, 19), kind=DocumentKind.AGENDA))
    newer = store(make_document(10, meeting_date=dt.date(2025, 10, 8)))

    html = committee_page(client, tree["fag"])

    assert html.index("Onsdag d. 08. oktober 2025") < html.index("Torsdag d. 19. juni 2025")
    assert f'href="{reverse("web:meeting", args=[newer.pk])}"' in html
    assert f'href="{reverse("web:meeting", args=[older.pk])}"' in html
    assert "<td>Offentliggjort</td>" in html
    assert "<td>Dagsorden udsendt</td>" in html
    assert '<td class="num">10</td>' in html
    assert '<td class="num">3</td>' in html


@pytest.mark.django_db
def test_it_says_when_a_committee_has_no_meetings(client):
    """No meetings yet: a Danish sentence instead of an empty table."""
    tree = build_tree()

    assert "Der er ingen møder endnu." in committee_page(client, tree["lokal"])


@pytest.mark.django_db
def test_it_lets_the_user_choose_when_several_municipalities_share_a_slug(client):
    """/udvalg/<slug>/ lists the committees when two municipalities use the slug."""
    vejle = build_tree("Vejle Kommune")
    build_tree("Fredericia Kommune")

    response = client.get(reverse("web:committee", args=[vejle["fag"].slug]))

    html = response.content.decode()
    assert response.status_code == 200
    assert "Vælg udvalg" in html
    assert "Fredericia Kommune" in html and "Vejle Kommune" in html


@pytest.mark.django_db
def test_it_answers_404_for_an_unknown_committee(client):
    """Unknown slugs, and known slugs in the wrong municipality, are 404."""
    tree = build_tree()

    assert client.get(reverse("web:committee", args=["findes-ikke"])).status_code == 404
    wrong = reverse("web:committee_in_municipality", args=["andeby", tree["fag"].slug])
    assert client.get(wrong).status_code == 404


@pytest.mark.django_db
@pytest.mark.parametrize("meetings", [1, 12])
def test_it_costs_a_fixed_number_of_queries(client, django_assert_num_queries, meetings):
    """However many meetings and items, the page costs the same queries."""
    tree = build_tree()
    for month in range(1, meetings + 1):
        store(make_document(month, meeting_date=dt.date(2025, month, 1)))

    with django_assert_num_queries(COMMITTEE_QUERIES):
        html = committee_page(client, tree["fag"])
    assert html.count('<th scope="row">') == meetings
