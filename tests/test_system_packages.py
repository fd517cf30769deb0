"""scripts/system-packages: the one list of Debian packages, its probes and its refusals."""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

# The package names below are checked in the script's lists, not used.
TOOLS_NAMED_ONLY = ("hunspell-da",)
SCRIPT = Path(__file__).resolve().parent.parent / "scripts" / "system-packages"


def run(
    *args: str, path: str | None = None, user: str | None = None
) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PATH": path} if path is not None else dict(os.environ)
    command = ["/bin/bash", str(SCRIPT), *args]
    if user is not None:
        runuser = shutil.which("runuser") or shutil.which("runuser", path="/sbin:/usr/sbin")
        assert runuser is not None
        command = [runuser, "-u", user, "--", "/usr/bin/env", f"PATH={env['PATH']}", *command]
    return subprocess.run(command, capture_output=True, text=True, env=env, timeout=60)


@pytest.fixture
def bare_path() -> Iterator[str]:
    """A PATH on which only the script's own helpers exist, so every program probe fails."""
    # Under /tmp itself, so that another user can reach it.
    folder = Path(tempfile.mkdtemp(prefix="medref-bare-path-"))
    for name in ("id", "ldconfig"):
        found = shutil.which(name) or shutil.which(name, path="/sbin:/usr/sbin")
        assert found is not None
        (folder / name).symlink_to(found)
    folder.chmod(0o755)
    yield str(folder)
    shutil.rmtree(folder)


def test_the_test_set_holds_the_run_set_and_the_test_tools() -> None:
    run_set = run("run", "--list").stdout.split()
    test_set = run("test", "--list").stdout.split()
    assert set(run_set) < set(test_set)
    for package in ("postgresql-15", "chromium", "pandoc", "poppler-utils", "hunspell-da"):
        assert package in test_set
    assert "chromium" not in run_set


def test_check_names_what_is_missing_and_the_line_to_install_it(bare_path: str) -> None:
    result = run("run", "--check", path=bare_path)
    assert result.returncode == 1
    assert "missing Debian packages for 'make run': make gettext" in result.stderr
    assert "apt-get install -y --no-install-recommends make gettext" in result.stderr


@pytest.mark.skipif(os.geteuid() != 0, reason="needs root to run the script as another user")
def test_without_root_or_sudo_it_stops_and_prints_the_apt_line(bare_path: str) -> None:
    result = run("test", path=bare_path, user="nobody")
    assert result.returncode == 1
    assert "cannot be installed from here" in result.stderr
    assert (
        "sudo apt-get update && sudo apt-get install -y --no-install-recommends make"
        in result.stderr
    )


def test_a_machine_with_everything_costs_no_apt_call() -> None:
    """make test ran the script already, so here nothing is missing and it answers at once."""
    result = run("test", "--check")
    if result.returncode != 0:
        pytest.skip(f"this machine lacks packages: {result.stderr.strip()}")
    installed = run("test")
    assert installed.returncode == 0
    assert installed.stdout == installed.stderr == ""


def test_a_wrong_argument_is_refused_with_usage() -> None:
    result = run("everything")
    assert result.returncode == 2
    assert "usage:" in result.stderr
