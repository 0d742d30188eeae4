"""The display table and its builder: the text a page shows, the numbers the XLSX keeps, and how a page lays out
each column (`Layout`) — the key columns, who or what a row is and the figure the table is about, come first, so a
wide table on a laptop shows them without scrolling sideways. No streamlit: ui.widgets turns the hints into
Streamlit's column_config. The tables themselves are built in present.views.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

import pandas as pd

from ..formatting import NA, fmt_date, fmt_number, fmt_value
from ..i18n import t as translate
from ..settings import Settings, load_settings
from ..store import Store

__all__ = ["BORDER_PX", "ROW_PX", "WIDE", "WIDTHS", "Columns", "Display", "Layout", "Reader", "Viewer", "clean", "show"]


class Viewer(Protocol):
    """Who reads a display table: the language, the settings (labels follow the JP minimum) and the store."""

    lang: str
    settings: Settings
    store: Store

    def t(self, key: str, **values: object) -> str: ...


@dataclass(frozen=True)
class Reader:
    """A Viewer outside the dashboard (a script, a test)."""

    store: Store
    lang: str = "id"
    settings: Settings = field(default_factory=load_settings)

    def t(self, key: str, **values: object) -> str:
        return translate(key, self.lang, **values)


WIDTHS = ("small", "medium", "large")  # Streamlit's names: 75, 200 and 400 px
# A table with more columns than this is wider than the page at 1440 px: its first column (who or what the row
# is) stays pinned on the left while the reader scrolls sideways.
WIDE = 6
# A grid row (and its header) is 35 px high, with a border of 3 px around them: a table is no taller than that.
ROW_PX, BORDER_PX = 35, 3


@dataclass(frozen=True)
class Layout:
    """How a page shows one column: a key column (who or what the row is, or the figure the table is about) comes
    before every other; a width from WIDTHS (None: as wide as its content); a number is right-aligned."""

    key: bool = False
    width: str | None = None
    numeric: bool = False

    def __post_init__(self) -> None:
        if self.width is not None and self.width not in WIDTHS:
            raise ValueError(f"width {self.width!r} is not one of {WIDTHS}")


@dataclass(frozen=True)
class Display:
    """A display table: the text a page shows (and the CSV holds), and the same figures as numbers with their
    units for the XLSX, where they stay numbers (an interval is split into its two ends); and how a page lays
    out each shown column."""

    shown: pd.DataFrame
    values: pd.DataFrame
    units: Mapping[str, str | Sequence[str]] = field(default_factory=dict)  # column -> unit (or one per row)
    layout: Mapping[str, Layout] = field(default_factory=dict)  # shown column -> its hints (none: plain text)

    def __len__(self) -> int:
        return len(self.shown)

    @property
    def key_columns(self) -> list[str]:
        """The shown columns a reader needs first: who or what each row is, and the figure the table is about."""
        return [c for c in self.shown.columns if self.layout.get(c, Layout()).key]

    def column_config(self) -> dict[str, dict[str, object]]:
        """Per shown column, the hints a page gives its grid, free of streamlit: "width" ("small", "medium",
        "large"), "alignment" ("right" for numbers: the cells are formatted text, '1.234,5', that a grid would
        otherwise set to the left) and "pinned" (the first column of a wide table). Columns without hints are
        left out."""
        config: dict[str, dict[str, object]] = {}
        for i, name in enumerate(self.shown.columns):
            hint = self.layout.get(name, Layout())
            entry: dict[str, object] = {}
            if hint.width:
                entry["width"] = hint.width
            if hint.numeric:
                entry["alignment"] = "right"
            if i == 0 and hint.key and len(self.shown.columns) > WIDE:
                entry["pinned"] = True
            if entry:
                config[str(name)] = entry
        return config

    def fit_height(self, height: int | str) -> int | str:
        """The height a page gives the table: `height` in px, but no taller than its rows, so a short table does not
        end in empty rows; "auto" (or any other word) as it is."""
        if isinstance(height, int):
            return min(height, (len(self) + 1) * ROW_PX + BORDER_PX)
        return height


def clean(value: Any) -> Any:
    """A cell's value as plain Python: None for a missing one (None, NA, NaT, NaN), a numpy scalar as its item."""
    if value is None or value is pd.NA or value is pd.NaT or (isinstance(value, float) and math.isnan(value)):
        return None
    return value.item() if hasattr(value, "item") else value


def show(value: Any, unit: str, lang: str) -> str:
    """A cell as the page shows it (JP, unit "jp": whole unless fractional, as formatting.fmt_value writes it)."""
    if value is None:
        return NA
    if unit == "pp":
        return fmt_number(value, lang, 1)
    if unit == "whole":
        return fmt_number(value, lang, 0)
    return fmt_value(value, unit, lang)


class Columns:
    """Builds a Display column by column: text as it is, numbers formatted for the page and kept for the XLSX.
    Every column takes `key` (one the reader needs first: key columns come before all others) and `width`."""

    def __init__(self, lang: str) -> None:
        self.lang = lang
        self.shown: dict[str, list] = {}
        self.values: dict[str, list] = {}
        self.units: dict[str, str | Sequence[str]] = {}
        self.layout: dict[str, Layout] = {}

    def _lay(self, header: str, key: bool, width: str | None, numeric: bool = False) -> Columns:
        self.layout[header] = Layout(key=key, width=width, numeric=numeric)
        return self

    def text(self, header: str, values: Iterable[Any], key: bool = False, width: str | None = None) -> Columns:
        cells = [clean(v) for v in values]
        self.shown[header] = self.values[header] = cells
        return self._lay(header, key, width)

    def num(self, header: str, values: Iterable[Any], unit: str | Sequence[str], scale: float = 1.0,
            key: bool = False, width: str | None = None) -> Columns:
        """Numbers in one unit, or (a sequence) in a unit per row."""
        cells = [None if clean(v) is None else float(clean(v)) * scale for v in values]
        units = [unit] * len(cells) if isinstance(unit, str) else list(unit)
        self.shown[header] = [show(v, u, self.lang) for v, u in zip(cells, units)]
        self.values[header], self.units[header] = cells, unit
        return self._lay(header, key, width, numeric=True)

    def count(self, header: str, values: Iterable[Any], withheld: Iterable[bool], hidden: str,
              key: bool = False) -> Columns:
        """Counts (n) where a withheld one — a hidden survey figure's — reads as `hidden` ('n < 5'), an empty
        cell in the XLSX."""
        cells = [None if clean(v) is None else float(clean(v)) for v in values]
        self.shown[header] = [hidden if w else show(v, "whole", self.lang) for v, w in zip(cells, withheld)]
        self.values[header], self.units[header] = [None if w else v for v, w in zip(cells, withheld)], "whole"
        return self._lay(header, key, None, numeric=True)

    def when(self, header: str, values: Iterable[Any], key: bool = False) -> Columns:
        """Timestamps: '28 November 2026 07:10' on the page, a date-time cell in the XLSX."""
        stamps = [None if clean(v) is None else pd.Timestamp(v).to_pydatetime() for v in values]
        self.shown[header] = [NA if v is None else f"{fmt_date(v.date(), self.lang)} {v:%H:%M}" for v in stamps]
        self.values[header], self.units[header] = stamps, "datetime"
        return self._lay(header, key, None)

    def interval(self, header: str, lo: Iterable[Any], hi: Iterable[Any], unit: str,
                 scale: float = 1.0, key: bool = False) -> Columns:
        ends = []
        for a, b in zip(lo, hi):
            a, b = clean(a), clean(b)
            ends.append((None, None) if a is None or b is None else (float(a) * scale, float(b) * scale))
        self.shown[header] = [NA if a is None else f"{show(a, unit, self.lang)} … {show(b, unit, self.lang)}"
                              for a, b in ends]
        low, high = translate("export.interval_low", self.lang), translate("export.interval_high", self.lang)
        for i, end in enumerate((low, high)):
            self.values[f"{header} ({end})"] = [pair[i] for pair in ends]
            self.units[f"{header} ({end})"] = unit
        return self._lay(header, key, None, numeric=True)

    def display(self) -> Display:
        """The table; its key columns must come first (a builder that puts one after another column is a bug)."""
        keys = [self.layout.get(h, Layout()).key for h in self.shown]
        if not any(keys) or keys != sorted(keys, reverse=True):
            raise ValueError(f"a display table needs its key columns first, got {list(zip(self.shown, keys))}")
        return Display(pd.DataFrame(self.shown), pd.DataFrame(self.values), self.units, self.layout)
