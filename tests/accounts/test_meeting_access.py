"""What each persona sees of a meeting, status by status."""

from __future__ import annotations

import datetime as dt

import pytest

from medref.accounts.permissions import (
    can_view_meeting,
    meeting_access,
    published_statuses,
    visible_meetings_filter,
)
from medref.meetings.models import Meeting
from tests.personas import NAMES

S = Meeting.Status
PUBLISHED = S.PUBLISHED
# What each status shows: (view, closed items, decisions) per kind of persona.
# "editor" may edit the agenda (sofie, frank, nanna, anna, root), "member"
# reads drafts (mads, lene, alma, tage), "substitute" (sara) sees closed
# items only, "public" is everyone else (finn, hanne, ib, otto, anonymous).
KINDS = {
    "sofie": "editor",
    "frank": "editor",
    "nanna": "editor",
    "anna": "editor",
    "root": "editor",
    "mads": "member",
    "lene": "member",
    "alma": "member",
    "tage": "member",
    "sara": "substitute",
}
EXPECTED = {
    ("editor", S.PLANNED): (True, True, True),
    ("member", S.PLANNED): (False, False, False),
    ("substitute", S.PLANNED): (False, False, False),
    ("public", S.PLANNED): (False, False, False),
    ("editor", S.AGENDA_SENT): (True, True, True),
    ("member", S.AGENDA_SENT): (True, True, True),
    ("substitute", S.AGENDA_SENT): (True, True, False),
    ("public", S.AGENDA_SENT): (True, False, False),
    ("editor", S.MINUTES_DRAFT): (True, True, True),
    ("member", S.MINUTES_DRAFT): (True, True, True),
    ("substitute", S.MINUTES_DRAFT): (True, True, False),
    ("public", S.MINUTES_DRAFT): (True, False, False),
    ("editor", S.MINUTES_APPROVED): (True, True, True),
    ("member", S.MINUTES_APPROVED): (True, True, True),
    ("substitute", S.MINUTES_APPROVED): (True, True, False),
    ("public", S.MINUTES_APPROVED): (True, False, False),
    ("editor", PUBLISHED): (True, True, True),
    ("member", PUBLISHED): (True, True, True),
    ("substitute", PUBLISHED): (True, True, True),
    ("public", PUBLISHED): (True, False, True),
}
STATUSES = (S.PLANNED, S.AGENDA_SENT, S.MINUTES_DRAFT, S.MINUTES_APPROVED, PUBLISHED)


def test_imported_minutes_are_published():
    assert published_statuses() == {S.PUBLISHED}


@pytest.mark.parametrize("status", STATUSES)
@pytest.mark.parametrize("name", NAMES)
def test_meeting_access(personas, name, status):
    meeting = Meeting.objects.create(
        committee=personas.committee, meeting_date=dt.date(2025, 10, 8), status=status
    )
    access = meeting_access(personas.users[name], meeting)
    expected = EXPECTED[(KINDS.get(name, "public"), status)]
    assert (access.view, access.closed, access.decisions) == expected
    assert can_view_meeting(personas.users[name], meeting) is expected[0]


@pytest.mark.parametrize("name", NAMES)
def test_visible_meetings_filter_agrees_with_can_view_meeting(personas, name):
    user = personas.users[name]
    meetings = [
        Meeting.objects.create(
            committee=committee, meeting_date=dt.date(2025, 1, day), status=status
        )
        for day, (committee, status) in enumerate(
            (
                (c, s)
                for c in (personas.committee, personas.lokalmed, personas.other_hovedmed)
                for s in STATUSES
            ),
            start=1,
        )
    ]
    visible = set(
        Meeting.objects.filter(visible_meetings_filter(user)).values_list("pk", flat=True)
    )
    assert visible == {m.pk for m in meetings if can_view_meeting(user, m)}
