"""Reading one import file (CSV or XLSX) into a DuckDB temp table of text cells.

The table has `__row` (the row number the user sees in the file: the header
is row 1) and one VARCHAR column per header, named c0, c1, ... so no header
text ever becomes an identifier. CSV is parsed by DuckDB's reader (the
dialect is sniffed with the csv module); XLSX by openpyxl.
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import io
import itertools
import os
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable

import duckdb
import pyarrow as pa

__all__ = ["InputFile", "RawFile", "UnusableInput", "read_raw", "norm_header"]

_CHUNK = 1 << 20
_SAMPLE = 1 << 16
_DELIMITERS = ",;\t|"
_TITLE_ROWS = 10  # a workbook's header row is looked for among its first non-empty rows


class UnusableInput(Exception):
    """A file that cannot be imported at all (missing, empty, binary, unknown kind)."""

    def __init__(self, code: str, **params: str) -> None:
        super().__init__(code)
        self.code = code
        self.params = params


@dataclass(frozen=True)
class InputFile:
    """One file to import: a path on disk, or a name and its bytes (an upload)."""

    name: str
    path: Path | None = None
    data: bytes | None = None

    @classmethod
    def of(cls, item: "InputFile | str | os.PathLike | tuple[str, bytes]") -> "InputFile":
        """A InputFile from a path, a (name, bytes) pair, or a InputFile."""
        if isinstance(item, InputFile):
            return item
        if isinstance(item, tuple):
            name, data = item
            return cls(Path(name).name, None, bytes(data))
        path = Path(item)
        return cls(path.name, path, None)


@dataclass
class RawFile:
    """What was read: the temp table, the headers and how the file was written."""

    source: InputFile
    format: str  # csv | xlsx
    headers: list[str]
    table: str
    rows: int
    number_mode: str  # dot (comma CSV) | comma (semicolon CSV) | xlsx
    delimiter: str | None = None
    encoding: str | None = None
    sheet: str | None = None
    malformed: list[tuple[int, str]] = field(default_factory=list)  # (row, line) the parser could not split


def norm_header(text: str) -> str:
    """A header as a lookup key: lower case, runs of other characters as one underscore."""
    out, sep = [], False
    for ch in str(text).replace("\ufeff", "").strip().lower():
        if ch.isalnum():
            if sep and out:
                out.append("_")
            out.append(ch)
            sep = False
        else:
            sep = True
    return "".join(out)


def read_raw(cur: duckdb.DuckDBPyConnection, source: InputFile, table: str,
             sheet_names: Iterable[str] = (), known_headers: Iterable[str] = ()) -> RawFile:
    """Load a file into temp table `table`.

    sheet_names are the preferred XLSX sheets (normalised); known_headers (normalised) pick
    a workbook's header row when title rows sit above it.
    """
    with _local_path(source) as path:
        size = path.stat().st_size
        if size == 0:
            raise UnusableInput("empty", name=source.name)
        with open(path, "rb") as fh:
            head = fh.read(_SAMPLE)
        if head.startswith(b"PK\x03\x04"):
            return _read_xlsx(cur, source, path, table, list(sheet_names), set(known_headers))
        if head.startswith(b"\xd0\xcf\x11\xe0"):
            raise UnusableInput("xls_old", name=source.name)
        return _read_csv(cur, source, path, table, head)


class _local_path:
    """The source as a file on disk (an upload is written to a temp file)."""

    def __init__(self, source: InputFile) -> None:
        self.source = source
        self.tmp: str | None = None

    def __enter__(self) -> Path:
        if self.source.data is not None:
            fd, self.tmp = tempfile.mkstemp(suffix=Path(self.source.name).suffix or ".csv")
            with os.fdopen(fd, "wb") as fh:
                fh.write(self.source.data)
            return Path(self.tmp)
        path = self.source.path
        if path is None or not path.is_file():
            raise UnusableInput("missing", name=self.source.name)
        return path

    def __exit__(self, *exc: object) -> None:
        if self.tmp:
            os.unlink(self.tmp)


# -- CSV -----------------------------------------------------------------------
def _encoding(path: Path, head: bytes, name: str) -> str:
    """utf-8-sig, utf-8, utf-16 or cp1252 (as Excel writes it); binary content is refused."""
    if head.startswith(codecs.BOM_UTF8):
        candidates = ["utf-8-sig"]
    elif head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        candidates = ["utf-16"]
    else:
        if b"\x00" in head:
            raise UnusableInput("binary", name=name)
        candidates = ["utf-8", "cp1252"]
    for enc in candidates:
        decoder = codecs.getincrementaldecoder(enc)()
        try:
            with open(path, "rb") as fh:
                while chunk := fh.read(_CHUNK):
                    decoder.decode(chunk)
            decoder.decode(b"", final=True)
        except UnicodeDecodeError:
            continue
        text = head.decode(enc, errors="ignore")
        controls = sum(1 for ch in text if ord(ch) < 32 and ch not in "\t\r\n")
        if controls > max(2, len(text) // 100):
            raise UnusableInput("binary", name=name)
        return enc
    raise UnusableInput("binary", name=name)


def _utf8_copy(path: Path, encoding: str) -> str:
    """A UTF-8 copy of a file in another encoding (DuckDB reads UTF-8)."""
    fd, tmp = tempfile.mkstemp(suffix=".csv")
    with open(path, "r", encoding=encoding, newline="") as src, os.fdopen(fd, "w", encoding="utf-8", newline="") as dst:
        while chunk := src.read(_CHUNK):
            dst.write(chunk)
    return tmp


def _dialect(sample: str) -> str:
    """The delimiter: the csv module's sniffer, checked against the header line."""
    first = sample.splitlines()[0] if sample else ""
    try:
        delim = csv.Sniffer().sniff(sample, delimiters=_DELIMITERS).delimiter
        if delim in first:
            return delim
    except csv.Error:
        pass
    counts = {d: first.count(d) for d in _DELIMITERS}
    best = max(counts, key=counts.get)
    return best if counts[best] else ","


def _read_csv(cur: duckdb.DuckDBPyConnection, source: InputFile, path: Path, table: str, head: bytes) -> RawFile:
    encoding = _encoding(path, head, source.name)
    tmp = None if encoding in ("utf-8", "utf-8-sig") else _utf8_copy(path, encoding)
    data_path = Path(tmp) if tmp else path
    try:
        with open(data_path, "r", encoding="utf-8-sig", newline="") as fh:
            sample = fh.read(_SAMPLE)
        if not sample.strip():
            raise UnusableInput("empty", name=source.name)
        if len(sample) == _SAMPLE and "\n" in sample:
            sample = sample[: sample.rindex("\n") + 1]
        delim = _dialect(sample)
        headers = next(csv.reader(io.StringIO(sample), delimiter=delim, quotechar='"'), [])
        headers = [h.strip() for h in headers]  # an empty header's column is kept and ignored later
        if not any(headers):
            raise UnusableInput("no_header", name=source.name)
        names = {f"c{i}": "VARCHAR" for i in range(len(headers))}
        try:
            cur.execute(
                f"""
                CREATE OR REPLACE TEMP TABLE {table}_csv AS
                SELECT *
                FROM read_csv($path, delim = $delim, quote = '"', escape = '"', header = true,
                              auto_detect = false, columns = $cols, null_padding = true,
                              parallel = false, store_rejects = true,
                              rejects_table = '{table}_rej', rejects_scan = '{table}_scan')
                """,
                {"path": str(data_path), "delim": delim, "cols": names},
            )
        except duckdb.Error as exc:
            raise UnusableInput("csv_broken", name=source.name,
                                detail=str(exc).strip().splitlines()[0][:160]) from None
        n = cur.execute(f"SELECT count(*) FROM {table}_csv").fetchall()[0][0]
        rejects = cur.execute(
            f"SELECT line, any_value(csv_line) FROM {table}_rej GROUP BY line ORDER BY line").fetchall()
        cols = ", ".join(names)
        malformed: list[tuple[int, str]] = []
        if not rejects and _physical_lines(data_path) == n + 1:  # one line a row: the row is rowid + 2
            cur.execute(f"CREATE OR REPLACE TEMP TABLE {table} AS SELECT rowid + 2 AS __row, {cols} FROM {table}_csv")
        else:  # blank lines, quoted line breaks or rows the parser refused: count the records
            mapping, refused = _record_rows(data_path, delim, {r[0] for r in rejects}, n, source.name)
            cur.register(f"{table}_map", mapping)
            cur.execute(
                f"""
                CREATE OR REPLACE TEMP TABLE {table} AS
                SELECT m.row AS __row, {cols}
                FROM (SELECT rowid AS rid, * FROM {table}_csv) AS c
                JOIN {table}_map AS m ON m.rid = c.rid
                ORDER BY m.row
                """
            )
            cur.unregister(f"{table}_map")
            text = dict(rejects)
            malformed = [(row, text.get(line, "")) for row, line in refused]
        for suffix in ("_csv", "_rej", "_scan"):
            cur.execute(f"DROP TABLE IF EXISTS {table}{suffix}")
    finally:
        if tmp:
            os.unlink(tmp)
    return RawFile(source, "csv", headers, table, n, "comma" if delim == ";" else "dot",
                   delimiter=delim, encoding=encoding, malformed=malformed)


def _physical_lines(path: Path) -> int:
    """Lines in a file, a last line without a newline included."""
    count, last = 0, b"\n"
    with open(path, "rb") as fh:
        while chunk := fh.read(_CHUNK):
            count += chunk.count(b"\n")
            last = chunk[-1:]
    return count + (last != b"\n")


def _record_rows(path: Path, delim: str, reject_lines: set[int], n: int,
                 name: str) -> tuple[pa.Table, list[tuple[int, int]]]:
    """Row numbers as a spreadsheet shows them (a quoted line break stays in its row, a blank
    line is a row), aligned with DuckDB's records; and (row, line) of the records it refused.

    DuckDB numbers its rejected "lines" the same way (checked on duckdb 2.0.1).
    """
    rids, rows, malformed = [], [], []
    with open(path, "r", encoding="utf-8-sig", newline="") as fh:
        reader = csv.reader(fh, delimiter=delim, quotechar='"')
        next(reader, None)
        row = 1
        for record in reader:
            row += 1
            if not record:
                continue
            if row in reject_lines:
                malformed.append((row, row))
            else:
                rids.append(len(rids))
                rows.append(row)
    if len(rows) != n:
        raise UnusableInput("csv_broken", name=name, detail="tanda kutip tidak tertutup? / unbalanced quotes?")
    return pa.table({"rid": pa.array(rids, pa.int64()), "row": pa.array(rows, pa.int64())}), malformed


# -- XLSX ----------------------------------------------------------------------
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


def _read_xlsx(cur: duckdb.DuckDBPyConnection, source: InputFile, path: Path, table: str,
               sheet_names: list[str], known_headers: set[str]) -> RawFile:
    import zipfile

    import openpyxl

    try:
        book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError) as exc:
        raise UnusableInput("xlsx_broken", name=source.name, detail=type(exc).__name__) from None
    except Exception as exc:  # openpyxl raises its own types for a zip that is not a workbook
        raise UnusableInput("xlsx_broken", name=source.name, detail=type(exc).__name__) from None
    try:
        if not book.worksheets:
            raise UnusableInput("empty", name=source.name)
        by_name = {norm_header(ws.title): ws for ws in book.worksheets}
        sheet = next((by_name[n] for n in sheet_names if n in by_name), book.worksheets[0])
        lines = ((n, [_cell_text(v) for v in values])
                 for n, values in enumerate(sheet.iter_rows(values_only=True), start=1))
        filled = ((n, cells) for n, cells in lines if any(c is not None and str(c).strip() for c in cells))
        head = list(itertools.islice(filled, _TITLE_ROWS))
        if not head:
            raise UnusableInput("empty", name=source.name)
        # the header is the early row naming the most known columns (title rows above it are skipped)
        score = [sum(norm_header(c or "") in known_headers for c in cells) for _, cells in head]
        at = score.index(max(score))
        headers = [(c or "").strip() for c in head[at][1]]
        while headers and not headers[-1]:
            headers.pop()
        columns: list[list[str | None]] = [[] for _ in headers]
        rows: list[int] = []
        for number, cells in itertools.chain(head[at + 1:], filled):
            rows.append(number)
            for i, col in enumerate(columns):
                col.append(cells[i] if i < len(cells) else None)
        title = sheet.title
    finally:
        book.close()
    data = {"__row": pa.array(rows, pa.int64())}
    data.update({f"c{i}": pa.array(col, pa.string()) for i, col in enumerate(columns)})
    cur.register(f"{table}_arrow", pa.table(data))
    cur.execute(f"CREATE OR REPLACE TEMP TABLE {table} AS SELECT * FROM {table}_arrow")
    cur.unregister(f"{table}_arrow")
    return RawFile(source, "xlsx", headers, table, len(rows), "xlsx", sheet=title)
