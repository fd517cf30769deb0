"""Parse time against the structure reader before issue 15, on the parse table's texts.

Issue 15's goal: parsing stays within 20 % of the reader before it (a rate
of at least 0.8× the old one). The old reader is commit ``aa83f81``'s
``medref`` package, taken out of git into a temporary folder; its
``importers/__init__.py`` there already passes ``notes=`` to a
``read_document`` that did not take it yet (the two were committed apart),
so that one call is mended before it runs.

Each side runs in a process of its own (two versions of ``medref`` cannot
share one), alternating, and reports CPU time per parse (``process_time``,
best of several rounds): on a shared machine wall-clock rates move by a
third between runs, CPU time much less.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import tarfile
import tempfile
from io import BytesIO
from pathlib import Path

from .common import Table

BEFORE = "aa83f81"
ROOT = Path(__file__).resolve().parents[1]

# Run in a child process: argv = [tree, rounds, corpus.json]; prints CPU ms per text.
_CHILD = """
import json, sys, time
sys.path.insert(0, sys.argv[1])
from medref.importers import parse_text
cases = json.load(open(sys.argv[3], encoding="utf-8"))
rounds = int(sys.argv[2])
out = []
for _, fmt, text in cases:
    parse_text(text, fmt)
    best = 1e9
    for _ in range(rounds):
        start = time.process_time()
        for _ in range(10):
            parse_text(text, fmt)
        best = min(best, (time.process_time() - start) / 10)
    out.append(best * 1000)
print(json.dumps(out))
"""


def _old_tree(folder: Path) -> Path | None:
    """The ``medref`` package of BEFORE in ``folder``, or None without git."""
    if shutil.which("git") is None:
        return None
    done = subprocess.run(
        ["git", "archive", "--format=tar", BEFORE, "medref"],
        cwd=ROOT,
        capture_output=True,
        check=False,
    )
    if done.returncode != 0:
        return None
    with tarfile.open(fileobj=BytesIO(done.stdout)) as archive:
        archive.extractall(folder, filter="data")
    init = folder / "medref" / "importers" / "__init__.py"
    source = init.read_text(encoding="utf-8")
    init.write_text(
        source.replace(
            "read_document(blocks, path=path, notes=notes)", "read_document(blocks, path=path)"
        ),
        encoding="utf-8",
    )
    return folder


def _times(tree: Path, rounds: int, corpus: Path) -> list[float]:
    done = subprocess.run(
        [sys.executable, "-c", _CHILD, str(tree), str(rounds), str(corpus)],
        capture_output=True,
        text=True,
        check=True,
        cwd=tempfile.gettempdir(),
    )
    return [float(t) for t in json.loads(done.stdout)]


def run(quick: bool = False) -> Table:
    from .parse import corpus

    table = Table(
        "Parse time against the reader before issue 15 (CPU time, one core)",
        ["referat", "fmt", f"before ({BEFORE})", "now", "rate now / before"],
        note="goal: at least 0.80× (issue 15); best of alternating rounds, a process each",
    )
    cases = corpus()
    with tempfile.TemporaryDirectory() as scratch:
        old = _old_tree(Path(scratch) / "old")
        if old is None:
            table.note = f"git or commit {BEFORE} not available: nothing measured"
            return table
        corpus_file = Path(scratch) / "corpus.json"
        corpus_file.write_text(json.dumps(cases, ensure_ascii=False), encoding="utf-8")
        rounds = 3 if quick else 7
        best_old = [float("inf")] * len(cases)
        best_new = [float("inf")] * len(cases)
        for _ in range(1 if quick else 3):
            old_times = _times(old, rounds, corpus_file)
            best_old = [min(a, b) for a, b in zip(best_old, old_times, strict=True)]
            new_times = _times(ROOT, rounds, corpus_file)
            best_new = [min(a, b) for a, b in zip(best_new, new_times, strict=True)]
    for (name, fmt, _), before, now in zip(cases, best_old, best_new, strict=True):
        table.rows.append([name, fmt, f"{before:.2f} ms", f"{now:.2f} ms", f"{before / now:.2f}×"])
    return table
