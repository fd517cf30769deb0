"""The Sygefravær pages: who sees them, what they never show, Indsæt sygefravær, import."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from medref.absence import models
from medref.meetings.models import Attachment, Section
from medref.meetings.workflow.agenda import schedule_meeting

from .data import load

pytestmark = pytest.mark.django_db

URL = "/udvalg/vejle-kommune/fagmed-oekonomi/sygefravaer/?periode=R4Q:2025Q3"


@pytest.fixture
def data(personas):
    return load(personas.committee.municipality)


@pytest.mark.parametrize("name", ["sofie", "frank", "mads", "sara", "lene", "anna", "root"])
def test_members_and_administrators_see_the_page(client_as, data, name):
    response = client_as(name).get(URL)
    assert response.status_code == 200
    assert "Dage pr. medarbejder" in response.text


@pytest.mark.parametrize("name", ["otto", "hanne", "ib", "finn"])
def test_nobody_else_does(client_as, data, name):
    assert client_as(name).get(URL).status_code == 403


def test_an_anonymous_reader_is_sent_to_log_in(client_as, data):
    response = client_as("anonymous").get(URL)
    assert response.status_code == 302 and "/konto/log-ind/" in response["Location"]


def test_no_employee_key_and_no_small_unit_alone(client_as, data):
    text = client_as("mads").get(URL).text
    keys = set(models.Employment.objects.values_list("employee", flat=True))
    assert keys and not any(key in text for key in keys)
    assert not any(raw.employee in text for raw in data.employments)
    assert "IT-sikkerhed" not in text  # 3 employees: folded into its parent's row
    assert "og 1 mindre enhed" in text
    assert re.search(r"\d+,\d", text)  # numbers with a decimal comma


def test_a_small_unit_asked_for_alone_is_withheld(client_as, data):
    text = client_as("mads").get(URL + "&enhed=2040").text
    assert "vises ikke" in text
    assert "IT-sikkerhed" in text  # its name, no figures
    assert "Dage pr. medarbejder</p>" not in text


def test_the_page_costs_a_fixed_number_of_queries(client_as, data):
    client = client_as("mads")
    client.get(URL)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(URL).status_code == 200
    # session, user, committee, two permission queries, units, employments, spells, targets
    assert len(queries) <= 10, [q["sql"][:80] for q in queries]


def test_insert_attaches_a_pdf_and_drafts_the_sagsfremstilling(
    client_as, personas, data, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    meeting = schedule_meeting(
        personas.committee, dt.date(2025, 10, 8), None, None, actor=personas.sofie
    )
    item = meeting.items.order_by("number").last()
    url = f"/sygefravaer/punkt/{item.pk}/?periode=R4Q:2025Q3"
    assert client_as("mads").get(url).status_code == 403
    page = client_as("sofie").get(url)
    assert page.status_code == 200 and "opgøres rullende" in page.text
    response = client_as("sofie").post(url, {"periode": "R4Q:2025Q3"})
    assert response.status_code == 302
    attachment = Attachment.objects.get(item=item)
    assert attachment.file.read(5) == b"%PDF-"
    texts = " ".join(Section.objects.filter(item=item).values_list("text", flat=True))
    assert "Sygefraværet opgøres rullende for de seneste fire kvartaler." in texts
    assert "Orienteringen her omhandler perioden 4. kvartal 2024 til 3. kvartal 2025." in texts
    assert models.Event.objects.filter(kind="attached").count() == 1


def test_administrators_import_with_a_preview(client_as, personas, data, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    url = "/sygefravaer/vejle-kommune/data/"
    assert client_as("mads").get(url).status_code == 403
    admin = client_as("anna")
    from django.core.files.uploadedfile import SimpleUploadedFile

    upload = SimpleUploadedFile(
        "maal.csv", b"scope;year;days_per_fte\nFagMED \xc3\x98konomi;2026;8,5\n"
    )
    preview = admin.post(url, {"step": "preview", "fil": upload})
    assert preview.status_code == 200 and "targets" in preview.text
    token = re.search(r'name="token" value="([0-9a-f]+)"', preview.text)[1]
    done = admin.post(url, {"step": "import", "token": token, "name": "maal.csv"})
    assert done.status_code == 302
    assert models.Target.objects.filter(year=2026, days_per_fte=8.5).exists()


def test_the_preview_masks_employee_numbers(client_as, personas, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    from django.core.files.uploadedfile import SimpleUploadedFile

    upload = SimpleUploadedFile(
        "jobs.csv", b"employee_id;unit_id;start;weekly_hours\nMEDARB-98765;1;2024-01-01;37\n"
    )
    text = (
        client_as("anna")
        .post("/sygefravaer/vejle-kommune/data/", {"step": "preview", "fil": upload})
        .text
    )
    assert "MEDARB-98765" not in text and "•••" in text


@pytest.mark.parametrize("text", ["R4Q:2025Q3", "2025-03", "2024"])
def test_the_stored_report_equals_the_pure_one_from_all_facts(personas, data, text):
    """The selector loads only what a figure can depend on, as columns; same numbers."""
    from medref.absence.metrics.engine import Ledger, to_columns
    from medref.absence.metrics.model import Settings
    from medref.absence.metrics.periods import parse_period
    from medref.absence.metrics.report import build_report, committee_scope, to_json
    from medref.absence.selectors import report_for

    period = parse_period(text)
    stored = to_json(
        report_for(
            personas.committee.municipality,
            committee="FagMED Økonomi",
            period=period,
            today=dt.date(2025, 12, 31),
        ).report
    )
    unit_ids, columns = to_columns(data.units, data.employments, data.absences, Settings())
    ledger = Ledger(len(unit_ids), columns, Settings(), last=dt.date(2025, 12, 31))
    scope = committee_scope(data.units, "FagMED Økonomi")
    pure = to_json(
        build_report(ledger, unit_ids, {u.unit_id: u for u in data.units}, scope, period, [])
    )
    for key in ("employees", "fte", "absence_days", "short_days", "long_days", "days_per_fte"):
        assert stored[key] == pytest.approx(pure[key]), key
    assert stored["previous"]["days_per_fte"] == pytest.approx(pure["previous"]["days_per_fte"])
    assert [m["long_days"] for m in stored["months"]] == pytest.approx(
        [m["long_days"] for m in pure["months"]]
    )
    assert [m["days_per_fte"] for m in stored["rolling"]] == pytest.approx(
        [m["days_per_fte"] for m in pure["rolling"]]
    )


def test_a_typed_period_wins_over_the_list_and_a_bad_one_is_explained(client_as, data):
    base = "/udvalg/vejle-kommune/fagmed-oekonomi/sygefravaer/?periode=R4Q:2025Q3"
    typed = client_as("mads").get(base + "&anden=2025-01-01..2025-06-30").text
    assert "01.01.2025 – 30.06.2025" in typed
    bad = client_as("mads").get(base + "&anden=sidste+år").text
    assert "er ikke en periode" in bad


def test_a_second_insert_keeps_the_secretary_s_text_and_orders_the_sections(
    client_as, personas, data, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    meeting = schedule_meeting(
        personas.committee, dt.date(2025, 10, 8), None, None, actor=personas.sofie
    )
    item = meeting.items.order_by("number").last()
    url = f"/sygefravaer/punkt/{item.pk}/"
    client_as("sofie").post(url, {"periode": "R4Q:2025Q3"})
    case = Section.objects.get(item=item, kind="sagsfremstilling")
    kinds = list(
        Section.objects.filter(item=item).order_by("position").values_list("kind", flat=True)
    )
    assert kinds.index("sagsfremstilling") < kinds.index("bilag")
    client_as("sofie").post(url, {"periode": "2025Q3"})
    case.refresh_from_db()
    assert "fire kvartaler" in case.text  # the first draft, as the secretary may have edited it
    extra = Section.objects.get(item=item, heading="Sygefravær")
    assert "3. kvartal 2025" in extra.text
    assert Attachment.objects.filter(item=item).count() == 2


def test_the_item_editor_offers_indsaet_sygefravaer(client_as, personas, data):
    meeting = schedule_meeting(
        personas.committee, dt.date(2025, 10, 8), None, None, actor=personas.sofie
    )
    item = meeting.items.order_by("number").last()
    page = client_as("sofie").get(f"/moeder/{meeting.pk}/punkter/{item.pk}/")
    assert page.status_code == 200
    assert f'href="/sygefravaer/punkt/{item.pk}/"' in page.text
    assert "Indsæt sygefravær" in page.text
