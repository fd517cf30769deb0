"""`make bench`: run every benchmark and print its table.

`python -m bench --quick` runs short rounds (for a smoke test);
`python -m bench parse import` runs only the named benchmarks.
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys

from rich.console import Console
from rich.table import Table as RichTable

from .common import Table

# Benchmarks in the order they print. A name here without its module is an
# error, not a skip: bench_html was listed for months without existing.
BENCHMARKS = [
    "parse", "bench_parse_before", "bench_layouts", "bench_import", "bench_docx", "bench_pdf",
    "bench_render", "bench_search",
    "bench_fuzz", "bench_absence",
]  # fmt: skip


def show(console: Console, table: Table) -> None:
    rich_table = RichTable(title=table.title, caption=table.note or None)
    for column in table.columns:
        rich_table.add_column(column, justify="left" if column in table.columns[:2] else "right")
    for row in table.rows:
        rich_table.add_row(*row)
    console.print(rich_table)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench")
    parser.add_argument(
        "names", nargs="*", help=f"benchmarks to run (default: all of {BENCHMARKS})"
    )
    parser.add_argument("--quick", action="store_true", help="short rounds, for a smoke test")
    args = parser.parse_args(argv)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "medref.settings")
    console = Console(width=140)
    unknown = [name for name in args.names if name not in BENCHMARKS]
    if unknown:
        parser.error(f"unknown benchmark {', '.join(unknown)}; known: {', '.join(BENCHMARKS)}")
    for name in args.names or BENCHMARKS:
        module = importlib.import_module(f"bench.{name}")
        result = module.run(quick=args.quick)
        for table in result if isinstance(result, list) else [result]:
            show(console, table)
    return 0


if __name__ == "__main__":
    sys.exit(main())
