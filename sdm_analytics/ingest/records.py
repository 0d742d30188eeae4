"""Reading a JSON file of records (SIASN's web service: a list of objects with camelCase names) into a temp table
of text cells, the same shape as a CSV's (readers.py): `__row` and one VARCHAR column per name, c0, c1, ...

The records are a list of objects, or the first such list inside an object (`{"data": [...]}`, as the service
wraps its answers, up to three levels down). Names are taken in the order they first appear; a record without a
name has a blank cell there. Numbers are written as JSON writes them (a dot for decimals); a nested value is
kept as its JSON text. `__row` is the record's position, the first record being row 2 as if the names were a
header row, so a report reads the same for every format.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import duckdb
import pyarrow as pa

from .inputs import InputFile, Limits, RawFile, UnusableInput

__all__ = ["looks_like_json", "read_json"]

_DEPTH = 3


def looks_like_json(name: str, head: bytes) -> bool:
    """A .json file, or one whose first character (after a byte order mark) opens a list or an object."""
    start = head.lstrip(b"\xef\xbb\xbf \t\r\n")[:1]
    return Path(name).suffix.lower() == ".json" or start in (b"[", b"{")


def _records(value: Any, depth: int = 0) -> list[dict] | None:
    """The first list of objects in value (itself, or a member of an object), else None."""
    if isinstance(value, list) and value and all(isinstance(v, dict) for v in value):
        return value
    if isinstance(value, dict) and depth < _DEPTH:
        for member in value.values():
            found = _records(member, depth + 1)
            if found is not None:
                return found
    return None


def _cell(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, (dict, list)):
        return json.dumps(value, ensure_ascii=False)
    return str(value)


def read_json(cur: duckdb.DuckDBPyConnection, source: InputFile, path: Path, table: str,
              limits: Limits) -> RawFile | None:
    """Load the file's records into `table`; None when it is not JSON at all (then it is read as CSV)."""
    try:
        with open(path, "r", encoding="utf-8-sig") as fh:
            data = json.load(fh)
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        if Path(source.name).suffix.lower() != ".json":
            return None
        raise UnusableInput("json_broken", name=source.name, detail=str(exc)[:160]) from None
    records = _records(data)
    if records is None:
        if isinstance(data, list) and not data:
            raise UnusableInput("no_rows", name=source.name)
        raise UnusableInput("json_shape", name=source.name)
    if len(records) > limits.max_rows:
        raise UnusableInput("too_many_rows", name=source.name, limit=limits.max_rows)
    headers = list(dict.fromkeys(k for r in records for k in r))
    columns = {"__row": pa.array(range(2, len(records) + 2), pa.int64())}
    for i, name in enumerate(headers):
        columns[f"c{i}"] = pa.array([_cell(r.get(name)) for r in records], pa.string())
    cur.register(f"{table}_json", pa.table(columns))
    try:
        cur.execute(f"CREATE OR REPLACE TEMP TABLE {table} AS SELECT * FROM {table}_json")
    finally:
        cur.unregister(f"{table}_json")
    return RawFile(source, "json", [str(h) for h in headers], table, len(records), "dot", encoding="utf-8")
