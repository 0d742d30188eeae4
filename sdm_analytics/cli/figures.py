"""`demo` and `metrics`: build the demo store; print the metrics, a breakdown or a named table."""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path
from typing import Sequence

from ..engine import api
from ..engine.metrics import METRIC_IDS, METRICS, rows_as_records
from ..engine.registry import CLI_TABLES, TABLES, table
from ..filters import Filters, Scope
from ..formatting import fmt_number, fmt_value
from ..i18n import code_label
from ..ledger import ledger_path
from ..settings import Settings, load_settings, resolve_db_path
from ..store import Store
from .common import BY_CHOICES, Command, UsageError, add_db, add_view, both, filters_of, open_existing

__all__ = ["DEMO", "METRICS_COMMAND"]


def _demo_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--seed", type=int, default=2025, help=both("cli.help.seed"))
    parser.add_argument("--scale", choices=("city", "province", "national"), default="city",
                        help=both("cli.help.scale"))
    add_db(parser)


def _demo(args: argparse.Namespace) -> int:
    from ..demo import write_demo

    path = resolve_db_path(args.db)
    started = time.perf_counter()
    new = not Path(path).exists()
    store = Store(path)
    try:
        counts = write_demo(store, seed=args.seed, scale=args.scale,
                            progress=lambda msg: print(msg, file=sys.stderr))
    except BaseException:
        store.close()
        if new:  # a build that failed leaves no store behind (an existing one is replaced in one transaction;
            # the national copies are published together)
            ledger = ledger_path(path)
            for leftover in (path, path + ".wal", path + ".lock", ledger, ledger + "-wal", ledger + "-shm"):
                Path(leftover).unlink(missing_ok=True)
        raise
    print(json.dumps({"db": path, "seed": args.seed, "scale": args.scale, "rows": counts,
                      "seconds": round(time.perf_counter() - started, 2)}, ensure_ascii=False))
    return 0


def _metrics_arguments(parser: argparse.ArgumentParser) -> None:
    add_view(parser)
    parser.add_argument("--by", choices=BY_CHOICES, help=both("cli.help.by"))
    parser.add_argument("--metric", action="append", choices=METRIC_IDS, metavar="ID", help=both("cli.help.metric"))
    parser.add_argument("--table", choices=CLI_TABLES, metavar="NAME",
                        help=both("cli.help.table", names=", ".join(CLI_TABLES)))
    parser.add_argument("--format", choices=("json", "table", "csv"), default="json")


def _metrics(args: argparse.Namespace) -> int:
    filters = filters_of(args)
    store = open_existing(args.db)
    scope = Scope.everything(role=args.role)
    settings = load_settings()  # read once here, passed to everything below
    ids = args.metric or list(METRIC_IDS)
    if args.table:
        return _print_table(store, filters, scope, args, settings)
    frame = api.compute(store, filters.year, ids, filters.to_dict(), args.by, args.role, settings=settings)
    if args.by:
        if args.format == "json":
            out = {"year": filters.year, "filters": filters.to_dict(), "by": args.by,
                   "rows": rows_as_records(frame, args.by, ids)}
            print(json.dumps(out, ensure_ascii=False, indent=2))
        elif args.format == "csv":
            sys.stdout.write(frame[[args.by] + ids].to_csv(index=False))
        else:
            _print_by_table(frame, args.by, ids, args.lang, settings)
        return 0
    cell = {col: frame[col].iloc[0].item() for col in frame}  # the one row as plain values: a count stays an int
    values = {m: None if cell[m] != cell[m] else cell[m] for m in ids}  # a null (NaN) is None, JSON null
    n = {m: None if cell[f"n_{m}"] != cell[f"n_{m}"] else int(cell[f"n_{m}"]) for m in ids}  # withheld: null
    suppressed = {m for m in ids if cell[f"suppressed_{m}"]}
    if args.format == "csv":
        sys.stdout.write("metric,value,n\n" + "".join(
            f"{m},{'' if values[m] is None else values[m]},{'' if n[m] is None else n[m]}\n" for m in ids))
    elif args.format == "json":
        out = {"year": filters.year, "filters": filters.to_dict(), "metrics": values,
               "n": n, "suppressed": sorted(suppressed)}
        print(json.dumps(out, ensure_ascii=False, indent=2))
    else:
        width = max(len(METRICS[i].label(args.lang, settings)) for i in ids)
        for mid in ids:
            m = METRICS[mid]
            value = (f"n < {settings.min_respondents}" if mid in suppressed
                     else fmt_value(values[mid], m.unit, args.lang))
            count = "" if n[mid] is None else f"n = {fmt_number(n[mid], args.lang, 0)}"  # hidden: "n < K" says it
            print(f"{m.label(args.lang, settings):<{width}}  {value:>16}  {count}".rstrip())
    return 0


def _print_table(store: Store, filters: Filters, scope: Scope, args: argparse.Namespace, settings: Settings) -> int:
    spec = TABLES[args.table]
    options = {}
    if args.by:
        if "by" not in spec.options:
            raise UsageError("cli.by_only_for", names=", ".join(n for n in CLI_TABLES if "by" in TABLES[n].options))
        options["by"] = args.by
    frame = table(args.table, store, filters, scope, settings, **options)
    for col in frame.columns:  # a date is a date, not midnight of it
        if frame[col].dtype.kind == "M":
            frame[col] = frame[col].dt.strftime("%Y-%m-%d").astype(object).where(frame[col].notna(), None)
    if args.format == "csv":
        sys.stdout.write(frame.to_csv(index=False))
    elif args.format == "json":
        records = json.loads(frame.to_json(orient="records", date_format="iso", force_ascii=False))
        print(json.dumps({"year": filters.year, "filters": filters.to_dict(), "table": args.table,
                          "rows": records}, ensure_ascii=False, indent=2))
    else:
        shown = frame.copy()
        for col in shown.columns:
            if shown[col].dtype.kind == "f":
                shown[col] = [fmt_number(v, args.lang, 3 if abs(v) < 10 else 1) if v == v else "–" for v in shown[col]]
        print(shown.to_string(index=False))
    return 0


def _print_by_table(frame, by: str, ids: Sequence[str], lang: str, settings: Settings) -> None:
    header = [by] + [METRICS[i].label(lang, settings) for i in ids]
    rows = []
    for _, row in frame.iterrows():
        key = row[by] if by in ("opd", "unit", "year") else code_label(by, row[by], lang)
        rows.append([str(key)] + [fmt_value(None if row[i] != row[i] else row[i], METRICS[i].unit, lang) for i in ids])
    widths = [max(len(str(r[c])) for r in [header] + rows) for c in range(len(header))]
    for r in [header] + rows:
        print("  ".join(str(v).ljust(w) for v, w in zip(r, widths)))


DEMO = Command("demo", "cli.cmd.demo", _demo_arguments, _demo)
METRICS_COMMAND = Command("metrics", "cli.cmd.metrics", _metrics_arguments, _metrics)
