"""Gennemsyn: a secretary checks a meeting imported from a file with warnings.

``medref import`` marks a meeting ``needs_review`` when its file had fields
medref could not read (issue 15). Here the secretary corrects the date, the
committee and the time the import could not be sure of; saving clears the
mark. One action, permission-checked, atomic, one history event.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from django.db import transaction
from django.utils.translation import gettext as _

from medref.accounts.permissions import Action
from medref.meetings.models import Meeting, MeetingEvent
from medref.organisation.services import ensure_committee
from medref.search.services import index_meeting

from . import history
from .agenda import check_free_date
from .common import allow, locked_meeting
from .errors import IllegalTransition, InvalidInput

if TYPE_CHECKING:
    from medref.accounts.permissions import AnyUser


@transaction.atomic
def review_import(
    meeting: Meeting | int,
    *,
    actor: AnyUser | None,
    meeting_date: dt.date,
    committee_name: str,
    start_time: dt.time | None,
    end_time: dt.time | None,
) -> Meeting:
    """Correct an imported meeting's date, committee and time, and mark it reviewed."""
    meeting = locked_meeting(meeting)
    allow(actor, Action.SEND_AGENDA, meeting)
    if not meeting.needs_review:
        raise IllegalTransition(_("Mødet er ikke til gennemsyn."))
    name = " ".join(committee_name.split())
    if not name:
        raise InvalidInput(_("Skriv udvalgets navn."), field="committee_name")
    if end_time is not None and start_time is not None and end_time <= start_time:
        raise InvalidInput(
            _("Sluttidspunktet skal ligge efter starttidspunktet."), field="end_time"
        )
    committee = meeting.committee
    if name != committee.name:
        # Moved to another (perhaps new) committee on the imported one's rights,
        # checked above: a new committee has no members with rights yet.
        committee = ensure_committee(committee.municipality, name)
    check_free_date(committee, meeting_date, exclude=meeting.pk)
    changed = history.changes(
        meeting,
        {
            "meeting_date": meeting_date,
            "start_time": start_time,
            "end_time": end_time,
            "needs_review": False,
        },
    )
    if committee.pk != meeting.committee_id:
        changed["committee"] = [meeting.committee.name, committee.name]
        meeting.committee = committee
    meeting.version += 1
    meeting.save()
    index_meeting(meeting)
    history.record(
        meeting, MeetingEvent.Action.MEETING_EDITED, actor, changes=changed, reviewed=True
    )
    return meeting
