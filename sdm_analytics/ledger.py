"""The account ledger: accounts, sign-in counters, sessions and the account log, in SQLite (WAL mode).

Training and survey data live in the DuckDB store, which is replaced whole on every import (see store.py);
the small writes that come at any moment from any process — a sign-in, a wrong password, a download in the
log, a session seen — go here instead. SQLite in WAL mode lets many processes read while one writes, and a
write transaction (`BEGIN IMMEDIATE`) serialises them, so a read-check-write such as the lock-out counter is
atomic whatever the concurrency. The file sits beside the store: `data/sdm.duckdb` keeps its accounts in
`data/sdm.accounts.sqlite` (backups take both).
"""

from __future__ import annotations

import datetime as dt
import itertools
import sqlite3
import threading
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Iterator, Sequence

import pandas as pd

__all__ = ["Ledger", "ledger_path", "now", "stamp", "parse"]

SCHEMA = """
CREATE TABLE IF NOT EXISTS users (
    username      TEXT PRIMARY KEY,
    name          TEXT NOT NULL,
    role          TEXT NOT NULL CHECK (role IN ('pimpinan', 'evaluator', 'admin')),
    opds          TEXT NOT NULL DEFAULT '',
    active        INTEGER NOT NULL DEFAULT 1,
    password_hash TEXT NOT NULL,
    created_at    TEXT NOT NULL,
    last_login    TEXT,
    email         TEXT  -- the address single sign-on (OIDC) identifies this account by; NULL: password only
);
CREATE TABLE IF NOT EXISTS throttle (
    username     TEXT PRIMARY KEY,
    failures     INTEGER NOT NULL DEFAULT 0,
    locked_until TEXT,
    busy_until   TEXT,
    updated_at   TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS auth_log (
    id        INTEGER PRIMARY KEY AUTOINCREMENT,
    logged_at TEXT NOT NULL,
    event     TEXT NOT NULL,
    username  TEXT NOT NULL,
    actor     TEXT NOT NULL,
    detail    TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS sessions (
    token_hash TEXT PRIMARY KEY,
    username   TEXT NOT NULL,
    created_at TEXT NOT NULL,
    last_seen  TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS sessions_user ON sessions (username);
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
"""

BUSY_TIMEOUT_MS = 30_000
_memory_ids = itertools.count(1)


def now() -> dt.datetime:
    """The time the ledger records, to the second."""
    return dt.datetime.now().replace(microsecond=0)


def stamp(value: dt.datetime | None) -> str | None:
    """A time as the ledger keeps it (ISO text, 'YYYY-MM-DD HH:MM:SS'; it sorts as text)."""
    return None if value is None else value.isoformat(sep=" ")


def parse(value: str | None) -> dt.datetime | None:
    """A time the ledger kept, back (None for NULL or '')."""
    return None if not value else dt.datetime.fromisoformat(value)


def ledger_path(store_path: str) -> str:
    """Where a store's ledger lives: beside it, `<name>.accounts.sqlite` (':memory:' for a memory store)."""
    if store_path == ":memory:":
        return ":memory:"
    path = Path(store_path)
    return str(path.with_name(path.stem + ".accounts.sqlite"))


class Ledger:
    """One SQLite file of accounts and their log; a connection per call, so threads and processes share it."""

    def __init__(self, path: str) -> None:
        self.path = path
        self._keep: sqlite3.Connection | None = None
        if path == ":memory:":  # a shared in-memory database, alive as long as this object (tests, :memory: stores)
            self._uri = f"file:sdm-ledger-{next(_memory_ids)}-{id(self)}?mode=memory&cache=shared"
            self._keep = self._connect()
        else:
            Path(path).parent.mkdir(parents=True, exist_ok=True)
            self._uri = Path(path).resolve().as_uri()
        self._lock = threading.Lock()  # a shared-cache memory database has table locks, not WAL: one writer
        with self._connection() as con:
            if self._keep is None:
                con.execute("PRAGMA journal_mode = WAL")
            con.executescript(SCHEMA)
            columns = {row[1] for row in con.execute("PRAGMA table_info(users)")}
            if "email" not in columns:  # a ledger from before single sign-on
                con.execute("ALTER TABLE users ADD COLUMN email TEXT")
            con.execute("CREATE UNIQUE INDEX IF NOT EXISTS users_email ON users (lower(email))")

    def _connect(self) -> sqlite3.Connection:
        con = sqlite3.connect(self._uri, uri=True, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None,
                              check_same_thread=False)
        con.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        if self._keep is None:
            con.execute("PRAGMA synchronous = NORMAL")  # safe in WAL mode: a crash loses at most the last commit
        return con

    @contextmanager
    def _connection(self) -> Iterator[sqlite3.Connection]:
        con = self._connect()
        try:
            yield con
        finally:
            con.close()

    @contextmanager
    def write(self) -> Iterator[sqlite3.Connection]:
        """One write transaction, taken at once (BEGIN IMMEDIATE): reads inside it see no other writer's change
        until it commits, so a read-check-write is atomic across threads and processes."""
        with self._lock if self._keep is not None else _nothing(), self._connection() as con:
            con.execute("BEGIN IMMEDIATE")
            try:
                yield con
                con.execute("COMMIT")
            except BaseException:
                con.execute("ROLLBACK")
                raise

    def rows(self, sql: str, params: dict[str, Any] | Sequence[Any] = ()) -> list[tuple]:
        """A parameterised read."""
        with self._connection() as con:
            return con.execute(sql, params).fetchall()

    def scalar(self, sql: str, params: dict[str, Any] | Sequence[Any] = ()) -> Any:
        rows = self.rows(sql, params)
        return rows[0][0] if rows else None

    def df(self, sql: str, params: dict[str, Any] | Sequence[Any] = ()) -> pd.DataFrame:
        with self._connection() as con:
            cur = con.execute(sql, params)
            return pd.DataFrame(cur.fetchall(), columns=[d[0] for d in cur.description])

    def backup(self, target: str | Path) -> None:
        """A consistent copy of the ledger (SQLite's online backup), while others keep using it."""
        with self._connection() as con:
            out = sqlite3.connect(str(target))
            try:
                con.backup(out)
            finally:
                out.close()

    def close(self) -> None:
        if self._keep is not None:
            self._keep.close()
            self._keep = None


@contextmanager
def _nothing() -> Iterator[None]:
    yield
