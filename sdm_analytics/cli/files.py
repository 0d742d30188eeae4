"""`import`, `export-data`, `briefing` and `export-chart`: the commands that read or write files."""

from __future__ import annotations

import argparse
import getpass
import json
import os
import sys
import time
from pathlib import Path

from ..filters import Scope
from ..i18n import t
from ..settings import load_settings, resolve_db_path
from ..store import Store
from .common import (
    Command,
    UsageError,
    add_db,
    add_lang,
    add_view,
    both,
    filters_of,
    open_existing,
    out_folder,
    write_out,
)

__all__ = ["IMPORT", "EXPORT_DATA", "BRIEFING", "EXPORT_CHART"]


def _import_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("files", nargs="+", metavar="FILE")
    parser.add_argument("--kind", help=both("cli.help.kind"))
    parser.add_argument("--accept-partial", action="store_true", help=both("cli.help.accept_partial"))
    parser.add_argument("--format", choices=("text", "json"), default="text")
    add_lang(parser)
    add_db(parser)


def _import(args: argparse.Namespace) -> int:
    from .. import ingest
    from ..ingest.messages import file_error, label

    for name in args.files:
        if not os.path.isfile(name):
            print(f"{t('cli.error', args.lang)}: {file_error('missing', args.lang, name=name)}", file=sys.stderr)
            return 2
    settings = load_settings()  # the import limits; an unusable value is said before the store is opened
    store = Store(resolve_db_path(args.db))
    try:
        plan = ingest.prepare(store, args.files, kind=args.kind, lang=args.lang, settings=settings)
        if plan.fatal:
            for fp in plan.fatal:
                print(f"{t('cli.error', args.lang)}: {fp.fatal_message(args.lang)}", file=sys.stderr)
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
            print("\n".join(ingest.report_lines(fp, args.lang)))
        for path in saved:
            print(label("rejects_saved", args.lang, path=path))
        if not plan.committed:
            print(label("nothing_written", args.lang))
    return 0 if plan.ok else 1


def _export_data_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--out", required=True, metavar="DIR")
    parser.add_argument("--as-history", action="store_true", help=both("cli.help.as_history"))
    add_lang(parser)
    add_db(parser)


def _export_data(args: argparse.Namespace) -> int:
    from ..contract import KIND_ORDER
    from ..ingest.messages import label

    out = out_folder(Path(args.out))
    store = open_existing(args.db)
    try:
        # --as-history: the people and their completed training as certificates, to rebuild the JP from alone
        for kind in ("units", "employees", "history") if args.as_history else KIND_ORDER:
            path = out / f"{kind}.csv"
            rows = store.export_history_csv(path) if args.as_history and kind == "history" else \
                store.export_csv(kind, path)
            print(label("exported", args.lang, kind=kind, rows=rows, path=path))
    finally:
        store.close()
    return 0


def _briefing_arguments(parser: argparse.ArgumentParser) -> None:
    add_view(parser)
    parser.add_argument("--out", required=True, metavar="FILE.pptx|FILE.pdf")


def _briefing(args: argparse.Namespace) -> int:
    from ..present import briefing

    out = Path(args.out)
    if out.suffix.lower() not in (".pptx", ".pdf"):
        raise UsageError("cli.out_pptx_pdf")
    filters = filters_of(args)
    out_folder(out.parent, make=False)  # before the deck is built: a folder that cannot be is said at once
    store = open_existing(args.db)
    started = time.perf_counter()
    deck = briefing.build_deck(store, filters, Scope.everything(role=args.role), args.lang, settings=load_settings())
    try:
        write_out(out_folder(out.parent) / out.name, briefing.to_pdf(deck) if out.suffix.lower() == ".pdf" else deck)
    except RuntimeError as exc:  # no LibreOffice for the PDF: its own message says what to install
        print(f"{t('cli.error', args.lang)}: {exc}", file=sys.stderr)
        return 2
    print(json.dumps({"out": str(out), "bytes": out.stat().st_size, "seconds": round(time.perf_counter() - started, 2)}))
    return 0


def _export_chart_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("chart_ids", nargs="*", metavar="CHART_ID", help=both("cli.help.chart_ids"))
    parser.add_argument("--list", action="store_true", help=both("cli.help.list_charts"))
    add_view(parser, year_required=False)
    parser.add_argument("--by", metavar="DIM", help=both("cli.help.chart_by"))
    parser.add_argument("--metric", metavar="ID", help=both("cli.help.chart_metric"))
    parser.add_argument("--show", metavar="WHAT", help=both("cli.help.chart_show"))
    parser.add_argument("--format", choices=("png", "svg", "pdf"), default="png")
    parser.add_argument("--out", metavar="FILE", help=both("cli.help.chart_out"))
    parser.add_argument("--all-bars", action="store_true", help=both("cli.help.all_bars"))


def _chart_options(spec, args: argparse.Namespace, batch: bool) -> dict[str, str | None]:
    """--by / --metric / --show for one chart, each checked against the chart's choices; in a batch an option
    goes to the charts that take it (a chart without it is drawn without it)."""
    options = {"by": args.by, "metric": args.metric, "show": args.show}
    for name, value in options.items():
        if value is not None and name not in spec.options:
            if batch:
                options[name] = None
                continue
            raise UsageError("cli.chart_no_option", chart=spec.id, option=name)
        if value is not None and value not in spec.options[name]:
            raise UsageError("cli.chart_bad_option", option=name, value=value, chart=spec.id,
                             choices=", ".join(spec.options[name]))
    return options


def _export_chart(args: argparse.Namespace) -> int:
    """One chart to --out FILE, or several (one Chromium for all of them) into the folder --out DIR as
    <chart>_<year>.<format>; every chart is checked and drawn before the first file is written."""
    from ..present import catalog, export

    if args.list:
        for chart in catalog.CHARTS.values():
            extra = [f"--{name} {'|'.join(choices)}" for name, choices in chart.options.items()]
            extra += [f"--{need} (1)" for need in chart.needs]
            print(f"{chart.id:<24} {chart.title(args.lang)}" + (f"  [{'; '.join(extra)}]" if extra else ""))
        return 0
    if not args.chart_ids:
        raise UsageError("cli.chart_id_needed")
    for chart_id in args.chart_ids:
        if chart_id not in catalog.CHARTS:
            raise UsageError("cli.chart_unknown", chart=chart_id)
    specs = [catalog.CHARTS[c] for c in dict.fromkeys(args.chart_ids)]
    options = {spec.id: _chart_options(spec, args, len(specs) > 1) for spec in specs}
    for name in ("by", "metric", "show"):  # an option no chart of the batch takes is a mistake
        if getattr(args, name) is not None and all(options[s.id][name] is None for s in specs):
            raise UsageError("cli.chart_no_option", chart=", ".join(s.id for s in specs), option=name)
    if args.year is None or not args.out:
        raise UsageError("cli.year_out_needed")
    out = Path(args.out)
    if len(specs) == 1 and not out.is_dir():
        if out.suffix.lower().lstrip(".") not in ("", args.format):
            raise UsageError("cli.suffix_format", suffix=out.suffix, format=args.format)
        targets = {specs[0].id: out}
    else:
        if (out.exists() and not out.is_dir()) or out.suffix.lower().lstrip(".") in export.FORMATS:
            raise UsageError("cli.out_dir_needed", out=args.out)
        targets = {spec.id: out / f"{spec.id}_{args.year}.{args.format}" for spec in specs}
    filters = filters_of(args)
    for spec in specs:
        for need in spec.needs:
            if len(getattr(filters, need)) != 1:
                raise UsageError("cli.chart_needs_one", chart=spec.id, need=need)
    for folder in dict.fromkeys(target.parent for target in targets.values()):
        out_folder(folder, make=False)  # made only once every chart is drawn
    store = open_existing(args.db)
    scope = Scope.everything(role=args.role)
    settings = load_settings()
    source = catalog.Source(store, filters, scope, args.lang, settings, None if args.all_bars else catalog.Source.MAX_BARS)
    description = export.describe_view(store, filters, scope, args.lang, settings)
    figures = {}
    for spec in specs:
        figures[spec.id] = catalog.render(spec.id, source, options[spec.id])
        if figures[spec.id] is None:
            raise UsageError("cli.chart_no_data", chart=spec.id)
    for spec in specs:
        started = time.perf_counter()
        fig = figures[spec.id]
        target = targets[spec.id]
        write_out(out_folder(target.parent) / target.name, export.chart_bytes(fig, args.format, description))
        print(json.dumps({"chart": spec.id, "out": str(target), "format": args.format,
                          "bytes": target.stat().st_size, "seconds": round(time.perf_counter() - started, 2)}))
    return 0


IMPORT = Command("import", "cli.cmd.import", _import_arguments, _import)
EXPORT_DATA = Command("export-data", "cli.cmd.export_data", _export_data_arguments, _export_data)
BRIEFING = Command("briefing", "cli.cmd.briefing", _briefing_arguments, _briefing)
EXPORT_CHART = Command("export-chart", "cli.cmd.export_chart", _export_chart_arguments, _export_chart)
