"""Reading HR exports: CSV (``;``, ``,`` or tab; UTF-8 with or without BOM, or
cp1252; decimal comma or point; dates ``2025-07-04`` or ``04-07-2025``) or XLSX.

One kind per file, recognised from its header row (or given), other column
names mapped with ``employee_id=Medarbejdernr,…``. Every bad cell is reported
as ``FILE:ROW:COLUMN: reason`` (rows numbered as a spreadsheet shows them, the
header being row 1). Employee numbers are handed to a pseudonym function as
soon as they are read and never kept.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import itertools
import re
import zipfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Literal

from .model import Absence, Employment, Target, Unit, normalise_type

Cell = str | float | int | dt.date | dt.datetime | None
Kind = Literal["units", "employments", "absences", "targets"]
Record = Unit | Employment | Absence | Target

# kind -> (required columns, optional columns)
COLUMNS: dict[Kind, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "units": (("unit_id", "name"), ("parent_id", "committee")),
    "employments": (("employee_id", "unit_id", "start", "weekly_hours"), ("end",)),
    "absences": (("employee_id", "first_day", "last_day", "type"), ("hours_per_day",)),
    "targets": (("scope", "year", "days_per_fte"), ()),
}
KINDS: tuple[Kind, ...] = ("units", "employments", "absences", "targets")
MAX_ERRORS = 20


class FileError(ValueError):
    """One or more bad rows; ``messages`` are ``FILE:ROW:COLUMN: reason`` lines."""

    def __init__(self, messages: Sequence[str]) -> None:
        self.messages = list(messages)
        super().__init__("\n".join(self.messages))


@dataclass(frozen=True)
class Table:
    name: str
    header: list[str]
    rows: list[list[Cell]]  # row i is spreadsheet row i + 2
    separator: str = ""  # CSV only
    encoding: str = ""  # CSV only


def read_table(name: str, data: bytes) -> Table:
    """The header and rows of a CSV or XLSX file (XLSX: its first sheet)."""
    if data[:2] == b"PK" or name.lower().endswith(".xlsx"):
        return _read_xlsx(name, data)
    return _read_csv(name, data)


def _read_csv(name: str, data: bytes) -> Table:
    try:
        text, encoding = data.decode("utf-8-sig"), "utf-8"
        if data.startswith(b"\xef\xbb\xbf"):
            encoding = "utf-8-sig"
    except UnicodeDecodeError:
        text, encoding = data.decode("cp1252", errors="replace"), "cp1252"
    lines = text.splitlines()
    if not lines or not lines[0].strip():
        raise FileError([f"{name}:1: the file is empty or has no header row"])
    first = lines[0]
    separator = max(";,\t", key=first.count)
    if first.count(separator) == 0:
        separator = ";"
    reader = csv.reader(io.StringIO(text), delimiter=separator)
    rows = [row for row in reader]
    header = [h.strip() for h in rows[0]]
    body: list[list[Cell]] = [list(r) for r in rows[1:]]
    return Table(name, header, body, separator, encoding)


def _read_xlsx(name: str, data: bytes) -> Table:
    from openpyxl import load_workbook  # type: ignore[import-untyped]

    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError) as exc:
        raise FileError([f"{name}:1: not an XLSX workbook that can be opened ({exc})"]) from None
    sheet = book.worksheets[0]
    rows: list[list[Cell]] = []
    for values in sheet.iter_rows(values_only=True):
        rows.append([v if isinstance(v, str | int | float | dt.date) else None for v in values])
    book.close()
    if not rows or not any(rows[0]):
        raise FileError([f"{name}:1: the sheet is empty or has no header row"])
    header = ["" if v is None else str(v).strip() for v in rows[0]]
    return Table(name, header, rows[1:])


def parse_column_map(text: str) -> dict[str, str]:
    """``employee_id=Medarbejdernr,start=Fra`` as {canonical column: file column}."""
    result: dict[str, str] = {}
    known = {c for required, optional in COLUMNS.values() for c in (*required, *optional)}
    for part in text.split(","):
        if not part.strip():
            continue
        key, sep, value = part.partition("=")
        key = key.strip()
        if not sep or not value.strip():
            raise ValueError(f"--columns: {part.strip()!r} is not COLUMN=HEADER")
        if key not in known:
            raise ValueError(
                f"--columns: {key!r} is not a column; known: {', '.join(sorted(known))}"
            )
        result[key] = value.strip()
    return result


def _fold(text: str) -> str:
    return " ".join(text.split()).casefold()


def detect(
    table: Table, columns: dict[str, str] | None = None, kind: str | None = None
) -> tuple[Kind, dict[str, int]]:
    """The file's kind and, per canonical column, its index in the header."""
    wanted = {k: _fold(v) for k, v in (columns or {}).items()}
    positions = {_fold(h): i for i, h in enumerate(table.header) if h}

    def locate(k: Kind) -> dict[str, int]:
        required, optional = COLUMNS[k]
        found = {}
        for column in (*required, *optional):
            for label in (wanted.get(column), column):
                if label is not None and label in positions:
                    found[column] = positions[label]
                    break
        return found

    if kind is not None:
        if kind not in COLUMNS:
            raise FileError([f"{table.name}: unknown kind {kind!r}; use one of {', '.join(KINDS)}"])
        chosen: Kind = kind
    else:
        complete = [k for k in KINDS if all(c in locate(k) for c in COLUMNS[k][0])]
        if not complete:
            expected = "; ".join(f"{k}: {';'.join(COLUMNS[k][0])}" for k in KINDS)
            raise FileError(
                [
                    f"{table.name}:1: the header row ({';'.join(table.header)}) is not one of "
                    f"the known kinds ({expected}); map columns with --columns or name the kind"
                ]
            )
        chosen = max(complete, key=lambda k: len(locate(k)))
    found = locate(chosen)
    missing = [c for c in COLUMNS[chosen][0] if c not in found]
    if missing:
        raise FileError(
            [f"{table.name}:1: a {chosen} file needs the column(s) {', '.join(missing)}"]
        )
    return chosen, found


_ISO = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
_DANISH = re.compile(r"(\d{1,2})[-./](\d{1,2})[-./](\d{4})")


def parse_date(value: Cell) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = str(value or "").strip().split(" ")[0].split("T")[0]
    try:
        if m := _ISO.fullmatch(text):
            return dt.date(int(m[1]), int(m[2]), int(m[3]))
        if m := _DANISH.fullmatch(text):
            return dt.date(int(m[3]), int(m[2]), int(m[1]))
    except ValueError as exc:
        raise ValueError(f"{text!r} is not a date: {exc}") from None
    raise ValueError(f"{text!r} is not a date (2025-07-04 or 04-07-2025)")


def parse_number(value: Cell) -> float:
    if isinstance(value, (bool, dt.date)):
        raise ValueError(f"{value!r} is not a number")
    if isinstance(value, int | float):
        return float(value)
    text = str(value or "").strip().replace(" ", "").replace("\u00a0", "")
    if not text:
        raise ValueError("a number is missing")
    if "," in text and "." in text:
        if text.rfind(",") > text.rfind("."):
            text = text.replace(".", "").replace(",", ".")
        else:
            text = text.replace(",", "")
    else:
        text = text.replace(",", ".")
    try:
        return float(text)
    except ValueError:
        raise ValueError(f"{value!r} is not a number") from None


def _text(value: Cell) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    return " ".join(str(value).split())


@dataclass(frozen=True)
class Parsed:
    kind: Kind
    columns: dict[str, int]
    records: list[tuple[int, Record]]  # (spreadsheet row, record)


def records(
    table: Table,
    kind: Kind,
    columns: dict[str, int],
    pseudonym: Callable[[str], str],
    progress: Callable[[int, int], None] | None = None,
) -> Parsed:
    """Every row as a record; ``FileError`` listing the bad cells (at most MAX_ERRORS)."""
    errors: list[str] = []
    result: list[tuple[int, Record]] = []
    seen: dict[tuple[str, ...], int] = {}
    total = len(table.rows)
    for index, cells in enumerate(table.rows):
        row = index + 2
        if progress is not None and index % 1000 == 0:
            progress(index, total)
        if not any(_text(c) for c in cells):
            continue  # a blank line

        def cell(column: str, cells: list[Cell] = cells) -> Cell:
            position = columns.get(column)
            return None if position is None or position >= len(cells) else cells[position]

        def where(column: str, row: int = row) -> str:
            return f"{table.name}:{row}:{table.header[columns[column]]}"

        try:
            record, key = _record(kind, cell, where, pseudonym)
        except _CellError as exc:
            errors.append(f"{where(exc.column)}: {exc.reason}")
            if len(errors) >= MAX_ERRORS:
                errors.append(f"{table.name}: stopped after {MAX_ERRORS} errors")
                break
            continue
        if key in seen:
            errors.append(f"{table.name}:{row}: the same row key as row {seen[key]}")
            if len(errors) >= MAX_ERRORS:
                errors.append(f"{table.name}: stopped after {MAX_ERRORS} errors")
                break
            continue
        seen[key] = row
        result.append((row, record))
    if progress is not None:
        progress(total, total)
    if errors:
        raise FileError(errors)
    return Parsed(kind, columns, result)


class _CellError(Exception):
    def __init__(self, column: str, reason: str) -> None:
        self.column, self.reason = column, reason


def _record(
    kind: Kind,
    cell: Callable[[str], Cell],
    where: Callable[[str], str],
    pseudonym: Callable[[str], str],
) -> tuple[Record, tuple[str, ...]]:
    def required(column: str) -> str:
        text = _text(cell(column))
        if not text:
            raise _CellError(column, "the value is missing")
        return text

    def date(column: str) -> dt.date:
        try:
            return parse_date(cell(column))
        except ValueError as exc:
            raise _CellError(column, str(exc)) from None

    def optional_date(column: str) -> dt.date | None:
        return None if not _text(cell(column)) else date(column)

    def number(column: str, low: float, high: float) -> float:
        try:
            value = parse_number(cell(column))
        except ValueError as exc:
            raise _CellError(column, str(exc)) from None
        if not low <= value <= high:
            raise _CellError(column, f"{_text(cell(column))} is outside {low:g}..{high:g}")
        return value

    if kind == "units":
        unit_id, parent = required("unit_id"), _text(cell("parent_id"))
        if parent == unit_id:
            raise _CellError("parent_id", "a unit cannot be its own parent")
        unit = Unit(unit_id, required("name"), parent, _text(cell("committee")))
        return unit, (unit_id,)
    if kind == "employments":
        employee = pseudonym(required("employee_id"))
        start, end = date("start"), optional_date("end")
        if end is not None and end < start:
            raise _CellError("end", f"the end {end.isoformat()} is before the start")
        hours = number("weekly_hours", 0.01, 80)
        return Employment(employee, required("unit_id"), start, end, hours), (employee, str(start))
    if kind == "absences":
        employee = pseudonym(required("employee_id"))
        first, last = date("first_day"), date("last_day")
        if last < first:
            raise _CellError("last_day", f"the last day {last.isoformat()} is before the first")
        type_ = normalise_type(required("type"))
        partial = number("hours_per_day", 0.01, 24) if _text(cell("hours_per_day")) else None
        absence = Absence(employee, first, last, type_, partial)
        return absence, (employee, str(first), type_)
    scope = required("scope")
    year = number("year", 1900, 2200)
    if not year.is_integer():
        raise _CellError("year", f"{_text(cell('year'))} is not a year")
    target = Target(scope, int(year), number("days_per_fte", 0, 366))
    return target, (scope.casefold(), str(int(year)))


def overlaps(
    name: str,
    rows: Sequence[tuple[int | None, str, dt.date, dt.date | None]],
    what: str,
) -> list[str]:
    """Messages for rows of one employee overlapping another: (row or None for a
    stored row, employee key, first day, last day or None for ongoing)."""
    ordered = sorted(rows, key=lambda r: (r[1], r[2], r[0] or 0))
    messages: list[tuple[int, str]] = []
    for before, after in itertools.pairwise(ordered):
        if before[1] != after[1]:
            continue
        if before[3] is None or after[2] <= before[3]:
            row = after[0] if after[0] is not None else before[0]
            other = before if row == after[0] else after
            source = f"row {other[0]}" if other[0] is not None else "an earlier import"
            first_column = "start" if what == "employment" else "first_day"
            message = (
                f"{name}:{row}:{first_column}: overlaps another {what} of the same employee "
                f"from {other[2].isoformat()} ({source}); one {what} per employee per day"
            )
            messages.append((row or 0, message))
    return [message for _row, message in sorted(messages)]
