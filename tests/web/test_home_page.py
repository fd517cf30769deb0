"""The front page: every committee, grouped by municipality, as a tree."""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest
from django.test import Client
from django.urls import reverse

from medref.accounts.models import MunicipalityAdministrator
from medref.lib.names import slugify
from medref.organisation.services import ensure_municipality
from tests.personas import NAMES, Personas

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


# Municipalities without committees, for those who may create the first.

# Who manages what: Anna administers Vejle (and Billund below), Ib Andeby, Rolf all.
MANAGES = {"anna": {"Vejle Kommune", "Billund Kommune"}, "ib": {"Andeby Kommune"}}


def headings(html: str) -> list[str]:
    return re.findall(r'<h2 id="kommune-\d+">([^<]*)</h2>', html)


def new_committee_links(html: str) -> list[str]:
    return re.findall(r'href="/kommuner/([^/]+)/udvalg/nyt/">Nyt udvalg</a>', html)


def add_empty_municipalities(personas: Personas) -> None:
    """Billund (Anna administers it too) and Kolding (nobody does): no committees yet."""
    billund = ensure_municipality("Billund Kommune")
    ensure_municipality("Kolding Kommune")
    MunicipalityAdministrator.objects.create(user=personas.anna, municipality=billund)


@pytest.mark.parametrize("name", NAMES)
def test_a_municipality_without_committees_is_listed_for_those_who_may_create_one(
    client_as: Callable[[str], Client], personas: Personas, name: str
):
    """Only where the user may create a committee does an empty municipality show, with its
    "Nyt udvalg" link; everyone else sees the municipalities that have committees."""
    add_empty_municipalities(personas)

    html = client_as(name).get(reverse("web:home")).content.decode()

    with_committees = ["Andeby Kommune", "Vejle Kommune"]
    everything = ["Andeby Kommune", "Billund Kommune", "Kolding Kommune", "Vejle Kommune"]
    managed = set(everything) if name == "root" else MANAGES.get(name, set())
    expected = [m for m in everything if m in managed or m in with_committees]
    assert headings(html) == expected  # in name order, the empty ones among the others
    assert new_committee_links(html) == [slugify(m) for m in expected if m in managed]
    billund = html[html.index(">Billund Kommune</h2>") :] if "Billund Kommune" in expected else ""
    assert not billund or billund.index("Der er ingen udvalg endnu.") < billund.index("</section>")


def test_the_new_committee_link_of_an_empty_municipality_leads_to_its_form(
    client_as: Callable[[str], Client], personas: Personas
):
    add_empty_municipalities(personas)
    client = client_as("anna")
    html = client.get(reverse("web:home")).content.decode()
    assert "billund-kommune" in new_committee_links(html)

    response = client.get("/kommuner/billund-kommune/udvalg/nyt/")

    assert response.status_code == 200
    assert "<h1>Nyt udvalg i Billund Kommune</h1>" in response.content.decode()


# The query count per reader: anonymous readers pay the tree; a signed-in user adds the
# session, the user and the permission query; an administrator the municipalities' list.
QUERIES = {"anonymous": 1, "mads": 4, "otto": 4, "anna": 5, "ib": 5, "root": 5}


@pytest.mark.parametrize("name", QUERIES)
def test_each_reader_pays_a_fixed_number_of_queries_however_many_municipalities(
    client_as: Callable[[str], Client],
    personas: Personas,
    name: str,
    django_assert_num_queries,
):
    client = client_as(name)
    with django_assert_num_queries(QUERIES[name]):
        assert client.get(reverse("web:home")).status_code == 200

    add_empty_municipalities(personas)
    for extra in ("Fredericia Kommune", "Kolding Kommune", "Horsens Kommune"):
        build_tree(extra)
    for extra in ("Skive Kommune", "Lemvig Kommune"):
        ensure_municipality(extra)
    with django_assert_num_queries(QUERIES[name]):
        assert client.get(reverse("web:home")).status_code == 200
