"""A meeting's statuses, as stored, in one model-free place.

planned → agenda_sent → held → minutes_draft → minutes_approved → published.
``Meeting.Status`` (the model's choices, with their labels) has exactly these
values in this order (``tests/accounts/test_scope.py`` checks it); code that
decides who sees what (``medref.accounts.scope``) and SQL built by hand use
these names, never a string literal of their own.
"""

from __future__ import annotations

from typing import Final

PLANNED: Final = "planned"  # the agenda is being built; only its editors see the meeting
AGENDA_SENT: Final = "agenda_sent"
HELD: Final = "held"
MINUTES_DRAFT: Final = "minutes_draft"
MINUTES_APPROVED: Final = "minutes_approved"
PUBLISHED: Final = "published"

ORDER: Final[tuple[str, ...]] = (
    PLANNED,
    AGENDA_SENT,
    HELD,
    MINUTES_DRAFT,
    MINUTES_APPROVED,
    PUBLISHED,
)

# The minutes (decisions) are public in these; imported minutes are stored as published.
PUBLISHED_STATUSES: Final[frozenset[str]] = frozenset({PUBLISHED})
# The meeting has minutes (a draft at least) in these; before, its document is an agenda.
MINUTES_STATUSES: Final[frozenset[str]] = frozenset({MINUTES_DRAFT, MINUTES_APPROVED, PUBLISHED})
