"""Every test module that uses an external tool declares it (tests/tools.py).

A module declares a tool with ``pytest.mark.needs("name")`` in its own text
or in a conftest.py of its folder or a folder above it. Without the
declaration a test would fail with a bare error on a machine that lacks the
tool, instead of being skipped with a reason naming the package.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from tests.tools import TOOLS, missing

TESTS = Path(__file__).resolve().parent
# needs("x") for a tool a test cannot do without; TOOLS_OPTIONAL = ("x",) for
# one a module uses only when it is there (and passes without it);
# TOOLS_NAMED_ONLY = ("x",) for one a module only names (a package list).
NEEDS = re.compile(r"""(?:needs\(|TOOLS_(?:OPTIONAL|NAMED_ONLY)\s*=\s*\()([^)]*)\)""")
OWN = {Path(__file__).resolve(), (TESTS / "tools.py").resolve()}


def declared(text: str) -> set[str]:
    """The tool names a source text declares with needs(...)."""
    return {
        name for args in NEEDS.findall(text) for name in re.findall(r"""["']([^"']+)["']""", args)
    }


def code_text(text: str) -> str:
    """The names and strings of a module's code, without comments and docstrings.

    A docstring or comment that mentions LibreOffice (how a committed fixture
    was made) is no use of it; a string "pandoc" in a command is.
    """
    tree = ast.parse(text)
    docstrings = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef):
            body = node.body
            if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
                docstrings.add(id(body[0].value))
    pieces = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            if id(node) not in docstrings:
                pieces.append(node.value)
        elif isinstance(node, ast.Name):
            pieces.append(node.id)
        elif isinstance(node, ast.Attribute):
            pieces.append(node.attr)
        elif isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef | ast.alias):
            pieces.append(node.name)
    return "\n".join(pieces)


def used(text: str) -> set[str]:
    """The tools whose usage patterns a module's code shows."""
    code = code_text(text)
    return {tool.name for tool in TOOLS.values() if tool.uses.search(code)}


def folder_declarations(module: Path) -> set[str]:
    names: set[str] = set()
    for folder in module.parents:
        conftest = folder / "conftest.py"
        if conftest.is_file():
            names |= declared(conftest.read_text(encoding="utf-8"))
        if folder == TESTS:
            break
    return names


def test_modules() -> list[Path]:
    return sorted(p for p in TESTS.rglob("test_*.py") if p.resolve() not in OWN)


@pytest.mark.parametrize("module", test_modules(), ids=lambda p: str(p.relative_to(TESTS)))
def test_a_module_declares_every_tool_it_uses(module: Path) -> None:
    text = module.read_text(encoding="utf-8")
    undeclared = used(text) - declared(text) - folder_declarations(module)
    assert not undeclared, (
        f"{module.relative_to(TESTS.parent)} uses {', '.join(sorted(undeclared))} without "
        f'declaring it: add pytestmark = pytest.mark.needs("{sorted(undeclared)[0]}") '
        "(or mark the tests that use it)"
    )


def test_the_check_finds_an_undeclared_use_and_accepts_a_declared_one() -> None:
    uses_pandoc = 'subprocess.run(["pandoc", "-o", out])  # made by soffice'
    assert used(uses_pandoc) == {"pandoc"}
    assert declared(uses_pandoc) == set()
    assert declared('pytestmark = pytest.mark.needs("pandoc", "poppler")') == {"pandoc", "poppler"}
    assert declared('TOOLS_OPTIONAL = ("hunspell-da",)') == {"hunspell-da"}
    assert used("def test_compound_words_are_found_by_their_parts(): pass") == {"hunspell-da"}
    assert used('"""Printed by LibreOffice."""\n# pdftoppm made it\nx = 1') == set()


def test_an_unknown_tool_name_is_an_error_not_a_skip() -> None:
    with pytest.raises(ValueError, match="unknown tool"):
        missing("no-such-tool")


def test_a_hidden_tool_is_skipped_with_its_package_named(monkeypatch: pytest.MonkeyPatch) -> None:
    import tests.tools as tools

    monkeypatch.setattr(tools, "HIDDEN", frozenset({"soffice"}))
    assert missing("soffice") == (
        "needs soffice (Debian package libreoffice-writer-nogui; make test installs it)"
    )


def test_the_packages_named_are_the_ones_system_packages_installs() -> None:
    script = (TESTS.parent / "scripts" / "system-packages").read_text(encoding="utf-8")
    listed = set(re.findall(r'^\s*"([a-z0-9.+-]+)\|', script, re.M))
    for tool in TOOLS.values():
        for package in tool.package.split():
            assert package in listed, f"{package} ({tool.name}) is not in scripts/system-packages"
