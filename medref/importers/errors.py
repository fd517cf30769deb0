"""The one error every importer raises for input it cannot read."""

from __future__ import annotations


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


class UnexpectedError(ParseError):
    """A failure no front end foresaw (a bug in medref or in a library it uses),
    caught at the entry point so that a damaged file is still reported as
    ``FILE: …`` and never as a traceback. The fuzz harness counts these."""
