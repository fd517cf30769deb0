"""Without hunspell-da the search tests skip what needs it and pass the rest.

A test that depends on the dictionary without declaring
``pytest.mark.needs("hunspell-da")`` would fail here with a bare assertion,
which is what a machine without the package used to see.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

pytestmark = pytest.mark.slow


def test_the_search_tests_pass_or_skip_by_name_without_the_dictionary(tmp_path: Path) -> None:
    env = {
        **os.environ,
        "MEDREF_SEARCH_LEXICON": str(tmp_path / "no-such-dictionary.dic"),
        "DATABASE_URL": "",
    }
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "tests/search",
            "-q",
            "-p",
            "no:randomly",
            "-rs",
            "-m",
            "not slow",
            "--no-header",
        ],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    tail = result.stdout[-3000:]
    assert result.returncode == 0, tail
    assert "needs hunspell-da (Debian package hunspell-da" in result.stdout, tail
