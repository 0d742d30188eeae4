"""`python -m sdm_analytics surveys due|open|links|status|close`: survey campaigns from the command line.

The links file (CSV, one row per recipient, headers in the chosen language) is the only copy of the tokens:
the store keeps their hashes. `links` issues new ones for those who have not answered. The product sends
nothing itself: the admin hands the links out (WhatsApp, e-mail).
"""

from __future__ import annotations

import argparse
import datetime as dt
import getpass
import json
from pathlib import Path

import pandas as pd

from .. import campaigns
from ..present.survey_links import PUBLIC_URL_ENV, QUESTIONNAIRE_PAGE, base_url, links_frame
from .common import Command, UsageError, add_db, add_lang, both, open_existing, out_folder, write_out

__all__ = ["SURVEYS", "PUBLIC_URL_ENV", "QUESTIONNAIRE_PAGE"]


def _arguments(parser: argparse.ArgumentParser) -> None:
    act = parser.add_subparsers(dest="action", required=True, metavar="ACTION")
    due = act.add_parser("due", help=both("cli.surveys.due"))
    due.add_argument("--today", type=dt.date.fromisoformat, help=both("cli.help.today"))
    due.add_argument("--lag", type=int, default=campaigns.LAG_DAYS, help=both("cli.help.lag"))
    due.add_argument("--window", type=int, default=campaigns.WINDOW_DAYS, help=both("cli.help.due_window"))
    opened = act.add_parser("open", help=both("cli.surveys.open"))
    opened.add_argument("--kind", required=True, choices=campaigns.KINDS)
    opened.add_argument("--program", metavar="CODE")
    opened.add_argument("--year", type=int)
    opened.add_argument("--opd", action="append", default=[], metavar="CODE", help=both("cli.help.survey_opd"))
    opened.add_argument("--anonymous", action="store_true", help=both("cli.help.anonymous"))
    opened.add_argument("--days", type=int, default=30, help=both("cli.help.days"))
    links = act.add_parser("links", help=both("cli.surveys.links"))
    links.add_argument("campaign")
    for sub in (opened, links):
        sub.add_argument("--out", type=Path, required=True, help=both("cli.help.links_out"))
        sub.add_argument("--base-url", help=both("cli.help.base_url"))
    stat = act.add_parser("status", help=both("cli.surveys.status"))
    stat.add_argument("campaign", nargs="?")
    stat.add_argument("--missing", action="store_true", help=both("cli.help.missing"))
    for sub in (due, stat):
        sub.add_argument("--format", choices=("table", "json"), default="table")
    shut = act.add_parser("close", help=both("cli.surveys.close"))
    shut.add_argument("campaign")
    for sub in (due, opened, links, stat, shut):  # after the action: `surveys open ... --lang en`
        add_lang(sub)
        add_db(sub)


def _write_links(frame: pd.DataFrame, args: argparse.Namespace) -> None:
    frame = links_frame(frame, base_url(args.base_url), args.lang)
    out_folder(args.out.parent)
    write_out(args.out, frame.to_csv(index=False).encode("utf-8"))


def _print(frame: pd.DataFrame, fmt: str) -> None:
    if fmt == "json":
        print(frame.to_json(orient="records", date_format="iso", force_ascii=False))
    else:  # a day is a day: no midnight after each date
        days = {c: frame[c].dt.date for c in frame if str(frame[c].dtype).startswith("datetime")}
        print(frame.assign(**days).astype(object).where(frame.notna(), "").to_string(index=False))


def _run(args: argparse.Namespace) -> int:
    """Carry out one `surveys` action; exit 0 (a refusal, campaigns.CampaignError, is main's exit 2)."""
    if args.action == "status" and args.missing and not args.campaign:
        raise UsageError("cli.surveys.missing_needs_campaign")
    store = open_existing(args.db)
    try:
        if args.action == "due":
            _print(campaigns.due(store, args.today or dt.date.today(), args.lag, args.window), args.format)
        elif args.action == "open":
            cid, links = campaigns.open_campaign(store, args.kind, args.program, args.year, args.opd,
                                                 args.anonymous, args.days, f"cli:{getpass.getuser()}")
            _write_links(links, args)
            print(json.dumps({"opened": cid, "links": len(links), "out": str(args.out)}))
        elif args.action == "links":
            links = campaigns.reissue(store, args.campaign)
            _write_links(links, args)
            print(json.dumps({"reissued": args.campaign, "links": len(links), "out": str(args.out)}))
        elif args.action == "status":
            if args.missing:
                _print(campaigns.missing(store, args.campaign), args.format)
            else:
                _print(campaigns.status(store, args.campaign), args.format)
        elif args.action == "close":
            print(json.dumps({"closed": args.campaign, "changed": campaigns.close(store, args.campaign)}))
    finally:
        store.close()
    return 0


SURVEYS = Command("surveys", "cli.cmd.surveys", _arguments, _run)
