"""Exports that still make sense a month later: charts as PNG/SVG/PDF, tables as XLSX/CSV.

Every export describes itself: the filters, the period, n, the data's as-of date,
the source and a note when survey groups were suppressed. Text cells that a
spreadsheet would run as a formula (starting with =, +, -, @, tab or CR) are
neutralised with a leading apostrophe in both CSV and XLSX, headers and the
description sheet included; on a chart, the description's names are literal text.
"""

from __future__ import annotations

import copy
import datetime as dt
import io
import threading
import warnings
from typing import Any, Mapping

import pandas as pd

from ..engine.metrics import compute
from ..engine.units import unit_names
from ..filters import Filters, Scope
from ..formatting import escape_plotly, fmt_date, fmt_number, round_shown
from ..i18n import code_label, dim_label, pick, t
from ..settings import Settings, load_settings
from ..store import Store

__all__ = ["FORMATS", "Description", "filters_text", "describe_view", "chart_bytes", "table_csv", "table_xlsx",
           "as_shown", "neutralise"]

FORMATS = {"png": "image/png", "svg": "image/svg+xml", "pdf": "application/pdf"}
MIME_XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_server_lock = threading.Lock()
_server_started = False


class Description(dict):
    """Ordered label -> text pairs that say what an export shows (the Keterangan sheet, a chart footer)."""

    def footer(self) -> str:
        """Three short lines for the bottom of a chart (the filters name OPDs and organizers: literal text)."""
        items = [escape_plotly(f"{k}: {v}") for k, v in self.items()]
        return "<br>".join(" · ".join(items[i:i + 2]) for i in range(0, len(items), 2))

    @classmethod
    def build(cls, filters_text: str, year: int, n: Any, as_of: dt.date | None, suppressed: bool,
              lang: str = "id", min_respondents: int = 5) -> Description:
        """The self-description of an export, in Bahasa Indonesia (or English)."""
        return cls({
            t("export.filters", lang): filters_text or t("export.none", lang),
            t("export.period", lang): t("export.year", lang, year=year),
            t("export.n", lang): str(n),
            t("export.as_of", lang): fmt_date(as_of, lang),
            t("export.source", lang): t("export.source_text", lang),
            t("export.suppression", lang): t("export.suppressed", lang, k=min_respondents) if suppressed
            else t("export.not_suppressed", lang),
            t("export.exported", lang): fmt_date(dt.date.today(), lang),
        })


def _ensure_server() -> None:
    """Start kaleido's browser once per process: later exports take a fraction of a second."""
    global _server_started
    if _server_started:
        return
    import kaleido

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        kaleido.start_sync_server()
    _server_started = True


def chart_bytes(fig: Any, fmt: str, description: Description | None = None,
                width: int = 800, height: int = 450, scale: int = 2) -> bytes:
    """A figure as PNG (1600×900 at the defaults), SVG or PDF, with its description as a footer."""
    import plotly.io as pio

    if fmt not in FORMATS:
        raise ValueError(f"unknown chart format: {fmt} (png, svg, pdf)")
    fig = copy.deepcopy(fig)
    fig.update_layout(title_x=0.01)
    if description:
        # below the tick labels and the axis title, on lines short enough for the width
        fig.add_annotation(text=description.footer(), xref="paper", yref="paper", x=0, y=0, xanchor="left",
                           yanchor="top", yshift=-105, showarrow=False, align="left",
                           font={"size": 10, "color": "#566573"})
        fig.update_layout(margin={"b": 175})
        height = int(fig.layout.height or height) + 110
    height = max(height, int(fig.layout.height or height))
    with _server_lock:
        _ensure_server()
        with warnings.catch_warnings():
            warnings.filterwarnings("ignore", message=".*kopts.*")
            return pio.to_image(fig, format=fmt, width=width, height=height, scale=scale if fmt == "png" else 1)


def neutralise_cell(value: Any) -> Any:
    """A text a spreadsheet would execute (=, +, -, @, tab or CR first), prefixed with an apostrophe."""
    return ("'" + value) if isinstance(value, str) and value.startswith(_FORMULA_START) else value


def neutralise(frame: pd.DataFrame) -> pd.DataFrame:
    """Text cells that a spreadsheet would execute are prefixed with an apostrophe."""
    out = frame.copy()
    for col in out.columns:
        if out[col].dtype == object or str(out[col].dtype).startswith(("str", "string")):
            out[col] = [neutralise_cell(v) for v in out[col]]
    return out


# Excel number formats per unit. Excel draws "." and "," in a format as the reader's own decimal and thousands
# marks, so an Indonesian Excel shows 1.234,5 and 63,8%; the cells stay numbers that sort and sum.
XLSX_FORMATS = {
    "rate": "0.0%", "score": "0.00", "gain": "0.00", "ratio": "0.00", "idr": '"Rp "#,##0', "idr_per_jp": '"Rp "#,##0',
    "people": "#,##0", "whole": "#,##0", "number": "#,##0.0", "jp": "#,##0.0", "pp": "+0.0;-0.0;0.0",
}
# Dates spelled out with the month's name in the reader's language, whatever Excel's own locale: 17 Maret 2025
# (Indonesian, then English: pick).
_XLSX_DATE = ("[$-421]d mmmm yyyy", "[$-809]d mmmm yyyy")


def _parts(table: Any) -> tuple[pd.DataFrame, pd.DataFrame, Mapping[str, Any]]:
    """(shown, values, units) of a views.Display, or of a plain frame (shown as it is, units guessed)."""
    from .views import Display

    if isinstance(table, Display):
        return table.shown, table.values, table.units
    return table, table, {}


def table_csv(table: Any) -> bytes:
    """CSV for Excel (UTF-8 with BOM) of what the page shows, formula-like cells neutralised."""
    shown, _, _ = _parts(table)
    return neutralise(shown).rename(columns=neutralise_cell).to_csv(index=False).encode("utf-8-sig")


def _cell(value: Any) -> Any:
    if value is None or value is pd.NA or value is pd.NaT or (isinstance(value, float) and value != value):
        return None
    if isinstance(value, pd.Timestamp):
        return value.to_pydatetime()
    return value.item() if hasattr(value, "item") else value


def _guess_format(series: pd.Series, lang: str) -> str | None:
    kind = series.dtype.kind
    if kind in "iu":
        return "#,##0"
    if kind == "f":
        return "#,##0.0##"
    if kind == "M":
        return pick(_XLSX_DATE, lang)
    return None


def as_shown(values: pd.DataFrame, units: Mapping[str, Any]) -> pd.DataFrame:
    """A Display's numbers rounded as its page shows them, each in its unit's decimals (formatting.decimals:
    a rate to 0,1 of a percent, a score to 0,01, Rupiah to the rupiah): what a non-admin downloads."""
    out = values.copy()
    for col, unit in units.items():
        if col not in out or unit == "datetime":
            continue
        per_row = [unit] * len(out) if isinstance(unit, str) else list(unit)
        out[col] = pd.Series([round_shown(_cell(v), u) if isinstance(_cell(v), (int, float)) else _cell(v)
                              for v, u in zip(out[col], per_row)], index=out.index, dtype=object)
    return out


def table_xlsx(table: Any, description: Mapping[str, str], sheet: str = "Data", lang: str = "id",
               exact: bool = True) -> bytes:
    """XLSX: a formatted, frozen header; numbers kept as numbers in their unit's format (a views.Display's
    rates as 0,0%, Rupiah as Rp 1.234, intervals in two columns); and a 'Keterangan' sheet describing it.
    exact=False (every role but admin): the numbers carry no more decimals than the page shows (as_shown), so
    a download gives away no digit the page hides."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    _, values, units = _parts(table)
    data = neutralise(values if exact else as_shown(values, units))
    wb = Workbook()
    ws = wb.active
    ws.title = sheet[:31]
    ws.append([neutralise_cell(str(c)) for c in data.columns])
    for row in data.itertuples(index=False):
        ws.append([_cell(v) for v in row])
    head = Font(bold=True, color="FFFFFF")
    fill = PatternFill("solid", fgColor="1F4E79")
    for cell in ws[1]:
        cell.font, cell.fill = head, fill
        cell.alignment = Alignment(wrap_text=True, vertical="center")
    ws.freeze_panes = "A2"
    for i, col in enumerate(data.columns, start=1):
        letter = get_column_letter(i)
        unit = units.get(col)
        if unit is None:
            formats = [_guess_format(data[col], lang)] * len(data)
        elif unit == "datetime":
            formats = [pick(_XLSX_DATE, lang) + " hh:mm"] * len(data)
        elif isinstance(unit, str):
            formats = [XLSX_FORMATS.get(unit, "#,##0.0##")] * len(data)
        else:  # one unit per row
            formats = [XLSX_FORMATS.get(u, "#,##0.0##") for u in unit]
        for cell, fmt in zip(ws[letter][1:], formats):
            if isinstance(cell.value, str):
                cell.number_format = "@"  # text stays text (a NIP is never turned into a number)
            elif fmt and cell.value is not None:
                cell.number_format = fmt
        width = max([len(str(col))] + [len(str(v)) for v in data[col].head(200)]) + 2
        ws.column_dimensions[letter].width = min(60, max(10, width))
    notes = wb.create_sheet(t("export.notes", lang))
    notes.append([t("export.notes", lang), ""])
    notes["A1"].font = Font(bold=True)
    for key, value in description.items():
        notes.append([neutralise_cell(key), neutralise_cell(value)])  # the filters name data
    notes.column_dimensions["A"].width = 22
    notes.column_dimensions["B"].width = 90
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def filters_text(store: Store, filters: Filters, lang: str = "id", scope: Scope | None = None) -> str:
    """The active filters in words, e.g. 'OPD: Dinas Kesehatan; Wilayah: Perdesaan' ('' when none); an
    account limited to some OPDs says so first ('Cakupan akun: Dinas Kesehatan, …')."""
    names = unit_names(store) if filters.opd or filters.unit or (scope and scope.restricted) else {}
    parts = []
    if scope is not None and scope.restricted:
        own = sorted(names.get(code, code) for code in scope.opds or ())
        shown = ", ".join(own) if len(own) <= 4 else f"{len(own)} OPD: {', '.join(own[:3])}, …"
        parts.append(f"{t('scope_account', lang)}: {shown}")
    for dim, values in filters.active().items():
        shown = [names.get(v, v) if dim in ("opd", "unit") else code_label(dim, v, lang) for v in values]
        parts.append(f"{dim_label(dim, lang)}: {', '.join(shown)}")
    return "; ".join(parts)


def describe_view(store: Store, filters: Filters, scope: Scope | None = None, lang: str = "id",
                  settings: Settings | None = None, n: int | None = None) -> Description:
    """What every export of a view says about itself: its filters and scope, period, n (headcount,
    computed unless given), the as-of date, the source and the configured suppression."""
    scope = scope or Scope.everything()
    settings = settings or load_settings()
    if n is None:
        n = compute(store, filters, scope, ["headcount"], settings).values["headcount"]
    return Description.build(filters_text(store, filters, lang, scope), filters.year,
                             f"{fmt_number(n, lang, 0)} ASN", store.as_of(), scope.suppresses, lang,
                             settings.min_respondents)
