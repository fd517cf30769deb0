"""Each rule is written once: a scan of medref/ for copies of it (issue 14, "each default once").

What the scan looks for, and where the one definition lives:

- a meeting status spelled as a string ("planned", 'published' in SQL) where
  code compares, filters or stores statuses: only ``medref/meetings/statuses.py``
  (and migrations, which are history) may spell them;
- ``getattr(settings, …)`` with a default: settings are read as ``settings.X``;
  only ``medref/lib/limits.py`` looks settings up by name;
- a visibility filter — ``status__in=``/``.exclude(status=…)``/``~Q(status…)``,
  a filter on ``closed``, SQL on ``status``/``closed``, or a Python test of an
  item's ``closed`` against a reader's access — outside ``medref/accounts/``
  (``scope.py`` decides, ``permissions.py`` and ``visibility.py`` are its answers
  for one meeting and one document); ``documents/public.py`` cuts the public version;
- the closed-item wording "Lukket punkt" as a string outside ``documents/public.py``;
- a list of the output formats outside ``renderers/formats.py``.

The scanner is tested on snippets that break each rule, so a reintroduced copy fails.
"""

from __future__ import annotations

import ast
import re
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "medref"

# Spelled out here rather than imported: the scan must not trust the module it guards.
STATUSES = frozenset(
    {"planned", "agenda_sent", "held", "minutes_draft", "minutes_approved", "published"}
)
OUTPUT_FORMATS = frozenset({"pdf", "docx", "html", "md", "txt"})
CLOSED_WORDING = "Lukket punkt"

STATUS_HOME = "medref/meetings/statuses.py"
SETTINGS_HOME = "medref/lib/limits.py"
VISIBILITY_HOMES = frozenset(
    {
        "medref/accounts/scope.py",
        "medref/accounts/permissions.py",
        "medref/accounts/visibility.py",
        "medref/documents/public.py",
    }
)
WORDING_HOME = "medref/documents/public.py"
FORMATS_HOME = "medref/renderers/formats.py"

# Names that stand for a reader's rights in an expression about an item's ``closed``.
ACCESS_NAMES = frozenset({"access", "scope", "visibility"})
# ORM calls whose keyword arguments filter a queryset.
FILTER_CALLS = frozenset({"filter", "exclude", "get", "Q", "count", "exists"})

_STATUS_WORDS = "|".join(sorted(STATUSES))
# SQL (in a Python string or a .sql file) that filters on a status or on closed items.
SQL_VISIBILITY = re.compile(
    r"\bstatus\s*(<>|!=|\bIN\b|\bNOT\s+IN\b)|\bNOT\s+[\w.]*closed\b|\bclosed\s*=\s*(0|1|false|true|%s)\b",
    re.IGNORECASE,
)
SQL_STATUS_LITERAL = re.compile(rf"'({_STATUS_WORDS})'")
# A template comparing a status with a literal: {% if meeting.status == "planned" %}.
TEMPLATE_STATUS = re.compile(rf"status\w*\s*(==|!=|in)\s*[\"']({_STATUS_WORDS})[\"']")
GETATTR_SETTINGS = re.compile(r"getattr\(\s*(django\.conf\.)?settings\s*,")


@dataclass(frozen=True)
class Finding:
    path: str
    line: int
    rule: str
    text: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.rule}: {self.text}"


def _names_in(node: ast.AST) -> set[str]:
    """Every identifier and attribute name in ``node`` (lower case)."""
    found: set[str] = set()
    for child in ast.walk(node):
        if isinstance(child, ast.Name):
            found.add(child.id.lower())
        elif isinstance(child, ast.Attribute):
            found.add(child.attr.lower())
    return found


def _mentions_status(node: ast.AST) -> bool:
    return any("status" in name for name in _names_in(node))


def _base_name(node: ast.expr) -> str:
    while isinstance(node, ast.Attribute):
        node = node.value
    if isinstance(node, ast.Call):
        return _base_name(node.func)
    return node.id if isinstance(node, ast.Name) else ""


def _call_name(call: ast.Call) -> str:
    func = call.func
    if isinstance(func, ast.Attribute):
        return func.attr
    return func.id if isinstance(func, ast.Name) else ""


def _another_models_status(node: ast.expr) -> bool:
    """``FollowUp.Status.DISMISSED`` (and only such): a status of something else than a
    meeting, which no reader's scope is about."""
    chains = [
        a
        for a in ast.walk(node)
        if isinstance(a, ast.Attribute)
        and isinstance(a.value, ast.Attribute)
        and a.value.attr == "Status"
    ]
    return bool(chains) and all(
        isinstance(a.value, ast.Attribute)
        and isinstance(a.value.value, ast.Name)
        and a.value.value.id != "Meeting"
        for a in chains
    )


def _is_status_literal(node: ast.AST) -> bool:
    return isinstance(node, ast.Constant) and node.value in STATUSES


def _status_literals_in(node: ast.AST) -> list[ast.Constant]:
    return [c for c in ast.walk(node) if isinstance(c, ast.Constant) and c.value in STATUSES]


def _is_definition(node: ast.stmt, in_class: bool) -> bool:
    """``NAME = "value"`` (or ``= "value", label``) in a class body: a choice's own
    definition (MeetingEvent.Kind.HELD is an event, not a status)."""
    if not in_class or not isinstance(node, ast.Assign) or len(node.targets) != 1:
        return False
    target = node.targets[0]
    return isinstance(target, ast.Name) and target.id.isupper()


def scan_python(source: str, path: str) -> list[Finding]:
    """The copies of a single-definition rule in one Python module."""
    tree = ast.parse(source, filename=path)
    lines = source.splitlines()
    findings: list[Finding] = []

    def add(node: ast.AST, rule: str) -> None:
        line = getattr(node, "lineno", 0)
        text = lines[line - 1].strip() if 0 < line <= len(lines) else ""
        findings.append(Finding(path, line, rule, text))

    def visit_statements(body: list[ast.stmt], in_class: bool) -> None:
        for statement in body:
            if isinstance(statement, ast.ClassDef):
                visit_statements(statement.body, True)
                continue
            if _is_definition(statement, in_class):
                continue
            visit(statement)

    def visit(node: ast.AST) -> None:
        check(node)
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.ClassDef):
                visit_statements(child.body, True)
            else:
                visit(child)

    def check(node: ast.AST) -> None:
        # Status literals where statuses are compared, filtered or stored.
        if path != STATUS_HOME:
            if isinstance(node, ast.Compare) and _mentions_status(node):
                for literal in _status_literals_in(node):
                    add(literal, "status literal")
            elif isinstance(node, ast.keyword) and node.arg and "status" in node.arg.lower():
                for literal in _status_literals_in(node.value):
                    add(literal, "status literal")
            elif isinstance(node, (ast.Assign, ast.AnnAssign)):
                targets = node.targets if isinstance(node, ast.Assign) else [node.target]
                if any(_mentions_status(t) for t in targets) and node.value is not None:
                    for literal in _status_literals_in(node.value):
                        add(literal, "status literal")
            elif isinstance(node, ast.Dict):
                for key, value in zip(node.keys, node.values, strict=True):
                    if key is not None and _is_status_literal(key) and _mentions_status(value):
                        add(key, "status literal")
            elif (
                isinstance(node, ast.Constant)
                and isinstance(node.value, str)
                and SQL_STATUS_LITERAL.search(node.value)
                and re.search(r"\bstatus\b", node.value)
            ):
                add(node, "status literal")
        # getattr(settings, …).
        if (
            path != SETTINGS_HOME
            and isinstance(node, ast.Call)
            and isinstance(node.func, ast.Name)
            and node.func.id == "getattr"
            and node.args
            and _base_name(node.args[0]) == "settings"
        ):
            add(node, "getattr(settings")
        # Visibility filters.
        if path not in VISIBILITY_HOMES:
            if isinstance(node, ast.Call) and _call_name(node) in FILTER_CALLS:
                for keyword in node.keywords:
                    arg = (keyword.arg or "").lower()
                    meeting_status = (
                        arg.endswith("status__in")
                        or (_call_name(node) == "exclude" and "status" in arg)
                    ) and not _another_models_status(keyword.value)
                    if arg.endswith("closed") or meeting_status:
                        add(keyword.value, "visibility filter")
            elif (
                isinstance(node, ast.UnaryOp)
                and isinstance(node.op, ast.Invert)
                and isinstance(node.operand, ast.Call)
                and _call_name(node.operand) == "Q"
                and any("status" in (k.arg or "") for k in node.operand.keywords)
            ):
                add(node, "visibility filter")
            elif isinstance(node, ast.BoolOp):
                closed_bases = {
                    _base_name(a.value)
                    for a in ast.walk(node)
                    if isinstance(a, ast.Attribute) and a.attr == "closed"
                }
                item_flags = closed_bases - ACCESS_NAMES - {"self", "args", ""}
                if item_flags and (_names_in(node) & ACCESS_NAMES):
                    add(node, "visibility filter")
            elif (
                isinstance(node, ast.Constant)
                and isinstance(node.value, str)
                and SQL_VISIBILITY.search(node.value)
                and re.search(r"\b(SELECT|WHERE|AND|OR)\b", node.value)
            ):
                add(node, "visibility filter")
        # "Lukket punkt".
        if (
            path != WORDING_HOME
            and isinstance(node, ast.Constant)
            and isinstance(node.value, str)
            and node.value.strip(" .:") == CLOSED_WORDING
        ):
            add(node, "closed-item wording")
        # A list of the output formats.
        if (
            path != FORMATS_HOME
            and isinstance(node, (ast.Tuple, ast.List, ast.Set))
            and len(node.elts) >= 3
            and all(isinstance(e, ast.Constant) and e.value in OUTPUT_FORMATS for e in node.elts)
        ):
            add(node, "format list")

    visit_statements(tree.body, False)
    # One finding per line and rule (a BoolOp nests another).
    unique = {(f.line, f.rule): f for f in findings}
    return sorted(unique.values(), key=lambda f: (f.line, f.rule))


def scan_text(source: str, path: str) -> list[Finding]:
    """The copies in a template or SQL file."""
    findings = []
    for number, line in enumerate(source.splitlines(), start=1):
        if TEMPLATE_STATUS.search(line) or (
            SQL_STATUS_LITERAL.search(line) and re.search(r"\bstatus\b", line)
        ):
            findings.append(Finding(path, number, "status literal", line.strip()))
        if path.endswith(".sql") and SQL_VISIBILITY.search(line):
            findings.append(Finding(path, number, "visibility filter", line.strip()))
        if GETATTR_SETTINGS.search(line):
            findings.append(Finding(path, number, "getattr(settings", line.strip()))
    return findings


def scan(path: Path) -> list[Finding]:
    relative = path.relative_to(ROOT).as_posix()
    source = path.read_text(encoding="utf-8")
    if path.suffix == ".py":
        return scan_python(source, relative)
    return scan_text(source, relative)


def package_files() -> list[Path]:
    return sorted(
        p
        for suffix in ("*.py", "*.html", "*.txt", "*.sql")
        for p in PACKAGE.rglob(suffix)
        if "migrations" not in p.parts
        and "locale" not in p.parts
        # .txt: the e-mail templates, not the demo minutes.
        and (p.suffix != ".txt" or "templates" in p.parts)
    )


# --- the scan of medref ----------------------------------------------------------


def test_medref_has_one_definition_of_each_rule() -> None:
    findings = [finding for path in package_files() for finding in scan(path)]
    assert not findings, "copies of a single-definition rule:\n" + "\n".join(map(str, findings))


def test_the_scan_reads_the_whole_package() -> None:
    """A scan that silently found no files would pass; it reads the apps and the templates."""
    files = {p.relative_to(ROOT).as_posix() for p in package_files()}
    assert STATUS_HOME in files
    assert "medref/web/templates/web/meeting.html" in files
    assert len(files) > 150


# --- the scanner fails on a reintroduced copy ---------------------------------------

COPIES = [
    ("status literal", 'meetings = Meeting.objects.filter(status="published")\n'),
    ("status literal", 'if meeting.status != "planned":\n    pass\n'),
    ("status literal", 'ok = meeting.status in ("minutes_approved", "published")\n'),
    ("status literal", 'PUBLISHED_STATUSES = frozenset({"minutes_approved"})\n'),
    (
        "status literal",
        "class Visibility:\n"
        "    published_statuses: frozenset[str] = frozenset({'minutes_approved'})\n",
    ),
    ("status literal", "SQL = \"SELECT * FROM m WHERE m.status = 'planned'\"\n"),
    ("getattr(settings", 'limit = getattr(settings, "MEDREF_MAX_PAGES", 500)\n'),
    ("visibility filter", "items = AgendaItem.objects.filter(closed=False)\n"),
    ("visibility filter", "bilag = bilag.filter(item__closed=False)\n"),
    ("visibility filter", "meetings = Meeting.objects.filter(status__in=PUBLIC)\n"),
    ("visibility filter", "meetings = Meeting.objects.exclude(status=statuses.PLANNED)\n"),
    ("visibility filter", "meetings = Meeting.objects.exclude(status=Meeting.Status.PLANNED)\n"),
    ("visibility filter", "condition = ~Q(meeting__status=statuses.PLANNED)\n"),
    ("visibility filter", "if item.closed and not access.closed:\n    raise Http404\n"),
    ("visibility filter", "items = [i for i in items if access.closed or not i.closed]\n"),
    ("visibility filter", 'SQL = "SELECT id FROM e WHERE NOT e.closed AND e.x = 1"\n'),
    ("closed-item wording", 'title = item.title if full else "Lukket punkt"\n'),
    ("format list", 'parser.add_argument("--to", choices=["txt", "md", "html", "docx", "pdf"])\n'),
]


@pytest.mark.parametrize(("rule", "snippet"), COPIES)
def test_the_scanner_finds_a_reintroduced_copy(rule: str, snippet: str) -> None:
    findings = scan_python(snippet, "medref/somewhere/new.py")
    assert [f.rule for f in findings] == [rule], findings


@pytest.mark.parametrize(
    ("rule", "snippet"),
    [
        ("status literal", '{% if meeting.status == "planned" %}x{% endif %}'),
        ("status literal", "WHERE m.status = 'published'"),
        ("visibility filter", "WHERE NOT e.closed"),
    ],
)
def test_the_scanner_reads_templates_and_sql(rule: str, snippet: str) -> None:
    assert [f.rule for f in scan_text(snippet, "medref/somewhere/new.sql")] == [rule]


@pytest.mark.parametrize(
    "snippet",
    [
        # Statuses through their constants; event kinds defined in their own class.
        "meetings = Meeting.objects.filter(status=statuses.PUBLISHED)\n",
        'class Kind(models.TextChoices):\n    HELD = "held", _("Meeting held")\n',
        # Workflow: one status compared through its constant is not visibility.
        "if meeting.status == Meeting.Status.AGENDA_SENT:\n    pass\n",
        # The reader's rights alone, and the item's own flag alone.
        "stored = meeting.agenda_file if access.closed else meeting.public_agenda_file\n",
        "item.closed = closed\n",
        "planned = {'planned': list(plan.planned_meetings.all())}\n",
        "value = settings.MEDREF_MAX_PAGES\n",
        "rows = FollowUp.objects.exclude(status=FollowUp.Status.DISMISSED)\n",
        'kinds = ["pdf", "docx", "xlsx", "txt"]\n',
    ],
)
def test_the_scanner_leaves_the_one_definitions_uses_alone(snippet: str) -> None:
    assert scan_python(snippet, "medref/somewhere/new.py") == []


def test_the_homes_may_hold_their_own_rule() -> None:
    assert scan_python('PLANNED = "planned"\nX = status == "planned"\n', STATUS_HOME) == []
    assert scan_python("v = getattr(settings, name)\n", SETTINGS_HOME) == []
    assert scan_python("q = Q(closed=False)\n", "medref/accounts/scope.py") == []
