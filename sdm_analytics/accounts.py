"""Accounts: who may open the dashboard, in which role, over which OPDs (DESIGN.md, roles and scope).

Passwords are hashed with Argon2id (argon2-cffi) and never stored or printed in clear. Five wrong
passwords in a row lock an account for 15 minutes. A user's scope is built here and enforced by the
engine: every query takes it, so an evaluator's pages, tables and exports hold only its OPDs. Sign-ins,
refusals and every change to an account are written to `auth_log`, with who made the change.
"""

from __future__ import annotations

import datetime as dt
import re
import threading
from dataclasses import dataclass
from typing import Sequence

import pandas as pd
from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

from .filters import Scope
from .i18n import t
from .store import Store

__all__ = ["ROLES", "User", "AccountError", "add", "update", "set_password", "set_active", "remove", "get",
           "listing", "auth_log", "log_export", "has_users", "check", "authenticate", "change_own_password", "MAX_FAILURES", "LOCK_MINUTES"]

ROLES = ("pimpinan", "evaluator", "admin")
MAX_FAILURES = 5
LOCK_MINUTES = 15
MIN_PASSWORD = 10
_USERNAME = re.compile(r"[a-z0-9][a-z0-9._-]{2,31}")
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


def _now() -> dt.datetime:
    return dt.datetime.now().replace(microsecond=0)


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


def _row(store: Store, username: str) -> tuple | None:
    rows = store.rows("SELECT username, name, role, opds, active, password_hash, failures, locked_until "
                      "FROM users WHERE username = $u", {"u": username})
    return rows[0] if rows else None


def _active_admins(store: Store) -> int:
    return int(store.scalar("SELECT count(*) FROM users WHERE role = 'admin' AND active"))


def _guard_last_admin(store: Store, username: str) -> None:
    row = _row(store, username)
    if row and row[2] == "admin" and row[4] and _active_admins(store) <= 1:
        raise AccountError("last_admin")


def _log(store: Store, event: str, username: str, by: str = "", detail: str = "") -> None:
    """One line of the account log: sign-ins (and refusals) and every change to an account, with who did it."""
    store.execute("INSERT INTO auth_log VALUES ($at, $e, $u, $by, $d)",
                  {"at": dt.datetime.now(), "e": event, "u": (username or "")[:64], "by": by, "d": detail})


def log_export(store: Store, username: str, file_name: str) -> None:
    """A download (chart, table, deck, backup) in the account log: who took which file out."""
    _log(store, "export", username, username, file_name)


def auth_log(store: Store, limit: int = 200) -> pd.DataFrame:
    """The latest lines of the account log, newest first: logged_at, event, username, actor, detail."""
    return store.df("SELECT logged_at, event, username, actor, detail FROM auth_log "
                    "ORDER BY logged_at DESC, rowid DESC LIMIT $n",
                    {"n": int(limit)})


def has_users(store: Store) -> bool:
    """Whether any account exists (without one, the dashboard says how to make the first admin)."""
    return bool(store.scalar("SELECT count(*) FROM users"))


def add(store: Store, username: str, password: str, role: str, name: str = "",
        opds: Sequence[str] = (), *, by: str = "") -> User:
    """Create an account; AccountError when a rule is broken (nothing is written then)."""
    username = (username or "").strip().lower()
    if not _USERNAME.fullmatch(username):
        raise AccountError("username", value=username)
    if role not in ROLES:
        raise AccountError("role", value=role)
    if _row(store, username):
        raise AccountError("exists", value=username)
    _check_password(username, password)
    codes = _clean_opds(store, role, opds)
    store.execute("INSERT INTO users VALUES ($u, $n, $r, $o, TRUE, $h, 0, NULL, $now, NULL)",
                  {"u": username, "n": name.strip() or username, "r": role, "o": list(codes),
                   "h": _hasher.hash(password), "now": _now()})
    _log(store, "added", username, by, " ".join([role, *codes]))
    return User(username, name.strip() or username, role, codes)


def update(store: Store, username: str, role: str | None = None, name: str | None = None,
           opds: Sequence[str] | None = None, *, by: str = "") -> User:
    """Change an account's role, name or OPDs (the OPDs are required when it becomes an evaluator)."""
    row = _row(store, username)
    if not row:
        raise AccountError("missing", value=username)
    new_role = role or row[2]
    if new_role not in ROLES:
        raise AccountError("role", value=new_role)
    if row[2] == "admin" and new_role != "admin":
        _guard_last_admin(store, username)
    codes = _clean_opds(store, new_role, row[3] if opds is None else opds)
    new_name = row[1] if name is None else (name.strip() or username)
    store.execute("UPDATE users SET role = $r, name = $n, opds = $o WHERE username = $u",
                  {"u": username, "r": new_role, "n": new_name, "o": list(codes)})
    if (new_role, tuple(codes), new_name) != (row[2], tuple(row[3] or ()), row[1]):
        _log(store, "updated", username, by, " ".join([new_role, *codes]))
    return User(username, new_name, new_role, codes)


def set_password(store: Store, username: str, password: str, *, by: str = "") -> None:
    """Set a new password (and lift a lock)."""
    if not _row(store, username):
        raise AccountError("missing", value=username)
    _check_password(username, password)
    store.execute("UPDATE users SET password_hash = $h, failures = 0, locked_until = NULL WHERE username = $u",
                  {"u": username, "h": _hasher.hash(password)})
    _log(store, "password", username, by)


def change_own_password(store: Store, username: str, current: str, new: str, *, by: str = "") -> None:
    """A signed-in person's own change: the current password first."""
    if not check(store, username, current):
        raise AccountError("current")
    if new == current:
        raise AccountError("unchanged")
    set_password(store, username, new, by=username)


def set_active(store: Store, username: str, active: bool, *, by: str = "") -> None:
    """Disable or enable an account; a disabled one cannot sign in, and is signed out on its next page."""
    row = _row(store, username)
    if not row:
        raise AccountError("missing", value=username)
    if not active:
        _guard_last_admin(store, username)
    store.execute("UPDATE users SET active = $a, failures = 0, locked_until = NULL WHERE username = $u",
                  {"u": username, "a": bool(active)})
    if bool(row[4]) != bool(active):
        _log(store, "enabled" if active else "disabled", username, by)


def remove(store: Store, username: str, *, by: str = "") -> None:
    """Delete an account."""
    if not _row(store, username):
        raise AccountError("missing", value=username)
    _guard_last_admin(store, username)
    store.execute("DELETE FROM users WHERE username = $u", {"u": username})
    _log(store, "removed", username, by)


def get(store: Store, username: str) -> User | None:
    """The active account of that name, or None (the dashboard re-checks it on every page)."""
    row = _row(store, (username or "").strip().lower())
    if not row or not row[4]:
        return None
    return User(row[0], row[1], row[2], tuple(row[3] or ()))


def listing(store: Store) -> pd.DataFrame:
    """Every account without its password hash: username, name, role, opds, active, created, last login."""
    return store.df("SELECT username, name, role, opds, active, locked_until, created_at, last_login "
                    "FROM users ORDER BY role, username")


def check(store: Store, username: str, password: str) -> bool:
    """Whether a password is an active account's, without counting a failure or signing in."""
    row = _row(store, (username or "").strip().lower())
    if not row or not row[4]:
        return False
    try:
        return _hasher.verify(row[5], password or "")
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return False


_unknown: dict[str, tuple[int, dt.datetime | None]] = {}  # failures of names without an (active) account
_unknown_lock = threading.Lock()


def _unknown_failure(username: str, now: dt.datetime) -> str:
    """A name without an account locks like a real one, so the lock does not tell which names exist."""
    with _unknown_lock:
        if len(_unknown) > 10_000:  # a flood of made-up names: forget the oldest half
            for name in list(_unknown)[:5_000]:
                del _unknown[name]
        failures, until = _unknown.get(username, (0, None))
        if until is not None and until > now:
            return "locked"
        failures += 1
        if failures >= MAX_FAILURES:
            _unknown[username] = (0, now + dt.timedelta(minutes=LOCK_MINUTES))
            return "locked"
        _unknown[username] = (failures, None)
        return "wrong"


def authenticate(store: Store, username: str, password: str) -> tuple[User | None, str]:
    """(user, '') on success, else (None, reason): 'wrong' (name or password; never which) or 'locked'."""
    username = (username or "").strip().lower()
    row = _row(store, username)
    now = _now()
    if row is None or not row[4]:
        try:
            _hasher.verify(_DUMMY_HASH, password or "")
        except VerificationError:
            pass
        reason = _unknown_failure(username, now)
        _log(store, reason, username)
        return None, reason
    if row[7] is not None and row[7] > now:
        try:  # the same work as any other refusal: a locked account must not answer faster (F4)
            _hasher.verify(_DUMMY_HASH, password or "")
        except VerificationError:
            pass
        _log(store, "locked", username)
        return None, "locked"
    try:
        _hasher.verify(row[5], password or "")
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        failures = int(row[6] or 0) + 1
        locked = now + dt.timedelta(minutes=LOCK_MINUTES) if failures >= MAX_FAILURES else None
        store.execute("UPDATE users SET failures = $f, locked_until = $l WHERE username = $u",
                      {"u": username, "f": 0 if locked else failures, "l": locked})
        _log(store, "locked" if locked else "wrong", username)
        return None, "locked" if locked else "wrong"
    params = {"u": username, "now": now}
    if _hasher.check_needs_rehash(row[5]):
        store.execute("UPDATE users SET password_hash = $h WHERE username = $u",
                      {"u": username, "h": _hasher.hash(password)})
    store.execute("UPDATE users SET failures = 0, locked_until = NULL, last_login = $now WHERE username = $u", params)
    _log(store, "sign_in", username)
    return User(row[0], row[1], row[2], tuple(row[3] or ())), ""
