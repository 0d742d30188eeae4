"""`backup`: a whole copy of the store and its ledger (data, import history, accounts, the account log), made
while the dashboard and other commands use them; the oldest copies beyond --keep are removed."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
from pathlib import Path

from ..ledger import ledger_path
from ..versions import copy_store
from .common import Command, UsageError, add_db, add_lang, both, out_folder

__all__ = ["BACKUP"]

_PREFIX = "sdm-"


def _arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--out", required=True, metavar="DIR")
    parser.add_argument("--keep", type=int, default=0, metavar="N", help=both("cli.help.keep"))
    add_lang(parser)
    add_db(parser)


def _run(args: argparse.Namespace) -> int:
    from ..settings import resolve_db_path

    path = resolve_db_path(args.db)
    if path == ":memory:" or not os.path.exists(path):
        raise UsageError("cli.no_store", path=path)
    if args.keep < 0:
        raise UsageError("cli.bad_keep", value=args.keep)
    out = out_folder(Path(args.out))
    target = out / f"{_PREFIX}{dt.datetime.now():%Y%m%d-%H%M%S}.duckdb"
    try:
        copy_store(path, str(target))
    except OSError as exc:
        raise UsageError("cli.out_unwritable", path=target, reason=exc.strerror or exc) from exc
    removed = []
    if args.keep:
        copies = sorted(out.glob(f"{_PREFIX}*.duckdb"))
        for old in copies[:-args.keep]:
            for part in (str(old), ledger_path(str(old))):
                if os.path.exists(part):
                    os.remove(part)
            removed.append(old.name)
    print(json.dumps({"store": str(target), "accounts": ledger_path(str(target)), "removed": removed},
                     ensure_ascii=False))
    return 0


BACKUP = Command("backup", "cli.cmd.backup", _arguments, _run)
