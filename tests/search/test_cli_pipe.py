"""`medref search … | head`: the console script through a real pipe whose
reader goes away ends quietly, never with a BrokenPipeError traceback.

The script runs as a user runs it, against its own SQLite file with the demo
minutes imported (a subprocess cannot see pytest's test database).
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.needs("hunspell-da")  # the import indexes the demo minutes

ROOT = Path(__file__).resolve().parents[2]
MEDREF = str(Path(sys.executable).parent / "medref")


@pytest.fixture(scope="module")
def environ(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    database = tmp_path_factory.mktemp("pipe") / "medref.sqlite3"
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{database}",
        "MEDREF_DEBUG": "False",
        "MEDREF_SECRET_KEY": "x",
        "MEDREF_MEDIA_ROOT": str(database.parent / "media"),
    }
    run = {"env": env, "cwd": ROOT, "check": True, "capture_output": True}
    subprocess.run([sys.executable, "manage.py", "migrate", "-v0"], **run)  # type: ignore[call-overload]
    demo = sorted(str(p) for p in (ROOT / "medref" / "demo").iterdir())
    subprocess.run([MEDREF, "import", *demo], **run)  # type: ignore[call-overload]
    return env


def test_a_reader_that_closes_the_pipe_at_once(environ: dict[str, str]) -> None:
    process = subprocess.Popen(
        [MEDREF, "search", "møde", "--closed"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=environ,
        cwd=ROOT,
    )
    assert process.stdout is not None and process.stderr is not None
    process.stdout.close()  # before the script has started: its first write meets EPIPE
    stderr = process.stderr.read().decode()
    assert process.wait(timeout=60) == 141
    assert "Traceback" not in stderr
    assert "BrokenPipeError" not in stderr
    assert stderr == ""


def test_search_piped_into_head(environ: dict[str, str]) -> None:
    result = subprocess.run(
        f"{MEDREF} search møde --closed --json | head -n 2",
        shell=True,
        capture_output=True,
        text=True,
        env=environ,
        cwd=ROOT,
        check=True,
    )
    assert result.stdout.splitlines()[0] == "{"
    assert len(result.stdout.splitlines()) == 2
    assert "Traceback" not in result.stderr
    assert "BrokenPipeError" not in result.stderr
