"""Recording who did what to a meeting."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from medref.meetings.models import AgendaItem, Meeting, MeetingEvent

if TYPE_CHECKING:
    from medref.accounts.permissions import AnyUser


def actor_id(actor: AnyUser | None) -> int | None:
    """The user's id for the history; None for anonymous or unsaved users (CLI)."""
    if actor is None or not getattr(actor, "is_authenticated", False):
        return None
    pk = getattr(actor, "pk", None)
    return pk if isinstance(pk, int) else None


def record(
    meeting: Meeting,
    action: MeetingEvent.Action,
    actor: AnyUser | None,
    *,
    item: AgendaItem | None = None,
    **details: Any,
) -> MeetingEvent:
    """Add one event to the meeting's history; ``details`` must be JSON values."""
    return MeetingEvent.objects.create(
        meeting=meeting, item=item, actor_id=actor_id(actor), action=action, details=details
    )


def changes(obj: Any, new_values: dict[str, Any]) -> dict[str, list[Any]]:
    """``{field: [before, after]}`` for the fields whose value differs, and sets them on ``obj``."""
    changed: dict[str, list[Any]] = {}
    for field, value in new_values.items():
        before = getattr(obj, field)
        if before != value:
            changed[field] = [_json(before), _json(value)]
            setattr(obj, field, value)
    return changed


def _json(value: Any) -> Any:
    if value is None or isinstance(value, bool | int | float | str | list | dict):
        return value
    return str(value)  # dates and times: their ISO form
