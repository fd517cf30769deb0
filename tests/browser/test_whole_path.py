"""The whole path in a real browser, as the secretary and the chair walk it.

The secretary (demo account ``sekretaer``) creates a meeting of FagMED Økonomi,
builds its agenda (standard items, a new item with a section, "at"-clauses and
a bilag, a closed item), sends it, records attendance (one afbud), writes the
decisions and submits the draft; the chair (``formand``) approves and
publishes; an anonymous reader sees the published minutes without the closed
item, and downloads them as PDF and HTML. axe checks every editor page.
"""

from __future__ import annotations

import re
from pathlib import Path

import pypdfium2
import pytest
from playwright.sync_api import expect

from medref.accounts.demo import COMMITTEE, create_demo_accounts
from medref.meetings.models import AgendaItem, Meeting
from medref.organisation.models import Committee

from .helpers import agenda_titles, click_and_load, log_in

STANDARD_TITLES = (
    "Godkendelse af dagsorden",
    "Godkendelse af referat",
    "Orientering fra formand og næstformand",
    "Eventuelt",
)
NEW_ITEM = "Budgetopfølgning 2. halvår"
CLOSED_ITEM = "Personalesag om Zebrafisk"
CASE_TEXT = "Økonomiafdelingen gennemgår **budgettet** for andet halvår."
CLAUSES = ("FagMED Økonomi tager orienteringen til efterretning", "budgettet følges op i marts")
DECISION = "Budgettet blev gennemgået uden bemærkninger."
SECRET_DECISION = "Sagen om Zebrafisk blev drøftet."
# A real PDF for the bilag (search reads its text).
BILAG_PDF = Path(__file__).resolve().parents[1] / "fixtures" / "pdf" / "esdh-fagmed.pdf"


@pytest.fixture
def accounts(demo, settings, tmp_path):
    """The demo minutes, the demo accounts, and uploads kept out of the working tree."""
    settings.MEDIA_ROOT = str(tmp_path / "media")
    create_demo_accounts()
    return Committee.objects.get(name=COMMITTEE, municipality__name="Vejle Kommune")


def pdf_text(content: bytes) -> str:
    """The text of a PDF (whitespace collapsed), to see what a file gives away."""
    assert content.startswith(b"%PDF-"), content[:40]
    pdf = pypdfium2.PdfDocument(content)
    try:
        text = " ".join(page.get_textpage().get_text_range() for page in pdf)
    finally:
        pdf.close()
    return " ".join(text.split())


def item_row(page, title: str):
    return page.locator("ol.item-list > li", has_text=title)


def item_number(page, title: str) -> str:
    text = item_row(page, title).locator(".item-number").inner_text()
    return re.search(r"\d+", text).group()


def press(page, label: str) -> None:
    """A workflow button: it opens the step's confirmation page, which says who will
    see what; tick the doubts if any are listed, confirm, and wait for the next page."""
    click_and_load(page, page.get_by_role("button", name=label, exact=True))
    expect(page.get_by_role("heading", level=1)).to_have_text(f"{label}?")
    doubts = page.get_by_label("Jeg har tjekket det og vil fortsætte alligevel")
    if doubts.count():
        doubts.check()
    click_and_load(page, page.get_by_role("button", name=label, exact=True))
    expect(page.locator("ul.messages")).to_have_count(1)


def build_agenda(page, committee: Committee, axe) -> Meeting:
    page.goto("/")
    click_and_load(page, page.get_by_role("link", name=COMMITTEE, exact=True))
    axe(page, "udvalgssiden for sekretæren")
    click_and_load(page, page.get_by_role("link", name="Nyt møde"))
    axe(page, "Nyt møde")
    page.get_by_label("Mødedato").fill("2025-12-10")
    page.get_by_label("Starttidspunkt").fill("13:00")
    page.get_by_label("Mødested").fill("Mødelokale 2225")
    page.get_by_role("button", name="Opret møde").click()
    expect(page).to_have_url(re.compile(r"/moeder/\d+/rediger/"))
    meeting = Meeting.objects.get(committee=committee, status=Meeting.Status.PLANNED)

    # The standard items, numbered on from the demo minutes' last item that year.
    assert tuple(agenda_titles(page)) == STANDARD_TITLES
    last_demo = (
        AgendaItem.objects.filter(meeting__committee=committee)
        .exclude(meeting=meeting)
        .order_by("-number")
        .values_list("number", flat=True)
        .first()
    )
    assert item_number(page, STANDARD_TITLES[0]) == str(last_demo + 1)
    axe(page, "Rediger dagsorden")

    for title in (NEW_ITEM, CLOSED_ITEM):
        page.get_by_label("Titel på nyt punkt").fill(title)
        page.get_by_role("button", name="Tilføj punkt").click()
        expect(item_row(page, title)).to_have_count(1)
    closed_number = item_number(page, CLOSED_ITEM)
    page.get_by_role("button", name=f"Luk punkt {closed_number}", exact=True).click()
    expect(item_row(page, CLOSED_ITEM).locator(".closed-marker")).to_have_text("Lukket punkt")

    edit_link = re.compile(f"^Rediger punkt {item_number(page, NEW_ITEM)}: ")
    click_and_load(page, page.get_by_role("link", name=edit_link))
    expect(page.get_by_role("heading", level=1)).to_contain_text(NEW_ITEM)
    axe(page, "Rediger punkt")
    new_section = page.locator("form.add-section")
    new_section.get_by_label("Afsnitstype").select_option(label="Sagsfremstilling")
    new_section.get_by_label("Tekst").fill(CASE_TEXT)
    new_section.get_by_role("button", name="Tilføj afsnit").click()
    expect(page.locator("#afsnit article", has_text="Sagsfremstilling")).to_contain_text(
        "budgettet"
    )
    page.get_by_label("Indstillet af").fill("Økonomichefen")
    page.get_by_label("At-sætninger (én pr. linje)").fill("\n".join(CLAUSES))
    page.get_by_role("button", name="Gem indstilling").click()
    expect(page.locator("#afsnit article h3", has_text="Indstilling")).to_have_count(1)
    page.get_by_label("Fil").set_input_files(
        {"name": "budget.pdf", "mimeType": "application/pdf", "buffer": BILAG_PDF.read_bytes()}
    )
    page.get_by_label("Bilagets titel").fill("Budgetoverblik")
    click_and_load(page, page.get_by_role("button", name="Vedhæft bilag"))
    expect(page.locator("#bilag .attachment-list")).to_contain_text("Budgetoverblik")
    axe(page, "Rediger punkt efter ændringer")
    click_and_load(page, page.get_by_role("link", name="Tilbage til dagsordenen"))
    expect(item_row(page, NEW_ITEM)).to_have_count(1)
    return meeting


def record_meeting(page, meeting: Meeting, axe) -> None:
    """Attendance with one afbud, the decisions, and the draft submitted."""
    click_and_load(page, page.get_by_role("link", name="Fremmøde", exact=True))
    axe(page, "Fremmøde")
    for name in ("Sofie Sekretær", "Frank Formand", "Nanna Næstformand"):
        page.get_by_role("group", name=name).get_by_label("Til stede").check()
    page.get_by_role("group", name="Mads Medlem").get_by_label("Afbud").check()
    click_and_load(page, page.get_by_role("button", name="Gem fremmøde"))

    click_and_load(page, page.get_by_role("link", name="Skriv referat", exact=True))
    axe(page, "Skriv referat")
    new_item = page.locator("section.decision-editor", has_text=NEW_ITEM)
    expect(new_item.locator(".absent-line")).to_contain_text("Mads Medlem")
    new_item.get_by_label("Standardformulering").select_option(value="godkendte indstillingen")
    new_item.get_by_label("Beslutning", exact=True).fill(DECISION)
    new_item.get_by_role("button", name=re.compile("^Gem beslutning")).click()
    expect(
        page.locator("section.decision-editor", has_text=NEW_ITEM).get_by_role("status")
    ).to_have_text("Beslutning gemt.")
    closed = page.locator("section.decision-editor", has_text=CLOSED_ITEM)
    closed.get_by_label("Beslutning", exact=True).fill(SECRET_DECISION)
    closed.get_by_role("button", name=re.compile("^Gem beslutning")).click()
    expect(
        page.locator("section.decision-editor", has_text=CLOSED_ITEM).get_by_role("status")
    ).to_have_text("Beslutning gemt.")

    press(page, "Marker som afholdt")
    expect(page.get_by_role("button", name="Afslut referatudkast")).to_have_count(1)
    press(page, "Afslut referatudkast")
    meeting.refresh_from_db()
    assert meeting.status == Meeting.Status.MINUTES_DRAFT


def check_history(page, meeting: Meeting, axe) -> None:
    """Historik names who did each step, in order."""
    page.goto(f"/moeder/{meeting.pk}/")
    click_and_load(page, page.get_by_role("link", name="Historik", exact=True))
    axe(page, "Historik")
    sentences = page.locator("ol.history .history-sentence").all_inner_texts()
    steps = [
        "Sofie Sekretær oprettede mødet",
        "Sofie Sekretær udsendte dagsordenen",
        "Sofie Sekretær registrerede fremmødet",
        "Frank Formand godkendte referatet",
        "Frank Formand offentliggjorde referatet",
    ]
    assert [s for s in sentences if s in steps] == steps


def test_secretary_and_chair_take_a_meeting_from_agenda_to_published_minutes(
    new_context, accounts, axe
):
    committee = accounts
    secretary = new_context().new_page()
    log_in(secretary, "sekretaer")
    meeting = build_agenda(secretary, committee, axe)

    press(secretary, "Send dagsorden")
    meeting.refresh_from_db()
    assert meeting.status == Meeting.Status.AGENDA_SENT
    secretary.goto(f"/moeder/{meeting.pk}/")
    sent = secretary.get_by_role("link", name="Dagsordenen som udsendt")
    assert "Zebrafisk" in pdf_text(secretary.request.get(sent.get_attribute("href")).body())

    # The public reads the agenda from now on: open items only, the closed one not at all.
    reader = new_context().new_page()
    reader.goto(f"/moeder/{meeting.pk}/")
    expect(reader.locator("article.minutes")).to_contain_text(NEW_ITEM)
    expect(reader.locator("article.minutes")).not_to_contain_text("Zebrafisk")
    # "Godkendelse af referat" links to the previous minutes (the demo meeting).
    previous = Meeting.objects.get(committee=committee, meeting_date="2025-10-08")
    approval = reader.locator("section.item", has_text="Godkendelse af referat")
    expect(approval).to_contain_text("Referat fra mødet d. 8. oktober 2025")
    expect(approval.get_by_role("link")).to_have_attribute(
        "href", re.compile(f"/moeder/{previous.pk}/$")
    )
    # The agenda as sent, in its public version; no editor links, no workflow buttons.
    links = reader.locator("nav.editor-links").get_by_role("link")
    expect(links).to_have_text(["Dagsordenen som udsendt", "Samlet dagsorden med PDF-bilag"])
    expect(reader.locator("nav.editor-links").get_by_role("button")).to_have_count(0)
    public_agenda = pdf_text(reader.request.get(links.first.get_attribute("href")).body())
    assert NEW_ITEM in public_agenda and "Zebrafisk" not in public_agenda

    record_meeting(secretary, meeting, axe)
    # A draft is not public: the reader still sees the agenda, no decisions.
    reader.reload()
    expect(reader.locator("article.minutes")).not_to_contain_text(DECISION)
    expect(reader.get_by_role("heading", name="Beslutning")).to_have_count(0)

    chair = new_context().new_page()
    log_in(chair, "formand")
    chair.goto(f"/moeder/{meeting.pk}/")
    # Members read the draft before approving it, decisions and closed item included.
    expect(chair.locator("article.minutes")).to_contain_text(SECRET_DECISION)
    axe(chair, "referatudkastet for formanden")
    press(chair, "Godkend referat")
    meeting.refresh_from_db()
    assert meeting.status == Meeting.Status.MINUTES_APPROVED
    chair.goto(f"/moeder/{meeting.pk}/")
    press(chair, "Offentliggør referat")
    meeting.refresh_from_db()
    assert meeting.status == Meeting.Status.PUBLISHED
    check_history(chair, meeting, axe)

    reader.reload()
    published = reader.locator("article.minutes")
    item = published.locator("section.item", has_text=NEW_ITEM)
    expect(item.get_by_role("heading", level=3, name="Beslutning")).to_have_count(1)
    expect(item).to_contain_text("FagMED godkendte indstillingen.")
    expect(item).to_contain_text(DECISION)
    # The "at"-clauses, one paragraph each after the proposer.
    expect(item.locator(".recommendation p")).to_have_text(
        ["Økonomichefen indstiller,", *(f"at {clause}" for clause in CLAUSES)]
    )
    expect(item.locator(".attachments")).to_contain_text("Budgetoverblik")
    expect(item.locator(".item-absent")).to_contain_text("Mads Medlem")
    expect(published).not_to_contain_text("Zebrafisk")
    axe(reader, "det offentliggjorte referat")

    def download(label: str):
        link = reader.locator("nav.downloads").get_by_role("link", name=label, exact=True)
        response = reader.request.get(link.get_attribute("href"))
        assert response.ok, f"{label}: {response.status}"
        return response

    published_pdf = pdf_text(download("PDF").body())
    assert DECISION in published_pdf and "Zebrafisk" not in published_pdf
    html = download("HTML").text()
    assert html.upper().startswith("<!DOCTYPE HTML")
    assert DECISION in html and "Zebrafisk" not in html
