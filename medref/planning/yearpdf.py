"""Mødeplan og årshjul as PDF, and "Vedhæft årshjul som bilag".

The PDF is the page's wheel, month list and tables (``planning/year_pdf.html``).
Attaching it goes through the meeting workflow's bilag actions
(``add_attachment``: size, type and content checks of
``medref.meetings.filecheck``; ``remove_attachment``), so the meeting's own
history shows the bilag too; an earlier årshjul bilag of the same item (one
whose title starts with ``TITLE_PREFIX``) is replaced.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.template.loader import render_to_string
from django.utils.translation import gettext as _

from medref.accounts.permissions import Action, raise_unless
from medref.meetings.models import AgendaItem, Attachment, Meeting
from medref.meetings.workflow import sections as section_workflow
from medref.meetings.workflow.errors import InvalidInput
from medref.meetings.workflow.history import actor_id
from medref.organisation.models import Committee

from . import selectors
from .models import AnnualPlan, PlanningEvent
from .rules.wheel import WheelMonth, render_svg

if TYPE_CHECKING:
    from medref.accounts.permissions import AnyUser

TITLE_PREFIX = "Mødeplan og årshjul"
# Items a year's PDF is offered for: titles with one of these words (casefolded).
ITEM_WORDS = ("årshjul", "mødeplan")


def file_name(committee: Committee, year: int) -> str:
    return f"moedeplan-og-aarshjul-{committee.slug}-{year}.pdf"


def render_year_pdf(committee: Committee, year: int) -> bytes:
    """The committee's mødeplan and årshjul for ``year`` as PDF."""
    from weasyprint import HTML  # type: ignore[import-untyped]

    view = selectors.year_view(committee, year)
    wheel = render_svg(
        year,
        [
            WheelMonth(m.month, [d.day for d in m.meetings], [t.title for _d, t in m.themes])
            for m in view.months
        ],
        title_id="aarshjul-pdf",
    )
    html = render_to_string(
        "planning/year_pdf.html",
        {
            "committee": committee,
            "year": year,
            "view": view,
            "wheel": wheel,
            "planned": list(view.plan.planned_meetings.all()) if view.plan else [],
        },
    )
    pdf: bytes = HTML(string=html).write_pdf()
    return pdf


def item_choices(committee: Committee) -> list[AgendaItem]:
    """The items of the committee's planned meetings (agendas still open) whose title
    names the mødeplan or årshjul, soonest meeting first. One query."""
    items = (
        AgendaItem.objects.filter(
            meeting__committee=committee, meeting__status=Meeting.Status.PLANNED
        )
        .select_related("meeting")
        .order_by("meeting__meeting_date", "position")
    )
    return [i for i in items if any(word in i.title.casefold() for word in ITEM_WORDS)]


@transaction.atomic
def attach_year_pdf(plan: AnnualPlan, item: AgendaItem, *, actor: AnyUser | None) -> Attachment:
    """Render the plan's PDF and attach it to ``item`` as a bilag, replacing an
    earlier årshjul bilag of the item; one ``PlanningEvent``."""
    committee = plan.committee
    raise_unless(actor, Action.EDIT_AGENDA, committee)
    if item.meeting.committee_id != committee.pk:
        raise InvalidInput(_("Punktet hører til et andet udvalgs møde."), field="item")
    earlier = [a for a in item.attachments.order_by("position") if a.title.startswith(TITLE_PREFIX)]
    for old in earlier:
        section_workflow.remove_attachment(old, actor=actor)
    pdf = render_year_pdf(committee, plan.year)
    upload = SimpleUploadedFile(file_name(committee, plan.year), pdf, "application/pdf")
    title = f"{TITLE_PREFIX} {plan.year}"
    attachment = section_workflow.add_attachment(item, upload, actor=actor, title=title)
    PlanningEvent.objects.create(
        committee=committee,
        meeting=item.meeting,
        actor_id=actor_id(actor),
        action=PlanningEvent.Action.YEAR_PDF_ATTACHED,
        details={
            "year": plan.year,
            "item": item.number,
            "attachment": attachment.pk,
            "replaced": [a.title for a in earlier],
            "bytes": len(pdf),
        },
    )
    return attachment
