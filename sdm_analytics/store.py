"""The DuckDB store: the only module that opens a connection to it.

Many processes use one store at once — dashboard processes, cron's CLI, an analyst's notebook — so no
process ever holds the file for writing. A store file is never changed in place: a write copies it to a
new file beside it (`<store>.<pid>.<random>.tmp`), changes the copy in one transaction, and renames the copy
over the store (an atomic replace). Readers attach the file read-only; the ones that opened it before the
replace keep reading the old file to the end of their query (its data stays on disk while it is open), and
the next call of `open_store`/`refresh` attaches the new one. So a reader never waits for a writer and never
sees half an import; writers take turns on a lock file (`<store>.lock`), the next one waiting up to
`SDM_WRITE_WAIT` seconds. Accounts, sessions and the account log, written often and by anyone, live in
the ledger beside the store (ledger.py, SQLite).

One read connection per Store; every call takes its own cursor, so Streamlit's session threads share it. A
memory store (':memory:', tests) is written in place.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import secrets
import threading
from contextlib import contextmanager
from importlib import resources
from pathlib import Path
from typing import Any, Iterator, Sequence

import duckdb
import pandas as pd

from .contract import KIND_ORDER, KINDS
from .ledger import Ledger, ledger_path, stamp
from .migrations import DERIVED, MIGRATIONS
from .settings import load_settings, resolve_db_path
from .upserts import insert_frame, quote_ident
from .versions import StoreLockedError, Version, copy_store, held_means_locked, identity

__all__ = ["Store", "StoreLockedError", "open_store", "copy_store", "SCHEMA_VERSION"]

SCHEMA_VERSION = max(MIGRATIONS)


_PARAM = re.compile(r"\$([A-Za-z_][A-Za-z0-9_]*)")

_ALIAS = "sdm"  # the name a read connection attaches the store file under, where it cannot link it


class Store:
    """A DuckDB store of the contract's tables (read_only: never created, migrated or written)."""

    def __init__(self, path: str = ":memory:", read_only: bool = False) -> None:
        self.path = path
        self.read_only = read_only
        self._write_lock = threading.RLock()
        self._attach_lock = threading.Lock()
        self._writer: duckdb.DuckDBPyConnection | None = None
        self._summaries: bool | None = None
        self._ledger: Ledger | None = None
        self._ident: tuple[int, int] | None = None
        self._use = False  # a cursor must select the attached store first (see _attach)
        if path == ":memory:":
            self._con = duckdb.connect(":memory:")
            self._ensure_schema(self._con.cursor())
            return
        if not read_only and not os.path.exists(path):
            Path(path).parent.mkdir(parents=True, exist_ok=True)
            with self.writing():  # a new store: its schema, published as the first version of the file
                pass
        self._attach()
        if not read_only and self.schema_version < SCHEMA_VERSION:
            with self.writing():  # an older store is migrated once, as a new version of the file
                pass

    @property
    def ledger(self) -> Ledger:
        """The store's accounts, sign-in counters, sessions and account log (SQLite beside the store)."""
        with self._attach_lock:
            if self._ledger is None:
                self._ledger = Ledger(ledger_path(self.path))
            return self._ledger

    # -- connections ----------------------------------------------------------
    def _attach(self) -> None:
        """Open the store file as it is now, read-only, as a new DuckDB instance: connecting to the path itself
        would hand back DuckDB's cached instance of the file it replaced. So the file is opened through a hard
        link of a name used once (removed at once: the open file stays), or, where no link can be made (a
        read-only folder), attached to an empty in-memory database and selected on every cursor."""
        for _ in range(10):
            before = identity(self.path)
            con, self._use = self._open_link(), False
            if con is None:
                con, self._use = self._open_attached(), True
            if identity(self.path) == before:  # not replaced while it was being opened
                break
            con.close()
        self._con, self._ident, self._summaries = con, before, None

    def _open_link(self) -> duckdb.DuckDBPyConnection | None:
        link = f"{self.path}.r{os.getpid()}-{secrets.token_hex(6)}"
        try:
            os.link(self.path, link)
        except OSError:
            return None
        try:
            with held_means_locked(self.path):
                return duckdb.connect(link, read_only=True)
        finally:
            os.unlink(link)

    def _open_attached(self) -> duckdb.DuckDBPyConnection:
        con = duckdb.connect(":memory:")
        try:
            with held_means_locked(self.path):
                con.execute(f"ATTACH '{self.path.replace(chr(39), chr(39) * 2)}' AS {_ALIAS} (READ_ONLY)")
        except BaseException:
            con.close()
            raise
        con.execute(f"USE {_ALIAS}")
        return con

    def refresh(self) -> bool:
        """Attach the store's newest version when a write (of any process) replaced the file; True if it did."""
        if self._ident is None or identity(self.path) in (self._ident, None):
            return False
        with self._attach_lock:
            if identity(self.path) in (self._ident, None):
                return False
            self._attach()
            return True

    def _ensure_schema(self, cur: duckdb.DuckDBPyConnection) -> None:
        cur.execute(resources.files(__package__).joinpath("schema.sql").read_text())
        row = cur.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
        current = int(row[0]) if row else 0
        if current == 0:  # a new store: schema.sql is version 1, the migrations bring it up to date
            cur.execute("INSERT INTO meta VALUES ('schema_version', '1'), ('data_version', '0')")
            current = 1
        for version in sorted(v for v in MIGRATIONS if v > current):
            cur.execute("BEGIN TRANSACTION")
            if version == 9:
                self._move_accounts(cur)
            cur.execute(MIGRATIONS[version])
            if version in DERIVED:
                cur.execute(DERIVED[version])
            cur.execute("UPDATE meta SET value = $v WHERE key = 'schema_version'", {"v": str(version)})
            cur.execute("COMMIT")

    def _move_accounts(self, cur: duckdb.DuckDBPyConnection) -> None:
        """Migration 9: accounts and the account log move from the store to its ledger (once: a ledger that
        already has accounts keeps its own)."""
        present = {r[0] for r in cur.execute("SELECT table_name FROM duckdb_tables() "
                                             "WHERE database_name = current_database()").fetchall()}
        if not {"users", "auth_log"} <= present:
            return
        users = cur.execute("SELECT username, name, role, array_to_string(opds, ' '), active, password_hash, "
                            "CAST(created_at AS VARCHAR), CAST(last_login AS VARCHAR), failures, "
                            "CAST(locked_until AS VARCHAR) FROM users").fetchall()
        log = cur.execute("SELECT CAST(logged_at AS VARCHAR), event, username, actor, detail FROM auth_log "
                          "ORDER BY logged_at, rowid").fetchall()
        with self.ledger.write() as con:
            if con.execute("SELECT count(*) FROM users").fetchone()[0]:
                return
            now = stamp(dt.datetime.now())
            for u in users:
                con.execute("INSERT INTO users (username, name, role, opds, active, password_hash, created_at, "
                            "last_login) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", (*u[:4], int(u[4]), *u[5:8]))
                if u[8] or u[9]:
                    con.execute("INSERT INTO throttle VALUES (?, ?, ?, NULL, ?)", (u[0], u[8], u[9], now))
            con.executemany("INSERT INTO auth_log (logged_at, event, username, actor, detail) "
                            "VALUES (?, ?, ?, ?, ?)", log)

    # -- reading ------------------------------------------------------------
    def cursor(self) -> duckdb.DuckDBPyConnection:
        """A cursor of its own for one call, on the store's current version."""
        cur = self._con.cursor()
        if self._use:
            cur.execute(f"USE {_ALIAS}")
        return cur

    def execute(self, sql: str, params: dict[str, Any] | Sequence[Any] | None = None) -> duckdb.DuckDBPyConnection:
        """Run a parameterised query on a cursor of its own.

        Named parameters the statement does not use are dropped, so query
        builders can pass one shared parameter dict (DuckDB rejects extras).
        """
        if isinstance(params, dict):
            used = set(_PARAM.findall(sql))
            params = {k: v for k, v in params.items() if k in used}
        return self.cursor().execute(sql, params or {})

    def df(self, sql: str, params: dict[str, Any] | Sequence[Any] | None = None) -> pd.DataFrame:
        """Run a parameterised query and return a DataFrame."""
        return self.execute(sql, params).df()

    def rows(self, sql: str, params: dict[str, Any] | Sequence[Any] | None = None) -> list[tuple]:
        """Run a parameterised query and return its rows."""
        return self.execute(sql, params).fetchall()

    def scalar(self, sql: str, params: dict[str, Any] | Sequence[Any] | None = None) -> Any:
        """Run a parameterised query and return the first value of the first row."""
        row = self.execute(sql, params).fetchone()
        return None if row is None else row[0]

    def meta(self, key: str) -> str | None:
        """A value of the meta table."""
        return self.scalar("SELECT value FROM meta WHERE key = $k", {"k": key})

    @property
    def schema_version(self) -> int:
        return int(self.meta("schema_version") or 0)

    @property
    def summaries(self) -> bool:
        """Whether the store holds the derived person_year summary (schema version 8): every store opened for
        writing does; an older store opened read-only does not, and the engine reads the raw tables."""
        if self._summaries is None:
            self._summaries = self.schema_version >= 8
        return self._summaries

    @property
    def version(self) -> str:
        """Changes on every write: part of every cache key."""
        return self.meta("data_version") or "0"

    def as_of(self) -> dt.date | None:
        """The date the data describes (set on every write)."""
        value = self.meta("as_of")
        return dt.date.fromisoformat(value) if value else None

    def count(self, kind: str) -> int:
        """Rows in one table."""
        return int(self.scalar(f"SELECT count(*) FROM {quote_ident(kind)}"))

    def is_empty(self) -> bool:
        """True when the store holds no employees."""
        return self.count("employees") == 0

    def years(self) -> list[int]:
        """Years that have programs ending in them, ascending; from meta 'monitoring_from' on when it is set
        (the years before it hold history, such as old leadership certificates, and are not offered to view)."""
        rows = self.rows("SELECT DISTINCT year(end_date) AS y FROM programs "
                         "WHERE year(end_date) >= coalesce(TRY_CAST($first AS INTEGER), 0) ORDER BY y",
                         {"first": self.meta("monitoring_from")})
        return [int(r[0]) for r in rows]

    # -- writing ------------------------------------------------------------
    @contextmanager
    def writing(self, config: dict[str, Any] | None = None) -> Iterator[duckdb.DuckDBPyConnection]:
        """Hold the store for writing: one new version of the file, published when this ends (the transactions
        inside it are published together; an error leaves the store as it was). config: DuckDB settings of the
        writing connection (memory_limit, preserve_insertion_order)."""
        if self.read_only:
            raise PermissionError(f"store opened read-only: {self.path}")
        with self._write_lock:
            if self._writer is not None:  # nested: the open version takes the transaction
                yield self._writer
                return
            if self.path == ":memory:":  # written in place
                self._writer = self._con
                try:
                    yield self._con
                finally:
                    self._writer = None
                return
            version = Version(self.path, load_settings().write_wait, config)
            try:
                self._ensure_schema(version.con.cursor())
                self._writer = version.con
                yield version.con
            except BaseException:
                version.discard()
                raise
            finally:
                self._writer = None
            version.publish()
            self._attach()

    @contextmanager
    def transaction(self, as_of: dt.date | None = None) -> Iterator[duckdb.DuckDBPyConnection]:
        """All-or-nothing write; bumps the data version and sets the as-of date on commit.

        as_of is the date the data describes (a demo's snapshot, an export's
        date); it defaults to the day of the write. Outside `writing()` it is a version of the file of its own.
        """
        with self.writing() as con:
            cur = con.cursor()
            cur.execute("BEGIN TRANSACTION")
            try:
                yield cur
                for derived in DERIVED.values():  # unit_tree, person_year: kept in step with every write
                    cur.execute(derived)
                cur.execute(
                    "UPDATE meta SET value = CAST(CAST(value AS BIGINT) + 1 AS VARCHAR) "
                    "WHERE key = 'data_version'"
                )
                cur.execute(
                    "INSERT OR REPLACE INTO meta VALUES ('as_of', $d)",
                    {"d": (as_of or dt.date.today()).isoformat()},
                )
                cur.execute("COMMIT")
            except BaseException:
                cur.execute("ROLLBACK")
                raise

    def replace_all(self, frames: dict[str, pd.DataFrame], as_of: dt.date | None = None,
                    meta: dict[str, str] | None = None) -> None:
        """Replace the named tables with the frames' rows (and set meta values), in one transaction."""
        with self.transaction(as_of) as cur:
            for kind in reversed(KIND_ORDER):
                if kind in frames:
                    cur.execute(f"DELETE FROM {quote_ident(kind)}")
            for kind in KIND_ORDER:
                if kind in frames:
                    insert_frame(cur, kind, frames[kind])
            cur.execute("DELETE FROM meta WHERE key = 'monitoring_from'")
            for key, value in (meta or {}).items():
                cur.execute("INSERT OR REPLACE INTO meta VALUES ($k, $v)", {"k": key, "v": str(value)})

    def load_csv_dir(self, folder: str | Path) -> None:
        """Replace tables from contract CSVs named after their kind (tests, backups)."""
        frames = {}
        for kind in KIND_ORDER:
            path = Path(folder) / f"{kind}.csv"
            if path.exists():
                frames[kind] = pd.read_csv(path, dtype=str, keep_default_na=False)
        self.replace_all(frames)

    # -- the import log and backups ----------------------------------------------
    def log_import(self, cur: duckdb.DuckDBPyConnection, file_name: str, kind: str,
                   added: int, updated: int, unchanged: int, rejected: int, by: str = "") -> None:
        """Record one imported file, and who imported it, in import_log (inside the import's transaction)."""
        cur.execute(
            """
            INSERT INTO import_log (imported_at, file_name, kind, added, updated, unchanged, rejected, imported_by)
            VALUES (current_localtimestamp(), $file, $kind, $added, $updated, $unchanged, $rejected, $by)
            """,
            {"file": file_name, "kind": kind, "added": added, "updated": updated,
             "unchanged": unchanged, "rejected": rejected, "by": by},
        )

    def import_history(self, limit: int = 100) -> pd.DataFrame:
        """The latest imports, newest first."""
        return self.df(
            """
            SELECT imported_at, file_name, kind, added, updated, unchanged, rejected, imported_by
            FROM import_log
            ORDER BY imported_at DESC
            LIMIT $limit
            """,
            {"limit": int(limit)},
        )

    def export_csv(self, kind: str, path: str | Path) -> int:
        """Write one table as a contract CSV (canonical headers; a city-wide target's opd_code empty)."""
        cols = []
        for c in KINDS[kind].public_names:
            expr = f"nullif({quote_ident(c)}, '')" if (kind, c) == ("targets", "opd_code") else quote_ident(c)
            cols.append(f"{expr} AS {quote_ident(c)}")
        order = ", ".join(quote_ident(c) for c in KINDS[kind].key)
        self.execute(
            f"COPY (SELECT {', '.join(cols)} FROM {quote_ident(kind)} ORDER BY {order}) "
            f"TO $path (HEADER, DELIMITER ',')",
            {"path": str(path)},
        )
        return self.count(kind)

    def export_history_csv(self, path: str | Path) -> int:
        """Write the completed training as a history CSV (history.AS_HISTORY); returns its rows."""
        from .history import AS_HISTORY

        self.execute(f"COPY ({AS_HISTORY}) TO $path (HEADER, DELIMITER ',')", {"path": str(path)})
        return int(self.scalar(f"SELECT count(*) FROM ({AS_HISTORY})"))

    def close(self) -> None:
        """Close the connection (and the ledger's)."""
        self._con.close()
        if self._ledger is not None:
            self._ledger.close()


_open: dict[str, Store] = {}
_open_lock = threading.Lock()


def open_store(db: str | None = None) -> Store:
    """The process-wide store for a path (--db, SDM_DB, or data/sdm.duckdb), on the file's newest version."""
    path = resolve_db_path(db)
    with _open_lock:
        store = _open.get(path)
        if store is None:
            store = Store(path)
            _open[path] = store
    store.refresh()
    return store
