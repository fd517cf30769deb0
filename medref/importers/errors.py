"""The one error every importer raises for input it cannot read, and its words.

Every message a user sees is Danish, plain and specific: what is wrong and
where (``FILE:LINE: besked``), what was looked for, the closest lines quoted
(``quote``). One vocabulary throughout: "filen", "linje", "side", "afsnit" (a
Word paragraph), "punkt", "mødedato", "starttid", "udvalg", "sagsnummer",
"indholdsfortegnelse", "grænsen er". A warning's ``field`` stays the English
key of the ``medref parse --json`` contract; ``FIELD_LABELS`` is the one place
that names it in Danish for the web.
"""

from __future__ import annotations

from typing import NamedTuple

from medref.lib.limits import TimeLimitExceeded

# The Danish label of each field a warning may concern (the keys of `medref parse --json`).
FIELD_LABELS: dict[str, str] = {
    "kind": "Dokumenttype",
    "committee": "Udvalg",
    "municipality": "Kommune",
    "meeting_date": "Mødedato",
    "start_time": "Starttid",
    "end_time": "Sluttid",
    "location": "Mødested",
    "participants": "Deltagere",
    "absent": "Afbud",
    "minute_taker": "Referent",
    "toc": "Indholdsfortegnelse",
    "items": "Punkter",
}


def field_label(field: str) -> str:
    """ "meeting_date" -> "Mødedato"; a field without a label is shown as its key."""
    return FIELD_LABELS.get(field, field)


def quote(text: str) -> str:
    """A line or value of the file quoted in a message: »Dato: 31-06-2025«."""
    return f"»{text}«"


def time_limit_message(exc: TimeLimitExceeded) -> str:
    """The message of a file that took too long to read, with where reading stopped."""
    return (
        f"læsningen tog mere end {exc.seconds:g} s (MEDREF_IMPORT_MAX_SECONDS); "
        f"opgav ved {exc.where}"
    )


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

    @property
    def label(self) -> str:
        """The field in Danish ("Mødedato"), for the web."""
        return field_label(self.field)

    def to_data(self) -> dict[str, object]:
        return {"line": self.line, "field": self.field, "message": self.message}
