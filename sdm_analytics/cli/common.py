"""What every command shares: its registry entry, usage errors in the chosen language, the view's flags."""

from __future__ import annotations

import argparse
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from ..contract import CODES
from ..filters import DIMENSIONS, EMPLOYEE_DIMS, PROGRAM_DIMS, Filters
from ..i18n import LANGS, t
from ..settings import resolve_db_path
from ..store import Store

__all__ = ["Command", "UsageError", "both", "out_folder", "write_out", "add_db", "add_lang", "add_view", "filters_of", "open_existing",
           "BY_CHOICES", "ROLES"]

# CLI flag -> filter dimension; every flag may be repeated.
FILTER_FLAGS = {dim: "--" + dim.replace("_", "-") for dim in DIMENSIONS}
# Dimensions whose values are fixed codes: an unknown value is a usage error.
_CODED = ("area", "employment_type", "position_type", "gender", "category", "mode")
BY_CHOICES = EMPLOYEE_DIMS + PROGRAM_DIMS + ("year",)
ROLES = ("pimpinan", "evaluator", "admin")


@dataclass(frozen=True)
class Command:
    """A command of `python -m sdm_analytics`: its name, its help (a catalogue key), its arguments and what it
    does (returns the exit code: 0 ok, 1 rows rejected, 2 usage or unusable input)."""

    name: str
    help_key: str
    arguments: Callable[[argparse.ArgumentParser], None]
    run: Callable[[argparse.Namespace], int]


class UsageError(Exception):
    """Wrong arguments or an unusable store: one line in the chosen language, exit 2."""

    def __init__(self, key: str, **values: object) -> None:
        self.key, self.values = key, values
        super().__init__(t(key, "id", **values))

    def message(self, lang: str = "id") -> str:
        return t(self.key, lang, **self.values)


def out_folder(folder: Path, make: bool = True) -> Path:
    """The folder --out writes into, created with its parents when missing (make=False: only checked, before
    any work, that it can be: its nearest existing parent is a folder this process may write in). One that
    cannot be is a usage error, not a traceback."""
    if not make:
        existing = next((p for p in (folder, *folder.parents) if p.exists()), Path("."))
        if not existing.is_dir() or not os.access(existing, os.W_OK):
            reason = os.strerror(13) if existing.is_dir() else os.strerror(20)
            raise UsageError("cli.out_unwritable", path=folder, reason=reason)
        return folder
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise UsageError("cli.out_unwritable", path=folder, reason=exc.strerror or exc) from exc
    if not os.access(folder, os.W_OK):
        raise UsageError("cli.out_unwritable", path=folder, reason=os.strerror(13))
    return folder


def write_out(path: Path, data: bytes) -> None:
    """Write one output file; a disk full or a folder without write permission is a usage error."""
    try:
        path.write_bytes(data)
    except OSError as exc:
        raise UsageError("cli.out_unwritable", path=path, reason=exc.strerror or exc) from exc


def both(key: str, **values: object) -> str:
    """Help text in both languages ('bahasa / English'): the language flag comes after the help is printed."""
    texts = [t(key, lang, **values) for lang in LANGS]
    return texts[0] if texts[0] == texts[1] else " / ".join(texts)


def add_db(parser: argparse.ArgumentParser) -> None:
    """--db after the command too (`metrics --db X`), as before it."""
    parser.add_argument("--db", dest="db_sub", help=argparse.SUPPRESS)


def add_lang(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--lang", choices=LANGS, default="id", help=both("cli.help.lang"))


def add_view(parser: argparse.ArgumentParser, year_required: bool = True, role: bool = True) -> None:
    """The view's flags: --year, one repeatable flag per filter dimension, --role, --lang and --db."""
    parser.add_argument("--year", type=int, required=year_required)
    for dim, flag in FILTER_FLAGS.items():
        parser.add_argument(flag, dest=f"f_{dim}", action="append", metavar="VALUE",
                            help=both("cli.help.filter", dim=dim))
    if role:
        parser.add_argument("--role", choices=ROLES, default="pimpinan", help=both("cli.help.role"))
    add_lang(parser)
    add_db(parser)


def filters_of(args: argparse.Namespace) -> Filters:
    """The filters of the view flags; an unknown code is a usage error that lists the allowed ones."""
    values: dict[str, list[str]] = {}
    for dim in DIMENSIONS:
        given = getattr(args, f"f_{dim}") or []
        if dim in ("opd", "unit"):
            given = [v.strip().upper() for v in given]
        if dim in _CODED:
            wrong = [v for v in given if v not in CODES[dim]]
            if wrong:
                raise UsageError("cli.unknown_value", flag=dim.replace("_", "-"), values=", ".join(wrong),
                                 choices=", ".join(CODES[dim]))
        if given:
            values[dim] = given
    return Filters.make(args.year, values)


def open_existing(db: str | None) -> Store:
    """The store the command reads: it must exist (a typo in --db never creates an empty store)."""
    path = resolve_db_path(db)
    if path != ":memory:" and not os.path.exists(path):
        raise UsageError("cli.no_store", path=path)
    return Store(path)
