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
from ..store import Store

__all__ = ["add_parser", "run"]


def add_parser(sub: argparse._SubParsersAction) -> None:
    """Register `users` and its actions on the CLI's subparsers."""
    users = sub.add_parser("users", help="akun dan peran / accounts and roles (admin)")
    users.add_argument("--db", dest="db_sub", help=argparse.SUPPRESS)
    users.add_argument("--lang", choices=("id", "en"), default="id")
    act = users.add_subparsers(dest="action", required=True, metavar="ACTION")
    act.add_parser("list", help="daftar akun / list the accounts").add_argument("--format", choices=("text", "json"),
                                                                               default="text")
    add = act.add_parser("add", help="buat akun / create an account")
    add.add_argument("username")
    add.add_argument("--role", required=True, choices=accounts.ROLES)
    add.add_argument("--name", default="")
    add.add_argument("--opd", action="append", default=[], metavar="CODE", help="evaluator: OPD (boleh diulang)")
    add.add_argument("--password-stdin", action="store_true", help="baca kata sandi dari stdin / read from stdin")
    upd = act.add_parser("set", help="ubah peran, nama atau OPD / change role, name or OPDs")
    upd.add_argument("username")
    upd.add_argument("--role", choices=accounts.ROLES)
    upd.add_argument("--name")
    upd.add_argument("--opd", action="append", metavar="CODE")
    pwd = act.add_parser("passwd", help="ganti kata sandi / set a new password")
    pwd.add_argument("username")
    pwd.add_argument("--password-stdin", action="store_true")
    for name, text in (("disable", "nonaktifkan / disable"), ("enable", "aktifkan / enable"),
                       ("remove", "hapus / delete")):
        act.add_parser(name, help=text).add_argument("username")


def _password(args: argparse.Namespace) -> str:
    if args.password_stdin:
        return sys.stdin.readline().rstrip("\r\n")
    first = getpass.getpass("Kata sandi / password: ")
    if getpass.getpass("Ulangi / repeat: ") != first:
        raise accounts.AccountError("mismatch")
    return first


def _by() -> str:
    return f"cli:{getpass.getuser()}"


def run(store: Store, args: argparse.Namespace) -> int:
    """Carry out one `users` action; exit 0, or 2 with the reason on stderr."""
    try:
        if args.action == "list":
            frame = accounts.listing(store)
            if args.format == "json":
                print(frame.to_json(orient="records", date_format="iso", force_ascii=False))
            elif frame.empty:
                print("(belum ada akun / no accounts)")
            else:
                frame["opds"] = [", ".join(o) if len(o) else "–" for o in frame["opds"]]
                print(frame.to_string(index=False))
            return 0
        if args.action == "add":
            user = accounts.add(store, args.username, _password(args), args.role, args.name, args.opd, by=_by())
            print(json.dumps({"added": user.username, "role": user.role, "opds": list(user.opds)}))
        elif args.action == "set":
            user = accounts.update(store, args.username, args.role, args.name, args.opd, by=_by())
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
        print(f"galat / error: {exc.message(args.lang)}", file=sys.stderr)
        return 2
    return 0
