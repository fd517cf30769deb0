"""Who finds what: a reader's Visibility from medref.accounts.permissions."""

from __future__ import annotations

from typing import Any

from medref.accounts.permissions import Action, committees_where, published_statuses
from medref.search.backends import ALL, Visibility


def visibility_for(user: Any) -> Visibility:
    """Closed items, unpublished decisions and planned meetings only where ``user`` may see them.

    A fixed number of queries (two per restricted kind at most); a superuser
    sees everything without a committee list.
    """
    statuses = frozenset(str(s) for s in published_statuses())
    if user is not None and user.is_active and getattr(user, "is_superuser", False):
        return Visibility(ALL, ALL, ALL, statuses)
    return Visibility(
        closed=frozenset(committees_where(user, Action.VIEW_CLOSED)),
        unpublished=frozenset(committees_where(user, Action.VIEW_UNPUBLISHED)),
        planned=frozenset(committees_where(user, Action.EDIT_AGENDA)),
        published_statuses=statuses,
    )
