"""What other apps call to have a mail sent (after their transaction commits)."""

from __future__ import annotations

from .kinds import Kind
from .signals import enqueue


def comment_written(comment_id: int) -> None:
    """A comment on an item: the committee's secretary is told."""
    enqueue(Kind.COMMENT, comment_id)


def subscription_made(subscription_id: int) -> None:
    """A citizen asked for the minutes: the confirmation mail (double opt-in)."""
    from django.db import transaction

    from .mail import CONFIRM
    from .tasks import deliver

    transaction.on_commit(
        lambda: deliver.enqueue(CONFIRM, subscription_id, f"sub:{subscription_id}")
    )
