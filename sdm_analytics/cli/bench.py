"""`bench`: the engine's speed and memory against its floors, side by side in one run; asserts nothing.

    python -m sdm_analytics bench [--scale city|province|national] [--repeat 5] [--db STORE] [--no-pages]

On a demo store built for the run (or a copy of --db), prints, ratios first:
- each metric, city-wide, one OPD and by OPD: the engine (`compute`, admin) against its hand-written
  floor (cli/floors.py), runs interleaved, the median of --repeat, and whether the values are equal;
- all metrics (the pages' call) against one floor, and `--by program` against `--by opd`;
- at province and national scale, the engine against a pandas script, each in a fresh process (time and
  peak memory);
- each page's cold and warm server time (ui/timing.py, in its own process);
- the peak memory of this process, the machine's load and cores.
Goals are docs/deployment.md §10's; a ratio over its goal is marked, nothing fails.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Callable

from ..engine.metrics import METRIC_IDS, compute, compute_by
from ..filters import Filters, Scope, default_year
from ..settings import load_settings
from ..store import Store
from .common import Command, both
from .floors import FLOOR_BY_OPD, FLOOR_ONE_OPD, FLOORS, floor_params, pandas_jp20_rate

__all__ = ["BENCH", "GOALS"]

SCALES = ("city", "province", "national")
# Goals (issue: speed at every scale): engine ÷ floor, and a page's server seconds.
GOALS = {"metric": 2.0, "all": 8.0, "program": 2.0, "pandas": 0.1, "pandas_memory": 1 / 3,
         "warm": {"city": 0.3, "province": 0.6, "national": 1.0}, "cold": {"city": 3.0, "province": 3.0,
                                                                           "national": 10.0}}
_ADMIN = Scope.everything("admin")


def _arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--scale", choices=SCALES, default="city", help=both("cli.help.scale"))
    parser.add_argument("--repeat", type=int, default=5, metavar="K", help=both("cli.help.repeat"))
    parser.add_argument("--seed", type=int, default=2025, help=both("cli.help.seed"))
    parser.add_argument("--no-pages", action="store_true", help=both("cli.help.no_pages"))
    parser.add_argument("--db", dest="db_sub", metavar="FILE", help=both("cli.help.bench_db"))


def _interleaved(cases: dict[str, Callable[[], object]], repeat: int) -> dict[str, float]:
    """Median seconds of each case, the cases run in turn so that load falls on all of them alike."""
    runs: dict[str, list[float]] = {k: [] for k in cases}
    for fn in cases.values():
        fn()  # once to warm DuckDB's buffers and the file cache
    for _ in range(repeat):
        for name, fn in cases.items():
            started = time.perf_counter()
            fn()
            runs[name].append(time.perf_counter() - started)
    return {k: statistics.median(v) for k, v in runs.items()}


def _same(a: object, b: object) -> bool:
    if a is None or b is None or (isinstance(a, float) and math.isnan(a)) or (isinstance(b, float) and math.isnan(b)):
        return (a is None or a != a) and (b is None or b != b)
    return math.isclose(float(a), float(b), rel_tol=1e-9, abs_tol=1e-12)


def _row(label: str, engine: float, floor: float, goal: float, equal: bool | None) -> dict:
    return {"figure": label, "ratio": engine / floor if floor else math.inf, "goal": goal,
            "engine_ms": engine * 1000, "floor_ms": floor * 1000, "equal": equal}


def _figures(store: Store, year: int, repeat: int) -> list[dict]:
    """Every engine figure against its floor, values compared, times interleaved."""
    settings = load_settings()
    params = floor_params(year, settings)
    city = Filters.make(year)
    opd = store.scalar("SELECT coalesce(t.opd_code, e.opd_code) FROM employees AS e "
                       "LEFT JOIN unit_tree AS t ON t.unit_code = e.opd_code GROUP BY 1 ORDER BY count(*) DESC LIMIT 1")
    one = Filters.make(year, {"opd": [opd]})
    rows = []

    def pair(label: str, engine: Callable, floor: Callable, goal: float, value_e: Callable, value_f: Callable):
        equal = _same(value_e(), value_f())
        times = _interleaved({"engine": engine, "floor": floor}, repeat)
        rows.append(_row(label, times["engine"], times["floor"], goal, equal))

    for mid in METRIC_IDS:
        def engine(mid=mid, f=city):
            return compute(store, f, _ADMIN, [mid], settings)[mid]
        pair(mid, engine, lambda mid=mid: store.scalar(FLOORS[mid], params), GOALS["metric"], engine,
             lambda mid=mid: store.scalar(FLOORS[mid], params))
    for mid, sql in FLOOR_ONE_OPD.items():
        def engine(mid=mid):
            return compute(store, one, _ADMIN, [mid], settings)[mid]
        pair(f"{mid}, 1 OPD", engine, lambda sql=sql: store.scalar(sql, {**params, "opd": opd}), GOALS["metric"],
             engine, lambda sql=sql: store.scalar(sql, {**params, "opd": opd}))
    for mid, sql in FLOOR_BY_OPD.items():
        def engine(mid=mid):
            return compute_by(store, city, "opd", _ADMIN, [mid], settings=settings)

        def floor(sql=sql):
            return store.df(sql, params)

        def equal(mid=mid, sql=sql) -> bool:
            e = engine(mid).set_index("opd")[mid].to_dict()
            f = floor(sql).set_index("opd")["value"].to_dict()
            return e.keys() == f.keys() and all(_same(e[k], f[k]) for k in e)
        times = _interleaved({"engine": engine, "floor": floor}, repeat)
        rows.append(_row(f"{mid} by OPD", times["engine"], times["floor"], GOALS["metric"], equal()))
    times = _interleaved({"all": lambda: compute(store, city, _ADMIN, None, settings),
                          "floor": lambda: store.scalar(FLOORS["jp20_rate"], params)}, repeat)
    rows.append(_row(f"all {len(METRIC_IDS)} metrics ÷ jp20_rate floor", times["all"], times["floor"], GOALS["all"],
                     None))
    times = _interleaved({"program": lambda: compute_by(store, city, "program", _ADMIN, None, settings=settings),
                          "opd": lambda: compute_by(store, city, "opd", _ADMIN, None, settings=settings)}, repeat)
    rows.append(_row("by program ÷ by OPD (all metrics)", times["program"], times["opd"], GOALS["program"], None))
    return rows


def _child(kind: str, db: str, year: int) -> dict:
    """jp20_rate in a fresh process, by the engine or by pandas: seconds after imports, and peak memory."""
    script = ("import json\n"
              "from sdm_analytics.cli.bench import child_run\n"
              f"print(json.dumps(child_run({kind!r}, {db!r}, {year})))\n")
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True,
                          env={**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[2])})
    return json.loads(done.stdout.strip().splitlines()[-1])


def child_run(kind: str, db: str, year: int) -> dict:
    """Run in the child process of `_child`: open the store read-only and compute jp20_rate once. Its memory
    is the peak above what the process held after its imports (both sides import pandas and duckdb)."""
    settings = load_settings()
    base = _rss_mb()
    _reset_peak()
    started = time.perf_counter()
    if kind == "pandas":
        value = pandas_jp20_rate(db, year, settings)
    else:
        store = Store(db, read_only=True)
        value = compute(store, Filters.make(year), _ADMIN, ["jp20_rate"], settings)["jp20_rate"]
        store.close()
    return {"seconds": time.perf_counter() - started, "peak_mb": _peak_mb() - base, "value": value}


def _status_mb(field: str) -> float | None:
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith(field + ":"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return None


def _rss_mb() -> float:
    return _status_mb("VmRSS") or 0.0


def _reset_peak() -> bool:
    """Start the peak memory count afresh (Linux: writing 5 to clear_refs resets VmHWM); False where it cannot."""
    try:
        Path("/proc/self/clear_refs").write_text("5")
        return True
    except OSError:
        return False


def _peak_mb() -> float:
    """This process's peak resident memory (VmHWM: since its exec or the last reset, unlike ru_maxrss, which a
    child inherits from its parent)."""
    peak = _status_mb("VmHWM")
    return peak if peak is not None else resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _pages(db: str, repeat: int) -> dict:
    done = subprocess.run([sys.executable, "-m", "sdm_analytics.ui.timing", "--db", db, "--repeat", str(repeat)],
                          capture_output=True, text=True,
                          env={**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[2])})
    if done.returncode != 0:
        return {"error": (done.stderr.strip().splitlines() or ["?"])[-1]}
    return json.loads(done.stdout.strip().splitlines()[-1])


def _print_figures(rows: list[dict]) -> None:
    print(f"{'figure':<44} {'ratio':>7} {'goal':>6}   {'engine ms':>10} {'floor ms':>10}  values")
    for r in rows:
        mark = " " if r["ratio"] <= r["goal"] else "!"
        equal = "" if r["equal"] is None else ("equal" if r["equal"] else "DIFFERENT")
        print(f"{r['figure']:<44} {r['ratio']:>6.2f}×{mark}{r['goal']:>5.1f}×   {r['engine_ms']:>10.1f} "
              f"{r['floor_ms']:>10.1f}  {equal}")


def _bench(args: argparse.Namespace) -> int:
    with tempfile.TemporaryDirectory(prefix="sdm-bench-") as tmp:
        db = str(Path(tmp) / "bench.duckdb")
        started = time.perf_counter()
        if args.db:
            shutil.copyfile(args.db, db)
            what = f"copy of {args.db}"
        else:
            from ..demo import write_demo

            store = Store(db)
            write_demo(store, seed=args.seed, scale=args.scale)
            store.close()
            what = f"demo --scale {args.scale} --seed {args.seed}"
        built = time.perf_counter() - started
        started = time.perf_counter()
        Store(db).close()  # a store of an older schema is migrated (its summaries built), as the dashboard would
        migrated = time.perf_counter() - started
        build_peak = _peak_mb()
        fresh = _reset_peak()
        store = Store(db, read_only=True)
        year = default_year(store.years())
        counts = {t: store.scalar(f"SELECT count(*) FROM {t}")  # noqa: S608 — fixed table names
                  for t in ("employees", "participations", "survey_responses")}
        load = os.getloadavg()
        print(f"bench: {what} ({built:.1f} s; opened for writing {migrated:.1f} s), year {year}, "
              + ", ".join(f"{k} {v:,}" for k, v in counts.items()))
        print(f"machine: {os.cpu_count()} cores, load {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}; "
              f"median of {args.repeat} interleaved runs; ratio = engine ÷ floor ('!' over its goal)\n")
        _print_figures(_figures(store, year, args.repeat))
        store.close()
        if args.scale != "city":
            engine, pandas = _child("engine", db, year), _child("pandas", db, year)
            equal = "equal" if _same(engine["value"], pandas["value"]) else "DIFFERENT"
            print(f"\njp20_rate in a fresh process (memory: peak above the imports): engine {engine['seconds']:.2f} s, "
                  f"{engine['peak_mb']:.0f} MB; pandas {pandas['seconds']:.2f} s, {pandas['peak_mb']:.0f} MB; "
                  f"values {equal}")
            print(f"  speed engine ÷ pandas {engine['seconds'] / pandas['seconds']:.2f}× (goal ≤ {GOALS['pandas']}×), "
                  f"memory {engine['peak_mb'] / pandas['peak_mb']:.2f}× (goal ≤ {GOALS['pandas_memory']:.2f}×)")
        if not args.no_pages:
            pages = _pages(db, 3)
            warm_goal, cold_goal = GOALS["warm"][args.scale], GOALS["cold"][args.scale]
            print(f"\n{'page (server, AppTest, admin)':<44} {'cold s':>7} {'warm s':>7}   goals: cold ≤ {cold_goal} s, "
                  f"warm ≤ {warm_goal} s")
            if "error" in pages:
                print(f"  pages not timed: {pages['error']}")
            for page, p in pages.items() if "error" not in pages else ():
                mark = "!" if p["cold"] > cold_goal or p["warm"] > warm_goal else " "
                print(f"{page:<44} {p['cold']:>7.2f} {p['warm']:>7.2f} {mark} {p['error'] or ''}")
        measured = "measuring" if fresh else "build and measuring"
        print(f"\npeak memory of this process: building the store {build_peak:.0f} MB, {measured} {_peak_mb():.0f} MB")
    return 0


BENCH = Command("bench", "cli.cmd.bench", _arguments, _bench)
