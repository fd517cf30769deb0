"""The administrator's committee pages: Nyt udvalg, Rediger udvalg, and the links to them."""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest
from django.test import Client
from django.urls import reverse

from medref.organisation.models import Committee
from tests.personas import Personas

MANAGERS = ("anna", "root")
OTHERS = ("sofie", "frank", "mads", "sara", "otto", "ib")
NEW = {"name": "LokalMED Løn", "level": "lokalmed", "parent": "", "case_number": ""}


def create_url(personas: Personas) -> str:
    return reverse("web:organisation:create_committee", args=[personas.municipality.slug])


def edit_url(committee: Committee) -> str:
    return reverse(
        "web:organisation:edit_committee", args=[committee.municipality.slug, committee.slug]
    )


def page_url(committee: Committee) -> str:
    return reverse(
        "web:committee_in_municipality", args=[committee.municipality.slug, committee.slug]
    )


def selected(html: str, field: str) -> list[str]:
    """The values of the options chosen in the select called ``field``."""
    select = re.search(rf'<select name="{field}"[^>]*>(.*?)</select>', html, re.S)
    assert select is not None, html
    return re.findall(r'<option value="([^"]*)"[^>]*selected', select.group(1))


def offered(html: str, field: str) -> list[str]:
    select = re.search(rf'<select name="{field}"[^>]*>(.*?)</select>', html, re.S)
    assert select is not None, html
    return re.findall(r'<option value="([^"]*)"', select.group(1))


def test_the_urls_are_danish(personas: Personas):
    assert create_url(personas) == "/kommuner/vejle-kommune/udvalg/nyt/"
    assert edit_url(personas.committee) == "/udvalg/vejle-kommune/fagmed-oekonomi/rediger/"


@pytest.mark.parametrize("name", MANAGERS)
def test_an_administrator_creates_a_committee(
    client_as: Callable[[str], Client], personas: Personas, name: str
):
    client = client_as(name)
    html = client.get(create_url(personas)).content.decode()
    assert "<h1>Nyt udvalg i Vejle Kommune</h1>" in html
    assert selected(html, "level") == ["hovedmed"]
    assert '<span class="help" id="id_case_number_helptext">' in html
    assert 'aria-describedby="id_case_number_helptext"' in html

    response = client.post(
        create_url(personas), NEW | {"parent": str(personas.committee.pk), "case_number": "1-2"}
    )
    created = Committee.objects.get(name="LokalMED Løn")
    assert response.status_code == 302
    assert response["Location"] == page_url(created) == "/udvalg/vejle-kommune/lokalmed-loen/"
    assert (created.parent, created.level, created.case_number) == (
        personas.committee,
        "lokalmed",
        "1-2",
    )


def test_the_parent_in_the_address_is_chosen_with_the_level_below_it(
    client_as: Callable[[str], Client], personas: Personas
):
    html = client_as("anna").get(create_url(personas) + "?parent=fagmed-oekonomi").content.decode()
    assert selected(html, "parent") == [str(personas.committee.pk)]
    assert selected(html, "level") == ["lokalmed"]
    # Only Vejle's committees are offered, in tree order.
    assert offered(html, "parent") == [
        "",
        str(personas.hovedmed.pk),
        str(personas.committee.pk),
        str(personas.lokalmed.pk),
    ]


def test_an_unknown_parent_in_the_address_is_ignored(
    client_as: Callable[[str], Client], personas: Personas
):
    html = client_as("anna").get(create_url(personas) + "?parent=findes-ikke").content.decode()
    assert selected(html, "parent") == [""]  # no parent: a top committee


@pytest.mark.parametrize("name", MANAGERS)
def test_an_administrator_edits_a_committee(
    client_as: Callable[[str], Client], personas: Personas, name: str
):
    client = client_as(name)
    fagmed = personas.committee
    html = client.get(edit_url(fagmed)).content.decode()
    assert "<h1>Rediger FagMED Økonomi</h1>" in html
    assert 'value="FagMED Økonomi"' in html
    assert selected(html, "parent") == [str(personas.hovedmed.pk)]
    # Neither the committee itself nor its sub-committee can become its parent.
    assert offered(html, "parent") == ["", str(personas.hovedmed.pk)]

    response = client.post(
        edit_url(fagmed),
        {"name": "FagMED Økonomi og IT", "level": "fagmed", "parent": "", "case_number": ""},
    )
    assert response.status_code == 302
    assert response["Location"] == page_url(fagmed)  # the slug, and so the URL, is kept
    fagmed.refresh_from_db()
    assert (fagmed.name, fagmed.parent) == ("FagMED Økonomi og IT", None)


@pytest.mark.parametrize("name", OTHERS)
def test_others_are_refused(client_as: Callable[[str], Client], personas: Personas, name: str):
    client = client_as(name)
    before = list(Committee.objects.values_list("pk", "name", "parent_id"))
    assert client.get(create_url(personas)).status_code == 403
    assert client.post(create_url(personas), NEW).status_code == 403
    assert client.get(edit_url(personas.committee)).status_code == 403
    assert client.post(edit_url(personas.committee), NEW).status_code == 403
    assert list(Committee.objects.values_list("pk", "name", "parent_id")) == before


def test_anonymous_readers_are_asked_to_log_in(
    client_as: Callable[[str], Client], personas: Personas
):
    client = client_as("anonymous")
    for url in (create_url(personas), edit_url(personas.committee)):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith("/konto/log-ind/?next=/")
    assert client.post(create_url(personas), NEW).status_code == 302
    assert not Committee.objects.filter(name="LokalMED Løn").exists()


def test_unknown_municipalities_and_committees_are_404(
    client_as: Callable[[str], Client], personas: Personas
):
    client = client_as("root")
    assert client.get("/kommuner/findes-ikke/udvalg/nyt/").status_code == 404
    assert client.get("/udvalg/vejle-kommune/findes-ikke/rediger/").status_code == 404


def test_errors_stand_next_to_their_fields_in_danish(
    client_as: Callable[[str], Client], personas: Personas
):
    client = client_as("anna")
    response = client.post(create_url(personas), NEW | {"name": "fagmed økonomi"})
    assert response.status_code == 200
    html = response.content.decode()
    assert (
        '<span class="field-error" id="id_name-fejl">'
        "Vejle Kommune har allerede et udvalg, der hedder fagmed økonomi.</span>"
    ) in html
    assert 'aria-describedby="id_name-fejl"' in html
    assert 'value="fagmed økonomi"' in html  # what was typed is kept

    response = client.post(create_url(personas), NEW | {"name": "", "level": "udvalg"})
    html = response.content.decode()
    assert 'id="id_name-fejl">Dette felt er påkrævet.</span>' in html
    assert 'id="id_level-fejl">' in html


def test_a_parent_of_another_municipality_is_not_a_choice(
    client_as: Callable[[str], Client], personas: Personas
):
    response = client_as("root").post(
        create_url(personas), NEW | {"parent": str(personas.other_hovedmed.pk)}
    )
    assert response.status_code == 200
    assert 'id="id_parent-fejl">' in response.content.decode()
    assert not Committee.objects.filter(name="LokalMED Løn").exists()


# The links.


@pytest.mark.parametrize("name", [*MANAGERS, *OTHERS, "anonymous"])
def test_the_committee_page_links_to_the_pages_for_administrators_only(
    client_as: Callable[[str], Client], personas: Personas, name: str
):
    html = client_as(name).get(page_url(personas.committee)).content.decode()
    links = (
        f'href="{edit_url(personas.committee)}">Rediger udvalg</a>',
        f'href="{create_url(personas)}?parent=fagmed-oekonomi">Nyt underudvalg</a>',
    )
    for link in links:
        assert (link in html) == (name in MANAGERS)


@pytest.mark.parametrize("name", [*MANAGERS, *OTHERS, "anonymous"])
def test_the_front_page_offers_a_new_committee_where_the_user_may_create_one(
    client_as: Callable[[str], Client], personas: Personas, name: str
):
    html = client_as(name).get(reverse("web:home")).content.decode()
    vejle = f'href="{create_url(personas)}">Nyt udvalg</a>'
    andeby = 'href="/kommuner/andeby-kommune/udvalg/nyt/">Nyt udvalg</a>'
    assert (vejle in html) == (name in MANAGERS)
    assert (andeby in html) == (name in ("root", "ib"))


def test_the_committee_page_shows_the_case_number(
    client_as: Callable[[str], Client], personas: Personas
):
    Committee.objects.filter(pk=personas.committee.pk).update(case_number="81.16.00-G01-2-25")
    html = client_as("anonymous").get(page_url(personas.committee)).content.decode()
    assert "<dt>Sagsnr.</dt><dd>81.16.00-G01-2-25</dd>" in html


# Annuller.


def cancel_link(html: str) -> str:
    found = re.findall(r'<a href="([^"]*)">Annuller</a>', html)
    assert len(found) == 1, html
    return found[0]


def test_cancel_goes_back_where_the_user_came_from(
    client_as: Callable[[str], Client], personas: Personas
):
    """Nyt underudvalg: to the parent's page; Rediger udvalg: to the committee's; Nyt udvalg:
    to the front page."""
    client = client_as("anna")
    fagmed = personas.committee
    pages = {
        create_url(personas) + "?parent=fagmed-oekonomi": page_url(fagmed),
        edit_url(personas.lokalmed): page_url(personas.lokalmed),
        create_url(personas): reverse("web:home"),
        create_url(personas) + "?parent=findes-ikke": reverse("web:home"),
    }
    for url, back in pages.items():
        assert cancel_link(client.get(url).content.decode()) == back, url
    assert page_url(fagmed) == "/udvalg/vejle-kommune/fagmed-oekonomi/"


def test_cancel_still_goes_back_to_the_parent_after_an_error(
    client_as: Callable[[str], Client], personas: Personas
):
    url = create_url(personas) + "?parent=fagmed-oekonomi"
    response = client_as("anna").post(url, NEW | {"name": ""})
    assert response.status_code == 200
    assert cancel_link(response.content.decode()) == page_url(personas.committee)
