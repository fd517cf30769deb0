"""The one error every importer raises for input it cannot read."""

from __future__ import annotations

from typing import NamedTuple


class ParseError(Exception):
    """Bad input, located: ``FILE:LINE: what is wrong``."""

    def __init__(self, message: str, *, path: str = "<input>", line: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.path = path
        self.line = line

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line is not None else self.path
        return f"{where}: {self.message}"


class LimitExceeded(ParseError):
    """The file is over one of the limits (``medref.lib.limits``): it may be
    perfectly good, just too big or too slow to read. ``setting`` names the
    limit (MEDREF_IMPORT_MAX_PAGES, …)."""

    def __init__(
        self, message: str, *, setting: str, path: str = "<input>", line: int | None = None
    ) -> None:
        super().__init__(message, path=path, line=line)
        self.setting = setting


class UnexpectedError(ParseError):
    """A failure no front end foresaw (a bug in medref or in a library it uses),
    caught at the entry point so that a damaged file is still reported as
    ``FILE: …`` and never as a traceback. The fuzz harness counts these."""


class ParseWarning(NamedTuple):
    """Something readable but missing or suspect: the file is read all the same.

    ``field`` names the `medref parse --json` field it concerns ("meeting_date",
    "committee", "items", …); ``line`` is the source line, when there is one.
    """

    line: int | None
    field: str
    message: str

    def to_data(self) -> dict[str, object]:
        return {"line": self.line, "field": self.field, "message": self.message}
