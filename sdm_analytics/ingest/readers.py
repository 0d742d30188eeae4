"""Reading one import file (CSV, XLSX or JSON records) into a DuckDB temp table of text cells.

A file is read within limits (`Limits`, from the settings): one larger than the size limit is refused before
it is read, one with more data rows than the row limit while it is read (a workbook before it is opened, see
workbook.py).

The table has `__row` (the row number the user sees in the file: the header
is row 1) and one VARCHAR column per header, named c0, c1, ... so no header
text ever becomes an identifier. CSV is parsed by DuckDB's reader (the
dialect is sniffed with the csv module); XLSX by openpyxl (workbook.py).
"""

from __future__ import annotations

import codecs
import csv
import io
import os
import re
import tempfile
from pathlib import Path
from typing import Iterable

import duckdb
import pyarrow as pa

from .inputs import MB, InputFile, Limits, RawFile, UnusableInput, norm_header
from .records import looks_like_json, read_json
from .workbook import read_xlsx

__all__ = ["InputFile", "RawFile", "UnusableInput", "Limits", "read_raw", "norm_header"]

_CHUNK = 1 << 20
_SAMPLE = 1 << 16
_DELIMITERS = ",;\t|"
_LINES_NAMED = 10  # lines named when a file mixes encodings
_NOT_UTF8 = re.compile("[\udc80-\udcff]")  # a byte that is not UTF-8, as surrogateescape decodes it
_NON_ASCII = re.compile("[\u0080-\ud7ff\ue000-\U0010ffff]")  # a character of a valid multibyte sequence


def read_raw(cur: duckdb.DuckDBPyConnection, source: InputFile, table: str,
             sheet_names: Iterable[str] = (), known_headers: Iterable[str] = (),
             limits: Limits = Limits()) -> RawFile:
    """Load a file into temp table `table`.

    sheet_names are the preferred XLSX sheets (normalised); known_headers (normalised) pick
    a workbook's header row when title rows sit above it. A file beyond `limits` is an UnusableInput.
    """
    if source.data is not None:  # an upload: its size is known before it is written anywhere
        _check_size(len(source.data), source.name, limits)
    elif source.path is not None and source.path.is_file():
        _check_size(source.path.stat().st_size, source.name, limits)
    with _local_path(source) as path:
        size = path.stat().st_size
        if size == 0:
            raise UnusableInput("empty", name=source.name)
        with open(path, "rb") as fh:
            head = fh.read(_SAMPLE)
        if head.startswith(b"PK\x03\x04"):
            return read_xlsx(cur, source, path, table, list(sheet_names), set(known_headers), limits)
        if head.startswith(b"\xd0\xcf\x11\xe0"):
            raise UnusableInput("xls_old", name=source.name)
        if looks_like_json(source.name, head):  # SIASN's web service: a list of records
            raw = read_json(cur, source, path, table, limits)
            if raw is not None:
                return raw
        return _read_csv(cur, source, path, table, head, limits)


def _check_size(size: int, name: str, limits: Limits) -> None:
    if size > limits.max_bytes:
        raise UnusableInput("too_big", name=name, detail=size / MB, limit=limits.max_mb)


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
    """utf-8-sig, utf-8, utf-16 or cp1252 (as Excel writes it); binary content is refused, and so is a file that
    is UTF-8 but for a few bytes (two encodings mixed: decoding it whole as Windows-1252 would garble every
    accented letter written in UTF-8), naming the lines that hold those bytes."""
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        candidates = ["utf-16"]
    elif b"\x00" in head:
        raise UnusableInput("binary", name=name)
    elif _decodes(path, "utf-8"):
        candidates = ["utf-8-sig" if head.startswith(codecs.BOM_UTF8) else "utf-8"]
    else:
        utf8, stray, lines = _utf8_scan(path)
        if head.startswith(codecs.BOM_UTF8) or utf8 * 10 >= stray:  # mostly UTF-8: one character in ten or more
            shown = ", ".join(str(n) for n in lines[:_LINES_NAMED]) + (", …" if len(lines) > _LINES_NAMED else "")
            raise UnusableInput("mixed_encoding", name=name, detail=shown)
        candidates = ["cp1252"]
    for enc in candidates:
        if not _decodes(path, enc):
            continue
        text = head.decode(enc, errors="ignore")
        controls = sum(1 for ch in text if ord(ch) < 32 and ch not in "\t\r\n")
        if controls > max(2, len(text) // 100):
            raise UnusableInput("binary", name=name)
        return enc
    raise UnusableInput("binary", name=name)


def _decodes(path: Path, encoding: str) -> bool:
    """Whether the whole file decodes strictly in an encoding."""
    decoder = codecs.getincrementaldecoder(encoding)()
    try:
        with open(path, "rb") as fh:
            while chunk := fh.read(_CHUNK):
                decoder.decode(chunk)
        decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        return False
    return True


def _utf8_scan(path: Path) -> tuple[int, int, list[int]]:
    """(characters written in valid UTF-8 beyond ASCII, bytes that are not UTF-8, the physical lines holding
    those bytes: the first _LINES_NAMED + 1 of them)."""
    decoder = codecs.getincrementaldecoder("utf-8")(errors="surrogateescape")
    utf8 = stray = 0
    line = 1
    lines: list[int] = []
    with open(path, "rb") as fh:
        while True:
            chunk = fh.read(_CHUNK)
            text = decoder.decode(chunk, final=not chunk)
            utf8 += len(_NON_ASCII.findall(text))
            at = 0
            for match in _NOT_UTF8.finditer(text):
                stray += 1
                if len(lines) <= _LINES_NAMED:
                    line += text.count("\n", at, match.start())
                    at = match.start()
                    if not lines or lines[-1] != line:
                        lines.append(line)
            line += text.count("\n", at)
            if not chunk:
                return utf8, stray, lines


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


def _read_csv(cur: duckdb.DuckDBPyConnection, source: InputFile, path: Path, table: str, head: bytes,
              limits: Limits) -> RawFile:
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
                LIMIT $cap
                """,
                {"path": str(data_path), "delim": delim, "cols": names, "cap": limits.max_rows + 1},
            )
        except duckdb.Error as exc:
            raise UnusableInput("csv_broken", name=source.name,
                                detail=str(exc).strip().splitlines()[0][:160]) from None
        n = cur.execute(f"SELECT count(*) FROM {table}_csv").fetchall()[0][0]
        refused_lines = cur.execute(f"SELECT count(DISTINCT line) FROM {table}_rej").fetchall()[0][0]
        if n + refused_lines > limits.max_rows:
            for suffix in ("_csv", "_rej", "_scan"):
                cur.execute(f"DROP TABLE IF EXISTS {table}{suffix}")
            raise UnusableInput("too_many_rows", name=source.name, limit=limits.max_rows)
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
