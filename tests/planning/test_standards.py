"""The municipality's standard årshjul and klippekort rules, edited on medref's pages."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from fractions import Fraction

import pytest
from django.core.exceptions import PermissionDenied
from django.test import Client
from django.urls import reverse

from medref.meetings.workflow.errors import InvalidInput
from medref.organisation.models import Membership
from medref.planning import selectors, services, standards
from medref.planning.models import PlanningEvent, StandardTheme
from medref.planning.rules.klippekort import DEFAULT_RULES, Band, KlippekortRules
from medref.planning.standard import STANDARD_THEMES
from tests.personas import Personas

ClientAs = Callable[[str], Client]
VEJLE_ONLY = [
    ("anna", 200),
    ("root", 200),
    ("ib", 403),
    ("sofie", 403),
    ("frank", 403),
    ("mads", 403),
    ("otto", 403),
    ("anonymous", 302),
]


def _theme(personas: Personas, title: str = "Trivsel", **extra: object) -> StandardTheme:
    fields: dict[str, object] = {"recurrence": "quarters", "quarters": [1, 3], "first_year": 2026}
    fields.update(extra)
    return standards.save_standard_theme(
        personas.municipality, actor=personas.anna, title=title, **fields
    )


# --- actions ----------------------------------------------------------------------------


def test_a_new_plan_starts_from_the_standard_saved_before_it(personas: Personas) -> None:
    before = services.create_plan(personas.committee, 2027, actor=personas.sofie)
    theme = _theme(personas, "Trivsel", note="Aftalt i HovedMED", text="Status på trivslen.")
    after = services.create_plan(personas.committee, 2028, actor=personas.sofie)
    assert [t.title for t in after.themes.all()] == ["Trivsel"]
    copied = after.themes.get()
    assert (copied.recurrence, copied.quarters, copied.note, copied.text) == (
        "quarters",
        [1, 3],
        "Aftalt i HovedMED",
        "Status på trivslen.",
    )
    # the plan created before keeps medref's standard
    assert before.themes.count() == len(STANDARD_THEMES)
    event = PlanningEvent.objects.get(action=PlanningEvent.Action.STANDARD_THEME_SAVED)
    assert event.municipality == personas.municipality and event.committee is None
    assert event.actor == personas.anna and event.details["theme"] == theme.pk


def test_editing_and_deleting_a_standard_theme(personas: Personas) -> None:
    first = _theme(personas, "Trivsel")
    second = _theme(personas, "APV", recurrence="every_n_years", every_years=3, month=4)
    assert (first.position, second.position) == (0, 1)
    standards.save_standard_theme(
        personas.municipality,
        actor=personas.anna,
        theme=first,
        title="  Trivsel og   sygefravær ",
        recurrence="month",
        month=9,
        first_year=2026,
    )
    first.refresh_from_db()
    assert (first.title, first.recurrence, first.month) == ("Trivsel og sygefravær", "month", 9)
    standards.remove_standard_theme(first, actor=personas.anna)
    assert list(StandardTheme.objects.values_list("title", "position")) == [("APV", 0)]
    actions = list(PlanningEvent.objects.values_list("action", flat=True))
    assert actions.count("standard_theme_saved") == 3 and actions[-1] == "standard_theme_removed"


@pytest.mark.parametrize(
    ("fields", "field", "words"),
    [
        ({"title": "  "}, "title", "titel"),
        ({"recurrence": "quarters", "quarters": []}, "quarters", "kvartal"),
        ({"recurrence": "every_n_years", "every_years": 0}, "every_years", "Antal år"),
        ({"first_year": 1999}, "first_year", "Første år"),
    ],
)
def test_bad_themes_are_refused_with_the_field(
    personas: Personas, fields: dict[str, object], field: str, words: str
) -> None:
    values: dict[str, object] = {"title": "Trivsel", "recurrence": "quarterly", "first_year": 2026}
    values.update(fields)
    with pytest.raises(InvalidInput) as refused:
        standards.save_standard_theme(personas.municipality, actor=personas.anna, **values)
    assert refused.value.field == field and words in str(refused.value.message)
    assert not StandardTheme.objects.exists() and not PlanningEvent.objects.exists()


@pytest.mark.parametrize("who", ["sofie", "frank", "ib", "otto", "anonymous"])
def test_only_the_municipalitys_administrators_change_its_standards(
    personas: Personas, who: str
) -> None:
    user = personas.users[who]
    with pytest.raises(PermissionDenied):
        standards.save_standard_theme(
            personas.municipality, actor=user, title="X", recurrence="quarterly", first_year=2026
        )
    with pytest.raises(PermissionDenied):
        standards.save_klippekort_rules(personas.municipality, DEFAULT_RULES, actor=user)
    with pytest.raises(PermissionDenied):
        standards.adopt_medref_standard(personas.municipality, actor=user)
    assert not PlanningEvent.objects.exists()


def test_adopting_medrefs_standard_copies_it_once(personas: Personas) -> None:
    assert standards.adopt_medref_standard(personas.municipality, actor=personas.anna) == len(
        STANDARD_THEMES
    )
    titles = [t.title for t in standards.standard_themes(personas.municipality)]
    assert titles == [t["title"] for t in STANDARD_THEMES]
    with pytest.raises(InvalidInput):
        standards.adopt_medref_standard(personas.municipality, actor=personas.anna)


def _member(personas: Personas) -> Membership:
    membership = Membership.objects.filter(
        committee=personas.committee, person__user=personas.mads
    ).get()
    membership.start = membership.elected = dt.date(2020, 3, 1)
    membership.grunduddannelse = dt.date(2020, 6, 1)
    membership.functions = []
    membership.save()
    return membership


def test_changed_klippekort_rules_apply_to_entitlements_computed_after(
    personas: Personas,
) -> None:
    assert selectors.rules_for(personas.committee) == DEFAULT_RULES
    generous = KlippekortRules(bands=(Band(1, None, Fraction(3)),), statutory=(), waiting_years=0)
    standards.save_klippekort_rules(personas.municipality, generous, actor=personas.anna)
    assert selectors.rules_for(personas.committee) == generous
    assert standards.klippekort_rules(personas.municipality) == (generous, True)
    standards.reset_klippekort_rules(personas.municipality, actor=personas.anna)
    assert selectors.rules_for(personas.committee) == DEFAULT_RULES
    events = PlanningEvent.objects.filter(action=PlanningEvent.Action.KLIPPEKORT_RULES_SAVED)
    assert [e.details["after"] for e in events] == [generous.to_data(), None]
    assert events[1].details["before"] == generous.to_data()
    with pytest.raises(InvalidInput):
        standards.reset_klippekort_rules(personas.municipality, actor=personas.anna)


def test_rules_without_a_line_are_refused(personas: Personas) -> None:
    with pytest.raises(InvalidInput):
        standards.save_klippekort_rules(
            personas.municipality, KlippekortRules(bands=(), statutory=()), actor=personas.anna
        )


# --- pages ----------------------------------------------------------------------------------


def _url(personas: Personas, name: str, *args: object) -> str:
    return reverse(f"web:planning:{name}", args=[personas.municipality.slug, *args])


@pytest.mark.parametrize(("who", "status"), VEJLE_ONLY)
def test_the_standard_pages_are_for_the_municipalitys_administrators(
    personas: Personas, client_as: ClientAs, who: str, status: int
) -> None:
    theme = _theme(personas)
    client = client_as(who)
    for url in (
        _url(personas, "standard_themes"),
        _url(personas, "edit_standard_theme", theme.pk),
        _url(personas, "remove_standard_theme", theme.pk),
        _url(personas, "klippekort_rules"),
    ):
        assert client.get(url).status_code == status, url
    response = client.post(
        _url(personas, "standard_themes"),
        {"title": "Ny", "recurrence": "quarterly", "month": 1, "every_years": 1},
    )
    assert response.status_code == (302 if status != 403 else 403)
    assert StandardTheme.objects.filter(title="Ny").exists() is (status == 200)


def test_the_home_and_committee_pages_link_the_standards(
    personas: Personas, client_as: ClientAs
) -> None:
    url = _url(personas, "standard_themes")
    committee = reverse(
        "web:committee_in_municipality",
        args=[personas.municipality.slug, personas.committee.slug],
    )
    for who, shown in (("anna", True), ("sofie", False), ("ib", False)):
        client = client_as(who)
        assert (url in client.get(reverse("web:home")).content.decode()) is shown, who
        assert (url in client.get(committee).content.decode()) is shown, who


def test_adding_editing_and_deleting_through_the_pages(
    personas: Personas, client_as: ClientAs
) -> None:
    client = client_as("anna")
    page = client.get(_url(personas, "standard_themes")).content.decode()
    assert "medrefs standard" in page and "Sygefravær" in page and "Tilføj tema" not in page
    response = client.post(_url(personas, "adopt_standard"), follow=True)
    assert "er kopieret til kommunens standardårshjul" in response.content.decode()
    response = client.post(
        _url(personas, "standard_themes"),
        {
            "title": "Medarbejderundersøgelse",
            "recurrence": "every_n_years",
            "every_years": 2,
            "first_year": 2026,
            "month": 10,
            "note": "Hvert andet år",
        },
        follow=True,
    )
    body = response.content.decode()
    assert "Temaet “Medarbejderundersøgelse” er tilføjet standardårshjulet." in body
    theme = StandardTheme.objects.get(title="Medarbejderundersøgelse")
    assert (theme.every_years, theme.month, theme.note) == (2, 10, "Hvert andet år")

    # a rule that cannot be: the form again, the error next to its field, nothing saved
    response = client.post(
        _url(personas, "edit_standard_theme", theme.pk),
        {
            "title": "Medarbejderundersøgelse",
            "recurrence": "quarters",
            "every_years": 1,
            "month": 1,
        },
    )
    body = response.content.decode()
    assert response.status_code == 200 and "Temaet er ikke gemt" in body
    assert "Vælg et eller flere kvartaler." in body
    theme.refresh_from_db()
    assert theme.recurrence == "every_n_years"

    response = client.post(
        _url(personas, "edit_standard_theme", theme.pk),
        {"title": "", "recurrence": "quarterly", "every_years": 1, "month": 1},
    )
    assert "Tema</a>: " in response.content.decode()  # Django's own "required", by field

    confirm = client.get(_url(personas, "remove_standard_theme", theme.pk)).content.decode()
    assert "Slet temaet" in confirm and "Medarbejderundersøgelse" in confirm
    response = client.post(_url(personas, "remove_standard_theme", theme.pk), follow=True)
    assert (
        "Temaet “Medarbejderundersøgelse” er slettet fra standardårshjulet."
        in response.content.decode()
    )
    assert not StandardTheme.objects.filter(title="Medarbejderundersøgelse").exists()


def _rules_post(**overrides: str) -> dict[str, str]:
    """The page's form as medref's default rules fill it (two lines each and a blank
    one), changed: the two-function line narrowed, the statutory lines made one."""
    data = {
        "waiting_years": "1",
        "requires_grunduddannelse": "on",
        "bands-TOTAL_FORMS": "3",
        "bands-INITIAL_FORMS": "2",
        "bands-0-first_year": "2",
        "bands-0-last_year": "3",
        "bands-0-days": "2,5",
        "bands-0-functions": "samarbejde",
        "bands-0-ORDER": "1",
        "bands-1-first_year": "1",
        "bands-1-last_year": "",
        "bands-1-days": "1",
        "bands-1-ORDER": "2",
        "bands-2-first_year": "",
        "bands-2-days": "",
        "statutory-TOTAL_FORMS": "3",
        "statutory-INITIAL_FORMS": "2",
        "statutory-0-first_year": "1",
        "statutory-0-days": "2",
        "statutory-0-functions": "amr",
        "statutory-0-ORDER": "1",
        "statutory-1-first_year": "2",
        "statutory-1-days": "1,5",
        "statutory-1-functions": "amr",
        "statutory-1-ORDER": "2",
        "statutory-1-DELETE": "on",
        "statutory-2-first_year": "",
        "statutory-2-days": "",
    }
    data.update(overrides)
    return data


def test_the_klippekort_rules_page_saves_the_lines_in_order(
    personas: Personas, client_as: ClientAs
) -> None:
    client = client_as("anna")
    page = client.get(_url(personas, "klippekort_rules")).content.decode()
    assert "medrefs standardregler" in page and 'name="bands-TOTAL_FORMS" value="3"' in page
    response = client.post(_url(personas, "klippekort_rules"), _rules_post(), follow=True)
    assert "Klippekortreglerne er gemt." in response.content.decode()
    rules = selectors.rules_for(personas.committee)
    assert rules.bands == (
        Band(2, 3, Fraction(5, 2), frozenset({"samarbejde"})),
        Band(1, None, Fraction(1)),
    )
    assert rules.statutory == (Band(1, None, Fraction(2), frozenset({"amr"})),)
    # a member's card follows the new rules at once: function year 2 (from 1 March 2021)
    member = _member(personas)
    [card] = selectors.klippekort_cards(
        personas.committee, dt.date(2021, 4, 1), person_id=member.person_id
    )
    assert card.current is not None and card.current.days == 1
    member.functions = ["samarbejde"]
    member.save()
    [card] = selectors.klippekort_cards(
        personas.committee, dt.date(2021, 4, 1), person_id=member.person_id
    )
    assert card.current is not None and card.current.days == Fraction(5, 2)


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"bands-0-last_year": "1"}, "ligger før fra funktionsår"),
        ({"bands-0-days": "1,3"}, "hele eller halve dage"),
        ({"waiting_years": "-1"}, "Ventetid"),
        ({"bands-0-DELETE": "on", "bands-1-DELETE": "on", "statutory-0-DELETE": "on"}, "mindst én"),
        ({"bands-1-ORDER": "0"}, None),
    ],
)
def test_bad_klippekort_rules_are_refused_in_danish(
    personas: Personas, client_as: ClientAs, overrides: dict[str, str], message: str | None
) -> None:
    response = client_as("anna").post(_url(personas, "klippekort_rules"), _rules_post(**overrides))
    body = response.content.decode()
    if message is None:  # a valid change, to show the test can fail
        assert response.status_code == 302
        assert selectors.rules_for(personas.committee).bands[0] == Band(1, None, Fraction(1))
        return
    assert response.status_code == 200 and "Reglerne er ikke gemt" in body and message in body
    assert selectors.rules_for(personas.committee) == DEFAULT_RULES


def test_the_standard_pages_cost_the_same_whatever_the_number_of_themes(
    personas: Personas, client_as: ClientAs
) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = client_as("anna")
    url = _url(personas, "standard_themes")
    _theme(personas, "Et")
    client.get(url)  # the session and caches warmed
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    for n in range(5):
        _theme(personas, f"Tema {n}")
    with CaptureQueriesContext(connection) as many:
        client.get(url)
    # the municipality, the session, the user, the right, the themes
    assert len(many) == len(few) == 5, [q["sql"][:80] for q in many]
    with CaptureQueriesContext(connection) as rules:
        client.get(_url(personas, "klippekort_rules"))
    assert len(rules) == len(few)  # the rules are one row, the themes one query
