# ruff: noqa: E501  (documents written out on one line, as a layout prints them)
"""Layout rules learnt from the first-sight rounds D and E (issue 15, session 8).

Each test writes a small invented Danish document the way one layout writes it and
checks what `to_contract` makes of it; property tests run a rule over a family of
inputs (any late number, any wrap point, any pair of known headings). Attendance,
header and people lists are in test_first_sight_rounds_de_people.py.
"""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from medref.documents.serialize import to_contract
from medref.importers import parse_bytes

HEAD = "Referat\nØkonomiudvalget\nDato: 4. marts 2024\n\n"


def parse(text: str, fmt: str = "txt") -> dict[str, Any]:
    return to_contract(parse_bytes(text.encode(), fmt, path="t." + fmt))


def items(text: str, fmt: str = "txt") -> list[tuple[int, str]]:
    return [(i["number"], i["title"]) for i in parse(text, fmt)["items"]]


def item_text(n: int, title: str) -> str:
    return f"{n}. {title}\nSagsnr. 24/{n}\nBeslutning\nGodkendt.\n\n"


TITLES = [
    "Godkendelse af dagsorden",
    "Budget",
    "Skoler",
    "Veje",
    "Havnen",
    "Eventuelt",
    "Salg af jord",
]


# --- 1. an item added late, out of sequence ---------------------------------------------


@settings(max_examples=25, deadline=None)
@given(st.integers(2, 6), st.integers(0, 5))
def test_a_late_item_out_of_sequence_joins_the_chain(count: int, at: int) -> None:
    late = count + 1
    order = list(range(1, count + 1))
    order.insert(min(at, count - 1) + 1, late)  # never before item 1
    text = HEAD + "".join(item_text(n, TITLES[n - 1]) for n in order)
    assert items(text) == [(n, TITLES[n - 1]) for n in order]


def test_a_numbered_clause_inside_an_item_is_no_late_item() -> None:
    text = (
        HEAD
        + "1. Godkendelse af dagsorden\nSagsnr. 24/1\nBeslutning\nGodkendt.\n\n"
        + "2. Budget\nSagsnr. 24/2\nIndstilling\nDirektionen indstiller,\n1. at budgettet godkendes\n6. at rammen fastholdes\nBeslutning\nGodkendt.\n\n"
        + "3. Eventuelt\nSagsnr. 24/3\nBeslutning\nIntet.\n"
    )
    assert items(text) == [(1, "Godkendelse af dagsorden"), (2, "Budget"), (3, "Eventuelt")]


# --- 2. a contents list printed as lines before the body --------------------------------


def test_contents_lines_before_the_body_lose_to_the_body_headings() -> None:
    order = [1, 2, 6, 3, 4, 5]
    contents = "Indholdsfortegnelse\n" + "".join(f"{n} {TITLES[n - 1]}\n" for n in order) + "\n"
    body = "".join(
        f"{n} {TITLES[n - 1]}\nSagsnr. 24/{n}\nSagsfremstilling\nTekst om punkt {n}.\nBeslutning\nGodkendt.\n\n"
        for n in order
    )
    found = parse(HEAD + contents + body)
    assert [(i["number"], i["title"]) for i in found["items"]] == [
        (n, TITLES[n - 1]) for n in order
    ]
    assert [i["sections"][0]["text"] for i in found["items"]] == [
        f"Tekst om punkt {n}." for n in order
    ]


# --- 3. "Pkt.nr." and "Punkt nr." item headings -----------------------------------------


@pytest.mark.parametrize("label", ["Pkt.nr.", "Punkt nr."])
def test_pkt_nr_item_headings(label: str) -> None:
    text = HEAD + "".join(
        f"{label} {n} {t}\nBeslutning\nGodkendt.\n\n"
        for n, t in [(1, "Meddelelser"), (2, "Budget"), (3, "Eventuelt")]
    )
    assert items(text) == [(1, "Meddelelser"), (2, "Budget"), (3, "Eventuelt")]


# --- 4. dated treatment headings ---------------------------------------------------------


def test_dated_treatment_headings_of_this_body_and_another() -> None:
    text = (
        "Referat\nKommunalbestyrelsen\nDato: 22. februar 2010\n\n"
        "1. Salg af grund\n"
        "Økonomiudvalgets møde 15. februar 2010 Punkt 6:\nAnbefales.\n"
        "Kommunalbestyrelsens møde 22. februar 2010 Punkt 1:\nGodkendt.\n\n"
        "2. Eventuelt\nBeslutning\nIntet.\n"
    )
    found = parse(text)
    assert found["committee"] == "Kommunalbestyrelsen"
    assert [(s["kind"], s["text"]) for s in found["items"][0]["sections"]] == [
        ("andet", "Anbefales."),
        ("beslutning", "Godkendt."),
    ]


def test_another_bodys_decision_under_byraadets_minutes_is_andet() -> None:
    text = (
        "Referat\nByrådet\nDato: 28-10-2019\n\n"
        "1. Budget 2020\nSagsfremstilling\nForslaget er klar.\n"
        "Beslutning Økonomiudvalget den 21-10-2019\nAnbefales.\n"
        "Beslutning\nGodkendt.\n\n2. Eventuelt\nBeslutning\nIntet.\n"
    )
    kinds = [s["kind"] for s in parse(text)["items"][0]["sections"]]
    assert kinds == ["sagsfremstilling", "andet", "beslutning"]


# --- 5. a long title wrapped onto the next line ----------------------------------------


def test_a_wrapped_item_title_is_joined() -> None:
    text = (
        HEAD
        + "1. Udpegning af nyt medlem til bestyrelsen for Ældrerådet efter Kirsten\nHalds udtræden\nSagsnr. 24/1\nBeslutning\nGodkendt.\n\n"
        + "2. Eventuelt\nSagsnr. 24/2\nBeslutning\nIntet.\n"
    )
    assert items(text)[0] == (
        1,
        "Udpegning af nyt medlem til bestyrelsen for Ældrerådet efter Kirsten Halds udtræden",
    )


def test_til_beslutning_under_a_title_is_not_part_of_it() -> None:
    text = (
        HEAD
        + "1. Udpegning af nyt medlem til bestyrelsen for Ældrerådet efter Kirsten\nTil beslutning\nSagsnr. 24/1\nBeslutning\nGodkendt.\n\n"
        + "2. Eventuelt\nSagsnr. 24/2\nBeslutning\nIntet.\n"
    )
    assert items(text)[0] == (
        1,
        "Udpegning af nyt medlem til bestyrelsen for Ældrerådet efter Kirsten",
    )


# --- 6. recommendations ------------------------------------------------------------------


def rec_of(indstilling: str) -> dict[str, Any] | None:
    text = (
        HEAD
        + f"1. Budget\nSagsnr. 24/1\nIndstilling\n{indstilling}\nBeslutning\nGodkendt.\n\n2. Eventuelt\nSagsnr. 24/2\nBeslutning\nIntet.\n"
    )
    return parse(text)["items"][0]["recommendation"]


def test_indstiller_til_kommunalbestyrelsen_with_a_numbered_list() -> None:
    rec = rec_of(
        "Direktionen indstiller til kommunalbestyrelsen\n1. at budgettet godkendes\n2. at rammen fastholdes"
    )
    assert rec == {
        "proposer": "Direktionen",
        "clauses": ["at budgettet godkendes", "at rammen fastholdes"],
    }


def test_a_lead_wrapped_over_two_lines() -> None:
    rec = rec_of(
        "Direktionen indstiller til økonomiudvalget og\nkommunalbestyrelsen, at\n1. at budgettet godkendes"
    )
    assert rec is not None and rec["proposer"] == "Direktionen"
    assert rec["clauses"] == ["at budgettet godkendes"]


def test_a_clause_wrapped_onto_the_next_line() -> None:
    rec = rec_of(
        "Direktionen indstiller, at\n1. at der gives en anlægsbevilling på 2 mio. kr. til\nnye legepladser\n2. at beløbet afsættes til legepladsen i\nStrandparken"
    )
    assert rec is not None and rec["clauses"] == [
        "at der gives en anlægsbevilling på 2 mio. kr. til nye legepladser",
        "at beløbet afsættes til legepladsen i Strandparken",
    ]


def test_the_first_clause_on_the_next_line_without_at() -> None:
    rec = rec_of(
        "Forvaltningen indstiller, at\nbudgetopfølgningen tages til efterretning.\nAMU følger op i juni."
    )
    assert rec == {
        "proposer": "Forvaltningen",
        "clauses": ["at budgetopfølgningen tages til efterretning.", "at AMU følger op i juni."],
    }


def test_a_dated_lead_right_under_a_bilag_list_starts_an_unnamed_recommendation() -> None:
    text = (
        HEAD
        + "1. Budget\nSagsnr. 24/1\nSagsfremstilling\nForslaget er klar.\nBilag\nBudgetnotat\n"
        + "Direktionen indstiller (29. februar 2024, pkt. 18), at budgettet godkendes.\n"
        + "Beslutning\nGodkendt.\n\n2. Eventuelt\nSagsnr. 24/2\nBeslutning\nIntet.\n"
    )
    item = parse(text)["items"][0]
    assert item["attachments"] == ["Budgetnotat"]
    assert [(s["kind"], s["heading"]) for s in item["sections"]] == [
        ("sagsfremstilling", "Sagsfremstilling"),
        ("bilag", "Bilag"),
        ("indstilling", ""),
        ("beslutning", "Beslutning"),
    ]
    assert item["recommendation"] == {
        "proposer": "Direktionen",
        "clauses": ["at budgettet godkendes."],
    }


def test_forslag_beside_an_indstilling_is_andet() -> None:
    text = (
        HEAD
        + "1. Budget\nSagsnr. 24/1\nForslag\nSkolebestyrelsen ønsker flere timer.\n"
        + "Indstilling\nDirektionen indstiller, at forslaget afvises.\nBeslutning\nGodkendt.\n\n"
        + "2. Eventuelt\nSagsnr. 24/2\nBeslutning\nIntet.\n"
    )
    item = parse(text)["items"][0]
    assert [s["kind"] for s in item["sections"]] == ["andet", "indstilling", "beslutning"]
    assert item["recommendation"] == {
        "proposer": "Direktionen",
        "clauses": ["at forslaget afvises."],
    }


def test_forslag_alone_is_the_recommendation() -> None:
    text = (
        HEAD
        + "1. Budget\nSagsnr. 24/1\nForslag\nDirektionen indstiller, at forslaget afvises.\nBeslutning\nGodkendt.\n\n"
        + "2. Eventuelt\nSagsnr. 24/2\nBeslutning\nIntet.\n"
    )
    item = parse(text)["items"][0]
    assert [s["kind"] for s in item["sections"]] == ["indstilling", "beslutning"]


# --- 10. sections --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("heading", "kind"),
    [
        ("Konklusion", "beslutning"),
        ("Afgørelse", "beslutning"),
        ("Administrativ indstilling", "indstilling"),
        ("Sagens opståen", "andet"),
        ("Økonomi/Personale", "andet"),
        ("Økonomi og personale", "andet"),
    ],
)
def test_more_section_headings(heading: str, kind: str) -> None:
    text = (
        HEAD
        + f"1. Budget\nSagsnr. 24/1\n{heading}\nTekst under overskriften.\n\n2. Eventuelt\nSagsnr. 24/2\nBeslutning\nIntet.\n"
    )
    sections = parse(text)["items"][0]["sections"]
    assert [(s["kind"], s["heading"], s["text"]) for s in sections] == [
        (kind, heading, "Tekst under overskriften.")
    ]


KNOWN = [
    "Sagsfremstilling",
    "Økonomi",
    "Personale",
    "Beslutning",
    "Indstilling",
    "Baggrund",
    "Konklusion",
]


@settings(max_examples=25, deadline=None)
@given(st.permutations(KNOWN), st.sampled_from(["/", " og ", " / ", " & "]))
def test_two_known_headings_joined_take_the_first_ones_kind_and_keep_the_heading(
    order: list[str], joint: str
) -> None:
    a, b = order[:2]
    heading = f"{a}{joint}{b.lower() if joint == ' og ' else b}"
    body = "Sagsnr. 24/1\n{h}\nTekst under overskriften.\n\n2. Eventuelt\nSagsnr. 24/2\nBeslutning\nIntet.\n"
    alone = parse(HEAD + "1. Budget\n" + body.format(h=a))["items"][0]["sections"]
    joined = parse(HEAD + "1. Budget\n" + body.format(h=heading))["items"][0]["sections"]
    assert [(s["kind"], s["heading"]) for s in joined] == [(alone[0]["kind"], heading)]


def test_an_unknown_h3_among_known_h3_headings_opens_an_andet_section() -> None:
    html = (
        "<html><body><h1>Referat Økonomiudvalget 4. marts 2024</h1>"
        "<h2>1. Budget</h2><h3>Sagsfremstilling</h3><p>Forslaget er klar.</p>"
        "<h3>Sagen behandles i</h3><p>Økonomiudvalget og byrådet.</p>"
        "<h3>Beslutning</h3><p>Godkendt.</p>"
        "<h2>2. Eventuelt</h2><h3>Beslutning</h3><p>Intet.</p></body></html>"
    )
    sections = parse(html, "html")["items"][0]["sections"]
    assert [(s["kind"], s["heading"], s["text"]) for s in sections] == [
        ("sagsfremstilling", "Sagsfremstilling", "Forslaget er klar."),
        ("andet", "Sagen behandles i", "Økonomiudvalget og byrådet."),
        ("beslutning", "Beslutning", "Godkendt."),
    ]


@pytest.mark.parametrize(
    ("title", "closed"),
    [
        ("Salg af grund - LUKKET SAG", True),
        ("Salg af grund - Lukket", True),
        ("Salg af grund - Nordby", False),
    ],
)
def test_a_closed_mark_after_a_dash_in_the_title(title: str, closed: bool) -> None:
    text = (
        HEAD
        + f"1. {title}\nSagsnr. 24/1\nBeslutning\nGodkendt.\n\n2. Eventuelt\nSagsnr. 24/2\nBeslutning\nIntet.\n"
    )
    item = parse(text)["items"][0]
    assert (item["title"], item["closed"]) == (title.split(" - ")[0] if closed else title, closed)


# --- 11. furniture ----------------------------------------------------------------------


def test_portal_tool_links_footer_row_and_published_line_are_dropped() -> None:
    text = (
        "# Referat Økonomiudvalget 4. marts 2024\n\nUdgivet 19. September 2022\n\n"
        "## 1. Budget\n\n- [Udskriv](/print?item=1)\n- [Del](/share?item=1)\n\n### Beslutning\n\nGodkendt.\n\n"
        "## 2. Eventuelt\n\n- [Udskriv](/print?item=2)\n- [Del](/share?item=2)\n\n### Beslutning\n\nIntet.\n\n"
        "Rådhuset · [Kontakt](/kontakt) · [Tilgængelighed](/t)\n"
    )
    found = parse(text, "md")
    assert [(i["number"], i["title"]) for i in found["items"]] == [(1, "Budget"), (2, "Eventuelt")]
    assert [[(s["kind"], s["text"]) for s in i["sections"]] for i in found["items"]] == [
        [("beslutning", "Godkendt.")],
        [("beslutning", "Intet.")],
    ]


def test_a_bilag_link_with_its_file_type() -> None:
    text = (
        "# Referat Økonomiudvalget 4. marts 2024\n\n## 1. Budget\n\n### Bilag\n\n"
        "- [Notat](/media/notat.pdf) (pdf)\n- [Budgetoversigt](/media/b.pdf) (PDF, 230 KB)\n\n### Beslutning\n\nGodkendt.\n\n"
        "## 2. Eventuelt\n\n### Beslutning\n\nIntet.\n"
    )
    assert parse(text, "md")["items"][0]["attachments"] == ["Notat", "Budgetoversigt"]


def test_side_nr_running_footers_are_dropped() -> None:
    text = (
        HEAD
        + "1. Budget\nSagsnr. 24/1\nSagsfremstilling\nForslaget er klar.\nØkonomiudvalget 04-03-2024 Side nr. 2\nDet koster 2 mio. kr.\nBeslutning\nGodkendt.\n"
        + "Økonomiudvalget 04-03-2024 Side nr. 3\n2. Eventuelt\nSagsnr. 24/2\nBeslutning\nIntet.\nØkonomiudvalget 04-03-2024 Side nr. 4\n"
    )
    found = parse(text)
    assert [s["text"] for i in found["items"] for s in i["sections"]] == [
        "Forslaget er klar.\n\nDet koster 2 mio. kr.",
        "Godkendt.",
        "Intet.",
    ]


def test_a_browser_print_header_on_each_page_is_dropped() -> None:
    # The page's address cut short, "Page n of 2" and the date it was printed (twice only:
    # too few for a running header).
    page = "\nhttp://intra.nordby.dk/nordby/moede.nsf/0/8C1D44AB12F0C9E2C12575A4003B1...\n\nPage {p} of 2\n\n11-03-2024\n\n"
    text = (
        page.format(p=1)
        + HEAD
        + "1. Budget\nSagsnr. 24/1\nSagsfremstilling\nForslaget er klar.\n"
        + page.format(p=2)
        + "Det koster 2 mio. kr.\nBeslutning\nGodkendt.\n\n2. Eventuelt\nSagsnr. 24/2\nBeslutning\nIntet.\n"
    )
    found = parse(text)
    assert (found["committee"], found["meeting_date"]) == ("Økonomiudvalget", "2024-03-04")
    assert [s["text"] for i in found["items"] for s in i["sections"]] == [
        "Forslaget er klar.\n\nDet koster 2 mio. kr.",
        "Godkendt.",
        "Intet.",
    ]


def test_a_lettered_group_heading_printed_again_is_not_the_items_text() -> None:
    group = "B. Sager til afgørelse i udvalget"
    text = (
        HEAD
        + "1. Meddelelser\nSagsnr. 24/1\nBeslutning\nTaget til efterretning.\n"
        + f"{group}\n\n2. Budget\nSagsnr. 24/2\nBeslutning\nGodkendt.\n{group}\n\n"
        + "3. Skoler\nSagsnr. 24/3\nBeslutning\nAnbefales.\n"
    )
    found = parse(text)
    assert [(i["number"], [s["text"] for s in i["sections"]]) for i in found["items"]] == [
        (1, ["Taget til efterretning."]),
        (2, ["Godkendt."]),
        (3, ["Anbefales."]),
    ]


def test_a_lettered_group_heading_marked_as_a_heading_is_not_the_items_text() -> None:
    text = (
        "# Referat Økonomiudvalget 4. marts 2024\n\n## 1. Meddelelser\n\n### Beslutning\n\nTaget til efterretning.\n\n"
        "### B. Sager til afgørelse i udvalget\n\n## 2. Budget\n\n### Beslutning\n\nGodkendt.\n"
    )
    assert [[s["text"] for s in i["sections"]] for i in parse(text, "md")["items"]] == [
        ["Taget til efterretning."],
        ["Godkendt."],
    ]


def test_a_lettered_line_once_and_unmarked_stays_the_items_text() -> None:
    text = (
        HEAD
        + "1. Meddelelser\nSagsnr. 24/1\nBeslutning\nTaget til efterretning.\nB. Sager til afgørelse i udvalget\n\n"
        + "2. Budget\nSagsnr. 24/2\nBeslutning\nGodkendt.\n"
    )
    assert parse(text)["items"][0]["sections"][0]["text"] == (
        "Taget til efterretning.\n\nB. Sager til afgørelse i udvalget"
    )


# --- 12. portal items without numbers ---------------------------------------------------


def test_portal_items_titled_by_links_are_numbered_in_order() -> None:
    text = (
        "# Referat Økonomiudvalget 4. marts 2024\n\n"
        "## [Godkendelse af dagsorden](/da/item/1/)\n\nSagsfremstilling\n\nDagsordenen foreligger.\n\nBeslutning\n\nGodkendt.\n\n"
        "## [Budget 2025](/da/item/2/)\n\nSagsfremstilling\n\nForslaget er klar.\n\nBeslutning\n\nGodkendt.\n"
    )
    assert items(text, "md") == [(1, "Godkendelse af dagsorden"), (2, "Budget 2025")]


def test_a_first_fold_titled_forside_is_the_cover() -> None:
    text = (
        "# Referat Økonomiudvalget 4. marts 2024\n\n"
        "## [Forside](/da/item/0/)\n\nSagsfremstilling\n\nMedlemmer:\n\nAnne Berg - Formand\n\nOle Sand\n\n"
        "## [Godkendelse af dagsorden](/da/item/1/)\n\nSagsfremstilling\n\nDagsordenen godkendes.\n\n"
        "## [Budget 2025](/da/item/2/)\n\nSagsfremstilling\n\nForslaget er klar.\n\nAfgørelse\n\nGodkendt.\n"
    )
    found = parse(text, "md")
    assert [(i["number"], i["title"]) for i in found["items"]] == [
        (1, "Godkendelse af dagsorden"),
        (2, "Budget 2025"),
    ]
    assert {p["name"]: p["title"] for p in found["participants"]} == {
        "Anne Berg": "Formand",
        "Ole Sand": None,
    }


# --- 13. "Sagsforløb: … - Lukket sag" in a label block ----------------------------------


@pytest.mark.parametrize(("mark", "closed"), [("Lukket", True), ("Åben", False)])
def test_sagsforloeb_in_the_label_block_marks_the_item(mark: str, closed: bool) -> None:
    block = "Punkt: {n}\nAcadre sagsnr.: 24/{n}00\nSagsforløb: ØU - {mark} sag\n{t}\nBeslutning\nGodkendt.\n\n"
    text = (
        HEAD
        + block.format(n=1, mark="Åben", t="Meddelelser")
        + block.format(n=2, mark=mark, t="Køb af ejendom")
    )
    found = parse(text)
    assert [(i["number"], i["title"], i["closed"]) for i in found["items"]] == [
        (1, "Meddelelser", False),
        (2, "Køb af ejendom", closed),
    ]
