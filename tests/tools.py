"""The external programs and data files tests may need, and how to declare them.

A test that runs one of these (directly, or through medref code that reads
it) declares it with ``@pytest.mark.needs("pandoc")`` or a module's
``pytestmark = pytest.mark.needs("pandoc", "poppler")``; a conftest may add the
marker to a whole folder. When the tool is missing the test is skipped with a
reason that names the Debian package; ``make test`` installs every one of them
first (``scripts/system-packages test``), so there nothing is skipped.
``tests/test_tools_declared.py`` fails when a test module uses a tool it does
not declare.

``uses`` are the patterns that give a module away as a user of the tool; for
hunspell-da, whose dictionary medref's search reads without the test naming
it, they include "compound": a test about compound splitting depends on the
dictionary. tests/search/test_without_dictionary.py proves the rest of the
search tests pass without it.
"""

from __future__ import annotations

import os
import re
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Tool:
    name: str
    package: str  # the Debian package that brings it (scripts/system-packages lists it too)
    present: Callable[[], bool]
    uses: re.Pattern[str]  # source text that means a module needs it


def _program(name: str) -> Callable[[], bool]:
    return lambda: shutil.which(name) is not None


def _file(*paths: str) -> Callable[[], bool]:
    return lambda: any(Path(p).exists() for p in paths)


def _lexicon() -> bool:
    # The dictionary search reads is a setting; tests follow it, so pointing
    # MEDREF_SEARCH_LEXICON at a missing file shows which tests need it.
    from django.conf import settings

    return Path(settings.MEDREF_SEARCH_LEXICON).is_file()


TOOLS: dict[str, Tool] = {
    tool.name: tool
    for tool in (
        Tool("pandoc", "pandoc", _program("pandoc"), re.compile(r"\bpandoc\b", re.I)),
        Tool(
            "soffice",
            "libreoffice-writer-nogui",
            _program("soffice"),
            re.compile(r"\b(soffice|libreoffice)\b", re.I),
        ),
        Tool(
            "poppler",
            "poppler-utils",
            lambda: shutil.which("pdftoppm") is not None and shutil.which("pdftotext") is not None,
            re.compile(r"\b(pdftoppm|pdftotext|pdfinfo)\b"),
        ),
        Tool(
            "chromium",
            "chromium",
            _file("/usr/bin/chromium"),
            re.compile(r"/usr/bin/chromium|\bsync_playwright\b"),
        ),
        Tool(
            "ocrmypdf",
            "ocrmypdf tesseract-ocr-dan",
            lambda: (
                shutil.which("ocrmypdf") is not None
                and _file(
                    "/usr/share/tesseract-ocr/5/tessdata/dan.traineddata",
                    "/usr/share/tesseract-ocr/4.00/tessdata/dan.traineddata",
                )()
            ),
            re.compile(r"\b(ocrmypdf|tesseract)\b", re.I),
        ),
        Tool(
            "hunspell-da",
            "hunspell-da",
            _lexicon,
            re.compile(r"hunspell|\bHUNSPELL_DA\b|from_hunspell|\bbase_lexicon\b|compound"),
        ),
    )
}

# For trying the skips on a machine that has everything:
# MEDREF_TEST_HIDE_TOOLS=pandoc,soffice make test-fast
HIDDEN = frozenset(filter(None, os.environ.get("MEDREF_TEST_HIDE_TOOLS", "").split(",")))


def missing(name: str) -> str | None:
    """Why a test needing ``name`` cannot run here, or None when it can."""
    tool = TOOLS.get(name)
    if tool is None:
        raise ValueError(f"unknown tool {name!r} in pytest.mark.needs; known: {', '.join(TOOLS)}")
    if name in HIDDEN or not tool.present():
        return f"needs {name} (Debian package {tool.package}; make test installs it)"
    return None
