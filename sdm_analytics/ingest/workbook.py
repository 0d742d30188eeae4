"""Reading an XLSX import file within limits into a DuckDB temp table of text cells (as readers.py does a CSV).

openpyxl reads it, read-only, and parses with defusedxml when that is installed (openpyxl.DEFUSEDXML: no XML
entity expansion). Before openpyxl opens it, the zip is checked: the size its parts expand to, their
compression ratio (a zip bomb), and the <row> elements of every sheet, counted in the raw XML (openpyxl parses
a sheet that declares no size whole just to open the workbook). Rows are then loaded a batch at a time.
"""

from __future__ import annotations

import datetime as dt
import io
import itertools
import re
from pathlib import Path
from typing import Iterable

import duckdb
import pyarrow as pa

from .inputs import MB, InputFile, Limits, RawFile, UnusableInput, norm_header

__all__ = ["read_xlsx", "count_rows", "TITLE_ROWS"]

_CHUNK = 1 << 20
TITLE_ROWS = 10  # a workbook's header row is looked for among its first non-empty rows
# A workbook is a zip: refused when its parts expand to more than this many times the size limit, or (once
# they expand past _BOMB_FLOOR) when they are more than _MAX_RATIO times smaller packed than unpacked. Real
# workbooks pack 5-20 times; a zip bomb thousands of times.
_MAX_EXPANSION = 10
_MAX_RATIO = 100
_BOMB_FLOOR = MB
_MAX_COLUMNS = 1024  # cells to the right of this column of a worksheet are not read (no kind has so many)
_BATCH = 50_000  # workbook rows loaded into DuckDB at a time
_ROW_TAG = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?row[\s/>]")


def _cell_text(value: object) -> str | None:
    """A cell as the text a CSV of it would hold (dates ISO, numbers with a dot)."""
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        if value.time() == dt.time(0):
            return value.date().isoformat()
        return value.isoformat(sep=" ", timespec="seconds")
    if isinstance(value, (dt.date, dt.time)):
        return value.isoformat()
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if abs(value) >= 1e15:  # an 18-digit NIP stored as a number has lost its last digits
            return f"{value:.15g}"
        return str(int(value)) if value.is_integer() else repr(value)
    return str(value)


def _check_zip(path: Path, name: str, limits: Limits) -> None:
    """Refuse a workbook whose parts would expand beyond the limits (a zip bomb), or one of whose sheets holds
    more rows than the limit, before openpyxl opens it (it parses a sheet that declares no size whole just to
    open the workbook)."""
    import zipfile

    try:
        with zipfile.ZipFile(path) as zf:
            parts = zf.infolist()
            expanded = sum(p.file_size for p in parts)  # what Python's zip reader will hand out at most
            packed = max(1, sum(p.compress_size for p in parts))
            if expanded > _MAX_EXPANSION * limits.max_bytes or (expanded > _BOMB_FLOOR
                                                                and expanded / packed > _MAX_RATIO):
                raise UnusableInput("xlsx_expands", name=name, detail=expanded / MB,
                                    limit=_MAX_EXPANSION * limits.max_mb)
            stop = limits.max_rows + TITLE_ROWS + 1
            for part in parts:
                if part.filename.startswith("xl/worksheets/") and part.filename.endswith(".xml"):
                    with zf.open(part) as src:
                        if count_rows(src, stop) > stop:
                            raise UnusableInput("too_many_rows", name=name, limit=limits.max_rows)
    except (zipfile.BadZipFile, OSError, ValueError, EOFError) as exc:
        raise UnusableInput("xlsx_broken", name=name, detail=type(exc).__name__) from None


def read_xlsx(cur: duckdb.DuckDBPyConnection, source: InputFile, path: Path, table: str,
               sheet_names: list[str], known_headers: set[str], limits: Limits) -> RawFile:
    import zipfile

    import openpyxl  # parses with defusedxml when it is installed (openpyxl.DEFUSEDXML)

    _check_zip(path, source.name, limits)
    try:
        book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError) as exc:
        raise UnusableInput("xlsx_broken", name=source.name, detail=type(exc).__name__) from None
    except Exception as exc:  # openpyxl raises its own types for a zip that is not a workbook
        raise UnusableInput("xlsx_broken", name=source.name, detail=type(exc).__name__) from None
    last_row = limits.max_rows + TITLE_ROWS + 1  # the rows a sheet may reach: data, a header and titles above
    try:
        if not book.worksheets:
            raise UnusableInput("empty", name=source.name)
        by_name = {norm_header(ws.title): ws for ws in book.worksheets}
        sheet = next((by_name[n] for n in sheet_names if n in by_name), book.worksheets[0])
        if (sheet.max_row or 0) > last_row:  # the rows the sheet declares (those it holds: _check_zip)
            raise UnusableInput("too_many_rows", name=source.name, limit=limits.max_rows)
        if sheet.max_row and (_row_elements(sheet) or 0) > sheet.max_row:  # a declaration that is too small:
            sheet.reset_dimensions()  # openpyxl would stop at the declared last row
        width = _MAX_COLUMNS if (sheet.max_column or 0) > _MAX_COLUMNS else None  # None: as declared or written
        lines = ((n, [_cell_text(v) for v in values])
                 for n, values in enumerate(sheet.iter_rows(max_col=width, values_only=True), start=1))
        filled = ((n, cells) for n, cells in lines if any(c is not None and str(c).strip() for c in cells))
        head = list(itertools.islice(filled, TITLE_ROWS))
        if not head:
            raise UnusableInput("empty", name=source.name)
        # the header is the early row naming the most known columns (title rows above it are skipped)
        score = [sum(norm_header(c or "") in known_headers for c in cells) for _, cells in head]
        at = score.index(max(score))
        headers = [(c or "").strip() for c in head[at][1]]
        while headers and not headers[-1]:
            headers.pop()
        rows = _load_rows(cur, table, len(headers), itertools.chain(head[at + 1:], filled), last_row, limits,
                          source.name)
        title = sheet.title
    finally:
        book.close()
    return RawFile(source, "xlsx", headers, table, rows, "xlsx", sheet=title)


def _row_elements(sheet: object) -> int | None:
    """How many <row> elements a read-only worksheet's XML holds (None when it cannot be told)."""
    get_source = getattr(sheet, "_get_source", None)  # openpyxl's read-only sheet opens its part in the zip
    if get_source is None:
        return None
    with get_source() as src:
        return count_rows(src, None)


def count_rows(src: io.RawIOBase, stop: int | None) -> int:
    """The <row> elements in a stream of sheet XML, counted in the raw bytes (far faster than parsing them),
    up to stop + 1."""
    count, tail = 0, b""
    while chunk := src.read(_CHUNK):
        data = tail + chunk
        count += len(_ROW_TAG.findall(data))
        if stop is not None and count > stop:
            break
        cut = data.rfind(b"<")  # a tag split between two chunks is counted with the next one
        tail = data[cut:] if cut >= 0 and len(data) - cut < 64 else b""
        if tail:
            count -= len(_ROW_TAG.findall(tail))
    return count


def _load_rows(cur: duckdb.DuckDBPyConnection, table: str, width: int,
               lines: Iterable[tuple[int, list[str | None]]], last_row: int, limits: Limits, name: str) -> int:
    """Write a workbook's data rows into temp table `table` a batch at a time (a million rows never sit in
    Python lists at once); stops and refuses the file past the row limit. Returns the rows written."""
    names = [f"c{i}" for i in range(width)]
    cols = ", ".join(["__row BIGINT", *(f"{c} VARCHAR" for c in names)])
    cur.execute(f"CREATE OR REPLACE TEMP TABLE {table} ({cols})")
    rows: list[int] = []
    columns: list[list[str | None]] = [[] for _ in names]
    total = 0
    for number, cells in itertools.chain(lines, [(None, None)]):
        if number is not None:
            if number > last_row or total + len(rows) >= limits.max_rows:
                cur.execute(f"DROP TABLE IF EXISTS {table}")
                raise UnusableInput("too_many_rows", name=name, limit=limits.max_rows)
            rows.append(number)
            for i, col in enumerate(columns):
                col.append(cells[i] if i < len(cells) else None)
        if rows and (number is None or len(rows) >= _BATCH):
            data = {"__row": pa.array(rows, pa.int64())}
            data.update({c: pa.array(col, pa.string()) for c, col in zip(names, columns)})
            cur.register(f"{table}_arrow", pa.table(data))
            cur.execute(f"INSERT INTO {table} SELECT * FROM {table}_arrow")
            cur.unregister(f"{table}_arrow")
            total += len(rows)
            rows = []
            columns = [[] for _ in names]
    return total
