"""Speed and memory of the demo build and the metric engine; prints figures, asserts nothing.

    .venv/bin/python scripts/benchmark.py [--scale city|province] [--seed N] [--repeat K]
"""

from __future__ import annotations

import argparse
import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sdm_analytics.demo import write_demo
from sdm_analytics.engine import tables
from sdm_analytics.engine.metrics import compute, compute_by
from sdm_analytics.filters import Filters, Scope
from sdm_analytics.store import Store


def _time(fn, repeat: int) -> float:
    runs = []
    for _ in range(repeat):
        started = time.perf_counter()
        fn()
        runs.append(time.perf_counter() - started)
    return statistics.median(runs)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--scale", default="city", choices=("city", "province", "national"))
    parser.add_argument("--seed", type=int, default=2025)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        store = Store(str(Path(tmp) / "bench.duckdb"))
        started = time.perf_counter()
        counts = write_demo(store, seed=args.seed, scale=args.scale)
        print(f"demo build ({args.scale}): {time.perf_counter() - started:.2f} s  rows: {counts}")
        year = max(store.years())
        scope = Scope.everything()
        opd = store.scalar("SELECT opd_code FROM employees GROUP BY opd_code ORDER BY count(*) DESC LIMIT 1")
        cases = {
            "all metrics, city-wide": lambda: compute(store, Filters.make(year), scope),
            "all metrics, one OPD": lambda: compute(store, Filters.make(year, {"opd": [opd]}), scope),
            "all metrics, mode daring": lambda: compute(store, Filters.make(year, {"mode": ["daring"]}), scope),
            "jp20_rate by opd": lambda: compute_by(store, Filters.make(year), "opd", scope, ["jp20_rate"]),
            "all metrics by year": lambda: compute_by(store, Filters.make(year), "year", scope),
            "all metrics by mode": lambda: compute_by(store, Filters.make(year), "mode", scope),
            "jp distribution": lambda: tables.jp_distribution(store, Filters.make(year), scope),
            "people below 20 JP": lambda: tables.people_below(store, Filters.make(year), scope),
        }
        for name, fn in cases.items():
            print(f"{name:<28} {_time(fn, args.repeat) * 1000:8.1f} ms (median of {args.repeat})")
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(f"peak memory (RSS): {peak:.0f} MB")
        store.close()


if __name__ == "__main__":
    main()
