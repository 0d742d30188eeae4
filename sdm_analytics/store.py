"""The DuckDB store: the only module that opens a connection.

One connection per process and path (DuckDB locks a file per process); every
call takes its own cursor, so Streamlit's session threads can share it.
"""

from __future__ import annotations

import datetime as dt
import re
import threading
from contextlib import contextmanager
from importlib import resources
from pathlib import Path
from typing import Any, Iterator, Sequence

import duckdb
import pandas as pd

from .contract import KIND_ORDER, KINDS
from .migrations import DERIVED, MIGRATIONS
from .rules import choice_key
from .settings import resolve_db_path

__all__ = ["Store", "StoreLockedError", "open_store", "SCHEMA_VERSION"]

SCHEMA_VERSION = max(MIGRATIONS)

_RELATION = re.compile(r"_?[a-z][a-z0-9_]*")

_PARAM = re.compile(r"\$([A-Za-z_][A-Za-z0-9_]*)")


class StoreLockedError(RuntimeError):
    """The store file is held by another process (e.g. the running dashboard)."""

    def __init__(self, path: str) -> None:
        self.path = path
        super().__init__(self.message("id"))

    def message(self, lang: str = "id") -> str:
        from .i18n import t

        return t("store_locked", lang, path=self.path)


def quote_ident(name: str) -> str:
    """Quote an identifier taken from the contract's allowlist."""
    allowed = set(KINDS) | {c for k in KINDS.values() for c in k.column_names} | {"meta"}
    if name not in allowed:
        raise ValueError(f"identifier not in the contract: {name!r}")
    return '"' + name + '"'


class Store:
    """A DuckDB store of the contract's tables."""

    def __init__(self, path: str = ":memory:", read_only: bool = False) -> None:
        self.path = path
        if path != ":memory:":
            Path(path).parent.mkdir(parents=True, exist_ok=True)
        try:
            self._con = duckdb.connect(path, read_only=read_only)
        except duckdb.IOException as exc:
            if "lock" in str(exc).lower():
                raise StoreLockedError(path) from exc
            raise
        self._write_lock = threading.Lock()
        self._summaries: bool | None = None
        if not read_only:
            self._ensure_schema()

    # -- schema -------------------------------------------------------------
    def _ensure_schema(self) -> None:
        cur = self._con.cursor()
        cur.execute(resources.files(__package__).joinpath("schema.sql").read_text())
        row = cur.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
        current = int(row[0]) if row else 0
        if current == 0:  # a new store: schema.sql is version 1, the migrations bring it up to date
            cur.execute("INSERT INTO meta VALUES ('schema_version', '1'), ('data_version', '0')")
            current = 1
        for version in sorted(v for v in MIGRATIONS if v > current):
            cur.execute("BEGIN TRANSACTION")
            cur.execute(MIGRATIONS[version])
            if version in DERIVED:
                cur.execute(DERIVED[version])
            cur.execute("UPDATE meta SET value = $v WHERE key = 'schema_version'", {"v": str(version)})
            cur.execute("COMMIT")

    # -- reading ------------------------------------------------------------
    def cursor(self) -> duckdb.DuckDBPyConnection:
        """A cursor of its own for one call."""
        return self._con.cursor()

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
    def transaction(self, as_of: dt.date | None = None) -> Iterator[duckdb.DuckDBPyConnection]:
        """All-or-nothing write; bumps the data version and sets the as-of date on commit.

        as_of is the date the data describes (a demo's snapshot, an export's
        date); it defaults to the day of the write.
        """
        with self._write_lock:
            cur = self._con.cursor()
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
                    _insert_frame(cur, kind, frames[kind])
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

    # -- imports and backups ---------------------------------------------------
    def diff(self, cur: duckdb.DuckDBPyConnection, kind: str, source: str,
             columns: Sequence[str]) -> tuple[int, int, int]:
        """(added, updated, unchanged): rows of relation `source` against `kind`, on its natural key.

        A row is updated when one of `columns` differs; `source` is a temp table
        or a registered frame on `cur`.
        """
        src, on, changed = _upsert_parts(kind, source, columns)
        total, added, updated = cur.execute(
            f"""
            SELECT count(*),
                   count(*) FILTER (WHERE NOT EXISTS (SELECT 1 FROM {quote_ident(kind)} AS t WHERE {on})),
                   count(*) FILTER (WHERE EXISTS (SELECT 1 FROM {quote_ident(kind)} AS t WHERE {on} AND ({changed})))
            FROM {src} AS s
            """
        ).fetchall()[0]
        return int(added), int(updated), int(total - added - updated)

    def upsert(self, cur: duckdb.DuckDBPyConnection, kind: str, source: str,
               insert_columns: Sequence[str], update_columns: Sequence[str]) -> tuple[int, int, int]:
        """Insert new rows of `source` and update changed ones, on the natural key; (added, updated, unchanged).

        Runs on the caller's cursor, inside its transaction (see transaction()).
        """
        added, updated, unchanged = self.diff(cur, kind, source, update_columns)
        src, on, changed = _upsert_parts(kind, source, update_columns)
        table = quote_ident(kind)
        key = set(KINDS[kind].key)
        sets = [c for c in update_columns if c not in key]
        if updated and sets:
            assign = ", ".join(f"{quote_ident(c)} = s.{quote_ident(c)}" for c in sets)
            cur.execute(f"UPDATE {table} AS t SET {assign} FROM {src} AS s WHERE {on} AND ({changed})")
        if added:
            cols = ", ".join(quote_ident(c) for c in insert_columns)
            cur.execute(
                f"""
                INSERT INTO {table} ({cols})
                SELECT {', '.join('s.' + quote_ident(c) for c in insert_columns)}
                FROM {src} AS s
                WHERE NOT EXISTS (SELECT 1 FROM {table} AS t WHERE {on})
                """
            )
        return added, updated, unchanged

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

    def close(self) -> None:
        """Close the connection."""
        self._con.close()


def _upsert_parts(kind: str, source: str, columns: Sequence[str]) -> tuple[str, str, str]:
    """The source relation, the key join and the 'some column changed' test, quoted."""
    if not _RELATION.fullmatch(source):
        raise ValueError(f"not a relation name: {source!r}")
    on = " AND ".join(f"t.{quote_ident(k)} = s.{quote_ident(k)}" for k in KINDS[kind].key)
    key = set(KINDS[kind].key)
    changed = " OR ".join(f"t.{quote_ident(c)} IS DISTINCT FROM s.{quote_ident(c)}"
                          for c in columns if c not in key) or "false"
    return source, on, changed


def _insert_frame(cur: duckdb.DuckDBPyConnection, kind: str, frame: pd.DataFrame) -> None:
    """Insert a frame with canonical columns (missing ones NULL); DuckDB casts types.

    A survey answer's internal `choice` is derived here from its item (already inserted), as on import.
    """
    columns = [c for c in KINDS[kind].public_names if c in frame.columns]
    data = frame[columns].copy()
    for col in columns:  # blank text cells are NULL, as the contract says
        if data[col].dtype == object or str(data[col].dtype).startswith("str"):
            data[col] = data[col].where(data[col].astype(str).str.strip() != "", None)
    if kind == "targets" and "opd_code" in data:
        data["opd_code"] = data["opd_code"].fillna("")
    cur.register("incoming_frame", data)
    try:
        col_sql = ", ".join(quote_ident(c) for c in columns)
        if kind == "survey_responses":
            src = ", ".join(f"f.{quote_ident(c)}" for c in columns)
            choice = choice_key("i.survey_kind", "i.scale_max", "f.answer_text")
            cur.execute(
                f"INSERT INTO survey_responses ({col_sql}, choice) SELECT {src}, {choice} FROM incoming_frame AS f "
                f"LEFT JOIN survey_items AS i ON i.item_code = f.item_code"
            )
            return
        cur.execute(
            f"INSERT INTO {quote_ident(kind)} ({col_sql}) SELECT {col_sql} FROM incoming_frame"
        )
    finally:
        cur.unregister("incoming_frame")


_open: dict[str, Store] = {}
_open_lock = threading.Lock()


def open_store(db: str | None = None) -> Store:
    """The process-wide store for a path (--db, SDM_DB, or data/sdm.duckdb)."""
    path = resolve_db_path(db)
    with _open_lock:
        store = _open.get(path)
        if store is None:
            store = Store(path)
            _open[path] = store
        return store
