"""Rejected rows kept out of memory: what a person is shown of them, and the rejects file that holds them all.

A file may reject a million rows. A plan holds the problems of the first SHOWN_ROWS rejected rows (and of as
many rows with warnings) and counts the rest; every rejected row, its original cells and its errors are
copied by DuckDB to Parquet in a folder of the plan's own (`Rejects`, removed with the plan), and the rejects
file is written from there by DuckDB, in the language asked for.
"""

from __future__ import annotations

import csv
import os
import shutil
import tempfile
import weakref
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import duckdb
import pandas as pd
import pyarrow as pa

from .inputs import RawFile
from .messages import REASONS, label, reason

if TYPE_CHECKING:
    from .plan import FilePlan

__all__ = ["SHOWN_ROWS", "Rejects", "keep", "shown_issues", "write_rejects_file", "hand_over", "take_over"]

SHOWN_ROWS = 100  # rejected rows (and rows with warnings) whose problems a person is shown; the rest are counted
_SHOWN_CHARS = 200  # characters of a value (or a detail) quoted in a message
_DELIMITERS = {",": ",", ";": ";", "\t": "\t", "|": "|"}  # what a rejects file may be separated by


@dataclass(frozen=True)
class Rejects:
    """Every rejected row of a file, on disk: `rows` (Parquet: __row and the original cells c0, c1, ...) and
    `errors` (Parquet: row_no, header, col, code, detail), with the names the cells' columns go by."""

    folder: Path
    names: tuple[str, ...]

    @property
    def rows(self) -> Path:
        return self.folder / "rows.parquet"

    @property
    def errors(self) -> Path:
        return self.folder / "errors.parquet"


def _column_names(headers: list[str]) -> tuple[str, ...]:
    """The rejects file's names for a file's columns: its headers, an empty one named kolom_<n>, repeats marked."""
    names, seen = [], set()
    for i, header in enumerate(headers):
        name = header or f"kolom_{i + 1}"
        while name in seen:
            name += "_"
        seen.add(name)
        names.append(name)
    return tuple(names)


_cleanups: dict[Path, weakref.finalize] = {}  # each rejects folder's removal, due when its owner goes


def hand_over(owners: list) -> None:
    """The rejects folders of these owners (file plans) outlive them here: the plan goes to another process
    (the Data page checks a file in a process of its own), which takes them over."""
    for owner in owners:
        if owner.rejects is not None:
            cleanup = _cleanups.pop(owner.rejects.folder, None)
            if cleanup is not None:
                cleanup.detach()


def take_over(owners: list) -> None:
    """Remove these owners' rejects folders when the owners go (in this process: the plan came from another)."""
    for owner in owners:
        if owner.rejects is not None and owner.rejects.folder not in _cleanups:
            _cleanups[owner.rejects.folder] = weakref.finalize(owner, shutil.rmtree, owner.rejects.folder, True)


def keep(cur: duckdb.DuckDBPyConnection, raw: RawFile, issues: str, owner: object) -> Rejects:
    """Copy every rejected row of `issues` (its original cells by row number from the raw table; a row the CSV
    parser could not split has none) and its errors to Parquet; the folder goes when `owner` does."""
    rejects = Rejects(Path(tempfile.mkdtemp(prefix="sdm_rejects_")), _column_names(raw.headers))
    _cleanups[rejects.folder] = weakref.finalize(owner, shutil.rmtree, rejects.folder, True)
    cols = "".join(f", t.c{i}" for i in range(len(raw.headers)))
    cur.execute(
        f"""
        COPY (
            SELECT e.row_no AS __row{cols}
            FROM (SELECT DISTINCT row_no FROM {issues} WHERE severity = 'error') AS e
            LEFT JOIN {raw.table} AS t ON t.__row = e.row_no
            ORDER BY e.row_no
        ) TO $path (FORMAT parquet)
        """,
        {"path": str(rejects.rows)},
    )
    cur.execute(
        f"""
        COPY (
            SELECT row_no, header, col, code, detail FROM {issues} WHERE severity = 'error' ORDER BY row_no, col
        ) TO $path (FORMAT parquet)
        """,
        {"path": str(rejects.errors)},
    )
    return rejects


def _shown(column: str) -> str:
    """SQL for a cell as a message quotes it: its first _SHOWN_CHARS characters (a name of 100,000 characters
    is reported, not printed)."""
    return (f"CASE WHEN length({column}) > {_SHOWN_CHARS} THEN left({column}, {_SHOWN_CHARS}) || '…' "
            f"ELSE {column} END AS {column}")


def shown_issues(cur: duckdb.DuckDBPyConnection, issues: str) -> tuple[pd.DataFrame, int]:
    """The problems of the first SHOWN_ROWS rejected rows and of the first SHOWN_ROWS rows with warnings only
    (row_no, header, col, value, code, detail, severity), and how many warnings that leaves out."""
    found = cur.execute(
        f"""
        WITH rejected AS (
            SELECT DISTINCT row_no FROM {issues} WHERE severity = 'error' ORDER BY row_no LIMIT {SHOWN_ROWS}
        ),
        warned AS (
            SELECT DISTINCT row_no FROM {issues}
            WHERE severity = 'warning' AND row_no NOT IN (SELECT row_no FROM {issues} WHERE severity = 'error')
            ORDER BY row_no
            LIMIT {SHOWN_ROWS}
        )
        SELECT row_no, header, col, {_shown('value')}, code, {_shown('detail')}, severity
        FROM {issues}
        WHERE row_no IN (SELECT row_no FROM rejected) OR row_no IN (SELECT row_no FROM warned) OR row_no IS NULL
        ORDER BY row_no, severity, col
        """
    ).df()
    warnings = cur.execute(f"SELECT count(*) FROM {issues} WHERE severity = 'warning'").fetchall()[0][0]
    return found, warnings - int((found["severity"] == "warning").sum())


def write_rejects_file(fp: FilePlan, path: Path, lang: str = "id") -> Path:
    """Write a file's rejected rows to path as CSV (UTF-8 with BOM, for Excel; the file's own delimiter): the
    row number, the original cells and the reasons, one line a row, all of them."""
    if fp.rejects is None:
        raise ValueError(f"{fp.name}: no rejected rows")
    delim = _DELIMITERS[fp.delimiter]
    with open(path, "w", encoding="utf-8-sig", newline="") as fh:  # the header: names from the file, by csv
        csv.writer(fh, delimiter=delim, lineterminator="\n").writerow(
            [label("row", lang), *fp.rejects.names, label("reason", lang)])
    texts = pa.table({"code": list(REASONS), "text": [reason(code, lang, "{detail}") for code in REASONS]})
    fd, body = tempfile.mkstemp(suffix=".csv")
    os.close(fd)
    con = duckdb.connect()
    try:
        con.register("_texts", texts)
        con.execute(
            f"""
            COPY (
                SELECT r.*, coalesce(e.reason, '') AS reason
                FROM read_parquet($rows) AS r
                LEFT JOIN (
                    SELECT i.row_no,
                           string_agg(CASE WHEN coalesce(i.header, '') <> '' THEN i.header || ': ' ELSE '' END
                                      || replace(coalesce(x.text, i.code), '{{detail}}', coalesce(i.detail, '')),
                                      '; ' ORDER BY i.col NULLS LAST) AS reason
                    FROM read_parquet($errors) AS i
                    LEFT JOIN _texts AS x ON x.code = i.code
                    GROUP BY i.row_no
                ) AS e ON e.row_no = r.__row
                ORDER BY r.__row
            ) TO $body (FORMAT csv, HEADER false, DELIMITER '{delim}', QUOTE '"')
            """,
            {"rows": str(fp.rejects.rows), "errors": str(fp.rejects.errors), "body": body},
        )
    finally:
        con.close()
    try:
        with open(body, "rb") as src, open(path, "ab") as dst:
            shutil.copyfileobj(src, dst)
    finally:
        os.unlink(body)
    return path
