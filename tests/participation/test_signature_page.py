"""Approved minutes' PDF and Word files end with who approved them, and when."""

from __future__ import annotations

import io
import re

import docx
import pypdfium2
import pytest
from django.urls import reverse

from medref.meetings.workflow import minutes
from medref.participation import approval
from medref.participation.selectors import signatures
from tests.personas import Personas

from .test_approval import draft  # noqa: F401

pytestmark = pytest.mark.django_db

WHEN = r"\d{1,2}\. [a-zæøå]+ \d{4} kl\. \d\d:\d\d"


def _last_page(pdf: bytes) -> str:
    document = pypdfium2.PdfDocument(pdf)
    return document[len(document) - 1].get_textpage().get_text_range()


def test_all_attendees_sign_in_order(personas: Personas, client_as, draft) -> None:  # noqa: F811
    approval.set_rule(personas.committee, "all", actor=personas.anna)
    for who in ("nanna", "mads", "frank"):
        approval.approve(draft, actor=personas.users[who])
    draft.refresh_from_db()
    lines = [s.line() for s in signatures(draft)]
    assert [line.split(",")[0] for line in lines] == [
        "Nanna Næstformand",
        "Mads Medlem",
        "Frank Formand",
    ]
    assert all(re.fullmatch(rf"[^,]+, {WHEN}", line) for line in lines)

    client = client_as("mads")
    pdf = client.get(reverse("web:download", args=[draft.pk, "pdf"])).content
    last = _last_page(pdf)
    assert "Godkendelse af referatet" in last
    for line in lines:
        assert line in last.replace("\r\n", "\n").replace("\n", " ")
    word = docx.Document(
        io.BytesIO(client.get(reverse("web:download", args=[draft.pk, "docx"])).content)
    )
    texts = [p.text for p in word.paragraphs]
    at = texts.index("Godkendelse af referatet")
    assert texts[at + 2 : at + 5] == lines
    assert word.paragraphs[at].paragraph_format.page_break_before


def test_the_chairs_approval_signs_alone(personas: Personas, client_as, draft) -> None:  # noqa: F811
    minutes.approve_minutes(draft, actor=personas.frank)
    draft.refresh_from_db()
    assert [s.name for s in signatures(draft)] == ["Frank Formand"]


def test_no_signature_page_on_a_draft_or_for_those_who_may_not_see_it(
    personas: Personas,
    client_as,
    draft,  # noqa: F811
) -> None:
    assert signatures(draft) == []
    pdf = client_as("mads").get(reverse("web:download", args=[draft.pk, "pdf"])).content
    assert "Godkendelse af referatet" not in _last_page(pdf)
    minutes.approve_minutes(draft, actor=personas.frank)
    # Approved, not yet published: the public reads the agenda version, without names.
    pdf = client_as("anonymous").get(reverse("web:download", args=[draft.pk, "pdf"])).content
    assert "Frank Formand" not in _last_page(pdf)
