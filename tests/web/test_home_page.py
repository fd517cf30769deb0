"""The front page: every committee, grouped by municipality, as a tree."""

from __future__ import annotations

import pytest
from django.urls import reverse

from .documents import build_tree


@pytest.mark.django_db
def test_it_shows_the_committees_as_a_tree_per_municipality(client):
    """Each municipality is a heading; sub-committees are nested under their parent."""
    build_tree("Vejle Kommune")
    build_tree("Fredericia Kommune")

    response = client.get(reverse("web:home"))

    assert response.status_code == 200
    html = response.content.decode()
    assert "<h1>MED-udvalg</h1>" in html
    assert html.index(">Fredericia Kommune</h2>") < html.index(">Vejle Kommune</h2>")
    vejle = html[html.index(">Vejle Kommune</h2>") :]
    hoved = vejle.index(">HovedMED</a>")
    fag = vejle.index(">FagMED Økonomi</a>")
    assert hoved < fag < vejle.index(">AfdelingsMED Økonomi &amp; Stab</a>")
    # The FagMED's children sit in a list nested inside the HovedMED's item.
    assert vejle[hoved:fag].count('<ul class="tree">') == 1
    assert '<span class="level">LokalMED</span>' in vejle


@pytest.mark.django_db
def test_it_links_each_committee_to_its_page(client):
    """Links go to /udvalg/<kommune>/<udvalg>/ and those pages answer."""
    tree = build_tree()
    url = reverse(
        "web:committee_in_municipality",
        args=[tree["lokal"].municipality.slug, tree["lokal"].slug],
    )

    html = client.get(reverse("web:home")).content.decode()

    assert f'href="{url}"' in html
    assert client.get(url).status_code == 200


@pytest.mark.django_db
def test_it_says_when_there_are_no_committees(client):
    """An empty installation says so in Danish."""
    html = client.get(reverse("web:home")).content.decode()

    assert "Der er ingen udvalg endnu." in html


@pytest.mark.django_db
def test_it_costs_one_query_however_big_the_tree(client, django_assert_num_queries):
    """The whole tree is read in one query."""
    for name in ("Vejle Kommune", "Fredericia Kommune", "Kolding Kommune"):
        build_tree(name)

    with django_assert_num_queries(1):
        assert client.get(reverse("web:home")).status_code == 200
