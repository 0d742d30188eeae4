"""`python -m sdm_analytics`: a thin command line over the package (DESIGN.md)."""

from __future__ import annotations

import argparse
import getpass
import json
import os
import sys
import time
from pathlib import Path
from typing import Sequence

from .. import __version__
from ..contract import CODES
from ..engine.metrics import METRIC_IDS, METRICS, compute, compute_by, rows_as_records
from ..engine.registry import CLI_TABLES, TABLES, table
from ..filters import DIMENSIONS, EMPLOYEE_DIMS, PROGRAM_DIMS, Filters, Scope
from ..formatting import fmt_number, fmt_value
from ..i18n import code_label
from ..settings import load_settings, resolve_db_path
from ..store import Store, StoreLockedError

# CLI flag -> filter dimension; every flag may be repeated.
_FILTER_FLAGS = {dim: "--" + dim.replace("_", "-") for dim in DIMENSIONS}
# Dimensions whose values are fixed codes: an unknown value is a usage error.
_CODED = {"area": "area", "employment_type": "employment_type", "position_type": "position_type",
          "gender": "gender", "category": "category", "mode": "mode"}
_BY_CHOICES = EMPLOYEE_DIMS + PROGRAM_DIMS + ("year",)


class UsageError(Exception):
    """Wrong arguments: reported in one line, exit 2."""


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m sdm_analytics",
        description="SDM ASN Analytics — monev pengembangan kompetensi ASN Kota Serang.",
    )
    parser.add_argument("--version", action="version", version=__version__)
    parser.add_argument("--db", help="berkas DuckDB (default: $SDM_DB atau data/sdm.duckdb)")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    demo = sub.add_parser("demo", help="bangun data demo Kota Serang / build the demo store")
    demo.add_argument("--seed", type=int, default=2025)
    demo.add_argument("--scale", choices=("city", "province", "national"), default="city")
    demo.add_argument("--db", dest="db_sub", help=argparse.SUPPRESS)

    met = sub.add_parser("metrics", help="hitung indikator METRICS.md / compute the metrics")
    met.add_argument("--year", type=int, required=True)
    for dim, flag in _FILTER_FLAGS.items():
        met.add_argument(flag, dest=f"f_{dim}", action="append", metavar="VALUE",
                         help=f"filter {dim} (boleh diulang / repeatable)")
    met.add_argument("--by", choices=_BY_CHOICES, help="rincian menurut satu dimensi / one breakdown dimension")
    met.add_argument("--metric", action="append", choices=METRIC_IDS, metavar="ID",
                     help="hanya indikator ini (boleh diulang)")
    met.add_argument("--table", choices=CLI_TABLES, metavar="NAME",
                     help="tabel METRICS.md: " + ", ".join(CLI_TABLES))
    met.add_argument("--format", choices=("json", "table", "csv"), default="json")
    met.add_argument("--lang", choices=("id", "en"), default="id")
    met.add_argument("--role", choices=("pimpinan", "evaluator", "admin"), default="pimpinan",
                     help="pimpinan: agregat, nama ASN dikosongkan; evaluator: dengan nama; "
                          "admin: dengan nama, tanpa penyembunyian kelompok survei kecil (SDM_MIN_RESPONDENTS)")
    met.add_argument("--db", dest="db_sub", help=argparse.SUPPRESS)

    imp = sub.add_parser("import", help="impor berkas CSV/XLSX / import contract files")
    imp.add_argument("files", nargs="+", metavar="FILE")
    imp.add_argument("--kind", help="jenis data (units, employees, … atau pegawai, peserta, …)")
    imp.add_argument("--accept-partial", action="store_true",
                     help="tulis baris yang valid; baris yang ditolak disimpan di <berkas>.rejects.csv")
    imp.add_argument("--lang", choices=("id", "en"), default="id")
    imp.add_argument("--format", choices=("text", "json"), default="text")
    imp.add_argument("--db", dest="db_sub", help=argparse.SUPPRESS)

    exp = sub.add_parser("export-data", help="ekspor semua tabel sebagai CSV kontrak / back up the store")
    exp.add_argument("--out", required=True, metavar="DIR")
    exp.add_argument("--lang", choices=("id", "en"), default="id")
    exp.add_argument("--db", dest="db_sub", help=argparse.SUPPRESS)

    deck = sub.add_parser("briefing", help="bahan paparan PPTX/PDF / the briefing deck")
    deck.add_argument("--year", type=int, required=True)
    for dim, flag in _FILTER_FLAGS.items():
        deck.add_argument(flag, dest=f"f_{dim}", action="append", metavar="VALUE")
    deck.add_argument("--out", required=True, metavar="FILE.pptx|FILE.pdf")
    deck.add_argument("--lang", choices=("id", "en"), default="id")
    deck.add_argument("--role", choices=("pimpinan", "evaluator", "admin"), default="pimpinan")
    deck.add_argument("--db", dest="db_sub", help=argparse.SUPPRESS)

    from .users import add_parser as users_parser

    users_parser(sub)

    chart = sub.add_parser("export-chart", help="ekspor grafik sebagai PNG/SVG/PDF / export a chart")
    chart.add_argument("chart_id", nargs="?", metavar="CHART_ID")
    chart.add_argument("--list", action="store_true", help="daftar id grafik / list the chart ids")
    chart.add_argument("--year", type=int)
    for dim, flag in _FILTER_FLAGS.items():
        chart.add_argument(flag, dest=f"f_{dim}", action="append", metavar="VALUE")
    chart.add_argument("--by", metavar="DIM", help="rincian grafik yang punya pilihan (lihat --list)")
    chart.add_argument("--metric", metavar="ID", help="indikator grafik yang punya pilihan (lihat --list)")
    chart.add_argument("--format", choices=("png", "svg", "pdf"), default="png")
    chart.add_argument("--out", metavar="FILE")
    chart.add_argument("--lang", choices=("id", "en"), default="id")
    chart.add_argument("--role", choices=("pimpinan", "evaluator", "admin"), default="pimpinan")
    chart.add_argument("--db", dest="db_sub", help=argparse.SUPPRESS)
    return parser


def _filters(args: argparse.Namespace) -> Filters:
    values: dict[str, list[str]] = {}
    for dim in DIMENSIONS:
        given = getattr(args, f"f_{dim}") or []
        if dim in ("opd", "unit"):
            given = [v.strip().upper() for v in given]
        if dim in _CODED:
            allowed = CODES[_CODED[dim]]
            wrong = [v for v in given if v not in allowed]
            if wrong:
                raise UsageError(
                    f"nilai --{dim.replace('_', '-')} tidak dikenal: {', '.join(wrong)} "
                    f"(pilihan: {', '.join(allowed)})"
                )
        if given:
            values[dim] = given
    return Filters.make(args.year, values)


def _open_existing(db: str | None) -> Store:
    path = resolve_db_path(db)
    if path != ":memory:" and not os.path.exists(path):
        raise UsageError(
            f"basis data tidak ditemukan: {path} — jalankan dulu `python -m sdm_analytics demo` "
            f"atau pilih berkas dengan --db"
        )
    return Store(path)


def _cmd_demo(args: argparse.Namespace) -> int:
    from ..demo import write_demo

    path = resolve_db_path(args.db)
    started = time.perf_counter()
    store = Store(path)
    counts = write_demo(store, seed=args.seed, scale=args.scale,
                        progress=lambda msg: print(msg, file=sys.stderr))
    seconds = time.perf_counter() - started
    print(json.dumps({"db": path, "seed": args.seed, "scale": args.scale, "rows": counts,
                      "seconds": round(seconds, 2)}, ensure_ascii=False))
    return 0


def _cmd_metrics(args: argparse.Namespace) -> int:
    filters = _filters(args)
    store = _open_existing(args.db)
    scope = Scope.everything(role=args.role)
    settings = load_settings()  # read once here, passed to everything below
    ids = args.metric or list(METRIC_IDS)
    if args.table:
        return _print_table(store, filters, scope, args, settings)
    if args.by:
        frame = compute_by(store, filters, args.by, scope, ids, settings=settings)
        if args.format == "json":
            out = {"year": filters.year, "filters": filters.to_dict(), "by": args.by,
                   "rows": rows_as_records(frame, args.by, ids)}
            print(json.dumps(out, ensure_ascii=False, indent=2))
        elif args.format == "csv":
            sys.stdout.write(frame[[args.by] + ids].to_csv(index=False))
        else:
            _print_by_table(frame, args.by, ids, args.lang, settings)
        return 0
    result = compute(store, filters, scope, ids, settings)
    if args.format == "csv":
        sys.stdout.write("metric,value,n\n" + "".join(
            f"{m},{'' if result.values[m] is None else result.values[m]},{result.n[m]}\n" for m in ids))
    elif args.format == "json":
        out = {"year": filters.year, "filters": filters.to_dict(), "metrics": result.values,
               "n": result.n, "suppressed": sorted(result.suppressed)}
        print(json.dumps(out, ensure_ascii=False, indent=2))
    else:
        width = max(len(METRICS[i].label(args.lang, settings)) for i in ids)
        for mid in ids:
            m = METRICS[mid]
            value = (f"n < {settings.min_respondents}" if mid in result.suppressed
                     else fmt_value(result.values[mid], m.unit, args.lang))
            print(f"{m.label(args.lang, settings):<{width}}  {value:>16}  n = {fmt_number(result.n[mid], args.lang, 0)}")
    return 0


def _cmd_import(args: argparse.Namespace) -> int:
    from .. import ingest
    from ..ingest.messages import file_error, label

    for name in args.files:
        if not os.path.isfile(name):
            raise UsageError(file_error("missing", args.lang, name=name))
    store = Store(resolve_db_path(args.db))
    try:
        plan = ingest.prepare(store, args.files, kind=args.kind, lang=args.lang)
        if plan.fatal:
            for fp in plan.fatal:
                print(f"galat / error: {fp.fatal_message(args.lang)}", file=sys.stderr)
            return 2
        if plan.ok or args.accept_partial:
            ingest.commit(store, plan, accept_partial=args.accept_partial, by=f"cli:{getpass.getuser()}")
        saved = ingest.write_rejects(plan, args.lang) if plan.committed else []
    finally:
        store.close()
    if args.format == "json":
        out = ingest.summary(plan)
        out["rejects_files"] = [str(p) for p in saved]
        print(json.dumps(out, ensure_ascii=False, indent=2, default=str))
    else:
        for fp in plan.files:
            print("\n".join(ingest.describe(fp, args.lang)))
        for path in saved:
            print(label("rejects_saved", args.lang, path=path))
        if not plan.committed:
            print(label("nothing_written", args.lang))
    return 0 if plan.ok else 1


def _cmd_export(args: argparse.Namespace) -> int:
    from ..contract import KIND_ORDER
    from ..ingest.messages import label

    store = _open_existing(args.db)
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    try:
        for kind in KIND_ORDER:
            rows = store.export_csv(kind, out / f"{kind}.csv")
            print(label("exported", args.lang, kind=kind, rows=rows, path=out / f"{kind}.csv"))
    finally:
        store.close()
    return 0


def _cmd_briefing(args: argparse.Namespace) -> int:
    from ..present import briefing

    out = Path(args.out)
    if out.suffix.lower() not in (".pptx", ".pdf"):
        raise UsageError("--out harus berakhiran .pptx atau .pdf")
    filters = _filters(args)
    store = _open_existing(args.db)
    started = time.perf_counter()
    deck = briefing.build_deck(store, filters, Scope.everything(role=args.role), args.lang, settings=load_settings())
    try:
        out.write_bytes(briefing.to_pdf(deck) if out.suffix.lower() == ".pdf" else deck)
    except RuntimeError as exc:
        raise UsageError(str(exc)) from exc
    print(json.dumps({"out": str(out), "bytes": out.stat().st_size, "seconds": round(time.perf_counter() - started, 2)}))
    return 0


def _cmd_export_chart(args: argparse.Namespace) -> int:
    from ..present import catalog, export

    if args.list:
        for chart in catalog.CHARTS.values():
            extra = [f"--{name} {'|'.join(choices)}" for name, choices in chart.options.items()]
            extra += [f"--{need} (1)" for need in chart.needs]
            print(f"{chart.id:<24} {chart.title(args.lang)}" + (f"  [{'; '.join(extra)}]" if extra else ""))
        return 0
    if not args.chart_id:
        raise UsageError("sebutkan CHART_ID (lihat --list)")
    if args.chart_id not in catalog.CHARTS:
        raise UsageError(f"grafik tidak dikenal: {args.chart_id} (lihat --list)")
    spec = catalog.CHARTS[args.chart_id]
    options = {"by": args.by, "metric": args.metric}
    for name, value in options.items():
        if value is not None and name not in spec.options:
            raise UsageError(f"grafik {spec.id} tidak punya pilihan --{name}")
        if value is not None and value not in spec.options[name]:
            raise UsageError(f"--{name} {value} tidak dikenal untuk {spec.id} (pilihan: {', '.join(spec.options[name])})")
    if args.year is None or not args.out:
        raise UsageError("--year dan --out wajib diisi")
    out = Path(args.out)
    if out.suffix.lower().lstrip(".") not in ("", args.format):
        raise UsageError(f"akhiran {out.suffix} tidak cocok dengan --format {args.format}")
    filters = _filters(args)
    for need in spec.needs:
        if len(getattr(filters, need)) != 1:
            raise UsageError(f"grafik {spec.id} perlu tepat satu --{need}")
    store = _open_existing(args.db)
    scope = Scope.everything(role=args.role)
    settings = load_settings()
    started = time.perf_counter()
    fig = catalog.render(args.chart_id, catalog.Source(store, filters, scope, args.lang, settings), options)
    if fig is None:
        raise UsageError(f"tidak ada data untuk grafik {spec.id} pada tahun dan filter ini")
    from ..present.export import describe_view

    desc = describe_view(store, filters, scope, args.lang, settings)
    out.write_bytes(export.chart_bytes(fig, args.format, desc))
    print(json.dumps({"chart": args.chart_id, "out": str(out), "format": args.format,
                      "bytes": out.stat().st_size, "seconds": round(time.perf_counter() - started, 2)}))
    return 0


def _print_table(store: Store, filters: Filters, scope: Scope, args: argparse.Namespace, settings) -> int:
    spec = TABLES[args.table]
    options = {}
    if args.by:
        if "by" not in spec.options:
            takes = ", ".join(name for name, s in TABLES.items() if s.cli and "by" in s.options)
            raise UsageError(f"--by hanya untuk --table {takes} (tabel lain sudah punya rinciannya sendiri)")
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


def _print_by_table(frame, by: str, ids: Sequence[str], lang: str, settings) -> None:
    header = [by] + [METRICS[i].label(lang, settings) for i in ids]
    rows = []
    for _, row in frame.iterrows():
        key = row[by] if by in ("opd", "unit", "year") else code_label(by, row[by], lang)
        rows.append([str(key)] + [fmt_value(None if row[i] != row[i] else row[i], METRICS[i].unit, lang) for i in ids])
    widths = [max(len(str(r[c])) for r in [header] + rows) for c in range(len(header))]
    for r in [header] + rows:
        print("  ".join(str(v).ljust(w) for v, w in zip(r, widths)))


def main(argv: Sequence[str] | None = None) -> int:
    """Run the CLI; returns the exit code (0 ok, 1 rows rejected, 2 usage / unusable input)."""
    parser = _parser()
    args = parser.parse_args(argv)
    args.db = getattr(args, "db_sub", None) or args.db
    try:
        if args.command == "demo":
            return _cmd_demo(args)
        if args.command == "metrics":
            return _cmd_metrics(args)
        if args.command == "import":
            return _cmd_import(args)
        if args.command == "briefing":
            return _cmd_briefing(args)
        if args.command == "export-chart":
            return _cmd_export_chart(args)
        if args.command == "export-data":
            return _cmd_export(args)
        if args.command == "users":
            from .users import run

            return run(Store(resolve_db_path(args.db)), args)
    except UsageError as exc:
        print(f"galat / error: {exc}", file=sys.stderr)
        return 2
    except StoreLockedError as exc:
        print(f"galat / error: {exc}", file=sys.stderr)
        return 2
    parser.error(f"unknown command {args.command}")
    return 2
