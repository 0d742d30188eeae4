"""`python -m sdm_analytics users ...`: accounts and roles from the server's command line (admin).

A password is never an argument (it would show in the process list and the shell history): it is
asked twice at the terminal, or read from standard input with --password-stdin for scripts.
"""

from __future__ import annotations

import argparse
import getpass
import json
import sys

from .. import accounts
from ..i18n import t
from ..settings import resolve_db_path
from ..store import Store
from .common import Command, add_db, add_lang, both

__all__ = ["USERS"]


def _arguments(users: argparse.ArgumentParser) -> None:
    add_lang(users)
    add_db(users)
    act = users.add_subparsers(dest="action", required=True, metavar="ACTION")
    act.add_parser("list", help=both("cli.users.list")).add_argument("--format", choices=("text", "json"),
                                                                      default="text")
    add = act.add_parser("add", help=both("cli.users.add"))
    add.add_argument("username")
    add.add_argument("--role", required=True, choices=accounts.ROLES)
    add.add_argument("--name", default="")
    add.add_argument("--opd", action="append", default=[], metavar="CODE", help=both("cli.help.opd"))
    add.add_argument("--password-stdin", action="store_true", help=both("cli.help.password_stdin"))
    upd = act.add_parser("set", help=both("cli.users.set"))
    upd.add_argument("username")
    upd.add_argument("--role", choices=accounts.ROLES)
    upd.add_argument("--name")
    upd.add_argument("--opd", action="append", metavar="CODE", help=both("cli.help.opd"))
    upd.add_argument("--email", help=both("cli.help.email"))
    pwd = act.add_parser("passwd", help=both("cli.users.passwd"))
    pwd.add_argument("username")
    pwd.add_argument("--password-stdin", action="store_true", help=both("cli.help.password_stdin"))
    for name in ("disable", "enable", "remove"):
        act.add_parser(name, help=both(f"cli.users.{name}")).add_argument("username")


def _password(args: argparse.Namespace) -> str:
    if args.password_stdin:
        return sys.stdin.readline().rstrip("\r\n")
    first = getpass.getpass(t("cli.password", args.lang))
    if getpass.getpass(t("cli.password_again", args.lang)) != first:
        raise accounts.AccountError("mismatch")
    return first


def _by() -> str:
    return f"cli:{getpass.getuser()}"


def _run(args: argparse.Namespace) -> int:
    """Carry out one `users` action; exit 0, or 2 with the reason on stderr."""
    store = Store(resolve_db_path(args.db))
    try:
        if args.action == "list":
            frame = accounts.listing(store)
            if args.format == "json":
                print(frame.to_json(orient="records", date_format="iso", force_ascii=False))
            elif frame.empty:
                print(t("cli.users.none", args.lang))
            else:
                frame["opds"] = [", ".join(o) if len(o) else "–" for o in frame["opds"]]
                print(frame.to_string(index=False))
            return 0
        if args.action == "add":
            user = accounts.add(store, args.username, _password(args), args.role, args.name, args.opd, by=_by())
            print(json.dumps({"added": user.username, "role": user.role, "opds": list(user.opds)}))
        elif args.action == "set":
            user = accounts.update(store, args.username, args.role, args.name, args.opd, by=_by())
            if args.email is not None:
                accounts.set_email(store, args.username, args.email, by=_by())
            print(json.dumps({"updated": user.username, "role": user.role, "opds": list(user.opds)}))
        elif args.action == "passwd":
            accounts.set_password(store, args.username, _password(args), by=_by())
            print(json.dumps({"password_set": args.username}))
        elif args.action in ("disable", "enable"):
            accounts.set_active(store, args.username, args.action == "enable", by=_by())
            print(json.dumps({args.action + "d": args.username}))
        elif args.action == "remove":
            accounts.remove(store, args.username, by=_by())
            print(json.dumps({"removed": args.username}))
    except accounts.AccountError as exc:
        print(f"{t('cli.error', args.lang)}: {exc.message(args.lang)}", file=sys.stderr)
        return 2
    return 0


USERS = Command("users", "cli.cmd.users", _arguments, _run)
