"""Who finds what: closed items, unpublished decisions and planned meetings."""

from __future__ import annotations

import datetime

import pytest

from medref.meetings.models import Meeting
from medref.search.access import visibility_for
from medref.search.selectors import case_history, facets, search
from tests.personas import Personas

from .helpers import meeting_with

pytestmark = pytest.mark.django_db
CASE, DECISION = "sagsfremstilling", "beslutning"


def kinds_found(personas: Personas, who: str, query: str) -> set[str]:
    visibility = visibility_for(personas.users[who])
    return {h.entry.section_kind for h in search(query, visibility=visibility).hits}


@pytest.mark.parametrize(
    ("persona", "sees_decision"),
    [("anonymous", False), ("otto", False), ("sara", False), ("mads", True), ("anna", True)],
)
def test_draft_decisions_only_for_members(
    personas: Personas, persona: str, sees_decision: bool
) -> None:
    """Before publishing, the public finds the agenda (Sagsfremstilling) but not the decision."""
    meeting_with(
        [(CASE, "Budget fremlagt."), (DECISION, "Budget godkendt.")],
        where=personas.committee,
        status=Meeting.Status.MINUTES_DRAFT,
    )
    expected = {CASE, DECISION} if sees_decision else {CASE}
    assert kinds_found(personas, persona, "budget") == expected


def test_published_decisions_are_public(personas: Personas) -> None:
    """Once published, everyone finds the decision."""
    meeting_with([(DECISION, "Budget godkendt.")], where=personas.committee)
    assert kinds_found(personas, "anonymous", "budget") == {DECISION}


@pytest.mark.parametrize(
    ("persona", "sees"),
    [("anonymous", False), ("mads", False), ("sofie", True), ("frank", True), ("root", True)],
)
def test_planned_meetings_only_for_agenda_builders(
    personas: Personas, persona: str, sees: bool
) -> None:
    """A planned meeting's agenda is found only by those who may build it."""
    meeting_with(
        [(CASE, "Klippekort på dagsordenen.")],
        where=personas.committee,
        status=Meeting.Status.PLANNED,
    )
    assert bool(kinds_found(personas, persona, "klippekort")) is sees


def test_facets_and_timelines_follow_the_same_rules(personas: Personas) -> None:
    """Counts and case histories never reveal a closed item."""
    meeting_with(
        [(DECISION, "Fortroligt forlig.")],
        where=personas.committee,
        closed=True,
        case_number="81.38.00-P35-58-23",
        on=datetime.date(2025, 1, 5),
    )
    anonymous, member = visibility_for(personas.anonymous), visibility_for(personas.mads)
    assert facets("forlig", visibility=anonymous).years == []
    assert facets("forlig", visibility=member).years == [(2025, 1)]
    assert case_history("81.38.00-P35-58-23", visibility=anonymous).entries == []
    assert case_history("forlig", visibility=anonymous).entries == []
    assert len(case_history("81.38.00-P35-58-23", visibility=member).entries) == 1
