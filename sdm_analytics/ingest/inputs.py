"""What an import reads and what reading gives: a file to import (InputFile), its cells as a temp table
(RawFile), the limits it is read within (Limits), a file that cannot be imported at all (UnusableInput), and
headers as lookup keys (norm_header)."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

__all__ = ["InputFile", "RawFile", "UnusableInput", "Limits", "norm_header", "MB"]

MB = 1 << 20


@dataclass(frozen=True)
class Limits:
    """How large an import file may be: its bytes on disk and its data rows."""

    max_bytes: int = 50 * MB
    max_rows: int = 1_000_000

    @classmethod
    def of(cls, settings: object) -> "Limits":
        """The limits of the settings (SDM_IMPORT_MAX_MB, SDM_IMPORT_MAX_ROWS)."""
        return cls(int(settings.import_max_mb * MB), int(settings.import_max_rows))

    @property
    def max_mb(self) -> float:
        return self.max_bytes / MB


class UnusableInput(Exception):
    """A file that cannot be imported at all (missing, empty, binary, unknown kind)."""

    def __init__(self, code: str, **params: object) -> None:
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
    format: str  # csv | xlsx | json
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
