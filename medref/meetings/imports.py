"""``medref import FILE…``: parse files and store them through ``services.import_document``.

Output is part of the CLI contract: one line per file on stdout,
``FILE: importeret|uændret|erstattet (COMMITTEE DD-MM-YYYY)``; failures on
stderr as ``FILE:LINE: reason`` (or ``FILE: reason`` without a line) and
exit status 1 if any file failed. Each file is its own transaction, so one
bad file does not undo the others.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from pathlib import Path
from typing import TextIO

from django.conf import settings
from django.db import DatabaseError

from .mapping import InvalidDocument
from .services import ImportConflict, ImportRefused, import_document

DEFAULT_MUNICIPALITY = "Vejle Kommune"

STATUS_WORDS = {"imported": "importeret", "unchanged": "uændret", "replaced": "erstattet"}


def default_municipality() -> str:
    """settings.MEDREF_DEFAULT_MUNICIPALITY, read when needed (never at import time)."""
    return str(getattr(settings, "MEDREF_DEFAULT_MUNICIPALITY", DEFAULT_MUNICIPALITY))


def import_path(path: Path, *, municipality: str | None, replace: bool) -> str:
    """Import one file and return its stdout line; raises on any failure."""
    from medref.importers import parse_file  # the importers load lazily, like the CLI's

    sha256 = hashlib.sha256(path.read_bytes()).hexdigest()
    doc = parse_file(path)
    # An explicit choice wins, then what the file says, then the installation's default.
    municipality_name = municipality or doc.municipality or default_municipality()
    result = import_document(
        doc,
        municipality_name=municipality_name,
        source_name=path.name,
        source_sha256=sha256,
        replace=replace,
    )
    meeting = result.meeting
    return (
        f"{path}: {STATUS_WORDS[result.status]} "
        f"({meeting.committee.name} {meeting.meeting_date:%d-%m-%Y})"
    )


def import_paths(
    paths: Iterable[Path],
    *,
    municipality: str | None,
    replace: bool,
    stdout: TextIO,
    stderr: TextIO,
) -> int:
    """Import each file; return the exit status (0, or 1 if any file failed)."""
    from medref.importers.errors import ParseError

    status = 0
    for path in paths:
        try:
            line = import_path(Path(path), municipality=municipality, replace=replace)
        except ParseError as exc:
            message = str(exc)  # already "FILE:LINE: reason"
        except ImportConflict as exc:
            message = f"{path}: {exc}; brug --replace for at erstatte mødet"
        except (ImportRefused, InvalidDocument) as exc:
            message = f"{path}: {exc}"
        except OSError as exc:
            message = f"{path}: kan ikke læses: {exc.strerror or exc}"
        except DatabaseError as exc:
            # E.g. two items with the same number; the transaction rolled back.
            message = f"{path}: databasen afviste mødet: {exc}"
        else:
            print(line, file=stdout)
            continue
        print(message, file=stderr)
        status = 1
    return status
