"""`python -m sdm_analytics`: a thin command line over the package (docs/deployment.md §8).

Every command is registered once in COMMANDS (name, help, arguments, what it runs); the parser, the dispatch
and the documentation test read that list. Usage errors and a busy store are one line in the chosen
language (`--lang`), exit 2.
"""

from __future__ import annotations

import argparse
import sys
from typing import Sequence

from .. import __version__
from ..campaigns import CampaignError
from ..i18n import t
from ..settings import SettingsError
from ..store import StoreLockedError
from .backup import BACKUP
from .bench import BENCH
from .common import Command, UsageError, both
from .figures import DEMO, METRICS_COMMAND
from .files import BRIEFING, EXPORT_CHART, EXPORT_DATA, IMPORT
from .surveys import SURVEYS
from .users import USERS

__all__ = ["COMMANDS", "main"]

COMMANDS: dict[str, Command] = {c.name: c for c in (DEMO, METRICS_COMMAND, IMPORT, EXPORT_DATA, BRIEFING, USERS,
                                                     SURVEYS, EXPORT_CHART, BACKUP, BENCH)}


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m sdm_analytics", description=both("cli.description"))
    parser.add_argument("--version", action="version", version=__version__)
    parser.add_argument("--db", help=both("cli.help.db"))
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for command in COMMANDS.values():
        command.arguments(sub.add_parser(command.name, help=both(command.help_key)))
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the CLI; returns the exit code (0 ok, 1 rows rejected, 2 usage / unusable input)."""
    args = _parser().parse_args(argv)
    args.db = getattr(args, "db_sub", None) or args.db
    lang = getattr(args, "lang", "id")
    try:
        return COMMANDS[args.command].run(args)
    except (UsageError, SettingsError, CampaignError) as exc:
        message = exc.message(lang)
    except StoreLockedError as exc:
        message = exc.message(lang)
    print(f"{t('cli.error', lang)}: {message}", file=sys.stderr)
    return 2
