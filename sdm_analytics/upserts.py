"""Writing rows into the store's tables inside a write's transaction: the natural-key upsert of an import (what
is added, changed or unchanged) and the insert of a whole frame. Identifiers come from the contract only."""

from __future__ import annotations

import re
from typing import Sequence

import duckdb
import pandas as pd

from .contract import KINDS
from .rules import choice_key

_RELATION = re.compile(r"_?[a-z][a-z0-9_]*")

__all__ = ["diff", "upsert", "insert_frame", "quote_ident", "is_relation"]


def quote_ident(name: str) -> str:
    """Quote an identifier taken from the contract's allowlist."""
    allowed = set(KINDS) | {c for k in KINDS.values() for c in k.column_names} | {"meta"}
    if name not in allowed:
        raise ValueError(f"identifier not in the contract: {name!r}")
    return '"' + name + '"'


def is_relation(name: str) -> bool:
    """True for a temp table or registered frame name that may be written into SQL as it is."""
    return bool(_RELATION.fullmatch(name))


def diff(cur: duckdb.DuckDBPyConnection, kind: str, source: str,
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

def upsert(cur: duckdb.DuckDBPyConnection, kind: str, source: str,
           insert_columns: Sequence[str], update_columns: Sequence[str]) -> tuple[int, int, int]:
    """Insert new rows of `source` and update changed ones, on the natural key; (added, updated, unchanged).

    Runs on the caller's cursor, inside its transaction (see Store.transaction()).
    """
    added, updated, unchanged = diff(cur, kind, source, update_columns)
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


def _upsert_parts(kind: str, source: str, columns: Sequence[str]) -> tuple[str, str, str]:
    """The source relation, the key join and the 'some column changed' test, quoted."""
    if not is_relation(source):
        raise ValueError(f"not a relation name: {source!r}")
    on = " AND ".join(f"t.{quote_ident(k)} = s.{quote_ident(k)}" for k in KINDS[kind].key)
    key = set(KINDS[kind].key)
    changed = " OR ".join(f"t.{quote_ident(c)} IS DISTINCT FROM s.{quote_ident(c)}"
                          for c in columns if c not in key) or "false"
    return source, on, changed


def insert_frame(cur: duckdb.DuckDBPyConnection, kind: str, frame: pd.DataFrame) -> None:
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
