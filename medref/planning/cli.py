"""``medref followups`` and ``medref klippekort``: the planning rules from the shell.

Their JSON is a contract (docs/planning.md): keys are only ever added.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from typing import Any


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date as YYYY-MM-DD: {text!r}") from None


def cmd_followups(args: argparse.Namespace) -> int:
    from medref.cli import _document_for
    from medref.importers.errors import ParseError
    from medref.planning.rules.followups import to_contract

    try:
        doc = _document_for(args.source)
    except ParseError as exc:
        print(str(exc), file=sys.stderr)
        return 1
    if doc.meeting_date is None:
        print(
            f"{args.source}: the document gives no meeting date, and follow-ups are "
            "read relative to it",
            file=sys.stderr,
        )
        return 1
    contract = to_contract(doc)
    if args.json:
        json.dump(contract, sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
        return 0
    followups: list[dict[str, Any]] = contract["followups"]  # type: ignore[assignment]
    for f in followups:
        due = "næste møde" if f["due"] == "next" else f["due"]
        line = f"Punkt {f['item']} → {due}: {f['text']}"
        if f["condition"]:
            line += f" [betingelse: {f['condition']}]"
        print(line)
    print(f"{len(followups)} opfølgninger foreslået (møde {contract['meeting_date']})")
    return 0


def cmd_klippekort_rule(args: argparse.Namespace) -> int:
    from medref.planning.rules.klippekort import (
        RulesError,
        entitlement,
        format_days,
        parse_functions,
    )

    try:
        functions = parse_functions(args.functions or "")
    except RulesError as exc:
        print(f"--functions: {exc}", file=sys.stderr)
        return 2
    result = entitlement(
        elected=args.elected,
        on=args.on,
        grunduddannelse=args.grunduddannelse,
        functions=functions,
    )
    if args.json:
        json.dump(result.to_contract(), sys.stdout, ensure_ascii=False)
        sys.stdout.write("\n")
    else:
        print(
            f"{result.function_year}. funktionsår: {format_days(result.days)} klippekortdage, "
            f"{format_days(result.statutory_days)} lovpligtige efteruddannelsesdage"
        )
    return 0


def register(sub: Any) -> None:
    """Add ``followups`` and ``klippekort`` to the ``medref`` parser's subcommands."""
    p = sub.add_parser("followups", help="print the follow-ups the decisions promise")
    p.add_argument("source", metavar="FILE_OR_MEETING_ID", help="a file, or a stored meeting's id")
    p.add_argument("--json", action="store_true", help="print them as JSON")
    p.set_defaults(func=cmd_followups)

    p = sub.add_parser("klippekort", help="klippekort entitlements")
    kinds = p.add_subparsers(dest="klippekort_command", required=True)
    r = kinds.add_parser("rule", help="the days the rules give one member on one day")
    r.add_argument("--elected", type=_date, required=True, help="election/appointment date")
    r.add_argument("--grunduddannelse", type=_date, default=None, help="completed on")
    r.add_argument(
        "--functions",
        default="",
        help="comma-separated: arbejdsmiljø, samarbejde, amr (arbejdsmiljørepræsentant)",
    )
    r.add_argument("--on", type=_date, required=True, help="the day asked about")
    r.add_argument("--json", action="store_true", help="print as JSON")
    r.set_defaults(func=cmd_klippekort_rule)
