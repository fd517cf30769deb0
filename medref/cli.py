"""The ``medref`` console script.

Its output is a contract (README.md documents it): ``parse --json`` prints
the shape of ``documents.serialize.to_contract``; errors go to stderr as
``FILE:LINE: what is wrong`` with exit status 1.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from medref.documents import MeetingDocument


def _setup_django() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "medref.settings")
    import django

    django.setup()


def cmd_parse(args: argparse.Namespace) -> int:
    from medref.documents.serialize import to_contract
    from medref.importers import parse_file
    from medref.importers.errors import ParseError, ParseWarning

    warnings: list[str] = []
    notes: list[ParseWarning] = []
    try:
        doc = parse_file(Path(args.file), warnings=warnings, notes=notes)
    except ParseError as exc:
        print(str(exc), file=sys.stderr)
        return 1
    for note in notes:  # fields that could not be read (issue 15, docs/cli.md)
        where = f"{args.file}:{note.line}" if note.line is not None else args.file
        print(f"advarsel: {where}: {note.field}: {note.message}", file=sys.stderr)
    for warning in warnings:
        print(f"advarsel: {warning}", file=sys.stderr)
    if args.json:
        contract = to_contract(doc)
        contract["warnings"] = [note.to_data() for note in notes]
        json.dump(contract, sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    else:
        from medref.renderers import render

        sys.stdout.write(render(doc, "txt"))
    return 0


def cmd_import(args: argparse.Namespace) -> int:
    _setup_django()
    from medref.meetings.imports import import_paths

    return import_paths(
        [Path(p) for p in args.files],
        municipality=args.municipality,
        replace=args.replace,
        stdout=sys.stdout,
        stderr=sys.stderr,
        progress=args.progress,
    )


def _document_for(source: str) -> MeetingDocument:
    """A file's document, or a stored meeting's when ``source`` is a meeting id."""
    from medref.importers import parse_file

    if source.isdigit() and not Path(source).exists():
        _setup_django()
        from medref.meetings.mapping import to_document
        from medref.meetings.models import Meeting

        try:
            return to_document(int(source))
        except Meeting.DoesNotExist:
            raise SystemExit(f"{source}: no meeting with that id") from None
    return parse_file(Path(source))


def cmd_render(args: argparse.Namespace) -> int:
    from medref.importers.errors import ParseError
    from medref.renderers import render_bytes

    try:
        doc = _document_for(args.source)
    except ParseError as exc:
        print(str(exc), file=sys.stderr)
        return 1
    output = render_bytes(doc, args.to, public=args.public)
    if args.output:
        Path(args.output).write_bytes(output)
    else:
        sys.stdout.buffer.write(output)
    return 0


def cmd_search(args: argparse.Namespace) -> int:
    _setup_django()
    from medref.search.access import visibility_for
    from medref.search.backends import Visibility
    from medref.search.selectors import search, to_contract

    # The operator's view: --closed finds everything, closed items and drafts included.
    visibility = Visibility.everything() if args.closed else visibility_for(None)
    page = search(args.query, visibility=visibility, sort=args.sort, page=args.page)
    if args.json:
        json.dump(to_contract(page), sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
        return 0
    for hit in page.hits:
        entry = hit.entry
        where = f"Punkt {entry.item.number}, " if entry.item else ""
        day = f"{entry.day:%d-%m-%Y}" if entry.day else "dato ikke angivet"
        print(f"{entry.heading} — {where}{entry.committee.name}, {day}")
    print(f"{page.total} fund (side {page.page} af {page.pages})")
    return 0


def cmd_reindex(args: argparse.Namespace) -> int:
    _setup_django()
    from rich.console import Console
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeElapsedColumn,
        TimeRemainingColumn,
    )

    from medref.search.services import reindex_all

    show = sys.stderr.isatty() if args.progress is None else args.progress
    columns = (
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("møder"),
        TimeElapsedColumn(),
        TimeRemainingColumn(),
    )
    console = Console(stderr=True, force_terminal=show or None)
    with Progress(*columns, console=console, disable=not show) as progress:
        task = progress.add_task("Genopbygger søgeindekset", total=None)

        def advance(done: int, total: int) -> None:
            progress.update(task, completed=done, total=total)

        count = reindex_all(advance)
    print(f"{count} søgeposter")
    return 0


def cmd_prune_files(args: argparse.Namespace) -> int:
    _setup_django()
    import datetime as dt

    from medref.meetings.files import prune_files

    if args.older_than < 0:
        print("--older-than skal være 0 eller flere timer", file=sys.stderr)
        return 2
    names = prune_files(older_than=dt.timedelta(hours=args.older_than), dry_run=args.dry_run)
    for name in names:
        print(name)
    verb = "ville blive slettet" if args.dry_run else "slettet"
    print(f"{len(names)} filer uden ejer {verb}", file=sys.stderr)
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="medref", description="medref: MED-udvalgenes mødesystem")
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("parse", help="read minutes or an agenda and print what medref understood")
    p.add_argument("file")
    p.add_argument("--json", action="store_true", help="print the document as JSON")
    p.set_defaults(func=cmd_parse)

    p = sub.add_parser("import", help="store minutes in the database (atomic, idempotent)")
    p.add_argument("files", nargs="+")
    p.add_argument("--municipality", default=None, help="municipality the committees belong to")
    p.add_argument(
        "--replace", action="store_true", help="replace a meeting imported from another file"
    )
    p.add_argument(
        "--progress",
        action=argparse.BooleanOptionalAction,
        default=None,
        help="show a progress bar (default: when stderr is a terminal)",
    )
    p.set_defaults(func=cmd_import)

    from medref.renderers.formats import FORMATS

    p = sub.add_parser(
        "render", help=f"write minutes or an agenda as {', '.join(FORMATS[:-1])} or {FORMATS[-1]}"
    )
    p.add_argument("source", metavar="FILE_OR_MEETING", help="a file, or a stored meeting's id")
    p.add_argument("--to", choices=FORMATS, required=True)
    p.add_argument("--public", action="store_true", help="the public version: no closed items")
    p.add_argument("-o", "--output", default=None, help="write here instead of to stdout")
    p.set_defaults(func=cmd_render)

    p = sub.add_parser("search", help="full-text search over the stored meetings")
    p.add_argument("query")
    p.add_argument("--json", action="store_true", help="print the results as JSON")
    p.add_argument("--closed", action="store_true", help="include closed items")
    p.add_argument("--sort", choices=["relevance", "date"], default="relevance")
    p.add_argument("--page", type=int, default=1)
    p.set_defaults(func=cmd_search)

    p = sub.add_parser("reindex", help="rebuild the search index from scratch")
    p.add_argument(
        "--progress",
        action=argparse.BooleanOptionalAction,
        default=None,
        help="show a progress bar (default: when stderr is a terminal)",
    )
    p.set_defaults(func=cmd_reindex)

    p = sub.add_parser(
        "prune-files", help="delete stored files no attachment, agenda or history event names"
    )
    p.add_argument("--dry-run", action="store_true", help="list them, delete nothing")
    p.add_argument(
        "--older-than",
        type=float,
        default=24.0,
        metavar="HOURS",
        help="only files last written more than HOURS ago (default 24)",
    )
    p.set_defaults(func=cmd_prune_files)

    from medref.planning.cli import register as register_planning

    register_planning(sub)

    from medref.absence.cli import register as register_absence

    register_absence(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        status = int(args.func(args))
        sys.stdout.flush()  # a closed pipe shows here, not at interpreter exit
        return status
    except BrokenPipeError:
        # The reader went away (`medref search … | head`): stop quietly, as a
        # shell tool killed by SIGPIPE would (status 128 + 13). Point stdout
        # at /dev/null so that Python's final flush does not fail again.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
        return 141


if __name__ == "__main__":
    raise SystemExit(main())
