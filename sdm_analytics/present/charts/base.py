"""Shared look of every chart: palette, layout, axis formats, the order of coded groups."""

from __future__ import annotations

from typing import Mapping

import pandas as pd
import plotly.graph_objects as go

from ... import rules
from ...filters import DIMENSIONS as _DIMS
from ...formatting import escape_plotly, fmt_number, plotly_separators
from ...i18n import code_label, dim_label, t
from ...settings import Settings

PALETTE = {
    "primary": "#1f4e79",
    "accent": "#2e86ab",
    "second": "#f2a541",
    "weak": "#c0392b",
    "good": "#2e8b57",
    "muted": "#9aa5b1",
    "target": "#6c3483",
}
SERIES = ["#1f4e79", "#f2a541", "#2e86ab", "#6c3483", "#2e8b57", "#9aa5b1"]


def base_layout(fig: go.Figure, title: str, lang: str, height: int = 420) -> go.Figure:
    fig.update_layout(
        title={"text": title, "x": 0.0, "xanchor": "left", "font": {"size": 17}},
        template="plotly_white",
        separators=plotly_separators(lang),
        height=height,
        margin={"l": 10, "r": 30, "t": 70, "b": 50},
        font={"family": "Source Sans Pro, Arial, sans-serif", "size": 13, "color": "#1c2833"},
        legend={"orientation": "h", "yanchor": "bottom", "y": 1.0, "xanchor": "right", "x": 1.0},
        hoverlabel={"font_size": 13},
    )
    return fig


def axis_format(unit: str) -> dict:
    if unit == "rate":
        return {"tickformat": ".0%", "rangemode": "tozero"}
    return {"tickformat": ",.0f" if unit in ("people", "idr", "idr_per_jp") else ",.1f", "rangemode": "tozero"}


def n_text(n: object, lang: str, hidden: str = "") -> str:
    """'n = 1.234'; an n withheld with a hidden survey figure reads as the hidden label ('n < 5'), never a
    count."""
    if n is None or n != n:  # type: ignore[comparison-overlap]
        return hidden or t("suppressed_short", lang)
    return f"n = {fmt_number(n, lang, 0)}"  # type: ignore[arg-type]


def hidden_of(settings: Settings | None) -> str:
    """The hidden label of the configured minimum: 'n < 5' (the defaults' without settings)."""
    return f"n < {(settings or Settings()).min_respondents}"


def axis_title(key: str, lang: str) -> str:
    """A dimension's label as an axis title; other keys (survey aspects, bands) need none."""
    return dim_label(key, lang) if key in _DIMS or key == "year" else ""


def group_label(key: str, code: object, lang: str, names: Mapping[str, str] | None = None) -> str:
    """How a group reads on a chart: an OPD or unit kerja by its name, any other code by its label. Names and
    codes come from the data, and plotly reads <b>, <a href=…> and &entities; in text as markup: made literal."""
    return escape_plotly((names or {}).get(code, code) if key in ("opd", "unit") else code_label(key, code, lang))


def as_float(value: object) -> float | None:
    return None if value is None or value != value else float(value)  # type: ignore[operator]


_ORDER = {
    "area": ("urban", "rural", "remote"),
    "age_band": rules.AGE_BANDS,
    "education": ("SD", "SMP", "SMA", "D1", "D2", "D3", "D4", "S1", "S2", "S3"),
    "group": ("0", "below", "reached"),
    "position_type": ("jpt", "administrator", "pengawas", "fungsional", "pelaksana"),
    "band": ("low", "medium", "high"),
    "rating": ("sangat_baik", "baik", "butuh_perbaikan", "kurang", "sangat_kurang"),
}


def ordered(frame: pd.DataFrame, key: str, value: str | None = None) -> pd.DataFrame:
    """Rows in the dimension's natural order (age bands, education, ...), else by value, descending."""
    if key in _ORDER:
        rank = {k: i for i, k in enumerate(_ORDER[key])}
        return frame.iloc[sorted(range(len(frame)), key=lambda i: (rank.get(frame[key].iloc[i], 99),
                                                                    str(frame[key].iloc[i])))]
    if key == "rank_group":
        return frame.sort_values(key, key=lambda col: col.astype(str).map(_rank_key))
    if value is not None:
        return frame.sort_values(value, ascending=False, na_position="last")
    return frame


def _rank_key(code: str) -> str:
    pppk = code.startswith("PPPK")
    roman = code.replace("PPPK ", "")
    numerals = {"I": 1, "V": 5, "X": 10}
    total, prev = 0, 0
    for ch in reversed(roman):
        v = numerals.get(ch, 0)
        total = total - v if v < prev else total + v
        prev = max(prev, v)
    return f"{int(pppk)}{total:02d}"


