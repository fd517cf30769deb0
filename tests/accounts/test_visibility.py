"""Cutting a document down for a reader (no database)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings

from medref.accounts.permissions import NO_ACTIONS, MeetingAccess
from medref.accounts.visibility import agenda_version, visible_document
from medref.documents.model import DocumentKind, SectionKind
from tests.documents.strategies import meeting_documents

PUBLIC = MeetingAccess(actions=NO_ACTIONS, view=True, closed=False, decisions=False)
PUBLISHED = MeetingAccess(actions=NO_ACTIONS, view=True, closed=False, decisions=True)
MEMBER = MeetingAccess(actions=NO_ACTIONS, view=True, closed=True, decisions=True)


@settings(max_examples=40, deadline=None)
@given(meeting_documents())
def test_the_agenda_version_has_no_decisions_and_no_attendance(doc):
    """Whatever the kind: an agenda-kind document of a sent or held meeting
    carries the decisions and attendance written since (issue 14's leak)."""
    agenda = agenda_version(doc)
    assert agenda.kind == DocumentKind.AGENDA
    assert [i.number for i in agenda.items] == [i.number for i in doc.items]
    for before, after in zip(doc.items, agenda.items, strict=True):
        assert after.section(SectionKind.DECISION) is None
        kept = [s for s in before.sections if s.kind != SectionKind.DECISION]
        assert list(after.sections) == kept
        assert (after.absent, after.substitutes) == ((), ())
    assert (agenda.present, agenda.absent, agenda.substitutes) == (None, (), ())
    assert agenda_version(agenda) == agenda


@settings(max_examples=40, deadline=None)
@given(meeting_documents())
def test_members_see_the_document_as_it_is(doc):
    assert visible_document(doc, MEMBER) == doc


@settings(max_examples=40, deadline=None)
@given(meeting_documents())
def test_the_public_sees_no_closed_item_content(doc):
    for access in (PUBLIC, PUBLISHED):
        seen = visible_document(doc, access)
        for item in seen.items:
            if item.closed:
                assert item.title == "Lukket punkt"
                assert item.sections == ()
                assert item.attachments == ()


@settings(max_examples=40, deadline=None)
@given(meeting_documents())
def test_published_minutes_keep_their_decisions_for_the_public(doc):
    seen = visible_document(doc, PUBLISHED)
    open_items = [i for i in doc.items if not i.closed]
    assert [i for i in seen.items if not i.closed] == open_items


def test_a_reader_who_may_not_see_the_meeting_gets_nothing():
    hidden = MeetingAccess(actions=NO_ACTIONS, view=False, closed=False, decisions=False)
    with pytest.raises(ValueError, match="may not see"):
        visible_document(None, hidden)  # type: ignore[arg-type]
