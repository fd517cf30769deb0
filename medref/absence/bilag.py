"""Indsæt sygefravær: the report as a PDF bilag on an agenda item, and the
Sagsfremstilling drafted from its figures, through the meeting workflow's own
actions (permission-checked, recorded in the meeting's history)."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from django.contrib.auth.models import User
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone

from medref.documents.model import SectionKind
from medref.meetings.models import AgendaItem, Attachment

from . import models
from .metrics.report import Report
from .metrics.text import draft
from .presentation import present

if TYPE_CHECKING:
    from medref.accounts.permissions import AnyUser


def _no_fetch(url: str, *args: object, **kwargs: object) -> Any:
    raise ValueError(f"the absence bilag fetches nothing (asked for {url!r})")


def render_pdf(report: Report, committee_name: str) -> bytes:
    """The report (headline, charts, tables) as a PDF."""
    from weasyprint import HTML  # type: ignore[import-untyped]

    html = render_to_string(
        "absence/bilag.html",
        {"r": present(report), "committee": committee_name, "made": timezone.localdate()},
    )
    pdf: bytes = HTML(string=html, url_fetcher=_no_fetch).write_pdf()
    return pdf


def _file_name(report: Report) -> str:
    label = re.sub(r"[^0-9A-Za-z]+", "-", report.period.label).strip("-")
    return f"sygefravaer-{label}.pdf"


@transaction.atomic
def insert_report(item: AgendaItem, report: Report, *, actor: AnyUser | None) -> Attachment:
    """Attach the report as a PDF bilag and draft the Sagsfremstilling: an empty
    Sagsfremstilling gets the draft, one with text keeps it and the draft comes
    as a section "Sygefravær" of its own. The secretary edits before sending."""
    from medref.meetings.workflow.common import ensure_section
    from medref.meetings.workflow.sections import add_attachment, add_section, edit_section

    committee = item.meeting.committee
    pdf = render_pdf(report, committee.name)
    title = f"Sygefravær {report.period.label} — {report.scope.name}"
    upload = SimpleUploadedFile(_file_name(report), pdf, content_type="application/pdf")
    attachment = add_attachment(item, upload, actor=actor, title=title)
    text = draft(report)
    # The Sagsfremstilling goes before the Indstilling, Beslutning and Bilag.
    case = ensure_section(
        item,
        SectionKind.CASE,
        before=(SectionKind.RECOMMENDATION, SectionKind.DECISION, SectionKind.ATTACHMENTS),
    )
    if not case.text.strip():
        edit_section(case, actor=actor, expected_version=None, heading=case.heading, markdown=text)
    else:
        add_section(item, SectionKind.OTHER, actor=actor, heading="Sygefravær", markdown=text)
    models.Event.objects.create(
        municipality_id=committee.municipality_id,
        kind=models.Event.Kind.ATTACHED,
        actor=actor if isinstance(actor, User) and actor.pk else None,
        details={"item": item.pk, "period": report.period.label, "scope": report.scope.name},
    )
    return attachment
