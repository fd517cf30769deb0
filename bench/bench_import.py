"""Bulk import throughput: a generated archive of text and Markdown minutes.

Three measurements over the same archive, on one core:

- parse: ``parse_file`` on every file, nothing stored (referats/s, MB/s);
- import: ``medref import DIR`` into an empty throw-away database (files/s);
- rerun: the same command again, every file skipped by its hash (files/s);
- upkeep: after one workflow save, re-indexing the edited item only (what a
  save costs now) against the whole meeting (what it cost before), on the
  largest imported meeting.

The archive is the demo minutes with their dates moved, so every file is a
distinct meeting of realistic size. The database is a fresh test database
(Django's ``create_test_db``: a temporary SQLite file, or ``test_<name>`` on
PostgreSQL when DATABASE_URL names one), never the configured one.
"""

from __future__ import annotations

import datetime as dt
import io
import os
import re
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path

from .common import Table

DEMO = Path(__file__).resolve().parents[1] / "medref" / "demo"

_SHORT = re.compile(r"\b\d{2}-\d{2}-\d{4}\b")
_LONG = re.compile(r"\b[A-ZÆØÅ][a-zæøå]+dag d\. \d{2}\. [a-zæøå]+ \d{4}")


def _templates() -> list[tuple[str, str]]:
    return [(p.suffix, p.read_text(encoding="utf-8")) for p in sorted(DEMO.glob("referat-*"))]


def redate(text: str, day: dt.date) -> str:
    """The minutes moved to ``day``: the title's date and the Mødedato line."""
    from medref.lib.danish import format_long_date, format_short_date

    text = _SHORT.sub(format_short_date(day), text, count=1)
    return _LONG.sub(format_long_date(day), text, count=1)


def archive_texts(
    n_files: int, *, start: dt.date = dt.date(2010, 1, 4)
) -> Iterator[tuple[str, str]]:
    """(relative name, text) of ``n_files`` distinct minutes, one day apart per file."""
    templates = _templates()
    for index in range(n_files):
        suffix, text = templates[index % len(templates)]
        day = start + dt.timedelta(days=index)
        yield f"{day:%Y}/{day:%m}/referat-{index:05d}{suffix}", redate(text, day)


def write_archive(directory: Path, n_files: int) -> int:
    """Write the archive under ``directory``; returns its size in bytes."""
    total = 0
    for name, text in archive_texts(n_files):
        path = directory / name
        path.parent.mkdir(parents=True, exist_ok=True)
        data = text.encode("utf-8")
        path.write_bytes(data)
        total += len(data)
    return total


def _files(directory: Path, suffix: str) -> list[Path]:
    return sorted(directory.rglob(f"*{suffix}"))


def _parse_rate(paths: list[Path]) -> dict[str, float]:
    from medref.importers import parse_file

    size = sum(p.stat().st_size for p in paths)
    start = time.perf_counter()
    for path in paths:
        parse_file(path)
    elapsed = time.perf_counter() - start
    return {"files": len(paths), "seconds": elapsed, "bytes": size}


def _import_rate(directory: Path, n_files: int) -> tuple[dict[str, float], dict[str, float]]:
    from medref.meetings.imports import import_paths

    runs = []
    for _ in range(2):  # the first imports, the second finds every hash
        out, err = io.StringIO(), io.StringIO()
        start = time.perf_counter()
        status = import_paths(
            [directory], municipality=None, replace=False, stdout=out, stderr=err, progress=False
        )
        elapsed = time.perf_counter() - start
        if status != 0:
            raise RuntimeError(f"the benchmark archive did not import cleanly:\n{err.getvalue()}")
        runs.append({"files": n_files, "seconds": elapsed, "bytes": 0.0})
    return runs[0], runs[1]


def _upkeep_rates() -> list[tuple[str, int, float]]:
    """(what, entries written, calls/s): the largest meeting re-indexed whole and by item."""
    from django.db import transaction
    from django.db.models import Count

    from medref.meetings.models import AgendaItem, Meeting
    from medref.search.services import index_item, index_meeting

    from .common import best_rate

    meeting = (
        Meeting.objects.select_related("committee").annotate(n=Count("items")).order_by("-n")[0]
    )
    items = AgendaItem.objects.filter(meeting=meeting).annotate(n=Count("sections"))
    item = items.order_by("-n")[0]

    def whole() -> int:
        with transaction.atomic():
            return index_meeting(meeting)

    def one_item() -> int:
        with transaction.atomic():
            return index_item(item)

    return [
        ("whole meeting (each save before)", whole(), best_rate(whole, seconds=2.0)),
        ("edited item only", one_item(), best_rate(one_item, seconds=2.0)),
    ]


def _with_test_database(work: Callable[[], None]) -> None:
    import django
    from django.conf import settings
    from django.db import connection

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "medref.settings")
    django.setup()
    with tempfile.TemporaryDirectory(prefix="medref-bench-db-") as tmp:
        test_settings = settings.DATABASES["default"].setdefault("TEST", {})
        if connection.vendor == "sqlite":
            test_settings["NAME"] = str(Path(tmp) / "bench.sqlite3")
        old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True)
        try:
            work()
        finally:
            connection.creation.destroy_test_db(old_name, verbosity=0)


def measure(
    n_files: int, upkeep: list[tuple[str, int, float]] | None = None
) -> list[dict[str, object]]:
    """One dict per measurement: {"what", "format", "files", "seconds", "bytes",
    "files_per_s", "mb_per_s"} (``bytes``/``mb_per_s`` are 0 for database runs).
    ``upkeep``, when given, receives ``_upkeep_rates()`` measured on the imported archive."""
    rows: list[dict[str, object]] = []

    def row(what: str, fmt: str, m: dict[str, float]) -> None:
        seconds = m["seconds"] or 1e-9
        rows.append(
            {
                "what": what,
                "format": fmt,
                "files": int(m["files"]),
                "seconds": round(seconds, 3),
                "bytes": int(m["bytes"]),
                "files_per_s": round(m["files"] / seconds, 1),
                "mb_per_s": round(m["bytes"] / seconds / 1e6, 2),
            }
        )

    with tempfile.TemporaryDirectory(prefix="medref-bench-archive-") as tmp:
        directory = Path(tmp)
        write_archive(directory, n_files)
        for suffix, fmt in ((".txt", "txt"), (".md", "md")):
            row("parse", fmt, _parse_rate(_files(directory, suffix)))

        def database() -> None:
            first, second = _import_rate(directory, n_files)
            row("import", "txt+md", first)
            row("rerun (hash skip)", "txt+md", second)
            if upkeep is not None:
                upkeep.extend(_upkeep_rates())

        _with_test_database(database)
    return rows


def run(quick: bool = False) -> list[Table]:
    """The `make bench` tables (see bench/__init__.py)."""
    n_files = 60 if quick else 600
    table = Table(
        f"Bulk import of a generated archive ({n_files} demo-sized minutes, one core)",
        ["step", "fmt", "files", "s", "files/s", "MB/s"],
        note="parse = file -> MeetingDocument; import = medref import DIR into an empty database",
    )
    upkeep: list[tuple[str, int, float]] = []
    for m in measure(n_files, upkeep):
        table.rows.append(
            [
                str(m["what"]),
                str(m["format"]),
                f"{m['files']}",
                f"{m['seconds']:.2f}",
                f"{m['files_per_s']:,.1f}",
                f"{m['mb_per_s']:.2f}" if m["bytes"] else "",
            ]
        )
    saves = Table(
        "Index upkeep after one save (the largest imported meeting)",
        ["re-index", "entries", "ms", "per s", "x faster"],
        note="what a workflow save re-indexed before (whole meeting) and now (the edited item)",
    )
    baseline = upkeep[0][2] if upkeep else 1.0
    for what, entries, rate in upkeep:
        saves.rows.append(
            [what, str(entries), f"{1000 / rate:.1f}", f"{rate:,.0f}", f"{rate / baseline:.1f}"]
        )
    return [table, saves]
