"""``medref import PATH…``: store minutes files, or whole archives, in the database.

A PATH is a file or a directory; directories are walked recursively in
sorted order and every file whose extension ``medref.importers.EXTENSIONS``
knows is imported (other files are "sprunget over"; hidden files, Office
lock files ``~$…`` and hidden directories such as ``.git`` are passed by).

Output is part of the CLI contract:

- stdout, one line per imported file:
  ``FILE: importeret|uændret|erstattet (COMMITTEE DD-MM-YYYY)``, with
  ``uden dato`` for a file whose date could not be read (the meeting is then
  stored undated and marked "til gennemsyn"; medref never guesses a date);
- stderr, one line per failed file, as it happens: ``FILE:LINE: reason``
  (``FILE: reason`` when there is no line), then the summary line
  ``importeret N, uændret N, sprunget over N, fejlet N`` (with
  ``erstattet N`` after ``importeret`` when ``--replace`` is given);
- exit status 1 if any file failed, 130 if the run was interrupted.

When stderr is a terminal a progress bar replaces the per-file lines on a
terminal stdout (they still go to a redirected stdout).

A rerun is cheap: a file whose SHA-256 is already some meeting's
``source_sha256`` is "uændret" without being parsed. Failed files are never
recorded, so they are tried again. Each file is its own transaction
(``services.import_document``); nothing is kept per file beyond counters, so
memory stays flat over any number of files.
"""

from __future__ import annotations

import hashlib
import logging
import os
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Literal, TextIO

from django.conf import settings
from django.db import DatabaseError, reset_queries

from medref.importers import EXTENSIONS, Limits, format_of, parse_file
from medref.importers.errors import ParseError, ParseWarning
from medref.lib.danish import format_short_date
from medref.lib.limits import limits_from

from .mapping import InvalidDocument
from .models import Meeting
from .services import ImportConflict, ImportRefused, import_document

logger = logging.getLogger(__name__)

FileStatus = Literal["imported", "unchanged", "replaced", "skipped", "failed"]
STATUS_WORDS = {"imported": "importeret", "unchanged": "uændret", "replaced": "erstattet"}
# Exit status of a run stopped by Ctrl-C, as a shell reports SIGINT.
INTERRUPTED = 130
# The closing report's line for a file without a date the parser did not warn about itself.
NO_DATE_WARNING = "ingen mødedato fundet; mødet er importeret uden dato, til gennemsyn"


@dataclass(frozen=True)
class FileResult:
    """What happened to one file: ``message`` is its output line ("" when skipped)."""

    path: Path
    status: FileStatus
    message: str = ""
    # What `medref parse` warned about (fields it could not read): "FILE:LINE: field: …".
    warnings: tuple[str, ...] = ()


@dataclass
class Tally:
    """Counters only: a run over a million files keeps nothing else."""

    imported: int = 0
    replaced: int = 0
    unchanged: int = 0
    skipped: int = 0
    failed: int = 0

    def add(self, status: FileStatus) -> None:
        setattr(self, status, getattr(self, status) + 1)

    @property
    def done(self) -> int:
        return self.imported + self.replaced + self.unchanged + self.failed

    def summary(self, *, replace: bool) -> str:
        parts = [f"importeret {self.imported}"]
        if replace:
            parts.append(f"erstattet {self.replaced}")
        parts += [
            f"uændret {self.unchanged}",
            f"sprunget over {self.skipped}",
            f"fejlet {self.failed}",
        ]
        return ", ".join(parts)


def default_municipality() -> str:
    """settings.MEDREF_DEFAULT_MUNICIPALITY, read when needed (never at import time)."""
    return str(settings.MEDREF_DEFAULT_MUNICIPALITY)


def import_limits() -> Limits:
    """The importers' limits from settings (MEDREF_MAX_IMPORT_BYTES, MEDREF_IMPORT_*),
    whose defaults ``medref/settings.py`` sets."""
    return limits_from(settings)


def max_import_bytes() -> int:
    return import_limits().max_bytes


# --- finding the files ----------------------------------------------------------


@dataclass(frozen=True)
class Candidate:
    """A file to consider; ``explicit`` when named on the command line, not found by a walk."""

    path: Path
    explicit: bool
    error: str | None = None  # a directory that could not be listed


def iter_candidates(paths: Iterable[Path]) -> Iterator[Candidate]:
    """The arguments in order, each directory expanded recursively and sorted by name."""
    for path in paths:
        path = Path(path)
        if path.is_dir():
            yield from _walk(path)
        else:
            yield Candidate(path, explicit=True)


def _walk(directory: Path) -> Iterator[Candidate]:
    try:
        with os.scandir(directory) as scan:
            entries = sorted(scan, key=lambda entry: entry.name)
    except OSError as exc:
        yield Candidate(directory, explicit=True, error=f"kan ikke læses: {exc.strerror or exc}")
        return
    for entry in entries:
        # Symlinked directories are not followed: an archive may link back into itself.
        if entry.is_dir(follow_symlinks=False):
            if not entry.name.startswith("."):
                yield from _walk(Path(entry.path))
        else:
            yield Candidate(Path(entry.path), explicit=False)


def is_wanted(candidate: Candidate) -> bool:
    """Named files are always tried; walked ones only if they look like documents."""
    if candidate.explicit:
        return True
    name = candidate.path.name
    if name.startswith((".", "~$")):  # hidden files, Word/Excel lock files
        return False
    return candidate.path.suffix.lower() in EXTENSIONS


# --- one file -------------------------------------------------------------------


class FileChanged(Exception):
    """The file changed while it was imported; its hash would not describe what was stored."""


def _signature(path: Path) -> tuple[int, int]:
    stat = path.stat()
    return stat.st_size, stat.st_mtime_ns


def _sha256(path: Path) -> str:
    with path.open("rb") as handle:
        return hashlib.file_digest(handle, "sha256").hexdigest()


def imported_meeting(sha256: str, municipality: str | None) -> Meeting | None:
    """The meeting a file with this hash became, if any (in ``municipality`` when given)."""
    meetings = Meeting.objects.select_related("committee").filter(source_sha256=sha256)
    if municipality:
        meetings = meetings.filter(committee__municipality__name=municipality)
    found: Meeting | None = meetings.order_by("pk").first()
    return found


def _line(path: Path, status: str, meeting: Meeting) -> str:
    day = format_short_date(meeting.meeting_date)  # "uden dato" when the file had none
    return f"{path}: {STATUS_WORDS[status]} ({meeting.committee.name} {day})"


def import_file(
    path: Path, *, municipality: str | None, replace: bool, max_bytes: int
) -> FileResult:
    """Import one file; raises on any failure (see ``describe_failure``)."""
    format_of(path)  # an unknown extension fails before the file is read
    before = _signature(path)
    # A file over the limit is not even hashed: parse_file refuses it unread.
    sha256 = _sha256(path) if before[0] <= max_bytes else ""
    meeting = imported_meeting(sha256, municipality) if sha256 else None
    if meeting is not None:
        return FileResult(path, "unchanged", _line(path, "unchanged", meeting))
    notes: list[ParseWarning] = []
    doc = parse_file(path, limits=import_limits(), max_bytes=max_bytes, notes=notes)
    if _signature(path) != before:
        raise FileChanged("filen blev ændret under importen; kør importen igen")
    warnings = tuple(
        f"{path}:{n.line}: {n.field}: {n.message}" if n.line else f"{path}: {n.field}: {n.message}"
        for n in notes
    )
    if doc.meeting_date is None and not any(n.field == "meeting_date" for n in notes):
        # medref never guesses a date: the meeting is stored undated, "til gennemsyn".
        warnings += (f"{path}: meeting_date: {NO_DATE_WARNING}",)
    if not doc.committee:
        raise ImportRefused(
            "filen nævner intet udvalg; skriv udvalget i titlen eller som 'Udvalg: …' og "
            "importér den igen"
        )
    # An explicit choice wins, then what the file says, then the installation's default.
    municipality_name = municipality or doc.municipality or default_municipality()
    result = import_document(
        doc,
        municipality_name=municipality_name,
        source_name=path.name,
        source_sha256=sha256,
        replace=replace,
        needs_review=bool(warnings),
    )
    return FileResult(
        path, result.status, _line(path, result.status, result.meeting), warnings=warnings
    )


def import_path(path: Path, *, municipality: str | None, replace: bool) -> str:
    """Import one file and return its stdout line; raises on any failure."""
    result = import_file(
        Path(path), municipality=municipality, replace=replace, max_bytes=max_import_bytes()
    )
    return result.message


def describe_failure(path: Path, exc: Exception) -> str:
    """The report line for a failed file: ``FILE:LINE: reason`` or ``FILE: reason``."""
    if isinstance(exc, ParseError):
        return str(exc)  # already "FILE:LINE: reason"
    if isinstance(exc, ImportConflict):
        return f"{path}: {exc}; brug --replace for at erstatte mødet"
    if isinstance(exc, ImportRefused | InvalidDocument | FileChanged):
        return f"{path}: {exc}"
    if isinstance(exc, OSError):
        return f"{path}: kan ikke læses: {exc.strerror or exc}"
    if isinstance(exc, DatabaseError):
        # E.g. a constraint the parser does not check; the transaction rolled back.
        return f"{path}: databasen afviste mødet: {exc}"
    return f"{path}: intern fejl: {type(exc).__name__}: {exc}"


def _expected(exc: Exception) -> bool:
    return isinstance(
        exc, ParseError | ImportRefused | InvalidDocument | FileChanged | OSError | DatabaseError
    )


def process(
    candidate: Candidate, *, municipality: str | None, replace: bool, max_bytes: int
) -> FileResult:
    """One candidate's outcome; never raises an ``Exception`` (Ctrl-C still stops the run)."""
    path = candidate.path
    if candidate.error is not None:
        return FileResult(path, "failed", f"{path}: {candidate.error}")
    if not is_wanted(candidate):
        return FileResult(path, "skipped")
    try:
        return import_file(path, municipality=municipality, replace=replace, max_bytes=max_bytes)
    except Exception as exc:
        if not _expected(exc):
            # The traceback is for the operator's log; the report gets one line.
            logger.exception("import of %s failed unexpectedly", path)
        return FileResult(path, "failed", describe_failure(path, exc))
    finally:
        reset_queries()  # with DEBUG on, Django would keep every query of the run


# --- the run ----------------------------------------------------------------------


class Reporter:
    """Plain output: one line per file (stdout for results, stderr for failures)."""

    def __init__(self, stdout: TextIO, stderr: TextIO) -> None:
        self.stdout = stdout
        self.stderr = stderr
        self.tally = Tally()

    def start(self, total: int) -> None:
        pass

    def file(self, result: FileResult) -> None:
        if result.status == "failed":
            print(result.message, file=self.stderr, flush=True)
        elif result.message:
            print(result.message, file=self.stdout)

    def finish(self, summary: str) -> None:
        self.stdout.flush()
        print(summary, file=self.stderr, flush=True)


class ProgressReporter(Reporter):
    """A rich progress bar on stderr; failures are printed above it as they happen.

    Result lines still go to stdout when it is redirected; on a terminal they
    would only scroll the bar away.
    """

    def __init__(self, stdout: TextIO, stderr: TextIO) -> None:
        from rich.console import Console
        from rich.progress import (
            BarColumn,
            MofNCompleteColumn,
            Progress,
            TextColumn,
            TimeRemainingColumn,
        )

        super().__init__(stdout, stderr)
        self.console = Console(file=stderr, highlight=False)
        self.quiet_stdout = _is_tty(stdout)
        self.progress = Progress(
            BarColumn(bar_width=16),
            MofNCompleteColumn(),
            TextColumn("{task.fields[counts]}"),
            TextColumn("{task.fields[rate]}"),
            TextColumn("tilbage"),
            TimeRemainingColumn(),
            console=self.console,
            redirect_stdout=False,
            redirect_stderr=False,
        )
        self.task = self.progress.add_task("import", total=None, counts="", rate="")

    def start(self, total: int) -> None:
        self.progress.update(self.task, total=total)
        self.progress.start()

    def file(self, result: FileResult) -> None:
        if result.status == "failed":
            self.console.print(result.message, markup=False, soft_wrap=True)
        elif result.message and not self.quiet_stdout:
            print(result.message, file=self.stdout)
        if result.status == "skipped":
            return  # not in the total: the bar counts documents
        speed = self.progress.tasks[0].speed or 0.0
        t = self.tally
        self.progress.update(
            self.task,
            advance=1,
            counts=(
                f"[green]{t.imported + t.replaced} importeret[/], "
                f"{t.unchanged} uændret, [red]{t.failed} fejlet[/]"
            ),
            rate=f"{speed:.0f} filer/s",
        )

    def finish(self, summary: str) -> None:
        self.progress.stop()
        super().finish(summary)


def _is_tty(stream: TextIO) -> bool:
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty())


def _report_review(review: list[FileResult], stderr: TextIO) -> None:
    """The closing report's list of files imported with warnings ("til gennemsyn")."""
    if not review:
        return
    print(
        f"til gennemsyn ({len(review)} filer med advarsler; møderne er markeret "
        "'til gennemsyn' på deres side):",
        file=stderr,
    )
    for result in review:
        for warning in result.warnings:
            print(f"  {warning}", file=stderr)
    stderr.flush()


def import_paths(
    paths: Iterable[Path],
    *,
    municipality: str | None,
    replace: bool,
    stdout: TextIO,
    stderr: TextIO,
    progress: bool | None = None,
    max_bytes: int | None = None,
    on_file: Callable[[FileResult], None] | None = None,
) -> int:
    """Import files and directories; return the exit status (0, 1 if any failed, 130).

    ``progress``: a progress bar (True), plain lines (False), or a bar when
    stderr is a terminal (None). ``on_file`` is called after each file, its
    transaction done — a hook for callers and tests (raising
    KeyboardInterrupt there stops the run like Ctrl-C would).
    """
    paths = list(paths)  # the arguments only; files are streamed from the walk
    limit = max_bytes if max_bytes is not None else max_import_bytes()
    use_bar = _is_tty(stderr) if progress is None else progress
    reporter = (ProgressReporter if use_bar else Reporter)(stdout=stdout, stderr=stderr)
    tally = reporter.tally
    # Only the files with warnings are remembered, for the closing report.
    review: list[FileResult] = []
    try:
        # A first, cheap walk gives the bar its total (names only, nothing read).
        reporter.start(sum(1 for c in iter_candidates(paths) if is_wanted(c)) if use_bar else 0)
        for candidate in iter_candidates(paths):
            result = process(candidate, municipality=municipality, replace=replace, max_bytes=limit)
            tally.add(result.status)
            reporter.file(result)
            if result.warnings and result.status in ("imported", "replaced"):
                review.append(result)
            if on_file is not None:
                on_file(result)
    except KeyboardInterrupt:
        _report_review(review, stderr)
        reporter.finish(f"afbrudt: {tally.summary(replace=replace)}")
        return INTERRUPTED
    _report_review(review, stderr)
    reporter.finish(tally.summary(replace=replace))
    return 1 if tally.failed else 0
