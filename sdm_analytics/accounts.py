"""Accounts: who may open the dashboard, in which role, over which OPDs (DESIGN.md, roles and scope).

Passwords are hashed with Argon2id (argon2-cffi) and never stored or printed in clear. Five wrong
passwords in a row lock a name for 15 minutes. A user's scope is built here and enforced by the
engine: every query takes it, so an evaluator's pages, tables and exports hold only its OPDs. Sign-ins,
refusals and every change to an account are written to the account log, with who made the change.

Accounts, the sign-in counters and the log live in the store's ledger (SQLite, ledger.py), not in the
DuckDB store: they change at any moment from any process. A password is checked for one sign-in of a name
at a time (lockout.py: a lease in the ledger, taken in a write transaction), so the lock-out counts every
guess exactly, whatever the concurrency, and every attempt is in the log. Every refusal costs the same one
Argon2 check: a locked account or an unknown name does not answer faster than a wrong password.
"""

from __future__ import annotations

import datetime as dt
import re
import sqlite3
from dataclasses import dataclass
from typing import Sequence

import pandas as pd
from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

from . import lockout
from .filters import Scope
from .i18n import t
from .ledger import Ledger
from .ledger import now as _now
from .ledger import stamp as _iso
from .lockout import LOCK_MINUTES, MAX_FAILURES
from .store import Store

__all__ = ["ROLES", "User", "AccountError", "add", "update", "set_password", "set_active", "remove", "get",
           "listing", "auth_log", "log_export", "has_users", "check", "still_open", "set_email", "by_email", "signed_in_by_sso", "refused_by_sso", "authenticate", "change_own_password",
           "MAX_FAILURES", "LOCK_MINUTES"]

ROLES = ("pimpinan", "evaluator", "admin")
MIN_PASSWORD = 10
# The account log's events of a password check: a sign-in's, and the current password of a change's.
SIGN_IN = {"ok": "sign_in", "wrong": "wrong", "locked": "locked"}
PASSWORD_CHECK = {"ok": "password_check", "wrong": "password_check_wrong", "locked": "password_check_locked"}
_USERNAME = re.compile(r"[a-z0-9][a-z0-9._-]{2,31}")
_EMAIL = re.compile(r"[^@\s]{1,64}@[^@\s]{1,190}\.[a-z0-9-]{2,63}")
_hasher = PasswordHasher()
_DUMMY_HASH = _hasher.hash("a password nobody has")  # a verify for unknown names too: no timing hint


class AccountError(ValueError):
    """A refused account change, with its message in Bahasa Indonesia and English."""

    def __init__(self, key: str, **values: object) -> None:
        self.key, self.values = key, values
        super().__init__(self.message("id"))

    def message(self, lang: str = "id") -> str:
        return t(f"account_{self.key}", lang, **self.values)


@dataclass(frozen=True)
class User:
    """A signed-in person: the role and, for an evaluator, its OPDs."""

    username: str
    name: str
    role: str
    opds: tuple[str, ...] = ()

    def scope(self) -> Scope:
        if self.role == "evaluator":
            return Scope.of(self.opds, "evaluator")
        return Scope.everything(self.role)  # no name in the scope: people of one role share cached figures


def _opds(text: str | None) -> tuple[str, ...]:
    return tuple(text.split()) if text else ()


def _check_password(username: str, password: str) -> None:
    if len(password or "") < MIN_PASSWORD:
        raise AccountError("short", n=MIN_PASSWORD)
    if password.strip().lower() == username:
        raise AccountError("same")


def _clean_opds(store: Store, role: str, opds: Sequence[str]) -> tuple[str, ...]:
    if role != "evaluator":
        return ()
    codes = tuple(sorted({o.strip().upper() for o in opds if o and o.strip()}))
    if not codes:
        raise AccountError("scope")
    known = {r[0] for r in store.rows("SELECT opd_code FROM units")}
    unknown = [c for c in codes if c not in known]
    if known and unknown:  # an empty store (accounts made before the first import) takes the codes as given
        raise AccountError("opd", value=", ".join(unknown))
    return codes


_COLUMNS = "username, name, role, opds, active, password_hash, created_at, last_login"  # not email: by_email


def _row(con: sqlite3.Connection | Ledger, username: str) -> tuple | None:
    rows = con.execute(f"SELECT {_COLUMNS} FROM users WHERE username = ?", (username,)).fetchall() \
        if isinstance(con, sqlite3.Connection) else con.rows(f"SELECT {_COLUMNS} FROM users WHERE username = ?",
                                                             (username,))
    return rows[0] if rows else None


def _user(row: tuple) -> User:
    return User(row[0], row[1], row[2], _opds(row[3]))


def _guard_last_admin(con: sqlite3.Connection, row: tuple | None) -> None:
    if row and row[2] == "admin" and row[4]:
        admins = con.execute("SELECT count(*) FROM users WHERE role = 'admin' AND active").fetchone()[0]
        if admins <= 1:
            raise AccountError("last_admin")


def _log(con: sqlite3.Connection, event: str, username: str, by: str = "", detail: str = "") -> None:
    """One line of the account log: sign-ins (and refusals) and every change to an account, with who did it."""
    con.execute("INSERT INTO auth_log (logged_at, event, username, actor, detail) VALUES (?, ?, ?, ?, ?)",
                (_iso(dt.datetime.now()), event, (username or "")[:64], by, detail))


def log_export(store: Store, username: str, file_name: str) -> None:
    """A download (chart, table, deck, backup) in the account log: who took which file out."""
    with store.ledger.write() as con:
        _log(con, "export", username, username, file_name)


def auth_log(store: Store, limit: int = 200) -> pd.DataFrame:
    """The latest lines of the account log, newest first: logged_at, event, username, actor, detail."""
    frame = store.ledger.df("SELECT logged_at, event, username, actor, detail FROM auth_log "
                            "ORDER BY id DESC LIMIT ?", (int(limit),))
    frame["logged_at"] = pd.to_datetime(frame["logged_at"], format="ISO8601")
    return frame


def has_users(store: Store) -> bool:
    """Whether any account exists (without one, the dashboard says how to make the first admin)."""
    return bool(store.ledger.scalar("SELECT count(*) FROM users"))


def add(store: Store, username: str, password: str, role: str, name: str = "",
        opds: Sequence[str] = (), *, by: str = "") -> User:
    """Create an account; AccountError when a rule is broken (nothing is written then)."""
    username = (username or "").strip().lower()
    if not _USERNAME.fullmatch(username):
        raise AccountError("username", value=username)
    if role not in ROLES:
        raise AccountError("role", value=role)
    _check_password(username, password)
    codes = _clean_opds(store, role, opds)
    digest = _hasher.hash(password)
    with store.ledger.write() as con:
        if _row(con, username):
            raise AccountError("exists", value=username)
        con.execute("INSERT INTO users VALUES (?, ?, ?, ?, 1, ?, ?, NULL, NULL)",
                    (username, name.strip() or username, role, " ".join(codes), digest, _iso(_now())))
        _log(con, "added", username, by, " ".join([role, *codes]))
    return User(username, name.strip() or username, role, codes)


def update(store: Store, username: str, role: str | None = None, name: str | None = None,
           opds: Sequence[str] | None = None, *, by: str = "") -> User:
    """Change an account's role, name or OPDs (the OPDs are required when it becomes an evaluator)."""
    row = _row(store.ledger, username)
    if not row:
        raise AccountError("missing", value=username)
    new_role = role or row[2]
    if new_role not in ROLES:
        raise AccountError("role", value=new_role)
    codes = _clean_opds(store, new_role, _opds(row[3]) if opds is None else opds)
    new_name = row[1] if name is None else (name.strip() or username)
    with store.ledger.write() as con:
        row = _row(con, username)
        if not row:
            raise AccountError("missing", value=username)
        if row[2] == "admin" and new_role != "admin":
            _guard_last_admin(con, row)
        con.execute("UPDATE users SET role = ?, name = ?, opds = ? WHERE username = ?",
                    (new_role, new_name, " ".join(codes), username))
        if (new_role, tuple(codes), new_name) != (row[2], _opds(row[3]), row[1]):
            _log(con, "updated", username, by, " ".join([new_role, *codes]))
    return User(username, new_name, new_role, codes)


def set_password(store: Store, username: str, password: str, *, by: str = "") -> None:
    """Set a new password (and lift a lock); the account's open sessions end."""
    if not _row(store.ledger, username):
        raise AccountError("missing", value=username)
    _check_password(username, password)
    digest = _hasher.hash(password)
    with store.ledger.write() as con:
        if con.execute("UPDATE users SET password_hash = ? WHERE username = ?", (digest, username)).rowcount == 0:
            raise AccountError("missing", value=username)
        con.execute("DELETE FROM throttle WHERE username = ?", (username,))
        con.execute("DELETE FROM sessions WHERE username = ?", (username,))
        _log(con, "password", username, by)


def change_own_password(store: Store, username: str, current: str, new: str, *, by: str = "") -> None:
    """A signed-in person's own change: the current password first, counted and logged like a sign-in (a
    wrong one is a failure towards the lock, and a locked name cannot change its password)."""
    user, reason = _attempt(store, username, current, PASSWORD_CHECK)
    if user is None:
        raise AccountError("locked_minutes" if reason == "locked" else "current", minutes=LOCK_MINUTES)
    if new == current:
        raise AccountError("unchanged")
    set_password(store, username, new, by=username)


def set_active(store: Store, username: str, active: bool, *, by: str = "") -> None:
    """Disable or enable an account; a disabled one cannot sign in, and is signed out on its next page."""
    with store.ledger.write() as con:
        row = _row(con, username)
        if not row:
            raise AccountError("missing", value=username)
        if not active:
            _guard_last_admin(con, row)
            con.execute("DELETE FROM sessions WHERE username = ?", (username,))
        con.execute("UPDATE users SET active = ? WHERE username = ?", (int(bool(active)), username))
        con.execute("DELETE FROM throttle WHERE username = ?", (username,))
        if bool(row[4]) != bool(active):
            _log(con, "enabled" if active else "disabled", username, by)


def remove(store: Store, username: str, *, by: str = "") -> None:
    """Delete an account (and its sessions)."""
    with store.ledger.write() as con:
        row = _row(con, username)
        if not row:
            raise AccountError("missing", value=username)
        _guard_last_admin(con, row)
        con.execute("DELETE FROM users WHERE username = ?", (username,))
        con.execute("DELETE FROM sessions WHERE username = ?", (username,))
        _log(con, "removed", username, by)


def set_email(store: Store, username: str, email: str | None, *, by: str = "") -> None:
    """The address single sign-on identifies an account by (None or '': password only); one account each."""
    email = (email or "").strip().lower() or None
    if email is not None and not _EMAIL.fullmatch(email):
        raise AccountError("email", value=email)
    with store.ledger.write() as con:
        row = _row(con, username)
        if not row:
            raise AccountError("missing", value=username)
        taken = con.execute("SELECT username FROM users WHERE lower(email) = ? AND username <> ?",
                            (email, username)).fetchone() if email else None
        if taken:
            raise AccountError("email_taken", value=email)
        con.execute("UPDATE users SET email = ? WHERE username = ?", (email, username))
        _log(con, "email", username, by, email or "")


def by_email(store: Store, email: str | None) -> User | None:
    """The active account single sign-on's verified address names, or None."""
    email = (email or "").strip().lower()
    rows = store.ledger.rows(f"SELECT {_COLUMNS} FROM users WHERE lower(email) = ?", (email,)) if email else []
    if not rows or not rows[0][4]:
        return None
    return _user(rows[0])


def signed_in_by_sso(store: Store, user: User, email: str) -> None:
    """A sign-in through single sign-on, in the log and as the last sign-in."""
    with store.ledger.write() as con:
        con.execute("UPDATE users SET last_login = ? WHERE username = ?", (_iso(_now()), user.username))
        _log(con, "sso_sign_in", user.username, "", email)


def refused_by_sso(store: Store, email: str) -> None:
    """An address single sign-on vouched for that no active account has: logged, nobody signed in."""
    with store.ledger.write() as con:
        _log(con, "sso_unknown", "", "", (email or "")[:200])


def get(store: Store, username: str) -> User | None:
    """The active account of that name, or None (the dashboard re-checks it on every page)."""
    row = _row(store.ledger, (username or "").strip().lower())
    if not row or not row[4]:
        return None
    return _user(row)


def listing(store: Store) -> pd.DataFrame:
    """Every account without its password hash: username, name, role, opds, active, locked_until, created, last
    login."""
    frame = store.ledger.df(
        "SELECT u.username, u.name, u.role, u.opds, u.active, "
        "       CASE WHEN th.locked_until > ? THEN th.locked_until END AS locked_until, u.created_at, u.last_login, "
        "       u.email "
        "FROM users AS u LEFT JOIN throttle AS th ON th.username = u.username ORDER BY u.role, u.username",
        (_iso(_now()),))
    frame["opds"] = [list(_opds(v)) for v in frame["opds"]]
    frame["active"] = frame["active"].astype(bool)
    for col in ("locked_until", "created_at", "last_login"):
        frame[col] = pd.to_datetime(frame[col], format="ISO8601")
    return frame


def check(store: Store, username: str, password: str) -> bool:
    """Whether a password is an active account's, without counting a failure or signing in (the demo's
    accounts on the sign-in page: fixed names and passwords, never a visitor's input)."""
    row = _row(store.ledger, (username or "").strip().lower())
    if not row or not row[4]:
        return False
    return _verify(row[5], password)


_still_open: dict[tuple[str, str, str], bool] = {}  # (username, hash, password) -> the password is right


def still_open(store: Store, candidates: Sequence[tuple[str, str, str]]) -> list[tuple[str, str, str]]:
    """The (username, password, role) candidates whose password still opens an active account: the demo's
    accounts on the sign-in page while their demo passwords work. Each pair is checked once per stored hash
    (a changed password is a new hash), so showing the page does not cost three Argon2 checks every time."""
    found = []
    for username, password, role in candidates:
        row = _row(store.ledger, username)
        if not row or not row[4]:
            continue
        key = (username, row[5], password)
        if key not in _still_open:
            if len(_still_open) > 100:
                _still_open.clear()
            _still_open[key] = _verify(row[5], password)
        if _still_open[key]:
            found.append((username, password, role))
    return found


def _verify(digest: str, password: str) -> bool:
    try:
        return _hasher.verify(digest, password or "")
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return False


def _attempt(store: Store, username: str, password: str, events: dict[str, str]) -> tuple[User | None, str]:
    """One password check of a name, counted (lockout.py) and logged: (user, '') or (None, 'wrong'|'locked')."""
    username = (username or "").strip().lower()[:64]
    if lockout.claim(store.ledger, username):
        _verify(_DUMMY_HASH, password)  # the same work as any other refusal (F4)
        with store.ledger.write() as con:
            _log(con, events["locked"], username)
        return None, "locked"
    row = _row(store.ledger, username)
    row = row if row and row[4] else None
    try:
        ok = _verify(row[5] if row else _DUMMY_HASH, password) and row is not None
    except BaseException:
        lockout.release(store.ledger, username)  # never leave the lease behind
        raise

    def record(con: sqlite3.Connection, result: str) -> None:
        if ok and events is SIGN_IN:
            con.execute("UPDATE users SET last_login = ? WHERE username = ?", (_iso(_now()), username))
        if ok and _hasher.check_needs_rehash(row[5]):
            con.execute("UPDATE users SET password_hash = ? WHERE username = ?", (_hasher.hash(password), username))
        _log(con, events["ok" if ok else result], username)

    result = lockout.settle(store.ledger, username, ok, record)
    return (_user(row), "") if ok else (None, result)


def authenticate(store: Store, username: str, password: str) -> tuple[User | None, str]:
    """(user, '') on success, else (None, reason): 'wrong' (name or password; never which) or 'locked'.

    A name without an (active) account is counted and locked like a real one, so the lock does not tell which
    names exist; every attempt is one line of the account log.
    """
    return _attempt(store, username, password, SIGN_IN)
