"""Benchmarks: `make bench` runs them all and prints one table per benchmark.

Each module has ``run(quick: bool) -> Table`` (``bench.common.Table``).
Ratios are always against a baseline measured in the same run, because
these machines are noisy.
"""
