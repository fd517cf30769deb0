"""The history page reads as Danish sentences with readable differences, never program data."""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest
from django.test import Client
from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st

from medref.meetings.models import Attendance, Meeting
from medref.meetings.textdiff import shorten_same, word_diff
from medref.meetings.workflow import agenda, minutes, sections
from tests.personas import Personas


@given(st.text(max_size=200), st.text(max_size=200))
def test_a_word_diff_gives_back_both_texts(before: str, after: str) -> None:
    runs = word_diff(before, after)
    assert "".join(t for op, t in runs if op != "ins") == before
    assert "".join(t for op, t in runs if op != "del") == after


def test_a_word_diff_marks_only_the_changed_words() -> None:
    runs = word_diff("at budgettet godkendes i sin helhed", "at budgettet tages til efterretning")
    assert ("del", "godkendes i sin helhed") in runs
    assert ("ins", "tages til efterretning") in runs
    assert runs[0] == ("same", "at budgettet ")


def test_long_unchanged_text_is_shortened_around_the_change() -> None:
    before = " ".join(f"ord{i}" for i in range(100)) + " slut"
    after = " ".join(f"ord{i}" for i in range(100)) + " ende"
    runs = shorten_same(word_diff(before, after))
    assert runs[0][1].startswith("… ") and len(runs[0][1].split()) <= 14


def _page(client: Client, meeting: Meeting) -> str:
    response = client.get(reverse("web:meetings:history", args=[meeting.pk]))
    assert response.status_code == 200
    return " ".join(re.sub(r"<[^>]+>", " ", response.content.decode()).split())


@pytest.mark.django_db
@pytest.mark.usefixtures("media")
def test_the_history_reads_as_sentences(
    planned: Meeting, personas: Personas, client_as: Callable[[str], Client]
) -> None:
    items = list(planned.items.order_by("position"))
    fourth = agenda.add_item(planned, "Budget 2026", actor=personas.sofie)
    agenda.move_item(fourth, fourth.position - 1, actor=personas.sofie)
    fourth.refresh_from_db()
    sections.set_recommendation(
        fourth,
        actor=personas.frank,
        expected_version=None,
        proposer="Økonomichefen",
        clauses=["budgettet godkendes"],
    )
    sections.set_recommendation(
        fourth,
        actor=personas.frank,
        expected_version=None,
        proposer="Økonomichefen",
        clauses=["budgettet tages til efterretning"],
    )
    sent = minutes.send_agenda(planned, actor=personas.sofie)
    members, _ = minutes.members_on(sent)
    statuses = {m.person_id: Attendance.Status.PRESENT for m in members}
    statuses[personas.people["mads"].pk] = Attendance.Status.SENT_APOLOGIES
    minutes.record_attendance(sent, statuses, actor=personas.sofie)
    minutes.mark_held(sent, actor=personas.sofie, confirmed=True)

    text = _page(client_as("sofie"), sent)
    last = items[-1].number  # Eventuelt, before which the new item went
    assert f"Sofie Sekretær tilføjede punkt {last}: Budget 2026" in text
    assert f"Sofie Sekretær flyttede punkt {last} op som punkt {last - 1}" in text
    assert f"Frank Formand ændrede Indstilling i punkt {last - 1}" in text
    assert "Sofie Sekretær udsendte dagsordenen" in text
    assert "Sofie Sekretær registrerede fremmødet" in text
    assert "Mads Medlem: afbud" in text
    assert "Sofie Sekretær markerede mødet som afholdt" in text
    assert "Bekræftet trods: Mødet er d." in text
    # Program data never shows.
    for raw in ("[None", "None,", "['", "Nummer:", "present", "afbud']", "{"):
        assert raw not in text, raw
    html = client_as("sofie").get(reverse("web:meetings:history", args=[sent.pk])).content
    assert b"<del>godkendes</del>" in html
    assert b"<ins>tages til efterretning</ins>" in html


@pytest.mark.django_db
@pytest.mark.usefixtures("media")
def test_a_first_decision_shows_as_new_text_without_a_dash(
    sent: Meeting, personas: Personas, client_as: Callable[[str], Client]
) -> None:
    item = sent.items.order_by("position").first()
    minutes.write_decision(item, "Godkendt.", actor=personas.sofie, expected_version=None)
    html = client_as("sofie").get(reverse("web:meetings:history", args=[sent.pk])).content
    assert b"<dd><ins>Godkendt.</ins></dd>" in html
