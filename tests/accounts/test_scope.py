"""The ReaderScope's forms agree: Python predicate, ORM Q, SQL fragments, document.

For every persona and every meeting status, each form of the one rule
(``medref.accounts.scope``) gives the same answer as the others and as the
README's table (``tests/accounts/marked.expected``).
"""

from __future__ import annotations

import pytest
from django.db import connection

from medref.accounts.permissions import meeting_access
from medref.accounts.scope import ReaderScope
from medref.meetings import statuses
from medref.meetings.models import AgendaItem, Meeting, Section

from .marked import (
    CLOSED_CASE,
    CLOSED_DECISION,
    OPEN_CASE,
    OPEN_DECISION,
    PERSONAS,
    expected,
    make_marked_meetings,
)

pytestmark = pytest.mark.django_db


def test_the_status_constants_are_the_models_choices():
    assert tuple(Meeting.Status.values) == statuses.ORDER
    assert {Meeting.Status.PUBLISHED} == statuses.PUBLISHED_STATUSES


@pytest.mark.parametrize("name", PERSONAS)
def test_every_form_agrees_with_the_table(personas, name):
    marked = make_marked_meetings()
    user = personas.users[name]
    scope = ReaderScope.for_user(user)

    meetings = set(Meeting.objects.filter(scope.meetings_q()).values_list("pk", flat=True))
    items = set(AgendaItem.objects.filter(scope.items_q()).values_list("pk", flat=True))
    sections = _sections_by_sql(scope)
    for status, meeting in marked.meetings.items():
        cid = meeting.committee_id
        sees = expected(name, status, OPEN_CASE)
        assert scope.sees_meeting(cid, status) is sees, status
        assert (meeting.pk in meetings) is sees, status
        access = meeting_access(user, meeting)
        assert access.view is sees
        for item in meeting.items.all():
            kind = CLOSED_CASE if item.closed else OPEN_CASE
            decision = CLOSED_DECISION if item.closed else OPEN_DECISION
            assert scope.sees_item(cid, status, item.closed) is expected(name, status, kind)
            assert (item.pk in items) is expected(name, status, kind), (status, item.number)
            for section in item.sections.all():
                shown = section.pk in sections
                if section.kind == Section.Kind.DECISION:
                    assert shown is expected(name, status, decision), (status, item.number)
                else:
                    assert shown is expected(name, status, kind), (status, item.number)
        if sees:
            assert access.closed is expected(name, status, CLOSED_CASE)
            assert access.decisions is expected(name, status, OPEN_DECISION)
            assert scope.sees_decisions(cid, status) is expected(name, status, OPEN_DECISION)


def _sections_by_sql(scope: ReaderScope) -> set[int]:
    """Section ids the scope's SQL fragments let through, over the stored rows."""
    fragments = scope.sql(
        committee="m.committee_id", status="m.status", closed="i.closed", section_kind="s.kind"
    )
    where = " AND ".join(f for f, _ in fragments) or "1 = 1"
    params = [p for _, ps in fragments for p in ps]
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT s.id FROM meetings_section s "
            "JOIN meetings_agendaitem i ON i.id = s.item_id "
            f"JOIN meetings_meeting m ON m.id = i.meeting_id WHERE {where}",
            params,
        )
        return {row[0] for row in cursor.fetchall()}


def test_the_superuser_scope_asks_no_query(personas, django_assert_num_queries):
    with django_assert_num_queries(0):
        assert ReaderScope.for_user(personas.root) == ReaderScope.everything()
    with django_assert_num_queries(0):
        assert ReaderScope.for_user(personas.anonymous) == ReaderScope.public()


@pytest.mark.parametrize("name", ["mads", "anna", "sara", "otto"])
def test_a_signed_in_readers_scope_costs_three_queries_at_most(
    personas, django_assert_max_num_queries, name
):
    with django_assert_max_num_queries(3):
        ReaderScope.for_user(personas.users[name])


def test_the_scope_in_one_committee_asks_no_query(personas, django_assert_num_queries):
    from medref.accounts.permissions import ALL_ACTIONS

    with django_assert_num_queries(0):
        scope = ReaderScope.in_committee(personas.committee.pk, ALL_ACTIONS)
    assert scope.sees_meeting(personas.committee.pk, statuses.PLANNED)
    assert not scope.sees_meeting(personas.hovedmed.pk, statuses.PLANNED)
    assert scope.sees_meeting(personas.hovedmed.pk, statuses.AGENDA_SENT)
