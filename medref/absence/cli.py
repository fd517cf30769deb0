"""``medref absence import|report|purge`` (docs/absence.md).

Errors go to stderr as ``FILE:ROW:COLUMN: reason`` with exit status 1; a file
with any bad row writes nothing. ``report --json`` prints the contract.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import sys
from pathlib import Path
from typing import Any

BIG_FILE_ROWS = 5000


def _setup() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "medref.settings")
    import django

    django.setup()


def _municipality(name: str | None, *, create: bool) -> Any:
    from django.conf import settings

    from medref.organisation.models import Municipality
    from medref.organisation.services import ensure_municipality

    wanted = name or settings.MEDREF_DEFAULT_MUNICIPALITY
    if create:
        return ensure_municipality(wanted)
    found = Municipality.objects.filter(name__iexact=wanted).first()
    if found is None:
        raise SystemExit(f"no municipality called {wanted!r}")
    return found


def cmd_import(args: argparse.Namespace) -> int:
    _setup()
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

    from medref.absence.metrics.hrfile import FileError, parse_column_map
    from medref.absence.services import import_file

    try:
        columns = parse_column_map(args.columns or "")
    except ValueError as exc:
        print(str(exc), file=sys.stderr)
        return 2
    municipality = _municipality(args.municipality, create=True)
    show = sys.stderr.isatty() if args.progress is None else args.progress
    console = Console(stderr=True, force_terminal=show or None)
    status = 0
    for name in args.files:
        path = Path(name)
        try:
            data = path.read_bytes()
        except OSError as exc:
            print(f"{name}: {exc.strerror}", file=sys.stderr)
            status = 1
            continue
        big = data.count(b"\n") > BIG_FILE_ROWS
        columns_shown = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn())
        with Progress(*columns_shown, console=console, disable=not (show and big)) as progress:
            task = progress.add_task(f"Læser {path.name}", total=None)

            def advance(done: int, total: int, task: Any = task, progress: Any = progress) -> None:
                progress.update(task, completed=done, total=total)

            try:
                result = import_file(
                    str(path), data, municipality=municipality, kind=args.kind,
                    columns=columns, progress=advance,
                )  # fmt: skip
            except FileError as exc:
                for message in exc.messages:
                    print(message, file=sys.stderr)
                status = 1
                continue
        print(
            f"{name}: {result.kind}, {result.rows} rækker: {result.created} nye, "
            f"{result.updated} rettede, {result.unchanged} uændrede"
        )
    return status


def cmd_report(args: argparse.Namespace) -> int:
    _setup()
    from medref.absence.metrics.periods import PeriodError, parse_period
    from medref.absence.metrics.report import ScopeError, to_json
    from medref.absence.metrics.text import draft
    from medref.absence.selectors import report_for

    try:
        period = parse_period(args.period)
    except PeriodError as exc:
        print(f"--period: {exc}", file=sys.stderr)
        return 2
    municipality = _municipality(args.municipality, create=False)
    try:
        loaded = report_for(
            municipality, committee=args.committee, period=period, unit_id=args.unit
        )
    except ScopeError as exc:
        print(str(exc), file=sys.stderr)
        return 1
    if args.json:
        json.dump(to_json(loaded.report), sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    else:
        print(draft(loaded.report))
    return 0


def cmd_purge(args: argparse.Namespace) -> int:
    _setup()
    from medref.absence.services import purge

    try:
        before = dt.date.fromisoformat(args.before)
    except ValueError:
        print(f"--before: {args.before!r} is not a date (2025-01-01)", file=sys.stderr)
        return 2
    result = purge(_municipality(args.municipality, create=False), before)
    print(f"slettet: {result.spells} fraværsforløb, {result.employments} ansættelser før {before}")
    return 0


def register(sub: Any) -> None:
    """Add ``medref absence …`` to the console script's subparsers."""
    absence = sub.add_parser("absence", help="sickness absence: import HR files, report, purge")
    commands = absence.add_subparsers(dest="absence_command", required=True)

    p = commands.add_parser("import", help="import units, employments, absences or targets")
    p.add_argument("files", nargs="+", metavar="FILE")
    p.add_argument("--municipality", default=None)
    p.add_argument("--kind", choices=["units", "employments", "absences", "targets"])
    p.add_argument("--columns", default="", metavar="MAP", help="employee_id=Medarbejdernr,…")
    p.add_argument("--progress", action=argparse.BooleanOptionalAction, default=None)
    p.set_defaults(func=cmd_import)

    p = commands.add_parser("report", help="a committee's figures for a period")
    p.add_argument("--committee", required=True, metavar="NAME")
    p.add_argument("--unit", default=None, metavar="ID")
    p.add_argument(
        "--period", required=True, metavar="P", help="2025-07, 2025Q3, 2025, R4Q:2025Q3, A..B"
    )
    p.add_argument("--municipality", default=None)
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_report)

    p = commands.add_parser("purge", help="delete raw rows that ended before a date")
    p.add_argument("--before", required=True, metavar="DATE")
    p.add_argument("--municipality", default=None)
    p.set_defaults(func=cmd_purge)
