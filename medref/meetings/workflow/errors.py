"""Why a workflow action was refused, in words for the user."""

from __future__ import annotations

from typing import Any


class WorkflowError(Exception):
    """An action that cannot be done; ``message`` says why, in the user's language.

    ``field`` names the form field the message belongs next to, if any.
    """

    def __init__(self, message: Any, *, field: str | None = None) -> None:
        super().__init__(str(message))
        self.message = message
        self.field = field


class InvalidInput(WorkflowError):
    """The values given cannot be stored (a blank title, a file too large, …)."""


class IllegalTransition(WorkflowError):
    """The meeting's status does not allow the action (e.g. editing a sent agenda)."""


class Conflict(WorkflowError):
    """Someone else saved the same thing since the editor opened it."""


class NeedsConfirmation(WorkflowError):
    """The action may be done, but something looks wrong: ``reasons`` say what.

    Called again with ``confirmed=True`` (the person confirmed it) it goes through.
    """

    def __init__(self, reasons: list[Any]) -> None:
        super().__init__(" ".join(str(r) for r in reasons))
        self.reasons = reasons
