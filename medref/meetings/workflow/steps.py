"""The workflow steps, in one table: what each button does and how the status moves.

planned → agenda_sent → held → minutes_draft → minutes_approved (→ published).
Each ``Step`` says, once, its slug (the button's URL part), its label, the
status it starts from and the one it leads to, the right it needs
(``Action``), the event it records, the action function that performs it,
the confirmation page's text and the page to go on to. The buttons
(``views.common.next_steps``, ``views.agenda.transition``) and the actions
below read the same record; a new step is one more ``Step`` in ``STEPS``
with its action function.

Every step action has the same shape (``StepAction``):
``run(meeting, *, actor, confirmed=False, site="")`` — ``actor`` the user
(None: the system), ``confirmed`` that the person confirmed the doubts the
step lists (``Step.doubts``), ``site`` the address for links in stored
files. A step checks the actor's right once, runs in one transaction,
records one ``MeetingEvent`` with ``status`` [before, after] and queues its
mail explicitly (``notifications.dispatch.queue_for_event``, sent on commit).

Status changes re-index nothing: the search reads a meeting's status live
(``medref.accounts.scope``), and no indexed row holds it.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Protocol

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from medref.accounts.permissions import Action
from medref.documents.model import SectionKind
from medref.meetings import mapping
from medref.meetings.attachments import link_attachments
from medref.meetings.models import Meeting, MeetingEvent
from medref.renderers import render_bytes

from . import history, supplement
from .common import allow, locked_meeting, require_date, require_status
from .errors import IllegalTransition, NeedsConfirmation

if TYPE_CHECKING:
    from medref.accounts.permissions import AnyUser

logger = logging.getLogger(__name__)

Status = Meeting.Status


class StepAction(Protocol):
    """What a step's button calls: the same keywords for every step."""

    def __call__(
        self,
        meeting: Meeting | int,
        *,
        actor: AnyUser | None,
        confirmed: bool = False,
        site: str = "",
    ) -> Meeting: ...


@dataclass(frozen=True)
class Step:
    """One workflow step: its button, its transition and the action that performs it."""

    slug: str  # the URL's last part: /moeder/<id>/trin/<slug>/
    label: str | Promise
    source: str  # the status it starts from (``Meeting.Status``)
    target: str  # the status it leads to
    right: Action  # what the actor must be allowed to do in the committee
    event: MeetingEvent.Action  # what the history records
    refusal: str | Promise  # why not, when the status is another (``%(status)s``)
    run: StepAction
    then: str  # the page to go on to afterwards (URL name, meeting pk as argument)
    explanation: str | Promise = ""  # the confirmation page: what happens, who sees what
    done: str | Promise = ""  # the message after it went through
    reversible: bool = True
    public_preview: bool = False  # the confirmation page links to the public version
    # What to warn about before the step (the person confirms them); None: nothing.
    doubts: Callable[[Meeting], list[str]] | None = None
    # Whether the button is offered now beyond status and right (None: always).
    available: Callable[[Meeting], bool] | None = None
    # Lines the confirmation page lists: what the step will send (None: nothing).
    summary: Callable[[Meeting], list[str]] | None = None

    def warnings(self, meeting: Meeting) -> list[str]:
        """The doubts to show on the confirmation page now ([] when the step has none)."""
        return self.doubts(meeting) if self.doubts is not None else []

    def offered(self, meeting: Meeting) -> bool:
        return self.available(meeting) if self.available is not None else True

    def lines(self, meeting: Meeting) -> list[str]:
        return self.summary(meeting) if self.summary is not None else []


def _begin(
    step: Step,
    meeting: Meeting | int,
    actor: AnyUser | None,
    confirmed: bool,
    check: Callable[[Meeting], None] | None = None,
) -> tuple[Meeting, list[str]]:
    """Lock the meeting, check the right, the status, ``check`` and the doubts, and
    set the target status; returns the meeting and the doubts the person confirmed."""
    meeting = locked_meeting(meeting)
    allow(actor, step.right, meeting)
    require_status(meeting, {step.source}, str(step.refusal))
    if check is not None:
        check(meeting)
    doubts = step.warnings(meeting)
    if doubts and not confirmed:
        raise NeedsConfirmation(doubts)
    meeting.status = step.target
    meeting.save(update_fields=["status"])
    return meeting, doubts


def _record(
    step: Step, meeting: Meeting, actor: AnyUser | None, doubts: list[str], **details: Any
) -> None:
    """The step's one event: who, when (the row's time), status before → after; and
    the mail the step sends (agenda sent, minutes submitted, approved, published),
    queued to go once the step's transaction commits."""
    # notifications imports meetings: imported here to keep the import graph acyclic.
    from medref.notifications.dispatch import queue_for_event

    if doubts:
        details["confirmed"] = [str(d) for d in doubts]
    event = history.record(meeting, step.event, actor, status=[step.source, step.target], **details)
    queue_for_event(event)


# -- the agenda as sent ---------------------------------------------------------------


def render_agenda(meeting: Meeting, public: bool, site: str = "") -> tuple[str, bytes]:
    """The agenda as PDF, or as HTML when the PDF renderer fails (it needs system fonts).

    Its bilag link to medref's download view on ``site``, which checks the reader.
    """
    doc = link_attachments(mapping.to_document(meeting), meeting.pk, site)
    try:
        return "pdf", render_bytes(doc, "pdf", public=public)
    except Exception:  # any failure of WeasyPrint or its libraries: HTML still says it all
        logger.exception(
            "PDF rendering of the agenda for meeting %s failed; storing HTML", meeting.pk
        )
        return "html", render_bytes(doc, "html", public=public)


def store_sent_agenda(meeting: Meeting, site: str, stem: str = "dagsorden") -> str:
    """The agenda as sent, stored (full and public) from the meeting as it is now;
    returns the full file's format."""
    fmt, content = render_agenda(meeting, public=False, site=site)
    meeting.agenda_file.save(f"{stem}.{fmt}", ContentFile(content), save=False)
    public_fmt, public_content = render_agenda(meeting, public=True, site=site)
    meeting.public_agenda_file.save(
        f"{stem}-offentlig.{public_fmt}", ContentFile(public_content), save=False
    )
    meeting.save(update_fields=["agenda_file", "public_agenda_file"])
    return fmt


def _has_items(meeting: Meeting) -> None:
    if not meeting.items.exists():
        raise IllegalTransition(_("The agenda has no items; add at least one before sending it."))
    # An undated meeting (imported, til gennemsyn) is dated on the gennemsyn page first.
    require_date(meeting, _("Dagsordenen kan ikke sendes"))


def _dated(meeting: Meeting) -> None:
    require_date(meeting, _("Referatet kan ikke offentliggøres"))


@transaction.atomic
def send_agenda(
    meeting: Meeting | int, *, actor: AnyUser | None, confirmed: bool = False, site: str = ""
) -> Meeting:
    """Freeze the agenda (no more agenda edits) and store it as sent, in full and public.

    ``site`` ("https://med.vejle.dk") makes the files' bilag links absolute.
    """
    step = SEND
    meeting, doubts = _begin(step, meeting, actor, confirmed, check=_has_items)
    day = f"-{meeting.meeting_date:%Y-%m-%d}" if meeting.meeting_date is not None else ""
    stem = f"dagsorden-{meeting.committee.slug}{day}"
    fmt = store_sent_agenda(meeting, site, stem)
    _record(step, meeting, actor, doubts, format=fmt)
    return meeting


# -- held, draft, approved, published ---------------------------------------------------


def held_doubts(meeting: Meeting) -> list[str]:
    """What speaks against marking the meeting held now."""
    doubts: list[str] = []
    today = timezone.localdate()
    if meeting.meeting_date is not None and meeting.meeting_date > today:
        doubts.append(
            _("The meeting is on %(date)s, %(days)s days from now.")
            % {
                "date": meeting.meeting_date.strftime("%d-%m-%Y"),
                "days": (meeting.meeting_date - today).days,
            }
        )
    if not meeting.attendance_recorded:
        doubts.append(_("No attendance has been recorded."))
    return doubts


def minutes_doubts(meeting: Meeting) -> list[str]:
    """What speaks against submitting the minutes as a draft now."""
    doubts: list[str] = []
    if not meeting.attendance_recorded:
        doubts.append(_("No attendance has been recorded."))
    undecided = [
        str(item.number)
        for item in meeting.items.order_by("position")
        if not item.sections.filter(kind=SectionKind.DECISION).exclude(text="").exists()
    ]
    if undecided:
        doubts.append(
            _("Items without a decision: %(numbers)s.") % {"numbers": ", ".join(undecided)}
        )
    return doubts


@transaction.atomic
def mark_held(
    meeting: Meeting | int, *, actor: AnyUser | None, confirmed: bool = False, site: str = ""
) -> Meeting:
    """The meeting took place (afholdt); its agenda must have been sent.

    A meeting in the future or without recorded attendance needs ``confirmed``
    (``NeedsConfirmation`` says why otherwise); the history records the doubts confirmed.
    """
    step = HELD
    meeting, doubts = _begin(step, meeting, actor, confirmed)
    _record(step, meeting, actor, doubts)
    return meeting


@transaction.atomic
def submit_minutes(
    meeting: Meeting | int, *, actor: AnyUser | None, confirmed: bool = False, site: str = ""
) -> Meeting:
    """The minutes as written become the draft (referat udkast) the members read.

    No recorded attendance or items without a decision need ``confirmed``.
    """
    step = DRAFT
    meeting, doubts = _begin(step, meeting, actor, confirmed)
    _record(step, meeting, actor, doubts)
    return meeting


def _chair_approves(meeting: Meeting) -> None:
    from medref.participation.approval import refuse_unless_chair_approves

    refuse_unless_chair_approves(meeting)


@transaction.atomic
def approve_minutes(
    meeting: Meeting | int, *, actor: AnyUser | None, confirmed: bool = False, site: str = ""
) -> Meeting:
    """The chair approves the draft minutes (or the next meeting does:
    ``minutes.write_decision``).

    Refused when the committee approves by its attendees (all or a majority:
    ``medref.participation.approval``), whose approvals then approve it.
    """
    step = APPROVE
    meeting, doubts = _begin(step, meeting, actor, confirmed, check=_chair_approves)
    _record(step, meeting, actor, doubts)
    return meeting


@transaction.atomic
def publish_minutes(
    meeting: Meeting | int, *, actor: AnyUser | None, confirmed: bool = False, site: str = ""
) -> Meeting:
    """Approved minutes become public (their open items and decisions); the
    follow-ups the meeting's items treated are done (``medref.planning.hooks``)."""
    from medref.planning.hooks import minutes_published

    step = PUBLISH
    meeting, doubts = _begin(step, meeting, actor, confirmed, check=_dated)
    _record(step, meeting, actor, doubts)
    minutes_published(meeting, actor=actor)
    return meeting


# -- the table ----------------------------------------------------------------------------

SEND = Step(
    slug="send-dagsorden",
    label=gettext_lazy("Send agenda"),
    source=Status.PLANNED,
    target=Status.AGENDA_SENT,
    right=Action.SEND_AGENDA,
    event=MeetingEvent.Action.AGENDA_SENT,
    refusal=gettext_lazy(
        "The agenda has already been sent (the meeting's status is “%(status)s”)."
    ),
    run=send_agenda,
    then="web:meetings:attendance",
    explanation=gettext_lazy(
        "The agenda is frozen and stored as sent (PDF). The committee's members and "
        "substitutes can read all of it, closed items included; everyone else, also those "
        "not signed in, can read the open items on the meeting page and the agenda file "
        "without the closed items. The agenda can no longer be edited afterwards."
    ),
    done=gettext_lazy("The agenda has been sent. Record the attendance at the meeting here."),
    reversible=False,
)

HELD = Step(
    slug="afholdt",
    label=gettext_lazy("Mark as held"),
    source=Status.AGENDA_SENT,
    target=Status.HELD,
    right=Action.WRITE_MINUTES,
    event=MeetingEvent.Action.HELD,
    refusal=gettext_lazy(
        "Only a meeting whose agenda was sent can be marked held (its status is “%(status)s”)."
    ),
    run=mark_held,
    then="web:meetings:minutes",
    explanation=gettext_lazy(
        "The meeting is marked as held, and you go on to write the decisions. Nothing new "
        "is shown to anyone: members read the minutes as they are being written, everyone "
        "else still the agenda."
    ),
    done=gettext_lazy("The meeting is marked as held. Write the decisions here."),
    doubts=held_doubts,
)

DRAFT = Step(
    slug="referat-udkast",
    label=gettext_lazy("Submit minutes draft"),
    source=Status.HELD,
    target=Status.MINUTES_DRAFT,
    right=Action.WRITE_MINUTES,
    event=MeetingEvent.Action.MINUTES_SUBMITTED,
    refusal=gettext_lazy(
        "Only a held meeting's minutes can be submitted as a draft (its status is “%(status)s”)."
    ),
    run=submit_minutes,
    then="web:meeting",
    explanation=gettext_lazy(
        "The minutes become a draft marked UDKAST. The committee's members can read it; "
        "substitutes and the public cannot (the public still reads the agenda). The chair "
        "approves it next."
    ),
    done=gettext_lazy("The minutes are now a draft. The chair can approve them."),
    doubts=minutes_doubts,
)

APPROVE = Step(
    slug="godkend",
    label=gettext_lazy("Approve minutes"),
    source=Status.MINUTES_DRAFT,
    target=Status.MINUTES_APPROVED,
    right=Action.APPROVE_MINUTES,
    event=MeetingEvent.Action.MINUTES_APPROVED,
    refusal=gettext_lazy(
        "Only draft minutes can be approved (the meeting's status is “%(status)s”)."
    ),
    run=approve_minutes,
    then="web:meeting",
    explanation=gettext_lazy(
        "The minutes are approved: decisions and attendance can no longer be changed. "
        "Nothing is published yet; only the committee's members read them until then."
    ),
    done=gettext_lazy("The minutes are approved. They can now be published."),
)

PUBLISH = Step(
    slug="offentliggoer",
    label=gettext_lazy("Publish minutes"),
    source=Status.MINUTES_APPROVED,
    target=Status.PUBLISHED,
    right=Action.PUBLISH_MINUTES,
    event=MeetingEvent.Action.MINUTES_PUBLISHED,
    refusal=gettext_lazy(
        "Only approved minutes can be published (the meeting's status is “%(status)s”)."
    ),
    run=publish_minutes,
    then="web:meeting",
    explanation=gettext_lazy(
        "Everyone, also those not signed in, can then read the open items with their "
        "decisions on the meeting page and in its files, and find them by search. Closed "
        "items show only their number and “Lukket punkt”. Publishing cannot be undone."
    ),
    done=gettext_lazy(
        "The minutes are published. Everyone can read the open items and their decisions."
    ),
    reversible=False,
    public_preview=True,
)

# Tillægsdagsorden (``supplement.py``): no status change, a new version of the sent agenda
# with the items added or changed since; its action records SUPPLEMENT_SENT (no ``status``).
SUPPLEMENT = Step(
    slug="send-tillaegsdagsorden",
    label="Send tillægsdagsorden",
    source=Status.AGENDA_SENT,
    target=Status.AGENDA_SENT,
    right=Action.SEND_AGENDA,
    event=MeetingEvent.Action.SUPPLEMENT_SENT,
    refusal=(
        "En tillægsdagsorden kan sendes, når dagsordenen er udsendt og indtil mødet er "
        "afholdt (mødets status er “%(status)s”)."
    ),
    run=supplement.send_supplement_step,
    then="web:meetings:supplement",
    explanation=(
        "Punkterne nedenfor udsendes som en tillægsdagsorden: sin egen version (PDF) med kun "
        "disse punkter; den udsendte dagsorden forbliver, som den var, og punkternes numre "
        "ændres ikke. Udvalgets medlemmer og suppleanter kan læse det hele, lukkede punkter "
        "med; alle andre, også de der ikke er logget ind, kan læse de åbne punkter. "
        "Medlemmer og suppleanter får besked på e-mail med den opdaterede kalenderinvitation."
    ),
    done=(
        "Tillægsdagsordenen er udsendt. Udvalgets medlemmer og suppleanter får besked på e-mail."
    ),
    reversible=False,
    available=supplement.has_pending,
    summary=supplement.pending_lines,
)

# The buttons, in workflow order; their slugs are the URLs' last part.
STEPS: tuple[Step, ...] = (SEND, SUPPLEMENT, HELD, DRAFT, APPROVE, PUBLISH)
STEP_BY_SLUG: dict[str, Step] = {step.slug: step for step in STEPS}
