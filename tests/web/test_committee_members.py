"""The committee page's members: roles, side, title, term, substitutes, on a date."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from medref.web.templatetags.medref_text import day_month_year


def page(client, personas, query: str = "") -> str:
    url = reverse(
        "web:committee_in_municipality", args=[personas.municipality.slug, personas.committee.slug]
    )
    response = client.get(url + query)
    assert response.status_code == 200
    return response.content.decode()


def members_section(html: str) -> str:
    return html[html.index('id="medlemmer"') : html.index('aria-labelledby="moeder"')]


def test_it_lists_the_members_with_role_side_title_and_term(client_as, personas):
    html = members_section(page(client_as("anonymous"), personas))
    start = day_month_year(personas.memberships["frank"].start)
    assert '<h2 id="medlemmer-titel">Medlemmer</h2>' in html
    assert (
        '<th scope="row">Frank Formand</th>\n      <td data-label="Rolle">Formand</td>\n'
        '      <td data-label="Side">Ledelse</td>\n'
        '      <td data-label="Stilling">Økonomichef</td>\n'
        f'      <td data-label="Periode">{start} – </td>'
    ) in html
    order = [html.index(n) for n in ("Frank Formand", "Nanna Næstformand", "Sofie Sekretær")]
    assert order == sorted(order)


def test_substitutes_are_listed_apart(client_as, personas):
    html = members_section(page(client_as("anonymous"), personas))
    substitutes = html[html.index("<h3>Suppleanter</h3>") :]
    assert "Sara Suppleant" in substitutes
    assert "Mads Medlem" not in substitutes


def test_former_members_are_not_listed_today(client_as, personas):
    html = members_section(page(client_as("anonymous"), personas))
    assert "Finn Fhv. Medlem" not in html
    assert "Hanne HovedMED" not in html


def test_who_sat_on_the_committee_on_a_date(client_as, personas):
    finn = personas.memberships["finn"]
    html = members_section(page(client_as("anonymous"), personas, f"?dato={finn.end.isoformat()}"))
    assert f"Medlemmer pr. {day_month_year(finn.end)}" in html
    assert "Finn Fhv. Medlem" in html
    assert f">{day_month_year(finn.start)} – {day_month_year(finn.end)}</td>" in html
    assert f'value="{finn.end.isoformat()}"' in html


def test_a_date_before_every_term_shows_nobody(client_as, personas):
    html = members_section(page(client_as("anonymous"), personas, "?dato=2000-01-01"))
    assert "Medlemmer pr. 1. januar 2000" in html
    assert "Ingen medlemmer på den dato." in html


def test_a_bad_date_is_named_next_to_the_field(client_as, personas):
    html = members_section(page(client_as("anonymous"), personas, "?dato=2025-02-30"))
    error = html.index('id="id_dato-fejl"')
    assert "Indtast en gyldig dato." in html[error : error + 80]
    assert 0 < error - html.index('id="id_dato"') < 200
    assert '<h2 id="medlemmer-titel">Medlemmer</h2>' in html  # today's members instead
    assert "Mads Medlem" in html


@pytest.mark.parametrize("name", ["anonymous", "otto", "mads", "sofie", "frank", "anna", "root"])
def test_only_administrators_see_the_membership_actions(client_as, personas, name):
    html = members_section(page(client_as(name), personas))
    may_manage = name in ("anna", "root")
    assert ("Tilføj medlem" in html) is may_manage
    end = reverse("web:organisation:end_membership", args=[personas.memberships["mads"].pk])
    assert (f'href="{end}"' in html) is may_manage


def test_the_danish_date_filter():
    assert day_month_year(dt.date(2025, 10, 8)) == "8. oktober 2025"
    assert day_month_year(None) == ""


@pytest.mark.parametrize(("name", "extra"), [("anonymous", 0), ("mads", 4), ("anna", 3)])
def test_the_page_costs_a_fixed_number_of_queries(
    client_as, personas, django_assert_num_queries, name, extra
):
    """Five queries (the municipality in the URL) whatever the number of members;
    a signed-in user adds the session, the user and the permission queries (one
    for an administrator, two for others)."""
    client = client_as(name)
    with django_assert_num_queries(5 + extra):
        page(client, personas)
