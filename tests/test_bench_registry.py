"""`make bench` runs exactly the benchmarks that exist: a listed name without its module fails."""

from __future__ import annotations

import importlib
from pathlib import Path

import pytest

from bench.__main__ import BENCHMARKS, main

BENCH = Path(__file__).resolve().parent.parent / "bench"


@pytest.mark.parametrize("name", BENCHMARKS)
def test_every_listed_benchmark_is_a_module_with_a_run_function(name: str) -> None:
    module = importlib.import_module(f"bench.{name}")
    assert callable(module.run)


def test_every_benchmark_module_is_listed() -> None:
    modules = {p.stem for p in BENCH.glob("bench_*.py")}
    assert modules <= set(BENCHMARKS)


def test_an_unknown_benchmark_name_is_refused(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["bench_html"])
    assert exit_info.value.code == 2
    assert "unknown benchmark bench_html" in capsys.readouterr().err
