"""Who finds what: a reader's ``ReaderScope`` (medref.accounts.scope)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from medref.accounts.scope import ReaderScope

if TYPE_CHECKING:
    from medref.accounts.permissions import AnyUser


def visibility_for(user: AnyUser | None) -> ReaderScope:
    """Closed items, unpublished decisions and planned meetings only where ``user`` may see them.

    A fixed number of queries (one per restricted kind at most); a superuser
    sees everything without a committee list.
    """
    return ReaderScope.for_user(user)
